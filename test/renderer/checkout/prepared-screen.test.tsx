// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PreparedScreen } from '../../../src/renderer/checkout/prepared-screen.js';
import { usePaymentStore } from '../../../src/renderer/stores/payment-store.js';
import { usePosStore } from '../../../src/renderer/stores/pos-store.js';
import { makePayment, makePos, T0 } from '../fixtures.js';
import { emit, given, installFakeBridge } from '../harness.js';

const prepared = makePayment({
  journalId: 'prep-1',
  flow: 'prepare',
  status: 'Prepared',
  amount: null,
  currencyCode: null,
  timeline: [{ status: 'Prepared', at: T0 }],
});
const paired = {
  ...prepared,
  status: 'Paired' as const,
  customerToken: 'cust-token-9',
  loyaltyIds: ['CLUB-1', 'CLUB-2'],
  timeline: [...prepared.timeline, { status: 'Paired' as const, at: T0 + 2000 }],
  updatedAt: T0 + 2000,
};

function setup() {
  const fake = installFakeBridge();
  usePosStore.setState({ pos: makePos(), loaded: true });
  const user = userEvent.setup();
  render(<PreparedScreen />);
  return { fake, user };
}

describe('prepared payment screen', () => {
  it('prepares a payment while the goods are scanned', async () => {
    const { fake, user } = setup();
    await user.click(screen.getByTestId('prepare-start'));
    expect(fake.calls('paymentPrepare')).toEqual([{}]);
    expect((await screen.findByTestId('prepared-stage')).textContent).toMatch(/Waiting for the customer/);
  });

  it('shows the customer token and loyalty ids once the customer paired', () => {
    const { fake } = setup();
    given(() => usePaymentStore.setState({ current: prepared }));
    emit(fake, { kind: 'payment', payment: paired });
    expect(screen.getByTestId('prepared-stage').textContent).toBe('Paired with the customer');
    expect(screen.getByTestId('prepared-customer-token').textContent).toBe('cust-token-9');
    expect(screen.getByTestId('prepared-loyalty-ids').textContent).toBe('CLUB-1, CLUB-2');
  });

  it('readies the payment with amount, currency, restrictions, label and capture delay', async () => {
    const { fake, user } = setup();
    given(() => usePaymentStore.setState({ current: paired }));
    await user.type(screen.getByTestId('ready-amount'), '99.95');
    await user.click(screen.getByTestId('ready-currency-EUR'));
    await user.click(screen.getByTestId('ready-credit-disallowed'));
    await user.type(screen.getByTestId('ready-label'), 'Table 4');
    await user.selectOptions(screen.getByTestId('ready-capture-delay'), 'LessThan24Hours');
    await user.click(screen.getByTestId('ready-submit'));
    expect(fake.calls('paymentReady')).toEqual([
      {
        journalId: 'prep-1',
        amount: 99.95,
        currencyCode: 'EUR',
        restrictions: { debitCardDisallowed: false, creditCardDisallowed: true },
        merchantPaymentLabel: 'Table 4',
        plannedCaptureDelay: 'LessThan24Hours',
      },
    ]);
  });

  it('will not ready without an amount or with every card disallowed', async () => {
    const { fake, user } = setup();
    given(() => usePaymentStore.setState({ current: paired }));
    await user.click(screen.getByTestId('ready-submit'));
    expect(screen.getByTestId('ready-problem').textContent).toMatch(/Type the amount/);
    await user.type(screen.getByTestId('ready-amount'), '10');
    await user.click(screen.getByTestId('ready-debit-disallowed'));
    await user.click(screen.getByTestId('ready-credit-disallowed'));
    await user.click(screen.getByTestId('ready-submit'));
    expect(screen.getByTestId('ready-problem').textContent).toMatch(/At least one kind of card/);
    expect(fake.calls('paymentReady')).toEqual([]);
  });

  it('follows the readied payment on the timeline with its terms', () => {
    setup();
    given(() =>
      usePaymentStore.setState({
        current: {
          ...paired,
          status: 'IssuedToUser',
          amount: 99.95,
          currencyCode: 'EUR',
          restrictions: { debitCardDisallowed: true, creditCardDisallowed: false },
          plannedCaptureDelay: 'LessThan14Days',
          timeline: [...paired.timeline, { status: 'IssuedToUser', at: T0 + 3000 }],
        },
      }),
    );
    expect(screen.getByTestId('prepared-terms').textContent).toBe(
      'Ready for 99.95 EUR, no debit cards, capture within 14 days.',
    );
    expect(screen.getByTestId('payment-status').dataset.status).toBe('IssuedToUser');
    expect(screen.getByTestId('cancel-payment')).toBeTruthy();
  });

  it('points to the checkout when a normal payment is active', () => {
    setup();
    given(() => usePaymentStore.setState({ current: makePayment({ status: 'IssuedToUser' }) }));
    expect(screen.getByTestId('prepared-blocked').textContent).toMatch(/Finish it there first/);
  });
});
