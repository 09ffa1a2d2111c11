// The host's state across settings changes: the settings, the backend (kept while the settings
// name the same one), the current till session (rebuilt on every save), and why there is none when
// it could not start. The host-level parts (events, HTTP log, display) outlive every session.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { defaultTestUsers } from '../emulator/test-users.js';
import type { AppInfo, SettingsView, TestUserView } from '../shared/bridge/index.js';
import { resolveConfig } from '../terminal/api/config.js';
import { isTerminalApiError } from '../terminal/api/index.js';
import { BeaconDesk } from './beacon-desk.js';
import { CertificationLink, type CertificationTarget } from './certification-link.js';
import { sameBackend, startBackend, type RunningBackend } from './backend.js';
import { CustomerDisplay } from './display.js';
import { EventHub } from './event-hub.js';
import { HostError, badInput, describeFailure } from './failure.js';
import { HttpLog } from './http-log.js';
import { TillSession } from './session.js';
import { SettingsStore, resolveSecret, type Settings, type SettingsInput } from './settings-store.js';
import type { HostOptions } from './types.js';

/** The sandbox's test users as the phone lists them when the backend cannot (an external one). */
const seedUsers: readonly TestUserView[] = defaultTestUsers.map(
  ({ phoneNumber, country, paymentSource, feature, loyaltyIds, partialCapturePossible }) => ({
    phoneNumber,
    country,
    paymentSource,
    feature,
    loyaltyIds,
    partialCapturePossible,
  }),
);

/** Checks settings the way the PoS client will, before anything is saved. */
function checkClientConfig(settings: Settings): void {
  try {
    resolveConfig({
      apiBaseUrl: settings.backend.kind === 'external' ? settings.backend.apiBaseUrl : 'http://127.0.0.1',
      clientId: settings.clientId,
      clientSecret: settings.clientSecret ?? 'unset',
      merchantVat: settings.merchantVat,
      clientSystemName: settings.clientSystemName,
      clientSystemVersion: settings.clientSystemVersion,
    });
  } catch (error) {
    if (isTerminalApiError(error)) throw badInput(error.message);
    throw error;
  }
}

/** Everything the handlers work with. */
export class HostRuntime {
  readonly hub: EventHub;
  readonly log = new HttpLog();
  readonly display: CustomerDisplay;
  readonly store: SettingsStore;
  /** The till's beacon radios and the phone's; they outlive sessions (one BLE stack per process). */
  readonly beacons: BeaconDesk;
  /** The certification screen's session; while it runs the till calls the service's API. */
  readonly certification: CertificationLink;
  private target: CertificationTarget | null = null;
  /** The phone's demo mode, kept across sessions. */
  autoAcceptSeconds: number | null = null;
  private current: Settings;
  private backend: { readonly running: RunningBackend; readonly of: Settings['backend'] } | null = null;
  private session: TillSession | null = null;
  private failure: HostError | null = null;
  private switching: Promise<void> | null = null;
  private closing: Promise<void> | null = null;

  constructor(readonly options: HostOptions) {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const now = options.engineDeps?.now ?? Date.now;
    this.hub = new EventHub(now);
    this.display = new CustomerDisplay((display) => this.hub.emit({ kind: 'display', display }));
    this.store = new SettingsStore(options.dataDir, options.secrets, options.version, (message) =>
      this.hub.notice('settings', message),
    );
    this.current = this.store.load();
    this.beacons = new BeaconDesk({
      dataDir: options.dataDir,
      hub: this.hub,
      options: options.hardware ?? {},
      onCheckIn: () => {
        const session = this.session;
        session?.checkInNow().catch((error: unknown) => this.hub.error('checkin', error));
      },
    });
    this.certification = new CertificationLink({
      dataDir: options.dataDir,
      hub: this.hub,
      fetch: options.engineDeps?.fetch ?? fetch,
      identity: () => this.current,
      embeddedUrl: () => (this.backend?.running.emulator ? this.backend.running.apiBaseUrl : null),
      switchApi: (target) => this.useApi(target),
    });
  }

  get settings(): Settings {
    return this.current;
  }

  settingsView(): SettingsView {
    return this.store.view(this.current);
  }

  /** Starts the backend and the first session; a failure is kept, not thrown (the settings can fix it). */
  async open(): Promise<void> {
    // The radios open beside the backend: a slow Bluetooth adapter does not hold the till up.
    await Promise.all([this.beacons.open(), this.start()]);
    // With the embedded backend the PoS is known by now: its beacon is on the air when the host is up.
    await this.beacons.settled();
  }

  /** The running session, or why there is none. */
  till(): TillSession {
    if (this.closing) throw new HostError('closed');
    if (this.switching)
      throw new HostError('busy', 'The till is restarting with the new settings: try again in a moment.');
    if (this.session === null) throw this.failure ?? new HostError('backend-unreachable');
    return this.session;
  }

  /** The session once its start-up (recovery, the PoS check) is done: before payments are taken. */
  async readyTill(): Promise<TillSession> {
    if (this.switching) await this.switching;
    const till = this.till();
    await till.ready;
    return till;
  }

  appInfo(): AppInfo {
    const { settings } = this;
    const backend =
      this.backend?.running.view ??
      (settings.backend.kind === 'external'
        ? { kind: 'external' as const, apiBaseUrl: settings.backend.apiBaseUrl }
        : { kind: 'embedded' as const, apiBaseUrl: '', pollDelayMs: this.options.pollDelayMs ?? 1000 });
    return { version: this.options.version, mode: this.options.mode, backend, dataDir: this.options.dataDir };
  }

  /** Validates and persists new settings, then restarts the till on them (refused while a sale is on). */
  async saveSettings(input: SettingsInput): Promise<SettingsView> {
    if (this.closing) throw new HostError('closed');
    if (this.switching) throw new HostError('busy', 'The settings are being applied: try again in a moment.');
    this.session?.checkout.assertIdle();
    const secret = resolveSecret(input, this.current);
    if (secret === null) throw badInput('Enter the integrator client secret.');
    const { clientSecret: _given, ...rest } = input;
    checkClientConfig({ ...rest, clientSecret: secret });
    this.current = this.store.save(input, this.current);
    await this.restartTill();
    this.hub.emit({ kind: 'settings', settings: this.settingsView() });
    return this.settingsView();
  }

  /** Points the till at a certification API (or back at its own backend with null), restarting it. */
  async useApi(target: CertificationTarget | null): Promise<void> {
    if (this.closing) throw new HostError('closed');
    if (this.switching) throw new HostError('busy', 'The till is restarting: try again in a moment.');
    this.session?.checkout.assertIdle();
    this.target = target;
    await this.restartTill();
  }

  private async restartTill(): Promise<void> {
    const restart = async (): Promise<void> => {
      const old = this.session;
      this.session = null;
      await old?.close();
      await this.start();
    };
    this.switching = restart();
    try {
      await this.switching;
    } finally {
      this.switching = null;
    }
    if (this.session === null) this.hub.emit({ kind: 'pos', pos: null });
  }

  /** Stops the session and the backend; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.certification.close();
      await this.switching?.catch(() => undefined);
      await this.session?.close();
      this.session = null;
      await this.backend?.running.close();
      this.backend = null;
      await this.beacons.close();
      this.hub.clear();
    })();
    return this.closing;
  }

  private async start(): Promise<void> {
    const { options } = this;
    const settings = this.current;
    this.failure = null;
    try {
      if (this.backend !== null && !sameBackend(this.backend.of, settings.backend)) {
        await this.backend.running.close();
        this.backend = null;
      }
      this.backend ??= {
        running: await startBackend(settings.backend, {
          dataDir: options.dataDir,
          ...(options.pollDelayMs === undefined ? {} : { pollDelayMs: options.pollDelayMs }),
          ...(options.emulatorPort === undefined ? {} : { port: options.emulatorPort }),
          ...(options.emulator === undefined ? {} : { emulator: options.emulator }),
        }),
        of: settings.backend,
      };
    } catch (error) {
      return this.fail(
        new HostError(
          'backend-unreachable',
          `The embedded payment service could not start: ${describeFailure(error).message}`,
        ),
      );
    }
    if (settings.clientSecret === null) return this.fail(new HostError('settings-incomplete'));
    try {
      const { target } = this;
      this.session = new TillSession({
        settings: {
          ...settings,
          clientSecret: settings.clientSecret,
          ...(target ? { merchantVat: target.merchantVat } : {}),
        },
        backend: target ? { ...this.backend.running, apiBaseUrl: target.apiBaseUrl } : this.backend.running,
        ...(target ? { journalDir: target.journalDir } : {}),
        dataDir: options.dataDir,
        hub: this.hub,
        log: this.log,
        display: this.display,
        newId: options.newId ?? randomUUID,
        ...(options.engineDeps ? { engineDeps: options.engineDeps } : {}),
        ...(options.journalNewId ? { engineNewId: options.journalNewId } : {}),
        ...(options.sweepIntervalMs === undefined ? {} : { sweepIntervalMs: options.sweepIntervalMs }),
        ...(options.timers ? { timers: options.timers } : {}),
        autoAcceptSeconds: this.autoAcceptSeconds,
        fallbackUsers: seedUsers,
      });
    } catch (error) {
      const failure = describeFailure(error);
      return this.fail(
        new HostError('settings-incomplete', `The settings cannot be used: ${failure.message}`),
      );
    }
    // The embedded backend answers at once: the till is ready (PoS, QR) when the host is. An external
    // one may be slow or down; its start-up goes on in the background and is announced as it goes.
    if (settings.backend.kind === 'embedded') await this.session.ready;
  }

  private async fail(failure: HostError): Promise<void> {
    this.failure = failure;
    this.hub.error('backend', failure);
    await this.display.update({ pos: null, storeName: null, payment: null, checkedIn: false });
  }
}
