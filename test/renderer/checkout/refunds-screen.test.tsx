// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RefundView } from '../../../src/shared/bridge/index.js';
import { RefundsScreen } from '../../../src/renderer/checkout/refunds-screen.js';
import { capturedPayment, makeRefund } from '../fixtures.js';
import { emit, installFakeBridge } from '../harness.js';

function setup() {
  const fake = installFakeBridge();
  fake.answer('paymentsList', [capturedPayment()]);
  fake.answer('paymentFind', { payment: capturedPayment(), refunds: [] });
  fake.answer('paymentGet', { payment: capturedPayment(), refunds: [] });
  const user = userEvent.setup();
  render(<RefundsScreen />);
  return { fake, user };
}

describe('refunds screen', () => {
  it('finds a captured payment by its order id', async () => {
    const { fake, user } = setup();
    await user.type(screen.getByTestId('refund-order-search'), 'order-1');
    await user.click(screen.getByTestId('refund-find'));
    expect(fake.calls('paymentFind')).toEqual([{ orderId: 'order-1' }]);
    expect((await screen.findByTestId('refund-remaining')).textContent).toBe('125.50 DKK');
  });

  it('picks a payment from the journal', async () => {
    const { fake, user } = setup();
    await user.click(await screen.findByTestId('refund-pick'));
    expect(fake.calls('paymentGet')).toEqual([{ journalId: 'pay-1' }]);
    expect(await screen.findByTestId('refund-payment')).toBeTruthy();
  });

  it('refunds part of the payment, then all that remains', async () => {
    const { fake, user } = setup();
    // The host's journal: paymentGet answers the refunds created so far.
    const created: RefundView[] = [];
    fake.answer('refundCreate', (args) => {
      const refund = makeRefund({
        journalId: `ref-${args.amount}`,
        amount: args.amount,
        status: 'Initiated',
      });
      created.push(refund);
      return refund;
    });
    fake.answer('paymentGet', () => ({ payment: capturedPayment(), refunds: [...created] }));
    await user.click(await screen.findByTestId('refund-pick'));
    await user.type(await screen.findByTestId('refund-amount'), '25');
    await user.click(screen.getByTestId('refund-create'));
    await waitFor(() => expect(screen.getByTestId('refund-remaining').textContent).toBe('100.50 DKK'));
    await user.click(screen.getByTestId('refund-all'));
    expect(fake.calls('refundCreate')).toEqual([
      { paymentJournalId: 'pay-1', amount: 25 },
      { paymentJournalId: 'pay-1', amount: 100.5 },
    ]);
    await waitFor(() => expect(screen.getByTestId('refund-remaining').textContent).toBe('0.00 DKK'));
    expect(screen.getAllByTestId('refund-row')).toHaveLength(2);
    expect(screen.getByTestId('refund-all')).toHaveProperty('disabled', true);
  });

  it('refuses to send more than is left', async () => {
    const { fake, user } = setup();
    await user.click(await screen.findByTestId('refund-pick'));
    await user.type(await screen.findByTestId('refund-amount'), '500');
    await user.click(screen.getByTestId('refund-create'));
    expect(screen.getByTestId('refund-problem').textContent).toBe('At most 125.50 is left to refund.');
    expect(fake.calls('refundCreate')).toEqual([]);
  });

  it('captures or cancels each reserved refund', async () => {
    const { fake, user } = setup();
    const second = makeRefund({ journalId: 'ref-2', refundOrderId: 'refund-2', amount: 10 });
    fake.answer('paymentGet', { payment: capturedPayment(), refunds: [makeRefund(), second] });
    fake.answer('refundCapture', makeRefund({ status: 'Captured', updatedAt: second.updatedAt + 1 }));
    fake.answer('refundCancel', { ...second, status: 'CancelledByClient', updatedAt: second.updatedAt + 1 });
    await user.click(await screen.findByTestId('refund-pick'));
    const rows = await screen.findAllByTestId('refund-row');
    await user.click(within(rows[0] as HTMLElement).getByTestId('refund-capture'));
    await user.click(within(rows[1] as HTMLElement).getByTestId('refund-cancel'));
    expect(fake.calls('refundCapture')).toEqual([{ journalId: 'ref-1' }]);
    expect(fake.calls('refundCancel')).toEqual([{ journalId: 'ref-2' }]);
    const statuses = screen.getAllByTestId('refund-row').map((row) => row.dataset.status);
    expect(statuses).toEqual(['Captured', 'CancelledByClient']);
  });

  it('shows a refund refused by the API in cashier words', async () => {
    const { fake, user } = setup();
    fake.refuse('refundCreate', {
      apiCode: '1354',
      message: 'Refund of payment not possible when payment is not captured',
    });
    await user.click(await screen.findByTestId('refund-pick'));
    await user.click(await screen.findByTestId('refund-all'));
    expect((await screen.findByTestId('error-message')).textContent).toContain(
      'Only captured payments can be refunded (1354)',
    );
  });

  it('follows refund states pushed by the host', async () => {
    const { fake, user } = setup();
    fake.answer('paymentGet', { payment: capturedPayment(), refunds: [makeRefund({ status: 'Initiated' })] });
    await user.click(await screen.findByTestId('refund-pick'));
    await screen.findByTestId('refund-row');
    emit(fake, {
      kind: 'refund',
      refund: makeRefund({ status: 'Reserved', updatedAt: makeRefund().updatedAt + 5 }),
    });
    expect(screen.getByTestId('refund-capture')).toBeTruthy();
  });
});
