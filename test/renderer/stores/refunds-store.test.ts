// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { refundableAmount, useRefundsStore } from '../../../src/renderer/stores/refunds-store.js';
import { capturedPayment, makeRefund } from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

const refunds = () => useRefundsStore.getState();

describe('refunds store', () => {
  it('finds a payment by order id', async () => {
    const fake = installFakeBridge();
    fake.answer('paymentFind', { payment: capturedPayment(), refunds: [] });
    expect(await refunds().find(' order-1 ')).toBe(true);
    expect(fake.calls('paymentFind')).toEqual([{ orderId: 'order-1' }]);
    expect(refunds().detail?.payment.orderId).toBe('order-1');
  });

  it('lists the captured payments of the journal to pick from', async () => {
    const fake = installFakeBridge();
    fake.answer('paymentsList', [capturedPayment()]);
    await refunds().loadCandidates();
    expect(fake.calls('paymentsList')).toEqual([{ status: 'Captured', limit: 50 }]);
    expect(refunds().candidates).toHaveLength(1);
  });

  it('creates a refund, adds it to the payment and re-reads the payment', async () => {
    const fake = installFakeBridge();
    fake.answer('refundCreate', makeRefund({ status: 'Initiated' }));
    fake.answer('paymentGet', {
      payment: capturedPayment({ refundedAmount: 25 }),
      refunds: [makeRefund({ status: 'Initiated' })],
    });
    useRefundsStore.setState({ detail: { payment: capturedPayment(), refunds: [] } });
    expect(await refunds().create(25)).toBe(true);
    expect(fake.calls('refundCreate')).toEqual([{ paymentJournalId: 'pay-1', amount: 25 }]);
    expect(refunds().detail?.refunds).toHaveLength(1);
    expect(refunds().detail?.payment.refundedAmount).toBe(25);
  });

  it('counts every refund that is not cancelled or refused against what is left', () => {
    const detail = {
      payment: capturedPayment(),
      refunds: [
        makeRefund({ journalId: 'a', amount: 25, status: 'Captured' }),
        makeRefund({ journalId: 'b', amount: 10, status: 'Initiated' }),
        makeRefund({ journalId: 'c', amount: 50, status: 'CancelledByClient' }),
      ],
    };
    expect(refundableAmount(detail)).toBe(90.5);
  });

  it('captures a reserved refund and follows its events', async () => {
    const fake = installFakeBridge();
    useRefundsStore.setState({ detail: { payment: capturedPayment(), refunds: [makeRefund()] } });
    fake.answer('refundCapture', makeRefund({ status: 'Captured', updatedAt: makeRefund().updatedAt + 1 }));
    await refunds().capture('ref-1');
    expect(fake.calls('refundCapture')).toEqual([{ journalId: 'ref-1' }]);
    expect(refunds().detail?.refunds[0]?.status).toBe('Captured');
  });

  it('ignores refund events of other payments', () => {
    useRefundsStore.setState({ detail: { payment: capturedPayment(), refunds: [] } });
    refunds().receiveRefund(makeRefund({ journalId: 'x', paymentId: 'another' }));
    expect(refunds().detail?.refunds).toEqual([]);
  });

  it('keeps the refusal when the API refuses the refund', async () => {
    const fake = installFakeBridge();
    useRefundsStore.setState({ detail: { payment: capturedPayment(), refunds: [] } });
    fake.refuse('refundCreate', { apiCode: '1367', message: 'Refund Amount is too high' });
    expect(await refunds().create(500)).toBe(false);
    expect(refunds().error?.apiCode).toBe('1367');
  });
});
