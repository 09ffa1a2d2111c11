// Where the terminal's PoS v10 calls go: the embedded emulator on loopback (the default; its state
// in `<dataDir>/emulator.db`, so the PoS and the payments survive a restart) or an external base URL.
import { join } from 'node:path';
import { sqlitePersistence } from '../emulator/domain/sqlite-persistence.js';
import { startEmbeddedEmulator, type RunningEmulator } from '../emulator/listen.js';
import { DEFAULT_POLL_DELAY_MS, type EmulatorOptions } from '../emulator/options.js';
import type { BackendView } from '../shared/bridge/index.js';
import type { Settings } from './settings-store.js';

/** The embedded emulator's SQLite file inside the data directory. */
export const EMULATOR_DATA_FILE = 'emulator.db';

/** A backend the engine can call; close() stops the embedded emulator (nothing for an external one). */
export interface RunningBackend {
  readonly view: BackendView;
  readonly apiBaseUrl: string;
  /** The running emulator, when embedded (tests reach its control plane through it). */
  readonly emulator: RunningEmulator | null;
  close(): Promise<void>;
}

export interface BackendOptions {
  readonly dataDir: string;
  readonly pollDelayMs?: number;
  readonly port?: number;
  /** Overrides of the embedded emulator's options (tests: a virtual clock, a signing key, memory). */
  readonly emulator?: EmulatorOptions;
}

/** Whether two settings name the same backend (then a running one is kept across a settings save). */
export function sameBackend(a: Settings['backend'], b: Settings['backend']): boolean {
  if (a.kind === 'embedded' || b.kind === 'embedded') return a.kind === b.kind;
  return a.apiBaseUrl.replace(/\/+$/, '') === b.apiBaseUrl.replace(/\/+$/, '');
}

/** Starts the embedded emulator on 127.0.0.1 or names the external URL. */
export async function startBackend(
  backend: Settings['backend'],
  options: BackendOptions,
): Promise<RunningBackend> {
  if (backend.kind === 'external') {
    const apiBaseUrl = backend.apiBaseUrl.replace(/\/+$/, '');
    return {
      view: { kind: 'external', apiBaseUrl },
      apiBaseUrl,
      emulator: null,
      close: async () => undefined,
    };
  }
  const pollDelayMs = options.emulator?.pollDelayMs ?? options.pollDelayMs ?? DEFAULT_POLL_DELAY_MS;
  const persistence =
    options.emulator?.persistence ?? sqlitePersistence(join(options.dataDir, EMULATOR_DATA_FILE));
  let emulator: RunningEmulator;
  try {
    emulator = await startEmbeddedEmulator(
      { host: '127.0.0.1', port: options.port ?? 0 },
      { clock: 'real', ...options.emulator, pollDelayMs, persistence },
    );
  } catch (error) {
    // A failed build or listen must not keep the database open (closing twice is harmless).
    persistence.close();
    throw error;
  }
  let closing: Promise<void> | null = null;
  return {
    view: { kind: 'embedded', apiBaseUrl: emulator.url, pollDelayMs },
    apiBaseUrl: emulator.url,
    emulator,
    close: () => (closing ??= emulator.close()),
  };
}
