// The host: the app's engine side, shared by Electron main and web mode. It owns the settings, the
// backend (the embedded emulator or an external one), the terminal engine, the customer display's
// state and the simulated phone, and answers every bridge call; the transports only carry them.
import type { PhoneTimers } from '../customer/phone-simulator.js';
import type { HostHardwareOptions } from './beacon-desk.js';
import type { EmulatorOptions } from '../emulator/options.js';
import type { ClientDeps } from '../terminal/api/index.js';
import type {
  BridgeCallName,
  BridgeEvent,
  BridgeResults,
  ParsedBridgeArgs,
  WindowName,
} from '../shared/bridge/index.js';

/** One implementation per call; it may throw (dispatch turns errors into failure results). */
export type BridgeHandlers = {
  readonly [K in BridgeCallName]: (args: ParsedBridgeArgs[K]) => Promise<BridgeResults[K]>;
};

/** Keeps the client secret: Electron's safeStorage in the app, a user-only file in web mode. */
export interface SecretBox {
  readonly kind: 'safe-storage' | 'file';
  /** Whether encryption is available at all (safeStorage may not be on a headless Linux). */
  readonly available: boolean;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/** What the composition root (main or the web command) gives the host. */
export interface HostOptions {
  readonly mode: 'electron' | 'web';
  /** The app's version (package.json), also the default client system version. */
  readonly version: string;
  /** Settings, the journal and the secret live here. */
  readonly dataDir: string;
  readonly secrets: SecretBox;
  /** Opens or focuses a window (Electron) or names its route (web); the host just forwards. */
  readonly openWindow: (name: WindowName, fullScreen: boolean) => BridgeResults['windowOpen'];
  /** The embedded emulator's poll delay (ms); default 1000 as the sandbox. */
  readonly pollDelayMs?: number;
  /** Port of the embedded emulator (0: any free port). */
  readonly emulatorPort?: number;

  // Test injection (all optional; the real world by default).
  /** Overrides of the embedded emulator's options: a virtual clock, a signing key, memory persistence. */
  readonly emulator?: EmulatorOptions;
  /** The engine's (and the phone's) clock, sleep, randomness and fetch. */
  readonly engineDeps?: Partial<ClientDeps>;
  /** Ids behind order ids, refund order ids and the demo PoS's beaconId (GUIDs by default). */
  readonly newId?: () => string;
  /** Ids of the journal's rows and idempotency keys (GUIDs by default). */
  readonly journalNewId?: () => string;
  /** The phone's timers, so a test decides when an auto-accept fires. */
  readonly timers?: PhoneTimers;
  /** The radios: the till's mode (else the saved choice, else 'auto'), a virtual medium, timers. */
  readonly hardware?: HostHardwareOptions;
  /** How often the sweeper retries journalled captures and cancels (ms; default 60 000). */
  readonly sweepIntervalMs?: number;
}

/** A running host: the handlers, the event stream, and close(). */
export interface Host {
  readonly handlers: BridgeHandlers;
  subscribe(listener: (event: BridgeEvent) => void): () => void;
  close(): Promise<void>;
}
