// Test support for the refund flows: a real emulator on loopback (virtual clock, held delays), the
// engine's context over it on fake time (the engine's poll waits move the emulator's clock too), a
// journal in a temp directory, and captured payments made with the client and the user simulation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PosClient, UserSimulationClient, type ClientDeps } from '../../../src/terminal/api/index.js';
import type { EngineContext } from '../../../src/terminal/context.js';
import { EngineEvents, type EngineEvent } from '../../../src/terminal/events.js';
import { FlowError } from '../../../src/terminal/flows/flow-error.js';
import { openJournal, type Payment } from '../../../src/terminal/journal/index.js';
import type { EmulatorOptions } from '../../../src/emulator/options.js';
import {
  CREDIT_USER,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  FakeTime,
  demoConfig,
  fakeDeps,
  newPos,
  paymentRequest,
  reservedPayment,
  seededRandom,
  startSandbox,
  type Sandbox,
} from '../api/support.js';

export { rejection, type Sandbox } from '../api/support.js';

/** A refund's emulator state as GET /emulator/state shows it. */
export interface StoredRefund {
  readonly refundId: string;
  readonly paymentId: string;
  readonly refundOrderId: string;
  readonly amount: number;
  readonly status: string;
}

/** Everything a refund spec works with; `close` stops the emulator and removes the journal. */
export interface RefundBench {
  readonly sandbox: Sandbox;
  readonly time: FakeTime;
  readonly ctx: EngineContext;
  readonly users: UserSimulationClient;
  /** Every event the engine emitted, oldest first. */
  readonly events: EngineEvent[];
  /** The engine's own waits between polls (ms), oldest first. */
  readonly pollWaits: number[];
  /** The refund.state events, as [status, previous] pairs. */
  refundStates(): [string, string | null][];
  /** The emulator's refunds of a payment (state snapshot, not the API). */
  storedRefunds(paymentId: string): Promise<StoredRefund[]>;
  close(): Promise<void>;
}

/** GUIDs that count up: the journal's record ids and idempotency keys, predictable in a spec. */
function countingIds(): () => string {
  let next = 0;
  return () => `00000000-0000-4000-8000-${(next += 1).toString(16).padStart(12, '0')}`;
}

/**
 * Starts an emulator (a refund stays Initiated for 2.5 s of emulator time unless `options` says
 * otherwise) and an engine context over it with its own journal.
 */
export async function startBench(options: EmulatorOptions = {}): Promise<RefundBench> {
  const sandbox = await startSandbox({ timing: { refundReserveDelayMs: 2500 }, ...options });
  const time = new FakeTime('held');
  const client = new PosClient(demoConfig(sandbox.url), fakeDeps(time));
  const users = new UserSimulationClient(
    { apiBaseUrl: sandbox.url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    fakeDeps(time),
  );
  const dir = mkdtempSync(join(tmpdir(), 'pos-sim-refunds-'));
  const journal = openJournal(dir, { now: time.now, newId: countingIds() });
  const events: EngineEvent[] = [];
  const pollWaits: number[] = [];
  const engineEvents = new EngineEvents();
  engineEvents.subscribe((event) => void events.push(event));
  // The engine's waits pass at once on both clocks: the terminal's and the emulator's.
  const deps: ClientDeps = {
    now: time.now,
    random: seededRandom(7),
    fetch: (input, init) => globalThis.fetch(input, init),
    sleep: async (ms) => {
      pollWaits.push(ms);
      time.advance(ms);
      await sandbox.advanceClock(ms / 1000);
    },
  };
  const ctx: EngineContext = { client, journal, deps, events: engineEvents };
  return {
    sandbox,
    time,
    ctx,
    users,
    events,
    pollWaits,
    refundStates: () =>
      events.flatMap((e) =>
        e.kind === 'refund.state' ? [[e.status, e.previous] as [string, string | null]] : [],
      ),
    async storedRefunds(paymentId) {
      const response = await fetch(`${sandbox.url}/emulator/state`);
      const state = (await response.json()) as { refunds: StoredRefund[] };
      return state.refunds.filter((refund) => refund.paymentId === paymentId);
    },
    async close() {
      journal.close();
      rmSync(dir, { recursive: true, force: true });
      await sandbox.close();
    },
  };
}

/** A payment of `amount` (DKK) taken and captured in full outside the journal: its paymentId. */
export async function capturedPayment(bench: RefundBench, amount = 100): Promise<string> {
  const { client } = bench.ctx;
  const { paymentId } = await reservedPayment(client, bench.users, amount);
  await client.capturePayment(paymentId, { amount });
  return paymentId;
}

/** A payment initiated under a journalled key, accepted and captured, and journalled as Captured. */
export async function journalledCapturedPayment(bench: RefundBench, amount = 100): Promise<Payment> {
  const { client, journal } = bench.ctx;
  const pos = await newPos(client);
  const body = paymentRequest(pos.posId, amount);
  const { payment, intent } = journal.payments.begin({ flow: 'initiate', body });
  journal.intents.markSent(intent.id);
  const { paymentId } = await client.initiatePayment(body, intent.idempotencyKey);
  journal.payments.attachPaymentId(payment.id, paymentId);
  await bench.users.checkIn({ beaconId: pos.beaconId, phoneNumber: CREDIT_USER });
  await bench.users.acceptPayment({ beaconId: pos.beaconId, phoneNumber: CREDIT_USER });
  await client.capturePayment(paymentId, { amount });
  return journal.payments.recordStatus(payment.id, { status: 'Captured' });
}

/** The FlowError a flow fails with (the spec fails if it succeeds or throws anything else). */
export async function flowRejection(promise: Promise<unknown>): Promise<FlowError> {
  const error = await promise.then(
    () => new Error('expected the flow to fail, but it succeeded'),
    (e: unknown) => e,
  );
  if (!(error instanceof FlowError)) throw error;
  return error;
}
