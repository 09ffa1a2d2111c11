// The payment flow (reference: docs/payment-flows/payment-flow.md, partial-capture.md,
// cancel-flows.md) against the real emulator: initiate, follow by polling, capture or cancel.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cancelPayment,
  capturePayment,
  followPayment,
  initiatePayment,
  type PaymentRequest,
} from '../../../src/terminal/flows/payments.js';
import { FlowError } from '../../../src/terminal/flows/flow-error.js';
import {
  CREDIT_USER,
  NO_PARTIAL_CAPTURE_USER,
  gapsBetween,
  newKey,
  startFlowRig,
  type FlowRig,
} from './support.js';

let rig: FlowRig;

beforeEach(async () => {
  rig = await startFlowRig();
});

function order(amount = 100, extra: Partial<PaymentRequest> = {}): PaymentRequest {
  return { orderId: newKey('order'), amount, currencyCode: 'DKK', ...extra };
}

/** Initiate for `phone`, who checks in and accepts while the terminal polls: a Reserved payment. */
async function reserved(phone = CREDIT_USER, amount = 100) {
  const customer = rig.customer(phone);
  const started = await initiatePayment(rig.ctx, order(amount));
  await customer.checkIn();
  rig.waits.script(customer.accept);
  const payment = await followPayment(rig.ctx, started.id);
  expect(payment.lastStatus).toBe('Reserved');
  return payment;
}

describe('payment flow', () => {
  it('follows a payment from IssuedToUser to Reserved, announcing and journalling each state in order', async () => {
    const customer = rig.customer(CREDIT_USER);
    const started = await initiatePayment(rig.ctx, order(125.5));
    expect(started).toMatchObject({ posId: rig.pos.posId, amount: 125.5, lastStatus: null });
    expect(started.paymentId).not.toBeNull();

    await customer.checkIn();
    rig.waits.script(customer.accept);
    const payment = await followPayment(rig.ctx, started.id);

    expect(rig.statesOf(started.id)).toEqual([
      { status: 'IssuedToUser', previous: null },
      { status: 'Reserved', previous: 'IssuedToUser' },
    ]);
    expect(payment).toMatchObject({ lastStatus: 'Reserved', partialCapturePossible: true, decision: null });
    expect(payment.customerToken).toMatch(/^[0-9a-f]{40}$/);
    expect(rig.journal.payments.get(started.id)?.lastStatus).toBe('Reserved');
    expect(rig.journal.payments.history(started.id).map((h) => h.status)).toEqual([
      'IssuedToUser',
      'Reserved',
    ]);
  });

  it('waits for the customer to check in: Initiated, then IssuedToUser, then Reserved', async () => {
    const customer = rig.customer(CREDIT_USER);
    const started = await initiatePayment(rig.ctx, order());

    rig.waits.script(
      () => undefined,
      customer.checkIn,
      () => undefined,
      customer.accept,
    );
    await followPayment(rig.ctx, started.id);

    expect(rig.statesOf(started.id).map((s) => s.status)).toEqual(['Initiated', 'IssuedToUser', 'Reserved']);
    expect(await rig.pollsOf(started.paymentId!)).toHaveLength(5);
  });

  it('captures a reservation in full: the decision is done and the emulator shows it captured', async () => {
    const payment = await reserved(CREDIT_USER, 100);

    const captured = await capturePayment(rig.ctx, payment.id);

    expect(captured).toMatchObject({ lastStatus: 'Captured', capturedAmount: 100 });
    expect(captured.decision).toMatchObject({ kind: 'capture', amount: 100, state: 'done' });
    expect(rig.journal.payments.pendingDecisions()).toEqual([]);
    expect(rig.statesOf(payment.id).at(-1)).toEqual({ status: 'Captured', previous: 'Reserved' });
    expect(await rig.ctx.client.getPayment(payment.paymentId!)).toMatchObject({ status: 'Captured' });
    const captures = await rig.sandbox.requestsTo('POST', `/pos/v10/payments/${payment.paymentId}/capture`);
    expect(captures.map((c) => [c.status, c.body])).toEqual([[200, { amount: 100 }]]);
  });

  it('captures part of a reservation when the payment allows partial capture', async () => {
    const payment = await reserved(CREDIT_USER, 100);
    expect(payment.partialCapturePossible).toBe(true);

    const captured = await capturePayment(rig.ctx, payment.id, 60.25);

    expect(captured).toMatchObject({ lastStatus: 'Captured', capturedAmount: 60.25 });
    expect(captured.decision).toMatchObject({ kind: 'capture', amount: 60.25, state: 'done' });
    const captures = await rig.sandbox.requestsTo('POST', `/pos/v10/payments/${payment.paymentId}/capture`);
    expect(captures.map((c) => [c.status, c.body])).toEqual([[200, { amount: 60.25 }]]);
  });

  it('refuses a partial capture the card does not allow, without calling the API, and lets the cashier cancel', async () => {
    const payment = await reserved(NO_PARTIAL_CAPTURE_USER, 100);
    expect(payment.partialCapturePossible).toBe(false);

    const refusal = await capturePayment(rig.ctx, payment.id, 40).catch((e: unknown) => e);

    expect(refusal).toBeInstanceOf(FlowError);
    expect(refusal).toMatchObject({ code: 'flow.partial-capture-not-possible' });
    expect((refusal as FlowError).message).toMatch(/capture all or cancel/);
    expect(await rig.sandbox.requestsTo('POST', /\/capture$/)).toEqual([]);
    expect(rig.journal.payments.get(payment.id)).toMatchObject({ lastStatus: 'Reserved', decision: null });

    const cancelled = await cancelPayment(rig.ctx, payment.id);

    expect(cancelled).toMatchObject({ lastStatus: 'CancelledByClient' });
    expect(cancelled.decision).toMatchObject({ kind: 'cancel', state: 'done' });
    expect(await rig.ctx.client.getPayment(payment.paymentId!)).toMatchObject({
      status: 'CancelledByClient',
    });
  });

  it('refuses to capture a payment that is not reserved yet', async () => {
    const started = await initiatePayment(rig.ctx, order());

    await expect(capturePayment(rig.ctx, started.id)).rejects.toMatchObject({ code: 'flow.not-reserved' });
    expect(await rig.sandbox.requestsTo('POST', /\/capture$/)).toEqual([]);
  });

  it('cancels a payment for the cashier while it waits for the customer (CancelledByClient)', async () => {
    const started = await initiatePayment(rig.ctx, order());
    await rig.customer(CREDIT_USER).checkIn();
    await followPayment(rig.ctx, started.id, { until: (status) => status === 'IssuedToUser' });

    const cancelled = await cancelPayment(rig.ctx, started.id);

    expect(cancelled).toMatchObject({ lastStatus: 'CancelledByClient' });
    expect(cancelled.decision).toMatchObject({ kind: 'cancel', state: 'done' });
    expect(rig.statesOf(started.id).map((s) => s.status)).toEqual(['IssuedToUser', 'CancelledByClient']);
    expect(await rig.ctx.client.getPayment(started.paymentId!)).toMatchObject({
      status: 'CancelledByClient',
    });
    expect(rig.journal.payments.active(rig.pos.posId)).toEqual([]);
  });

  it('stops polling when the customer cancels (CancelledByUser), after which the cashier cannot cancel', async () => {
    const customer = rig.customer(CREDIT_USER);
    const started = await initiatePayment(rig.ctx, order());
    await customer.checkIn();
    rig.waits.script(
      customer.cancel,
      () => undefined,
      () => undefined,
    );

    const payment = await followPayment(rig.ctx, started.id);

    expect(payment.lastStatus).toBe('CancelledByUser');
    expect(rig.statesOf(started.id).map((s) => s.status)).toEqual(['IssuedToUser', 'CancelledByUser']);
    // One wait, in which the customer cancelled; the next poll saw it and the flow returned.
    expect(await rig.pollsOf(started.paymentId!)).toHaveLength(2);
    expect(rig.waits.remaining).toBe(2);

    // Too late for the cashier to cancel: told so in the flow's words, and nothing is sent.
    await expect(cancelPayment(rig.ctx, started.id)).rejects.toMatchObject({ code: 'flow.payment-ended' });
    expect(await rig.sandbox.requestsTo('POST', /\/cancel$/)).toEqual([]);
    expect(rig.journal.payments.get(started.id)?.decision).toBeNull();
  });

  it('recognises a payment cancelled by MobilePay', async () => {
    const started = await initiatePayment(rig.ctx, order());
    rig.waits.script(() => rig.cancelByMobilePay(started.paymentId!));

    const payment = await followPayment(rig.ctx, started.id);

    expect(payment.lastStatus).toBe('CancelledByMobilePay');
    expect(rig.statesOf(started.id)).toEqual([
      { status: 'Initiated', previous: null },
      { status: 'CancelledByMobilePay', previous: 'Initiated' },
    ]);
    expect(rig.journal.payments.active(rig.pos.posId)).toEqual([]);
  });

  it('sends the restrictions, label and capture delay on initiate as the cashier asked', async () => {
    await initiatePayment(
      rig.ctx,
      order(80, {
        restrictions: { debitCardDisallowed: true, creditCardDisallowed: false },
        merchantPaymentLabel: 'Till 1 / 42',
        plannedCaptureDelay: 'LessThan24Hours',
      }),
    );

    const [initiate] = await rig.sandbox.requestsTo('POST', '/pos/v10/payments');
    expect(initiate?.body).toMatchObject({
      posId: rig.pos.posId,
      amount: 80,
      currencyCode: 'DKK',
      restrictions: { debitCardDisallowed: true, creditCardDisallowed: false },
      merchantPaymentLabel: 'Till 1 / 42',
      plannedCaptureDelay: 'LessThan24Hours',
    });
  });
});

describe('payment polling', () => {
  it('stops following when the cashier walks away (the signal aborts), keeping what it saw', async () => {
    const started = await initiatePayment(rig.ctx, order());
    const cashier = new AbortController();
    rig.waits.script(
      () => undefined,
      () => cashier.abort(),
    );

    await expect(followPayment(rig.ctx, started.id, { signal: cashier.signal })).rejects.toMatchObject({
      code: 'flow.aborted',
    });

    expect(await rig.pollsOf(started.paymentId!)).toHaveLength(2);
    expect(rig.journal.payments.get(started.id)?.lastStatus).toBe('Initiated');
  });

  it.each([1000, 2500])(
    'never polls sooner than pollDelayInMs (%i ms), as the emulator logs the polls',
    async (pollDelayMs) => {
      rig = await startFlowRig({ pollDelayMs });
      const customer = rig.customer(CREDIT_USER);
      const started = await initiatePayment(rig.ctx, order());
      rig.waits.script(
        () => undefined,
        customer.checkIn,
        () => undefined,
        customer.accept,
      );

      await followPayment(rig.ctx, started.id);

      const polls = await rig.pollsOf(started.paymentId!);
      expect(polls).toHaveLength(5);
      for (const gap of gapsBetween(polls)) expect(gap).toBeGreaterThanOrEqual(pollDelayMs);
      expect(rig.waits.asked).toEqual([pollDelayMs, pollDelayMs, pollDelayMs, pollDelayMs]);
    },
  );
});

describe('payment durability', () => {
  it('has the intent and the capture decision on disk (journal sync) before each request leaves', async () => {
    const sync = vi.spyOn(rig.journal, 'sync');
    const initiate = vi.spyOn(rig.ctx.client, 'initiatePayment');
    const capture = vi.spyOn(rig.ctx.client, 'capturePayment');
    const payment = await reserved();
    await capturePayment(rig.ctx, payment.id);

    const order = (spy: { mock: { invocationCallOrder: number[] } }) => spy.mock.invocationCallOrder;
    const [initiated] = order(initiate);
    const [captured] = order(capture);
    expect(order(sync).filter((at) => at < initiated!)).not.toHaveLength(0);
    expect(order(sync).filter((at) => at > initiated! && at < captured!)).not.toHaveLength(0);
  });
});
