// One active payment per PoS (reference: payment-flow-error-handling.md, "Payment in progress"): a
// new payment refused with 1301 finds the payment left active (journalled or not), cancels it and
// starts again under the same key; what is no longer active is journalled as it is, not cancelled.
import { beforeEach, describe, expect, it } from 'vitest';
import { followPayment, initiatePayment, type PaymentRequest } from '../../../src/terminal/flows/payments.js';
import { CREDIT_USER, keyOf, newKey, startFlowRig, type FlowRig } from './support.js';

let rig: FlowRig;

beforeEach(async () => {
  rig = await startFlowRig();
});

function order(amount = 100): PaymentRequest {
  return { orderId: newKey('order'), amount, currencyCode: 'DKK' };
}

/** A payment on the PoS that the terminal never journalled (another till, an older install). */
async function foreignActivePayment(): Promise<string> {
  const { paymentId } = await rig.ctx.client.initiatePayment(
    { posId: rig.pos.posId, ...order(), plannedCaptureDelay: 'None' },
    newKey('elsewhere'),
  );
  return paymentId;
}

describe('payment flow: one active payment per PoS', () => {
  it('clears a journalled payment whose paymentId was lost (1301) and starts the new one', async () => {
    const stale = order();
    const body = { posId: rig.pos.posId, ...stale, plannedCaptureDelay: 'None' as const };
    const begun = rig.journal.payments.begin({ flow: 'initiate', body });
    rig.journal.intents.markSent(begun.intent.id);
    // The initiate went through but its answer never reached the journal (a crash, say).
    const { paymentId: lost } = await rig.ctx.client.initiatePayment(body, begun.intent.idempotencyKey);

    const fresh = await initiatePayment(rig.ctx, order());

    expect(rig.journal.payments.get(begun.payment.id)).toMatchObject({
      paymentId: lost,
      lastStatus: 'CancelledByClient',
      decision: { kind: 'cancel', state: 'done' },
    });
    expect(await rig.sandbox.storedPayment(lost)).toMatchObject({ status: 'CancelledByClient' });
    expect(await rig.ctx.client.findPaymentIds({ posId: rig.pos.posId })).toEqual([fresh.paymentId]);
    const key = rig.journal.intents.get(fresh.intentId)!.idempotencyKey;
    const initiates = await rig.sandbox.requestsTo('POST', '/pos/v10/payments');
    expect(initiates.slice(1).map((e) => [e.status, keyOf(e)])).toEqual([
      [409, key],
      [200, key],
    ]);
    expect(initiates[1]?.responseBody).toMatchObject({ code: '1301' });
  });

  it('cancels a payment left active on the PoS by someone else (1301) and starts the new one', async () => {
    const { paymentId: foreign } = await rig.ctx.client.initiatePayment(
      { posId: rig.pos.posId, ...order(), plannedCaptureDelay: 'None' },
      newKey('elsewhere'),
    );

    const fresh = await initiatePayment(rig.ctx, order());

    expect(fresh.paymentId).not.toBe(foreign);
    expect(await rig.sandbox.storedPayment(foreign)).toMatchObject({ status: 'CancelledByClient' });
    expect(await rig.ctx.client.findPaymentIds({ posId: rig.pos.posId })).toEqual([fresh.paymentId]);
    expect(rig.events).toContainEqual(
      expect.objectContaining({
        kind: 'notice',
        topic: 'recovery',
        detail: expect.objectContaining({ paymentId: foreign }),
      }),
    );
  });

  it.each([
    ['accepted', 'Reserved'],
    ['cancelled', 'CancelledByUser'],
  ] as const)(
    'does not cancel a journalled payment the customer has %s since it was last polled; it journals it as %s',
    async (action, status) => {
      const customer = rig.customer(CREDIT_USER);
      const earlier = await initiatePayment(rig.ctx, order());
      await customer.checkIn();
      await followPayment(rig.ctx, earlier.id, { until: (s) => s === 'IssuedToUser' });
      // The customer acts while the terminal is not looking (it crashed, say): the journal still
      // says IssuedToUser. Then another till leaves a payment active on the PoS.
      await (action === 'accepted' ? customer.accept() : customer.cancel());
      const foreign = await foreignActivePayment();

      const fresh = await initiatePayment(rig.ctx, order());

      expect(fresh.paymentId).not.toBeNull();
      expect(await rig.sandbox.storedPayment(foreign)).toMatchObject({ status: 'CancelledByClient' });
      expect(await rig.sandbox.storedPayment(earlier.paymentId!)).toMatchObject({ status });
      expect(rig.journal.payments.get(earlier.id)).toMatchObject({ lastStatus: status, decision: null });
      expect(await rig.sandbox.requestsTo('POST', `/pos/v10/payments/${earlier.paymentId}/cancel`)).toEqual(
        [],
      );
      expect(rig.journal.payments.undecidedReservations().map((p) => p.id)).toEqual(
        status === 'Reserved' ? [earlier.id] : [],
      );
    },
  );
});
