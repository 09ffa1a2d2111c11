// The crash-safety proof, end to end: a child process runs one sale with the real engine
// against the real emulator (which runs here, in the parent) and is SIGKILLed at each step: after the
// intent is written, after the request is sent, after the response arrives, before and after the
// capture. A new engine on the same journal then recovers, and the emulator is asked what happened:
// exactly one capture or one cancel, no orphan active payment, and the journal agrees.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecoveryReport } from '../../../src/terminal/flows/recovery.js';
import type { TerminalEngine } from '../../../src/terminal/engine.js';
import { AMOUNT, orderIdOf, type PaymentStep } from './fixtures/scenario.js';
import {
  CASE_TIMEOUT_MS,
  isStateChange,
  runChild,
  startCrashRig,
  type CrashRig,
  type Exit,
} from './support.js';

const INITIATE = /^\/pos\/v10\/payments$/;
const CAPTURE = /^\/pos\/v10\/payments\/[^/]+\/capture$/;
const CANCEL = /^\/pos\/v10\/payments\/[^/]+\/cancel$/;
const FINAL = [
  'Captured',
  'CancelledByClient',
  'CancelledByUser',
  'CancelledByMobilePay',
  'ExpiredAndCancelled',
];

let rig: CrashRig;

beforeEach(async () => {
  rig = await startCrashRig();
});

afterEach(async () => {
  await rig.close();
});

/** The journal's sale, in a form a spec can spell out. */
function journalView(engine: TerminalEngine, orderId: string) {
  const payments = engine.journal.payments.byOrderId(orderId);
  const payment = payments[0];
  const intent = payment ? engine.journal.intents.get(payment.intentId) : null;
  return {
    payments: payments.length,
    intent: intent?.state ?? null,
    intentError: intent?.error?.code ?? null,
    paymentId: payment?.paymentId ?? null,
    status: payment?.lastStatus ?? null,
    decision: payment?.decision ? `${payment.decision.kind}:${payment.decision.state}` : null,
    capturedAmount: payment?.capturedAmount ?? null,
    refusal: payment?.refusal?.code ?? null,
  };
}
type JournalView = ReturnType<typeof journalView>;

/** What the emulator knows: its payments for the order, every state they went through, the calls. */
async function emulatorView(orderId: string) {
  const { payments } = await rig.stored();
  const sales = payments.filter((p) => p.orderId === orderId && p.posId === rig.pos.posId);
  const sale = sales[0];
  return {
    payments: sales.length,
    paymentId: sale?.paymentId ?? null,
    status: sale?.status ?? null,
    capturedAmount: sale?.capturedAmount ?? null,
    /** Every state change the emulator made to the payment, in order. */
    changes: sale ? rig.changesOf(sale.paymentId).map((change) => change.to) : [],
    initiates: (await rig.requestsTo('POST', INITIATE)).length,
    captures: (await rig.requestsTo('POST', CAPTURE)).length,
    cancels: (await rig.requestsTo('POST', CANCEL)).length,
    /** GET /payments?posId: active and reserved payments on the PoS. */
    activeOnPos: await rig.api.findPaymentIds({ posId: rig.pos.posId }),
  };
}

interface Crash {
  readonly exit: Exit;
  /** The journal as the dead child left it, before recovery touches it. */
  readonly atDeath: JournalView;
  readonly report: RecoveryReport;
  readonly sweep: { done: string[]; stillPending: string[] };
  readonly journal: JournalView;
  readonly emulator: Awaited<ReturnType<typeof emulatorView>>;
  /** The restarted terminal. */
  readonly engine: TerminalEngine;
  /** The journal's id of the sale. */
  readonly journalId: string;
  readonly orderId: string;
}

/**
 * Runs the sale in a child killed at `step`, restarts the terminal on its journal (after
 * `whileDown`, what the world does meanwhile), recovers, and runs the sweeper once.
 */
async function crashAt(step: PaymentStep, whileDown?: () => Promise<void>): Promise<Crash> {
  const orderId = orderIdOf(step);
  const exit = await runChild(
    rig,
    'pay-child.ts',
    step,
    step === 'after-sent'
      ? {
          path: '/pos/v10/payments',
          committed: (event) => isStateChange(event, 'payment', ['Initiated', 'IssuedToUser']),
        }
      : undefined,
  );
  await whileDown?.();
  const engine = rig.restart();
  const atDeath = journalView(engine, orderId);
  const report = await engine.recover();
  const sweep = await engine.sweepOnce();
  const journalId = engine.journal.payments.byOrderId(orderId)[0]?.id ?? '';
  return { exit, atDeath, report, sweep, engine, journalId, orderId, ...(await look(engine, orderId)) };
}

async function look(engine: TerminalEngine, orderId: string) {
  return { journal: journalView(engine, orderId), emulator: await emulatorView(orderId) };
}

const nothingToDo: RecoveryReport = {
  found: [],
  notCreated: [],
  cancelled: [],
  resumed: [],
  undecided: [],
  refunds: [],
  failed: [],
};

/**
 * What every case must end with: at most one payment for the order and exactly one final change of
 * it (one capture or one cancel), nothing active or reserved on the PoS, nothing open or pending in
 * the journal, and the journal's view of the payment the emulator's.
 */
function expectCleanEnd(crash: Crash): void {
  const { engine, emulator, journal } = crash;
  expect(emulator.payments).toBeLessThanOrEqual(1);
  expect(emulator.changes.filter((to) => FINAL.includes(to))).toHaveLength(emulator.payments);
  expect(emulator.activeOnPos).toEqual([]);
  expect(engine.journal.intents.open()).toEqual([]);
  expect(engine.journal.payments.active()).toEqual([]);
  expect(engine.journal.payments.pendingDecisions()).toEqual([]);
  expect(engine.journal.payments.undecidedReservations()).toEqual([]);
  expect(crash.sweep).toEqual({ done: [], stillPending: [] });
  expect(crash.report.failed).toEqual([]);
  if (emulator.payments === 1)
    expect(journal).toMatchObject({
      paymentId: emulator.paymentId,
      status: emulator.status,
      capturedAmount: emulator.capturedAmount,
      refusal: null,
    });
}

function expectKilled(exit: Exit): void {
  expect(exit.signal, `${exit.stdout}\n${exit.stderr}`).toBe('SIGKILL');
}

/** The emulator's one initiate carried the idempotency key the journal holds for the sale. */
async function expectCreatedUnderTheJournalsKey(crash: Crash): Promise<void> {
  const payment = crash.engine.journal.payments.get(crash.journalId);
  const intent = payment ? crash.engine.journal.intents.get(payment.intentId) : null;
  const [initiate] = await rig.requestsTo('POST', INITIATE);
  expect(initiate?.headers['x-mobilepay-idempotency-key']).toBe(intent?.idempotencyKey);
}

const cancelledSale = {
  payments: 1,
  status: 'CancelledByClient',
  changes: ['Initiated', 'IssuedToUser', 'CancelledByClient'],
  initiates: 1,
  captures: 0,
  cancels: 1,
};

const capturedSale = {
  payments: 1,
  status: 'Captured',
  capturedAmount: AMOUNT,
  changes: ['Initiated', 'IssuedToUser', 'Reserved', 'Captured'],
  initiates: 1,
  cancels: 0,
};

describe(
  'crash recovery of a payment (SIGKILL at each step; the real engine against the real emulator)',
  { timeout: CASE_TIMEOUT_MS },
  () => {
    it('captures exactly once when nothing goes wrong (the control run)', async () => {
      const crash = await crashAt('none');

      expect(crash.exit, crash.exit.stderr).toMatchObject({ code: 0, signal: null });
      expect(crash.atDeath).toMatchObject({
        intent: 'acknowledged',
        status: 'Captured',
        decision: 'capture:done',
      });
      expect(crash.report).toEqual(nothingToDo);
      expect(crash.emulator).toMatchObject({ ...capturedSale, captures: 1 });
      expectCleanEnd(crash);
    });

    it('sends the journalled initiate itself and cancels that sale when killed after the intent was written', async () => {
      const crash = await crashAt('after-intent');

      expectKilled(crash.exit);
      // The intent and its key were journalled (and marked sent) before the request could leave.
      expect(crash.atDeath).toMatchObject({ payments: 1, intent: 'sent', paymentId: null, status: null });
      // Marked sent, not found: recovery repeats the call under the journalled key (MobilePay would
      // replay a payment that existed) and, the sale being interrupted, cancels what it got.
      expect(crash.report).toEqual({
        ...nothingToDo,
        found: [crash.journalId],
        cancelled: [crash.journalId],
      });
      expect(crash.emulator).toMatchObject(cancelledSale);
      expect(crash.journal).toMatchObject({ intent: 'acknowledged', decision: 'cancel:done' });
      await expectCreatedUnderTheJournalsKey(crash);
      expectCleanEnd(crash);
    });

    it('cancels the interrupted sale when killed after the initiate reached MobilePay but before its answer came back', async () => {
      const crash = await crashAt('after-sent');

      expectKilled(crash.exit);
      expect(crash.exit.stdout).not.toContain('initiated');
      expect(crash.atDeath).toMatchObject({ intent: 'sent', paymentId: null, status: null });
      // Found by posId + orderId, then cancelled: the cashier's screen that started it is gone.
      expect(crash.report).toEqual({
        ...nothingToDo,
        found: [crash.journalId],
        cancelled: [crash.journalId],
      });
      expect(crash.emulator).toMatchObject(cancelledSale);
      expect(crash.journal).toMatchObject({ intent: 'acknowledged', decision: 'cancel:done' });
      await expectCreatedUnderTheJournalsKey(crash);
      expectCleanEnd(crash);
    });

    it('cancels the interrupted sale when killed after the initiate answer arrived', async () => {
      const crash = await crashAt('after-response');

      expectKilled(crash.exit);
      expect(crash.exit.stdout).not.toContain('initiated');
      expect(crash.atDeath).toMatchObject({ intent: 'sent', paymentId: null, status: null });
      expect(crash.report).toEqual({
        ...nothingToDo,
        found: [crash.journalId],
        cancelled: [crash.journalId],
      });
      expect(crash.emulator).toMatchObject(cancelledSale);
      expect(crash.journal).toMatchObject({ intent: 'acknowledged', decision: 'cancel:done' });
      await expectCreatedUnderTheJournalsKey(crash);
      expectCleanEnd(crash);
    });

    it('cancels the interrupted sale when killed while following it (its paymentId journalled)', async () => {
      const crash = await crashAt('while-following');

      expectKilled(crash.exit);
      expect(crash.atDeath).toMatchObject({ intent: 'acknowledged', status: null, decision: null });
      expect(crash.atDeath.paymentId).not.toBeNull();
      expect(crash.report).toEqual({ ...nothingToDo, cancelled: [crash.journalId] });
      expect(crash.emulator).toMatchObject(cancelledSale);
      expect(crash.journal).toMatchObject({ decision: 'cancel:done' });
      expectCleanEnd(crash);
    });

    it('leaves a reservation nobody decided on to the cashier, who then captures it exactly once', async () => {
      const crash = await crashAt('after-reserved');

      expectKilled(crash.exit);
      expect(crash.exit.stdout).not.toContain('reserved');
      // The child never saw the acceptance: its journal still says IssuedToUser.
      expect(crash.atDeath).toMatchObject({ intent: 'acknowledged', status: 'IssuedToUser', decision: null });
      // Never captured or cancelled on a guess.
      expect(crash.report).toEqual({ ...nothingToDo, undecided: [crash.journalId] });
      expect(crash.journal).toMatchObject({ status: 'Reserved', decision: null });
      expect(crash.emulator).toMatchObject({ status: 'Reserved', captures: 0, cancels: 0 });

      await crash.engine.capturePayment(crash.journalId);
      const end = { ...crash, ...(await look(crash.engine, crash.orderId)) };
      expect(end.emulator).toMatchObject({ ...capturedSale, captures: 1 });
      expect(end.journal).toMatchObject({ decision: 'capture:done', capturedAmount: AMOUNT });
      expectCleanEnd(end);
    });

    it('captures exactly once, in full, when killed after the capture was decided but before it left', async () => {
      const crash = await crashAt('before-capture');

      expectKilled(crash.exit);
      expect(crash.atDeath).toMatchObject({
        intent: 'acknowledged',
        status: 'Reserved',
        decision: 'capture:pending',
      });
      expect(crash.report).toEqual({ ...nothingToDo, resumed: [crash.journalId] });
      expect(crash.emulator).toMatchObject({ ...capturedSale, captures: 1 });
      expect(crash.journal).toMatchObject({ decision: 'capture:done', capturedAmount: AMOUNT });
      expectCleanEnd(crash);
    });

    it('captures exactly once when killed after the capture answer arrived, before the journal marked it done', async () => {
      const crash = await crashAt('after-capture');

      expectKilled(crash.exit);
      expect(crash.exit.stdout).not.toContain('captured');
      expect(crash.atDeath).toMatchObject({
        intent: 'acknowledged',
        status: 'Reserved',
        decision: 'capture:pending',
      });
      expect(crash.report).toEqual({ ...nothingToDo, resumed: [crash.journalId] });
      // The capture is sent again (the journal cannot know it landed); the emulator changes the payment once.
      expect(crash.emulator).toMatchObject({ ...capturedSale, captures: 2 });
      expect(crash.journal).toMatchObject({ decision: 'capture:done', capturedAmount: AMOUNT });
      expectCleanEnd(crash);
    });

    // GET /payments?posId&orderId lists only active and reserved payments (and captured ones with
    // state=Captured): a sale MobilePay ended while the terminal was down is found by repeating the
    // initiate under its journalled key, which MobilePay answers with the original paymentId.
    it('knows the sale MobilePay cancelled while the terminal was down, rather than calling it never created', async () => {
      const crash = await crashAt('after-response', () => rig.advanceClock(6 * 60));

      expectKilled(crash.exit);
      expect(crash.emulator).toMatchObject({
        payments: 1,
        status: 'CancelledByMobilePay',
        changes: ['Initiated', 'IssuedToUser', 'CancelledByMobilePay'],
        // The second initiate is recovery's replay under the same key: still one payment.
        initiates: 2,
        cancels: 0,
      });
      expect(crash.report.notCreated).toEqual([]);
      expect(crash.journal).toMatchObject({
        intent: 'acknowledged',
        status: 'CancelledByMobilePay',
        refusal: null,
      });
      expectCleanEnd(crash);
    });
  },
);
