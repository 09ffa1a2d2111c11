// The prepared payment flow (reference: docs/payment-flows/prepared-payment-flow.md) against the real
// emulator: prepare before the amount is known, pair the customer (and read their loyalty ids), ready
// the payment with its amount and restrictions, then follow it to Reserved and capture.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReadyPaymentRequest } from '../../../src/shared/pos-v10/schemas.js';
import {
  capturePayment,
  followPayment,
  preparePayment,
  readyPayment,
} from '../../../src/terminal/flows/payments.js';
import { CREDIT_USER, LOYALTY_USER, keyOf, newKey, startFlowRig, type FlowRig } from './support.js';

let rig: FlowRig;

beforeEach(async () => {
  rig = await startFlowRig();
});

const details: ReadyPaymentRequest = {
  amount: 250,
  currencyCode: 'DKK',
  restrictions: { debitCardDisallowed: true, creditCardDisallowed: false },
  merchantPaymentLabel: 'Member price',
  plannedCaptureDelay: 'None',
};

const paired = (status: string) => status === 'Paired';

describe('prepared payment flow', () => {
  it('prepares, pairs the loyalty customer, readies with restrictions, and captures', async () => {
    const orderId = newKey('order');
    const customer = rig.customer(LOYALTY_USER);

    const prepared = await preparePayment(rig.ctx, orderId);

    expect(prepared).toMatchObject({ flow: 'prepare', orderId, amount: null, lastStatus: null });
    const [prepare] = await rig.sandbox.requestsTo('POST', '/pos/v10/payments/prepare');
    expect(prepare?.body).toEqual({ posId: rig.pos.posId, orderId });
    expect(keyOf(prepare!)).toBe(rig.journal.intents.get(prepared.intentId)?.idempotencyKey);

    rig.waits.script(customer.checkIn);
    const pairedPayment = await followPayment(rig.ctx, prepared.id, { until: paired });

    expect(pairedPayment.lastStatus).toBe('Paired');
    expect(rig.journal.payments.get(prepared.id)?.loyaltyIds).toEqual(['DK-LOYALTY-1804']);

    const ready = await readyPayment(rig.ctx, prepared.id, details);

    expect(ready).toMatchObject({
      amount: 250,
      restrictions: { debitCardDisallowed: true, creditCardDisallowed: false },
      merchantPaymentLabel: 'Member price',
    });
    const readies = await rig.sandbox.requestsTo('POST', `/pos/v10/payments/${prepared.paymentId}/ready`);
    expect(readies.map((r) => [r.status, r.body])).toEqual([[200, details]]);

    rig.waits.script(customer.accept);
    const reserved = await followPayment(rig.ctx, prepared.id);

    expect(reserved).toMatchObject({ lastStatus: 'Reserved', loyaltyIds: ['DK-LOYALTY-1804'] });
    expect(rig.statesOf(prepared.id).map((s) => s.status)).toEqual([
      'Prepared',
      'Paired',
      'IssuedToUser',
      'Reserved',
    ]);

    const captured = await capturePayment(rig.ctx, prepared.id);

    expect(captured).toMatchObject({ lastStatus: 'Captured', capturedAmount: 250 });
    expect(await rig.sandbox.storedPayment(prepared.paymentId!)).toMatchObject({
      status: 'Captured',
      capturedAmount: 250,
    });
  });

  it('readies a payment nobody has paired yet: Initiated until the customer checks in', async () => {
    const customer = rig.customer(CREDIT_USER);
    const prepared = await preparePayment(rig.ctx, newKey('order'));

    await readyPayment(rig.ctx, prepared.id, { ...details, restrictions: null });
    rig.waits.script(customer.checkIn, customer.accept);
    const reserved = await followPayment(rig.ctx, prepared.id);

    expect(reserved.lastStatus).toBe('Reserved');
    expect(rig.statesOf(prepared.id).map((s) => s.status)).toEqual(['Initiated', 'IssuedToUser', 'Reserved']);
  });

  it('stops following when the paired customer cancels, and refuses to ready the ended payment', async () => {
    const customer = rig.customer(LOYALTY_USER);
    const prepared = await preparePayment(rig.ctx, newKey('order'));
    rig.waits.script(customer.checkIn, customer.cancel);

    const payment = await followPayment(rig.ctx, prepared.id);

    expect(payment.lastStatus).toBe('CancelledByUser');
    expect(rig.statesOf(prepared.id).map((s) => s.status)).toEqual(['Prepared', 'Paired', 'CancelledByUser']);
    await expect(readyPayment(rig.ctx, prepared.id, details)).rejects.toMatchObject({
      code: 'flow.payment-ended',
      message: expect.stringMatching(/CancelledByUser/),
    });
    expect(rig.journal.payments.get(prepared.id)?.amount).toBeNull();
    expect(await rig.sandbox.requestsTo('POST', /\/ready$/)).toEqual([]);
  });
});
