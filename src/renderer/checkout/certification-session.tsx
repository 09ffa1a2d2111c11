// The certification screen while the till is linked to a session: who is certified, the progress,
// the step the service waits for (what to do on the till, what the service does, what is judged),
// the latest verdict, the result with the report and certificate once completed, and restart / stop.
// Test ids: cert-session, cert-identification, cert-progress, cert-current-step (data-step-id),
// cert-current-case, cert-current-instruction, cert-current-service, cert-current-judges,
// cert-last-verdict (data-status, data-step-id), cert-result (data-passed), cert-report-link,
// cert-certificate-link, cert-no-certificate, cert-restart, cert-stop, plus the case list's.
import { SECTION_TITLES, type SessionView } from '../../shared/certification.js';
import type { CertificationView } from '../../shared/bridge/index.js';
import {
  currentStep,
  lastVerdict,
  progressText,
  resultText,
  sessionLinks,
  sessionProgress,
  statusWords,
} from '../lib/certification-words.js';
import { useCertificationStore } from '../stores/certification-store.js';
import { CertificationCases } from './certification-cases.js';

/** Who and what is certified, and where the till's calls go meanwhile. */
function Identification({
  view,
  session,
}: {
  readonly view: CertificationView;
  readonly session: SessionView;
}) {
  const { identification } = session;
  const facts: readonly (readonly [string, string])[] = [
    ['Client system name', identification.clientSystemName],
    ['Client id', identification.clientId],
    ['Version', identification.clientSystemVersion],
    ['Merchant VAT', identification.merchantVat],
    ['Sections', session.sections.map((id) => SECTION_TITLES[id]).join(', ')],
    ['Session', session.id],
    ['Service', view.serviceUrl ?? '—'],
    ['Till calls', view.apiBaseUrl ?? session.apiBaseUrl],
  ];
  const technical = new Set(['Session', 'Service', 'Till calls']);
  return (
    <section aria-labelledby="cert-identification-title">
      <h2 id="cert-identification-title">Identification</h2>
      <dl className="facts" data-testid="cert-identification">
        {facts.map(([term, value]) => (
          <div key={term} className="fact">
            <dt>{term}</dt>
            <dd className={technical.has(term) ? 'mono' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The step the service waits for, in large type: the tester's next move. */
function CurrentStep({ session }: { readonly session: SessionView }) {
  const found = currentStep(session);
  if (found === null) return null;
  const { step } = found;
  return (
    <section
      className="cert-current"
      aria-labelledby="cert-current-title"
      data-testid="cert-current-step"
      data-step-id={step.id}
    >
      <p className="cert-current-case" data-testid="cert-current-case">
        {SECTION_TITLES[found.case.section]} · Case {found.number}: {found.case.title}
      </p>
      <h2 id="cert-current-title">{step.title}</h2>
      <dl className="cert-current-facts">
        <dt>Do on the till</dt>
        <dd className="cert-instruction" data-testid="cert-current-instruction">
          {step.instruction}
        </dd>
        <dt>The service</dt>
        <dd data-testid="cert-current-service">{step.service}</dd>
        <dt>Judged</dt>
        <dd data-testid="cert-current-judges">
          {step.judges} <span className="hint">({step.rule})</span>
        </dd>
      </dl>
    </section>
  );
}

/** The verdict given last, so a pass or a fail shows the moment the judge gives it. */
function LastVerdict({ session }: { readonly session: SessionView }) {
  const last = lastVerdict(session);
  if (last === null) return null;
  return (
    <p
      className={`cert-last-verdict cert-last-${last.step.status}`}
      data-testid="cert-last-verdict"
      data-status={last.step.status}
      data-step-id={last.step.id}
      role="status"
    >
      Last verdict: {last.case.title}, {last.step.title}: <strong>{statusWords[last.step.status]}</strong>
      {last.step.reason ? ` (${last.step.reason})` : ''}
    </p>
  );
}

/** The outcome of a completed session, with the report and (when passed) the certificate. */
function Result({ view, session }: { readonly view: CertificationView; readonly session: SessionView }) {
  const links = view.serviceUrl === null ? null : sessionLinks(view.serviceUrl, session.id);
  return (
    <section
      className={session.passed ? 'cert-result passed' : 'cert-result failed'}
      data-testid="cert-result"
      data-passed={String(session.passed)}
      aria-labelledby="cert-result-title"
    >
      <h2 id="cert-result-title">{resultText(session)}</h2>
      {links ? (
        <ul className="cert-links">
          <li>
            {/* A link, not a call: the CSP lets the browser (or Electron's system browser) open it. */}
            <a href={links.report} target="_blank" rel="noreferrer" data-testid="cert-report-link">
              Open the report
            </a>{' '}
            <span className="hint">printable, with every step, its timing and failures</span>
          </li>
          {session.passed ? (
            <li>
              <a
                href={links.certificate}
                target="_blank"
                rel="noreferrer"
                data-testid="cert-certificate-link"
              >
                Open the certificate
              </a>{' '}
              <span className="hint">
                signed; it covers version {majorMinor(session)} and any build of it
              </span>
            </li>
          ) : (
            <li className="hint" data-testid="cert-no-certificate">
              No certificate: it needs every step passed. Restart to try again.
            </li>
          )}
        </ul>
      ) : null}
    </section>
  );
}

/** "1.4" of "1.4.12": what a certificate covers. */
function majorMinor(session: SessionView): string {
  return session.identification.clientSystemVersion.split('.').slice(0, 2).join('.');
}

/** Restart (a fresh session, same client and sections) and stop (the till back on its settings). */
function Controls() {
  const busy = useCertificationStore((state) => state.busy);
  const { restart, stop } = useCertificationStore.getState();
  return (
    <div className="toolbar cert-controls">
      <button
        type="button"
        className="button primary"
        data-testid="cert-restart"
        disabled={busy !== null}
        onClick={() => void restart()}
      >
        {busy === 'restart' ? 'Restarting…' : 'Restart certification'}
      </button>
      <button
        type="button"
        className="button danger"
        data-testid="cert-stop"
        disabled={busy !== null}
        onClick={() => void stop()}
      >
        {busy === 'stop' ? 'Stopping…' : 'Stop certification'}
      </button>
      <span className="hint">Stop puts the till back on its own settings.</span>
    </div>
  );
}

/** Everything about the running (or completed) session. */
export function CertificationSession({ view }: { readonly view: CertificationView }) {
  const { session } = view;
  if (session === null)
    return (
      <div data-testid="cert-session">
        <p className="empty">Waiting for the certification session…</p>
        <Controls />
      </div>
    );
  const completed = session.phase === 'completed';
  return (
    <div data-testid="cert-session">
      <div className="checkout-grid">
        <div>
          <p className="cert-progress" data-testid="cert-progress" aria-live="polite">
            {progressText(sessionProgress(session))}
          </p>
          {completed ? <Result view={view} session={session} /> : <CurrentStep session={session} />}
          {!completed && session.current === null ? (
            <p className="empty">Every step is done; waiting for the last verdicts…</p>
          ) : null}
          <LastVerdict session={session} />
          <Controls />
        </div>
        <Identification view={view} session={session} />
      </div>
      <CertificationCases session={session} />
    </div>
  );
}
