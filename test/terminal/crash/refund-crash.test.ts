// "No lost refund", end to end: a child process sells, captures, then refunds part of the sale with the
// real engine against the real emulator (running here, in the parent), and is SIGKILLed at each step of
// the refund's create: after the intent is written, after the request is sent, after the response
// arrives. A new engine on the same journal recovers (resolveRefund for every unresolved refund);
// then the emulator's refunds of the payment are exactly the journal's, and each one can still be
// captured by the cashier.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureRefund, resolveRefund } from '../../../src/terminal/flows/refunds.js';
import type { TerminalEngine } from '../../../src/terminal/engine.js';
import { AMOUNT, REFUND_AMOUNT, orderIdOf, refundOrderIdOf, type RefundStep } from './fixtures/scenario.js';
import {
  CASE_TIMEOUT_MS,
  isStateChange,
  runChild,
  startCrashRig,
  type CrashRig,
  type Exit,
} from './support.js';

const CREATE_REFUND = /^\/pos\/v10\/refunds$/;
const CAPTURE_REFUND = /^\/pos\/v10\/refunds\/[^/]+\/capture$/;

let rig: CrashRig;

beforeEach(async () => {
  rig = await startCrashRig();
});

afterEach(async () => {
  await rig.close();
});

/** The journal's refund of the case, in a form a spec can spell out. */
function journalView(engine: TerminalEngine, step: RefundStep) {
  const refunds = engine.journal.refunds.list().filter((r) => r.refundOrderId === refundOrderIdOf(step));
  const refund = refunds[0];
  const intent = refund ? engine.journal.intents.get(refund.intentId) : null;
  return {
    refunds: refunds.length,
    intent: intent?.state ?? null,
    intentError: intent?.error?.code ?? null,
    refundId: refund?.refundId ?? null,
    status: refund?.lastStatus ?? null,
    decision: refund?.decision ? `${refund.decision.kind}:${refund.decision.state}` : null,
    refusal: refund?.refusal?.code ?? null,
  };
}
type JournalView = ReturnType<typeof journalView>;

/** The sale's refunds as the API lists them (GET /refunds?paymentId), each read by its refundId. */
async function refundsAtMobilePay(paymentId: string) {
  const ids = await rig.api.findRefundIds(paymentId);
  return Promise.all(ids.map((id) => rig.api.getRefund(id)));
}

interface Crash {
  readonly exit: Exit;
  readonly atDeath: JournalView;
  readonly journal: JournalView;
  readonly engine: TerminalEngine;
  /** The API's id of the refunded sale. */
  readonly paymentId: string;
  /** The journal's id of the refund. */
  readonly journalId: string;
}

/** Sells and refunds in a child killed at `step`; restarts the terminal on its journal and recovers. */
async function crashAt(step: RefundStep): Promise<Crash> {
  const exit = await runChild(
    rig,
    'refund-child.ts',
    step,
    step === 'after-sent'
      ? { path: '/pos/v10/refunds', committed: (event) => isStateChange(event, 'refund', ['Initiated']) }
      : undefined,
  );
  const engine = rig.restart();
  const atDeath = journalView(engine, step);
  await engine.recover();
  for (const refund of engine.journal.refunds.unresolved()) await resolveRefund(engine.context, refund.id);
  const sale = engine.journal.payments.byOrderId(orderIdOf(step))[0];
  const refund = engine.journal.refunds.list().find((r) => r.refundOrderId === refundOrderIdOf(step));
  return {
    exit,
    atDeath,
    journal: journalView(engine, step),
    engine,
    paymentId: sale?.paymentId ?? '',
    journalId: refund?.id ?? '',
  };
}

/**
 * No lost refund: every refund MobilePay has for the sale is in the journal under its refundId, in
 * the same status, at most one per refundOrderId; nothing is open in the journal; the sale itself
 * stays captured exactly once.
 */
async function expectNoLostRefund(crash: Crash): Promise<void> {
  const { engine, paymentId } = crash;
  const atMobilePay = await refundsAtMobilePay(paymentId);
  const journalled = engine.journal.refunds.forPayment(paymentId).filter((r) => r.refundId !== null);
  expect(journalled.map((r) => r.refundId).sort()).toEqual(atMobilePay.map((r) => r.refundId).sort());
  for (const refund of atMobilePay)
    expect(engine.journal.refunds.byRefundId(refund.refundId)).toMatchObject({
      refundOrderId: refund.refundOrderId,
      amount: refund.amount,
      lastStatus: refund.status,
    });
  const orders = atMobilePay.map((r) => r.refundOrderId);
  expect(new Set(orders).size).toBe(orders.length);
  expect((await rig.requestsTo('POST', CREATE_REFUND)).length).toBeLessThanOrEqual(1);
  expect(engine.journal.intents.open()).toEqual([]);
  expect(engine.journal.refunds.pendingDecisions()).toEqual([]);

  const { payments } = await rig.stored();
  const sale = payments.find((p) => p.paymentId === paymentId);
  expect(sale).toMatchObject({ status: 'Captured', capturedAmount: AMOUNT });
  expect(rig.changesOf(paymentId).filter((c) => c.to === 'Captured')).toHaveLength(1);
  expect(engine.journal.payments.pendingDecisions()).toEqual([]);
  expect(engine.journal.payments.active()).toEqual([]);
}

/** The refund recovery found waits, Reserved, for the cashier; capturing it then works, exactly once. */
async function expectCapturableOnce(crash: Crash): Promise<void> {
  const captured = await captureRefund(crash.engine.context, crash.journalId);
  expect(captured).toMatchObject({ lastStatus: 'Captured', decision: { kind: 'capture', state: 'done' } });
  const [refund] = await refundsAtMobilePay(crash.paymentId);
  expect(refund).toMatchObject({ status: 'Captured', amount: REFUND_AMOUNT });
  expect(rig.changesOf(refund!.refundId).map((c) => c.to)).toEqual(['Initiated', 'Reserved', 'Captured']);
  expect(await rig.requestsTo('POST', CAPTURE_REFUND)).toHaveLength(1);
}

function expectKilled(exit: Exit): void {
  expect(exit.signal, `${exit.stdout}\n${exit.stderr}`).toBe('SIGKILL');
}

describe(
  'crash recovery of a refund (SIGKILL at each step of its create; the real engine against the real emulator)',
  { timeout: CASE_TIMEOUT_MS },
  () => {
    it('creates and captures exactly one refund when nothing goes wrong (the control run)', async () => {
      const crash = await crashAt('none');

      expect(crash.exit, crash.exit.stderr).toMatchObject({ code: 0, signal: null });
      expect(crash.journal).toMatchObject({
        refunds: 1,
        intent: 'acknowledged',
        status: 'Captured',
        decision: 'capture:done',
      });
      const [refund] = await refundsAtMobilePay(crash.paymentId);
      expect(refund).toMatchObject({
        refundId: crash.journal.refundId,
        status: 'Captured',
        amount: REFUND_AMOUNT,
      });
      await expectNoLostRefund(crash);
    });

    it('closes the refund as never created when killed after its intent was written, before the create left', async () => {
      const crash = await crashAt('after-intent');

      expectKilled(crash.exit);
      expect(crash.atDeath).toMatchObject({ refunds: 1, intent: 'sent', refundId: null, status: null });
      expect(await rig.requestsTo('POST', CREATE_REFUND)).toEqual([]);
      expect(crash.journal).toMatchObject({
        intent: 'failed',
        intentError: 'not-created',
        refusal: 'not-created',
        refundId: null,
      });
      expect(await refundsAtMobilePay(crash.paymentId)).toEqual([]);
      expect(crash.engine.journal.refunds.unresolved()).toEqual([]);
      await expectNoLostRefund(crash);
    });

    it('finds the refund again when killed after the create reached MobilePay but before its answer came back', async () => {
      const crash = await crashAt('after-sent');

      expectKilled(crash.exit);
      expect(crash.exit.stdout).not.toContain('refund ');
      expect(crash.atDeath).toMatchObject({ refunds: 1, intent: 'sent', refundId: null });
      expect(crash.journal).toMatchObject({ intent: 'acknowledged', status: 'Reserved', decision: null });
      expect(crash.journal.refundId).not.toBeNull();
      await expectNoLostRefund(crash);
      await expectCapturableOnce(crash);
      await expectNoLostRefund(crash);
    });

    it('finds the refund again when killed after the create answer arrived', async () => {
      const crash = await crashAt('after-response');

      expectKilled(crash.exit);
      expect(crash.exit.stdout).not.toContain('refund ');
      expect(crash.atDeath).toMatchObject({ refunds: 1, intent: 'sent', refundId: null });
      expect(crash.journal).toMatchObject({ intent: 'acknowledged', status: 'Reserved', decision: null });
      expect(crash.journal.refundId).not.toBeNull();
      await expectNoLostRefund(crash);
      await expectCapturableOnce(crash);
      await expectNoLostRefund(crash);
    });
  },
);
