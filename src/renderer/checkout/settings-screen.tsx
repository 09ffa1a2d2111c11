// The Settings tab: the backend (embedded emulator or an external PoS v10 base URL), the integrator
// client id and write-only secret, the client system name and version, the merchant VAT; and who and
// where the app is. Test ids: settings-backend (-embedded, -external), settings-api-base-url,
// settings-client-id, settings-client-secret, settings-secret-stored, settings-system-name,
// settings-system-version, settings-merchant-vat, settings-save, settings-saved, settings-problem, app-info.
import { useState, type FormEvent } from 'react';
import type { AppInfo, BridgeArgs, SettingsView } from '../../shared/bridge/index.js';
import { ChoiceGroup } from '../components/choice-group.js';
import { FailureMessage, ProblemMessage } from '../components/messages.js';
import { isValidClientVersion, isValidVat } from '../../shared/pos-v10/formats.js';
import { useAppStore } from '../stores/app-store.js';
import { TextField } from '../components/text-field.js';

/** Why these settings cannot be saved; null when they can. */
export function settingsProblem(input: BridgeArgs['settingsSave']): string | null {
  if (input.backend.kind === 'external' && !/^https?:\/\/\S+$/.test(input.backend.apiBaseUrl))
    return 'The external backend needs a base URL starting with http:// or https://.';
  if (input.clientId === '') return 'The client id is missing.';
  if (input.clientSystemName === '') return 'The client system name is missing.';
  if (!isValidClientVersion(input.clientSystemVersion))
    return 'The client system version is Major.Minor.Build, e.g. 1.0.0.';
  if (!isValidVat(input.merchantVat)) return 'The merchant VAT is DK or FI and 8 digits, e.g. DK12345678.';
  return null;
}

/** The app's facts for the tester. */
function AppFacts({ info }: { readonly info: AppInfo }) {
  return (
    <dl className="facts" data-testid="app-info">
      <div className="fact">
        <dt>Version</dt>
        <dd>{info.version}</dd>
      </div>
      <div className="fact">
        <dt>Mode</dt>
        <dd>{info.mode}</dd>
      </div>
      <div className="fact">
        <dt>Backend</dt>
        <dd className="mono">
          {info.backend.kind}: {info.backend.apiBaseUrl}
        </dd>
      </div>
      <div className="fact">
        <dt>Data directory</dt>
        <dd className="mono">{info.dataDir}</dd>
      </div>
    </dl>
  );
}

/** The settings form, filled from what the host has saved. */
function SettingsForm({ settings }: { readonly settings: SettingsView }) {
  const { busy, error, saved, saveSettings } = useAppStore();
  const [backend, setBackend] = useState<'embedded' | 'external'>(settings.backend.kind);
  const [apiBaseUrl, setApiBaseUrl] = useState(
    settings.backend.kind === 'external' ? settings.backend.apiBaseUrl : '',
  );
  const [clientId, setClientId] = useState(settings.clientId);
  const [clientSecret, setClientSecret] = useState('');
  const [systemName, setSystemName] = useState(settings.clientSystemName);
  const [systemVersion, setSystemVersion] = useState(settings.clientSystemVersion);
  const [vat, setVat] = useState(settings.merchantVat);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: BridgeArgs['settingsSave'] = {
      backend:
        backend === 'external' ? { kind: 'external', apiBaseUrl: apiBaseUrl.trim() } : { kind: 'embedded' },
      clientId: clientId.trim(),
      ...(clientSecret === '' ? {} : { clientSecret }),
      clientSystemName: systemName.trim(),
      clientSystemVersion: systemVersion.trim(),
      merchantVat: vat.trim().toUpperCase(),
    };
    const found = settingsProblem(input);
    setProblem(found);
    if (found === null) void saveSettings(input).then((ok) => ok && setClientSecret(''));
  };

  const secretHint = settings.hasClientSecret
    ? `A secret is stored (${settings.secretStorage === 'safe-storage' ? 'OS keychain' : 'private file'}). Leave empty to keep it.`
    : 'No secret stored yet.';
  return (
    <form className="form settings" onSubmit={submit} aria-labelledby="settings-title">
      <ChoiceGroup
        legend="Backend"
        testIdPrefix="settings-backend"
        value={backend}
        onChange={setBackend}
        choices={[
          { value: 'embedded', label: 'Embedded emulator' },
          { value: 'external', label: 'External PoS v10 API' },
        ]}
      />
      {backend === 'external' ? (
        <TextField
          label="API base URL"
          testId="settings-api-base-url"
          value={apiBaseUrl}
          onChange={setApiBaseUrl}
          placeholder="https://api.example.com"
        />
      ) : null}
      <TextField label="Client id" testId="settings-client-id" value={clientId} onChange={setClientId} />
      <TextField
        label="Client secret"
        testId="settings-client-secret"
        type="password"
        value={clientSecret}
        onChange={setClientSecret}
        placeholder={settings.hasClientSecret ? 'stored' : ''}
        hint={<span data-testid="settings-secret-stored">{secretHint}</span>}
      />
      <TextField
        label="Client system name"
        testId="settings-system-name"
        value={systemName}
        onChange={setSystemName}
      />
      <TextField
        label="Client system version"
        testId="settings-system-version"
        value={systemVersion}
        onChange={setSystemVersion}
        placeholder="1.0.0"
      />
      <TextField
        label="Merchant VAT number"
        testId="settings-merchant-vat"
        value={vat}
        onChange={setVat}
        placeholder="DK12345678"
      />
      <ProblemMessage text={problem} testId="settings-problem" />
      <FailureMessage failure={error} />
      <button
        type="submit"
        className="button primary big"
        data-testid="settings-save"
        disabled={busy !== null}
      >
        Save settings
      </button>
      <p role="status" className="hint" data-testid="settings-saved">
        {saved ? 'Saved.' : ''}
      </p>
    </form>
  );
}

/** The settings screen. */
export function SettingsScreen() {
  const settings = useAppStore((state) => state.settings);
  const info = useAppStore((state) => state.info);
  return (
    <div className="checkout-grid">
      <section aria-labelledby="settings-title">
        <h2 id="settings-title">Settings</h2>
        {settings ? (
          <SettingsForm key={JSON.stringify(settings)} settings={settings} />
        ) : (
          <p className="empty">Loading settings…</p>
        )}
      </section>
      <section aria-labelledby="about-title">
        <h2 id="about-title">About this app</h2>
        {info ? <AppFacts info={info} /> : <p className="empty">Loading…</p>}
      </section>
    </div>
  );
}
