// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TransactionsScreen } from '../../../src/renderer/checkout/transactions-screen.js';
import { capturedPayment, makePayment, reservedPayment } from '../fixtures.js';
import { emit, installFakeBridge } from '../harness.js';

const hanging = reservedPayment({ journalId: 'pay-2', orderId: 'order-2', hanging: true });

function setup() {
  const fake = installFakeBridge();
  fake.answer('paymentsList', [capturedPayment(), hanging]);
  const user = userEvent.setup();
  render(<TransactionsScreen />);
  return { fake, user };
}

describe('transactions screen', () => {
  it('lists the journal', async () => {
    const { fake } = setup();
    expect(await screen.findAllByTestId('transaction-row')).toHaveLength(2);
    expect(fake.calls('paymentsList')).toEqual([{ limit: 200 }]);
  });

  it('highlights hanging reservations and offers capture and cancel only there', async () => {
    setup();
    const rows = await screen.findAllByTestId('transaction-row');
    expect(rows.map((row) => row.dataset.hanging)).toEqual(['false', 'true']);
    expect(within(rows[0] as HTMLElement).queryByTestId('transaction-capture')).toBeNull();
    expect(within(rows[1] as HTMLElement).getByTestId('transaction-cancel')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/1 hanging reservation/);
  });

  it('captures a hanging reservation', async () => {
    const { fake, user } = setup();
    fake.answer('paymentCapture', capturedPayment({ journalId: 'pay-2', orderId: 'order-2' }));
    await user.click(await screen.findByTestId('transaction-capture'));
    expect(fake.calls('paymentCapture')).toEqual([{ journalId: 'pay-2' }]);
    expect(screen.queryByTestId('transaction-capture')).toBeNull();
  });

  it('cancels a hanging reservation', async () => {
    const { fake, user } = setup();
    await user.click(await screen.findByTestId('transaction-cancel'));
    expect(fake.calls('paymentCancel')).toEqual([{ journalId: 'pay-2' }]);
  });

  it('filters by status and searches by order id', async () => {
    const { fake, user } = setup();
    await screen.findAllByTestId('transaction-row');
    await user.selectOptions(screen.getByTestId('transactions-filter-status'), 'hanging');
    await user.type(screen.getByTestId('transactions-search-order'), 'order-2{Enter}');
    expect(fake.calls('paymentsList').slice(1)).toEqual([
      { limit: 200, hangingOnly: true },
      { limit: 200, hangingOnly: true, orderId: 'order-2' },
    ]);
  });

  it('shows new payments as the host reports them', async () => {
    const { fake } = setup();
    await screen.findAllByTestId('transaction-row');
    emit(fake, { kind: 'payment', payment: makePayment({ journalId: 'pay-3', orderId: 'order-3' }) });
    expect(screen.getAllByTestId('transaction-row')[0]?.dataset.journalId).toBe('pay-3');
  });

  it('says when nothing matches', async () => {
    const fake = installFakeBridge();
    render(<TransactionsScreen />);
    expect(await screen.findByTestId('transactions-empty')).toBeTruthy();
    expect(fake.calls('paymentsList')).toHaveLength(1);
  });
});
