// Test support for the flow specs: an EngineContext against a real emulator on loopback, with every
// part on one fake clock (the PoS client, the journal, the flows' poll waits and the emulator, whose
// request log is thereby timed in fake milliseconds), an onboarded PoS, and the customer's phone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { VirtualClock } from '../../../src/emulator/clock.js';
import type { RequestLogEntry } from '../../../src/emulator/control/request-log.js';
import type { EmulatorOptions } from '../../../src/emulator/options.js';
import type { PaymentStatus } from '../../../src/shared/pos-v10/schemas.js';
import {
  PosClient,
  UserSimulationClient,
  type ClientDeps,
  type PosClientConfig,
} from '../../../src/terminal/api/index.js';
import type { EngineContext } from '../../../src/terminal/context.js';
import { EngineEvents, type EngineEvent, type PaymentStateEvent } from '../../../src/terminal/events.js';
import { createPosBody, openJournal, type Journal } from '../../../src/terminal/journal/index.js';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_STORE_ID,
  DEMO_VAT,
  FakeTime,
  demoConfig,
  fakeDeps,
  newKey,
  seededRandom,
  startSandbox,
  type Sandbox,
} from '../api/support.js';

export { CREDIT_USER, FakeTime, newKey, type Sandbox } from '../api/support.js';
/** Test user whose card allows loyalty: one loyalty id (DK-LOYALTY-1804). */
export const LOYALTY_USER = '+4520031804';
/** Test user whose card cannot be partially captured. */
export const NO_PARTIAL_CAPTURE_USER = '+4520031805';

/** Something the world does while a flow waits (the customer taps, MobilePay cancels). */
export type Step = () => unknown;

/**
 * The flows' own waits (ctx.deps.sleep: poll delays and poll backoff). Each wait moves the shared
 * fake clock by what was asked, then runs the next scripted step, if any, before it ends. A flow
 * that waits more than `limit` times fails instead of spinning: every wait is bounded.
 */
export class FlowWaits {
  /** Every wait asked for, in ms, in order. */
  readonly asked: number[] = [];
  private readonly steps: Step[] = [];

  constructor(
    private readonly time: FakeTime,
    readonly limit = 40,
  ) {}

  /** The steps to run during the next waits, one per wait, in order. */
  script(...steps: Step[]): void {
    this.steps.push(...steps);
  }

  /** Steps not run yet. */
  get remaining(): number {
    return this.steps.length;
  }

  readonly sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) return;
    this.asked.push(ms);
    if (this.asked.length > this.limit)
      throw new Error(`the flow waited more than ${this.limit} times; is the scripted world complete?`);
    this.time.advance(ms);
    const step = this.steps.shift();
    try {
      await step?.();
    } catch (error) {
      // A plain Error, so that no flow mistakes the script's failure for a retryable API error.
      throw new Error(`a scripted step failed: ${String(error)}`, { cause: error });
    }
  };
}

/** The customer's phone at the rig's PoS: each action is a Step, to do at once or during a wait. */
export interface Customer {
  readonly checkIn: () => Promise<void>;
  readonly accept: () => Promise<void>;
  readonly cancel: () => Promise<void>;
}

export interface FlowRigOptions {
  /** The emulator's pollDelayInMs (default 1000, as production). */
  readonly pollDelayMs?: number;
  readonly emulator?: EmulatorOptions;
  /** PoS client config overrides (retries, timeouts, backoff). */
  readonly client?: Partial<PosClientConfig>;
  /** Client deps overrides, e.g. a fetch that watches requests leave. */
  readonly clientDeps?: Partial<ClientDeps>;
  /** Most waits a flow may make before the spec fails (default 40). */
  readonly waitLimit?: number;
}

/** An engine context wired to a running emulator, and everything a spec needs to look at. */
export interface FlowRig {
  readonly ctx: EngineContext;
  readonly sandbox: Sandbox;
  /** The client's fake time: backoffs pass at once, timeouts are held (expireTimeouts). */
  readonly time: FakeTime;
  readonly waits: FlowWaits;
  readonly journal: Journal;
  /** Every engine event, oldest first. */
  readonly events: EngineEvent[];
  /** The onboarded PoS, as saved in the journal. */
  readonly pos: { readonly posId: string; readonly beaconId: string };
  readonly users: UserSimulationClient;
  customer(phoneNumber: string): Customer;
  /** MobilePay cancels an active payment (the control plane's cancel-by-mobilepay). */
  cancelByMobilePay(paymentId: string): Promise<void>;
  /** The payment.state events of one journalled payment, oldest first. */
  statesOf(journalId: string): { status: PaymentStatus; previous: PaymentStatus | null }[];
  /** The emulator's log of GET /pos/v10/payments/{paymentId} (the polls), oldest first. */
  pollsOf(paymentId: string): Promise<RequestLogEntry[]>;
  close(): Promise<void>;
}

const open = new Set<FlowRig>();
afterEach(async () => {
  for (const rig of [...open]) await rig.close();
});

let ids = 0;
/** Deterministic GUID-shaped ids, unique in the process (journal record ids and idempotency keys). */
export function nextId(): string {
  ids += 1;
  return `00000000-0000-4000-8000-${ids.toString(16).padStart(12, '0')}`;
}

/** The emulator's clock is the client's fake clock, so its request log shows fake time. */
function sharedClock(time: FakeTime): VirtualClock {
  return {
    mode: 'virtual',
    now: () => time.now(),
    advance(ms) {
      time.advance(ms);
      return time.now();
    },
    set(epochMs) {
      time.nowMs = epochMs;
    },
  };
}

/**
 * Starts an emulator, a PoS client and a journal (temp dir) on one fake clock, and onboards a QR PoS
 * in the demo store: configuration saved, PoS created with an idempotency key, posId and beaconId set.
 * Closed after each test.
 */
export async function startFlowRig(options: FlowRigOptions = {}): Promise<FlowRig> {
  const time = new FakeTime('held');
  const waits = new FlowWaits(time, options.waitLimit);
  const sandbox = await startSandbox({
    ...(options.pollDelayMs === undefined ? {} : { pollDelayMs: options.pollDelayMs }),
    ...options.emulator,
    clock: sharedClock(time),
  });
  const dir = mkdtempSync(join(tmpdir(), 'pos-sim-flows-'));
  const journal = openJournal(dir, { now: () => time.now(), newId: nextId });
  const events = new EngineEvents();
  const seen: EngineEvent[] = [];
  events.subscribe((event) => void seen.push(event));
  const client = new PosClient(
    demoConfig(sandbox.url, {
      onExchange: (exchange) => events.emit({ kind: 'request', at: exchange.at, exchange }),
      ...options.client,
    }),
    fakeDeps(time, options.clientDeps),
  );
  const users = new UserSimulationClient(
    { apiBaseUrl: sandbox.url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    fakeDeps(time),
  );
  const ctx: EngineContext = {
    client,
    journal,
    events,
    deps: { now: time.now, sleep: waits.sleep, random: seededRandom(7), fetch: globalThis.fetch },
  };

  const config = journal.posConfig.save({
    storeId: DEMO_STORE_ID,
    merchantPosId: newKey('till'),
    posName: 'Till 1',
    beaconId: null,
    supportedBeaconTypes: ['QR'],
    callbackAlias: null,
    requirePaymentBeforeCheckin: false,
    merchantVat: DEMO_VAT,
  });
  const { posId } = await client.createPos(createPosBody(config), newKey('create-pos'));
  const { beaconId } = await client.getPos(posId);
  journal.posConfig.setPos({ posId, beaconId });

  let closed = false;
  const rig: FlowRig = {
    ctx,
    sandbox,
    time,
    waits,
    journal,
    events: seen,
    pos: { posId, beaconId },
    users,
    customer: (phoneNumber) => ({
      checkIn: () => users.checkIn({ beaconId, phoneNumber }),
      accept: () => users.acceptPayment({ beaconId, phoneNumber }),
      cancel: () => users.cancelPaymentByUser({ beaconId }),
    }),
    async cancelByMobilePay(paymentId) {
      const response = await fetch(`${sandbox.url}/emulator/payments/${paymentId}/cancel-by-mobilepay`, {
        method: 'POST',
      });
      if (!response.ok) throw new Error(`cancel-by-mobilepay: ${response.status} ${await response.text()}`);
    },
    statesOf: (journalId) =>
      seen
        .filter((e): e is PaymentStateEvent => e.kind === 'payment.state' && e.journalId === journalId)
        .map(({ status, previous }) => ({ status, previous })),
    pollsOf: (paymentId) => sandbox.requestsTo('GET', `/pos/v10/payments/${paymentId}`),
    async close() {
      if (closed) return;
      closed = true;
      open.delete(rig);
      journal.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  open.add(rig);
  return rig;
}

/** The gaps in ms between consecutive logged requests (by the emulator's clock). */
export function gapsBetween(entries: readonly RequestLogEntry[]): number[] {
  return entries.slice(1).map((entry, i) => entry.at - entries[i]!.at);
}

/** The idempotency key a logged request carried. */
export function keyOf(entry: RequestLogEntry): unknown {
  return entry.headers['x-mobilepay-idempotency-key'];
}
