import { describe, expect, it } from 'vitest';
import type { PaymentView } from '../../src/shared/bridge/index.js';
import { CREDIT_USER, paymentIs, phonePending, refundIs, startTestHost, type TestHost } from './support.js';

/** A payment captured in full at the till. */
async function capturedSale(t: TestHost, amount: number, orderId?: string): Promise<PaymentView> {
  const started = await t.call('paymentStart', {
    amount,
    currencyCode: 'DKK',
    ...(orderId ? { orderId } : {}),
  });
  const { beaconId } = await t.call('displayGet');
  await t.call('phoneCheckIn', { phoneNumber: CREDIT_USER, beaconId: beaconId!, via: 'qr' });
  await t.waitFor(phonePending('IssuedToUser'));
  await t.call('phoneAccept');
  await t.waitFor(paymentIs(started.journalId, 'Reserved'));
  const captured = await t.call('paymentCapture', { journalId: started.journalId });
  await t.call('paymentClear');
  return captured;
}

describe('finding payments', () => {
  it('finds a journalled payment by orderId and by paymentId, with its refunds', async () => {
    const t = await startTestHost();
    const sale = await capturedSale(t, 40, 'receipt-0042');
    await t.call('refundCreate', { paymentJournalId: sale.journalId, amount: 5 });

    const byOrder = await t.call('paymentFind', { orderId: 'receipt-0042' });
    const byId = await t.call('paymentFind', { paymentId: sale.paymentId! });

    expect(byOrder.payment.journalId).toBe(sale.journalId);
    expect(byId).toEqual(byOrder);
    expect(byOrder.refunds).toEqual([expect.objectContaining({ amount: 5, paymentId: sale.paymentId })]);
  });

  it('asks the API for a payment the journal does not know, and can refund it by paymentId', async () => {
    const till = await startTestHost();
    const sale = await capturedSale(till, 40);
    const { backend } = await till.call('appInfo');
    // Another till, with a journal of its own, on the same backend: it knows nothing of the sale.
    const other = await startTestHost();
    await other.call('settingsSave', {
      backend: { kind: 'external', apiBaseUrl: backend.apiBaseUrl },
      clientId: '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      clientSecret: 'pos-sim-demo-secret',
      clientSystemName: 'Other till',
      clientSystemVersion: '1.0.0',
      merchantVat: 'DK12345678',
    });

    const found = await other.call('paymentFind', { paymentId: sale.paymentId! });
    expect(found.payment).toMatchObject({
      journalId: `api:${sale.paymentId}`,
      orderId: sale.orderId,
      status: 'Captured',
      amount: 40,
    });
    expect((await other.fail('paymentCapture', { journalId: found.payment.journalId })).code).toBe(
      'not-found',
    );

    const refund = await other.call('refundCreate', {
      paymentJournalId: found.payment.journalId,
      amount: 15,
    });
    await other.waitFor(refundIs(refund.journalId, 'Reserved'));
    await other.call('refundCapture', { journalId: refund.journalId });

    const again = await other.call('paymentGet', { journalId: found.payment.journalId });
    expect(again.payment.refundedAmount).toBe(15);
    expect(again.refunds).toEqual([
      expect.objectContaining({ refundId: refund.refundId, status: 'Captured' }),
    ]);
  });

  it('says not-found when neither the journal nor the API knows the payment', async () => {
    const t = await startTestHost();

    expect((await t.fail('paymentFind', { paymentId: '8a2c6f0e-1d3b-4c5a-9e7f-0b1c2d3e4f50' })).code).toBe(
      'not-found',
    );
    expect((await t.fail('paymentFind', { orderId: 'never-sold' })).code).toBe('not-found');
    expect((await t.fail('paymentFind', {})).code).toBe('bad-input');
  });
});

describe('the transaction list', () => {
  it('lists the journal newest first, filtered by status or order id', async () => {
    const t = await startTestHost();
    const first = await capturedSale(t, 10, 'order-a');
    const cancelled = await t.call('paymentStart', { amount: 20, currencyCode: 'DKK', orderId: 'order-b' });
    await t.call('paymentCancel', { journalId: cancelled.journalId });

    const all = await t.call('paymentsList', {});
    const captured = await t.call('paymentsList', { status: 'Captured' });
    const byOrder = await t.call('paymentsList', { orderId: 'order-b' });

    expect(all.map((p) => p.orderId)).toEqual(['order-b', 'order-a']);
    expect(captured.map((p) => p.journalId)).toEqual([first.journalId]);
    expect(byOrder.map((p) => p.status)).toEqual(['CancelledByClient']);
    expect(await t.call('paymentsList', { limit: 1 })).toHaveLength(1);
    expect((await t.fail('paymentsList', { status: 'Happy' })).code).toBe('bad-input');
  });
});
