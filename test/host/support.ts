// Test support for the host: a real host (the embedded emulator on loopback, SQLite in a temp data
// directory, fast polling) driven through dispatch exactly as IPC or HTTP would, every event it
// pushes recorded, and bounded waits for the events a spec expects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { generateSigningKey } from '../../src/emulator/auth/token-service.js';
import { createHost } from '../../src/host/create-host.js';
import { dispatch } from '../../src/host/dispatch.js';
import { fileSecretBox } from '../../src/host/file-secret-box.js';
import type { Host, HostOptions } from '../../src/host/types.js';
import type {
  BridgeArgs,
  BridgeCallName,
  BridgeEvent,
  BridgeFailure,
  BridgeResults,
} from '../../src/shared/bridge/index.js';

/** One RSA key per test file: generating one per emulator costs more than the test. */
const signingKey = generateSigningKey();
export const POLL_DELAY_MS = 20;
export const CREDIT_USER = '+4520031801';
export const DEBIT_USER = '+4520031802';
export const NO_PARTIAL_CAPTURE_USER = '+4520031805';

export interface TestHost {
  readonly host: Host;
  readonly dataDir: string;
  /** Every event pushed since the host started, oldest first. */
  readonly events: BridgeEvent[];
  /** Calls through dispatch; a failure result fails the spec with its code and message. */
  call<K extends BridgeCallName>(name: K, args?: BridgeArgs[K]): Promise<BridgeResults[K]>;
  /** Calls through dispatch and expects a failure. */
  fail(name: string, args?: unknown): Promise<BridgeFailure>;
  /** The first event (already pushed or still to come) that matches, within `timeoutMs`. */
  waitFor<E extends BridgeEvent>(match: (event: BridgeEvent) => event is E, timeoutMs?: number): Promise<E>;
  waitFor(match: (event: BridgeEvent) => boolean, timeoutMs?: number): Promise<BridgeEvent>;
  /** Closes the host, keeping the data directory (for restarts). */
  stop(): Promise<void>;
}

const dirs = new Set<string>();
const hosts = new Set<TestHost>();
afterEach(async () => {
  for (const host of [...hosts]) await host.stop();
  for (const dir of [...dirs]) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
});

/** A fresh data directory, removed after the test. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pos-sim-host-'));
  dirs.add(dir);
  return dir;
}

/** Starts a host on the embedded emulator (poll delay 20 ms) in `dataDir` (a fresh one by default). */
export async function startTestHost(overrides: Partial<HostOptions> = {}): Promise<TestHost> {
  const dataDir = overrides.dataDir ?? tempDataDir();
  const events: BridgeEvent[] = [];
  const waiters = new Set<() => void>();
  const options: HostOptions = {
    mode: 'web',
    version: '1.2.3',
    dataDir,
    secrets: fileSecretBox(dataDir),
    openWindow: (name) => ({ opened: false, url: `/${name === 'checkout' ? '' : name}` }),
    pollDelayMs: POLL_DELAY_MS,
    sweepIntervalMs: 60_000,
    // No radios unless a spec asks for them: specs run side by side and must not hear each other.
    hardware: { mode: 'off', phone: { mode: 'off' } },
    ...overrides,
    emulator: { signingKey, ...overrides.emulator },
  };
  const host = await createHost(options);
  const unsubscribe = host.subscribe((event) => {
    events.push(event);
    for (const wake of [...waiters]) wake();
  });
  let stopped = false;
  const test: TestHost = {
    host,
    dataDir,
    events,
    async call(name, args) {
      const result = await dispatch(host.handlers, name, args ?? {});
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as BridgeResults[typeof name];
    },
    async fail(name, args) {
      const result = await dispatch(host.handlers, name, args ?? {});
      if (result.ok)
        throw new Error(`${name} was expected to fail but answered ${JSON.stringify(result.value)}`);
      return result.error;
    },
    waitFor(match: (event: BridgeEvent) => boolean, timeoutMs = 5_000): Promise<BridgeEvent> {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = events.find(match);
          if (found === undefined) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const kinds = events
            .slice(-15)
            .map((e) => (e.kind === 'payment' ? `payment:${e.payment.status}` : e.kind));
          reject(new Error(`no matching event within ${timeoutMs} ms; last events: ${kinds.join(', ')}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      hosts.delete(test);
      unsubscribe();
      await host.close();
    },
  } as TestHost;
  hosts.add(test);
  return test;
}

/** Is this a 'payment' event of that journal id in that status? */
export function paymentIs(journalId: string, status: string) {
  return (event: BridgeEvent): event is Extract<BridgeEvent, { kind: 'payment' }> =>
    event.kind === 'payment' && event.payment.journalId === journalId && event.payment.status === status;
}

/** Is this a 'refund' event of that journal id in that status? */
export function refundIs(journalId: string, status: string) {
  return (event: BridgeEvent): event is Extract<BridgeEvent, { kind: 'refund' }> =>
    event.kind === 'refund' && event.refund.journalId === journalId && event.refund.status === status;
}

/** Does the phone show a payment waiting for its answer in that status? */
export function phonePending(status: string) {
  return (event: BridgeEvent): event is Extract<BridgeEvent, { kind: 'phone' }> =>
    event.kind === 'phone' && event.phone.pending?.status === status;
}

/** Timers the test fires by hand: what was scheduled, and a way to run it. */
export class ManualTimers {
  readonly scheduled: { readonly ms: number; readonly run: () => void; cancelled: boolean }[] = [];

  readonly setTimeout = (run: () => void, ms: number): unknown => {
    const entry = { ms, run, cancelled: false };
    this.scheduled.push(entry);
    return entry;
  };

  readonly clearTimeout = (handle: unknown): void => {
    (handle as { cancelled: boolean }).cancelled = true;
  };

  /** The timers still waiting. */
  get pending(): { readonly ms: number; readonly run: () => void; cancelled: boolean }[] {
    return this.scheduled.filter((entry) => !entry.cancelled);
  }

  /** Fires every waiting timer, as if its time had come. */
  fireAll(): void {
    for (const entry of this.pending) {
      entry.cancelled = true;
      entry.run();
    }
  }
}
