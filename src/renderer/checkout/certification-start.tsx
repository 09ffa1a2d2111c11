// The certification screen before a session: which service (the embedded emulator's or one at a
// URL), which sections (onboarding always; loyalty, from the older guide, only when asked), who is
// certified (the till's own client from Settings), and what connecting does to the till.
// Test ids: cert-start-form, cert-service (-embedded, -remote), cert-service-url, cert-identity,
// cert-section-<id> (one checkbox per section), cert-explanation, cert-form-problem, cert-start.
import { useState, type FormEvent } from 'react';
import {
  CERTIFICATION_MERCHANT,
  CERTIFICATION_SECTIONS,
  SECTION_TITLES,
  type SectionId,
} from '../../shared/certification.js';
import type { SettingsView } from '../../shared/bridge/index.js';
import { ChoiceGroup } from '../components/choice-group.js';
import { ProblemMessage } from '../components/messages.js';
import { TextField } from '../components/text-field.js';
import {
  MANDATORY_SECTION,
  defaultSections,
  sectionsToStart,
  serviceUrlProblem,
} from '../lib/certification-words.js';
import { useAppStore } from '../stores/app-store.js';
import { useCertificationStore } from '../stores/certification-store.js';

type Service = 'embedded' | 'remote';

const serviceChoices = [
  { value: 'embedded', label: 'Embedded emulator' },
  { value: 'remote', label: 'Another service (URL)' },
] as const;

/** The merchant the host certifies as: the Finnish one for a Finnish till, else the Danish one. */
function certificationVat(settings: SettingsView): string {
  return settings.merchantVat.startsWith('FI') ? CERTIFICATION_MERCHANT.vatFi : CERTIFICATION_MERCHANT.vatDk;
}

/** Who the session certifies: the till's own client, as Settings has it. */
function Identity() {
  const settings = useAppStore((state) => state.settings);
  if (settings === null) return null;
  return (
    <p data-testid="cert-identity">
      Certifies this till’s client <strong>{settings.clientSystemName}</strong> version{' '}
      <span className="mono">{settings.clientSystemVersion}</span> (client id{' '}
      <span className="mono">{settings.clientId}</span>), calling as the certification merchant{' '}
      <span className="mono">{certificationVat(settings)}</span>. Change them under Settings first.
    </p>
  );
}

/** One checkbox per section; onboarding is checked for good. */
function SectionChoices({
  chosen,
  onToggle,
}: {
  readonly chosen: readonly SectionId[];
  readonly onToggle: (id: SectionId, on: boolean) => void;
}) {
  return (
    <fieldset className="cert-sections">
      <legend>Sections</legend>
      {CERTIFICATION_SECTIONS.map((id) => {
        const mandatory = id === MANDATORY_SECTION;
        return (
          <label key={id} className="check">
            <input
              type="checkbox"
              data-testid={`cert-section-${id}`}
              checked={mandatory || chosen.includes(id)}
              disabled={mandatory}
              onChange={(event) => onToggle(id, event.target.checked)}
            />
            {SECTION_TITLES[id]}
            {mandatory ? <span className="hint"> (mandatory)</span> : null}
            {id === 'loyalty' ? <span className="hint"> (optional, from the older guide)</span> : null}
          </label>
        );
      })}
    </fieldset>
  );
}

/** The start form. */
export function CertificationStart() {
  const backendKind = useAppStore((state) => state.info?.backend.kind);
  const busy = useCertificationStore((state) => state.busy);
  const start = useCertificationStore((state) => state.start);
  // An external backend has no embedded service: the tester must name one.
  const [service, setService] = useState<Service>(backendKind === 'external' ? 'remote' : 'embedded');
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<readonly SectionId[]>(defaultSections);
  const [problem, setProblem] = useState<string | null>(null);

  const toggle = (id: SectionId, on: boolean) =>
    setChosen((current) => (on ? [...current, id] : current.filter((other) => other !== id)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const serviceUrl = service === 'remote' ? url.trim() : null;
    const found = serviceUrl === null ? null : serviceUrlProblem(serviceUrl);
    setProblem(found);
    if (found === null) void start({ serviceUrl, sections: sectionsToStart(chosen) });
  };

  return (
    // noValidate: the URL's problem is said in the till's words (ProblemMessage), not the browser's.
    <form className="form cert-start" data-testid="cert-start-form" noValidate onSubmit={submit}>
      <ChoiceGroup
        legend="Certification service"
        testIdPrefix="cert-service"
        value={service}
        onChange={setService}
        choices={serviceChoices}
      />
      {service === 'remote' ? (
        <TextField
          label="Service URL"
          testId="cert-service-url"
          type="url"
          value={url}
          onChange={setUrl}
          placeholder="http://192.168.1.20:8080"
          hint="The emulator that serves the certification (its web UI is at /certification/)."
        />
      ) : backendKind === 'external' ? (
        <p className="warning">The till runs on an external backend, which has no embedded service.</p>
      ) : null}
      <SectionChoices chosen={chosen} onToggle={toggle} />
      <Identity />
      <p className="hint" data-testid="cert-explanation">
        While connected, the till’s PoS v10 calls go to the certification API, not to the backend in Settings,
        with a journal of their own. Then do each step with the normal checkout; the service judges the till’s
        requests. Stop puts the till back on its own settings.
      </p>
      <ProblemMessage text={problem} testId="cert-form-problem" />
      <button type="submit" className="button primary big" data-testid="cert-start" disabled={busy !== null}>
        {busy === 'start' ? 'Starting…' : 'Start certification'}
      </button>
    </form>
  );
}
