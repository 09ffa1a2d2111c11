// Support for the onboarding, check-in and notification specs: an engine context against a real
// emulator on loopback, a journal in a temp directory, the engine's events recorded, and two fake
// clocks: the PoS client's (timeouts held until expired) and the flows' own waits (ctx.deps).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { EmulatorOptions } from '../../../src/emulator/options.js';
import {
  PosClient,
  UserSimulationClient,
  type ClientDeps,
  type ExchangeEvent,
  type PosClientConfig,
} from '../../../src/terminal/api/index.js';
import type { EngineContext } from '../../../src/terminal/context.js';
import { EngineEvents, type CheckInEvent, type EngineEvent } from '../../../src/terminal/events.js';
import { openJournal, type Journal, type PosConfigInput } from '../../../src/terminal/journal/index.js';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_STORE_ID,
  DEMO_VAT,
  FakeTime,
  demoConfig,
  fakeDeps,
  startSandbox,
  type Sandbox,
} from '../api/support.js';

export { CREDIT_USER, DEMO_STORE_ID, FakeTime, type Sandbox } from '../api/support.js';
/** The DK test user with one loyalty id (DK-LOYALTY-1804). */
export const LOYALTY_USER = '+4520031804';
/** A GUID in either case. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A 15-digit beaconId as MobilePay prints it on a sticker. */
export const STICKER_BEACON = '100000000000015';
/** A GUID beaconId printed on an earlier QR code. */
export const PRINTED_GUID = '5c3e1f4a-8b2d-4e6f-9a1b-2c3d4e5f6a7b';

/** What a spec may change about its bench. */
export interface BenchOptions {
  /** The VAT the client acts for (default the demo merchant DK12345678). */
  readonly vat?: string;
  readonly emulator?: EmulatorOptions;
  readonly client?: Partial<PosClientConfig>;
  readonly clientDeps?: Partial<ClientDeps>;
}

/** An engine context on a running emulator, and what a spec looks at. */
export interface Bench {
  readonly sandbox: Sandbox;
  readonly ctx: EngineContext;
  readonly journal: Journal;
  /** The PoS client's time: its timeout waits are held until expireTimeouts(). */
  readonly clientTime: FakeTime;
  /**
   * The flows' own waits (ctx.deps.sleep): without a signal they are recorded in backoffs and pass at
   * once (after `duringWait` ran); with a signal they are held until it aborts. Also the journal's
   * and the exchanges' clock.
   */
  readonly flowTime: FakeTime;
  readonly users: UserSimulationClient;
  readonly events: EngineEvent[];
  readonly exchanges: ExchangeEvent[];
  /** What the world does during the n-th flow wait without a signal (1-based), before the wait ends. */
  duringWait: (n: number) => unknown;
  notices(): string[];
  checkIns(): CheckInEvent[];
  /** The exchanges of the client with this method whose path (no query) matches. */
  calls(method: string, path: RegExp): ExchangeEvent[];
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts an emulator and an engine context on it; both are closed after the test. */
export async function startBench(options: BenchOptions = {}): Promise<Bench> {
  const sandbox = await startSandbox(options.emulator);
  const dir = mkdtempSync(join(tmpdir(), 'pos-sim-onboarding-'));
  const clientTime = new FakeTime('held');
  const flowTime = new FakeTime('held');
  let counter = 0;
  const journal = openJournal(dir, {
    now: flowTime.now,
    newId: () => `00000000-0000-4000-8000-${(counter += 1).toString(16).padStart(12, '0')}`,
  });
  cleanups.push(async () => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
    await sandbox.close();
  });
  const exchanges: ExchangeEvent[] = [];
  const events = new EngineEvents();
  const deps = fakeDeps(clientTime, { now: flowTime.now, ...options.clientDeps });
  const client = new PosClient(
    demoConfig(sandbox.url, {
      merchantVat: options.vat ?? DEMO_VAT,
      onExchange: (exchange) => {
        exchanges.push(exchange);
        events.emit({ kind: 'request', at: exchange.at, exchange });
      },
      ...options.client,
    }),
    deps,
  );
  const users = new UserSimulationClient(
    { apiBaseUrl: sandbox.url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    fakeDeps(clientTime),
  );
  let waits = 0;
  const bench: Bench = {
    sandbox,
    journal,
    clientTime,
    flowTime,
    users,
    exchanges,
    events: [],
    duringWait: () => undefined,
    ctx: {
      client,
      journal,
      events,
      deps: fakeDeps(flowTime, {
        sleep: async (ms, signal) => {
          if (signal === undefined) {
            waits += 1;
            if (waits > 40) throw new Error('the flow waited more than 40 times');
            await bench.duringWait(waits);
          }
          return flowTime.sleep(ms, signal);
        },
      }),
    },
    notices: () => bench.events.flatMap((e) => (e.kind === 'notice' ? [e.message] : [])),
    checkIns: () => bench.events.filter((e): e is CheckInEvent => e.kind === 'checkin'),
    calls: (method, path) =>
      exchanges.filter((e) => e.method === method && path.test(new URL(e.url).pathname)),
  };
  events.subscribe((event) => void bench.events.push(event));
  return bench;
}

/** A PoS configuration for the demo store, QR only, beaconId generated by MobilePay. */
export function configFor(overrides: Partial<PosConfigInput> = {}): PosConfigInput {
  return {
    storeId: DEMO_STORE_ID,
    merchantPosId: 'till-1',
    posName: 'Till 1',
    beaconId: null,
    supportedBeaconTypes: ['QR'],
    callbackAlias: null,
    requirePaymentBeforeCheckin: false,
    merchantVat: DEMO_VAT,
    ...overrides,
  };
}

async function control(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sandbox.url}/emulator${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`control plane ${method} ${path}: ${response.status}`);
  return response.json();
}

/** Points a callback alias at a URL, as MobilePay does after whitelisting it. */
export async function registerCallback(sandbox: Sandbox, alias: string, url: string): Promise<void> {
  await control(sandbox, 'PUT', `/callbacks/${encodeURIComponent(alias)}`, { url });
}

/** The points of sale the emulator has not deleted, as stored. */
export async function activePointsOfSale(sandbox: Sandbox): Promise<Record<string, unknown>[]> {
  const state = (await control(sandbox, 'GET', '/state')) as { pointsOfSale: Record<string, unknown>[] };
  return state.pointsOfSale.filter((pos) => pos['deletedAt'] === null);
}

/** Waits (bounded, in 1 ms steps of real time) until the condition holds. */
export async function eventually(condition: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** The promise's value, or a failure after `limitMs` of real time. */
export async function within<T>(promise: Promise<T>, what: string, limitMs = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), limitMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the promise fails with (an Error saying so if it succeeds). */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );
}
