// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { listArgs, useTransactionsStore } from '../../../src/renderer/stores/transactions-store.js';
import { capturedPayment, makePayment, reservedPayment } from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

const journal = () => useTransactionsStore.getState();

describe('transactions store', () => {
  it('asks the journal with the filter in the bridge’s terms', () => {
    expect(listArgs({ status: 'all', orderId: '' })).toEqual({ limit: 200 });
    expect(listArgs({ status: 'hanging', orderId: ' 42 ' })).toEqual({
      limit: 200,
      hangingOnly: true,
      orderId: '42',
    });
    expect(listArgs({ status: 'Captured', orderId: '' })).toEqual({ limit: 200, status: 'Captured' });
  });

  it('reloads when the filter changes', async () => {
    const fake = installFakeBridge();
    fake.answer('paymentsList', [capturedPayment()]);
    await journal().setFilter({ status: 'Captured' });
    expect(fake.calls('paymentsList')).toEqual([{ limit: 200, status: 'Captured' }]);
    expect(journal().items).toHaveLength(1);
  });

  it('captures a hanging reservation and shows the answer in its row', async () => {
    const fake = installFakeBridge();
    fake.answer('paymentsList', [reservedPayment({ hanging: true })]);
    fake.answer('paymentCapture', capturedPayment());
    await journal().load();
    await journal().capture('pay-1');
    expect(fake.calls('paymentCapture')).toEqual([{ journalId: 'pay-1' }]);
    expect(journal().items[0]?.status).toBe('Captured');
  });

  it('updates listed payments from events and lists new ones that match the filter', async () => {
    const fake = installFakeBridge();
    fake.answer('paymentsList', [makePayment()]);
    await journal().load();
    journal().receivePayment(reservedPayment());
    journal().receivePayment(makePayment({ journalId: 'pay-2', orderId: 'order-2' }));
    expect(journal().items.map((p) => [p.journalId, p.status])).toEqual([
      ['pay-2', 'Initiated'],
      ['pay-1', 'Reserved'],
    ]);
  });

  it('does not list a new payment that the filter excludes', async () => {
    installFakeBridge();
    await journal().setFilter({ status: 'hanging' });
    journal().receivePayment(makePayment({ journalId: 'pay-3' }));
    expect(journal().items).toEqual([]);
  });
});
