// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CheckoutScreen } from '../../../src/renderer/checkout/checkout-screen.js';
import { usePaymentStore } from '../../../src/renderer/stores/payment-store.js';
import { usePosStore } from '../../../src/renderer/stores/pos-store.js';
import { useSaleStore } from '../../../src/renderer/stores/sale-store.js';
import { capturedPayment, makePayment, makePos, reservedPayment } from '../fixtures.js';
import { emit, given, installFakeBridge } from '../harness.js';

/** A till with a PoS, showing the checkout. */
function setup() {
  const fake = installFakeBridge();
  usePosStore.setState({ pos: makePos(), loaded: true });
  const user = userEvent.setup();
  render(<CheckoutScreen />);
  return { fake, user };
}

describe('checkout screen', () => {
  it('totals a basket with + and − and pays it with the MobilePay button', async () => {
    const { fake, user } = setup();
    await user.click(screen.getByTestId('product-add-coffee'));
    await user.click(screen.getByTestId('product-add-coffee'));
    await user.click(screen.getByTestId('product-add-cake'));
    await user.click(screen.getByTestId('product-remove-cake'));
    expect(screen.getByTestId('product-qty-coffee').textContent).toBe('2');
    expect(screen.getByTestId('basket-total').textContent).toBe('70.00 DKK');
    await user.click(screen.getByTestId('mobilepay-button'));
    expect(fake.calls('paymentStart')).toEqual([{ amount: 70, currencyCode: 'DKK' }]);
    expect(await screen.findByTestId('payment-status')).toBeTruthy();
  });

  it('takes a free amount from the on-screen keypad in euro', async () => {
    const { fake, user } = setup();
    await user.click(screen.getByTestId('sale-mode-amount'));
    for (const key of ['keypad-1', 'keypad-2', 'keypad-decimal', 'keypad-5'])
      await user.click(screen.getByTestId(key));
    await user.click(screen.getByTestId('currency-EUR'));
    expect(screen.getByTestId('amount-display').textContent).toContain('12,5');
    await user.click(screen.getByRole('button', { name: /MobilePay/ }));
    expect(fake.calls('paymentStart')).toEqual([{ amount: 12.5, currencyCode: 'EUR' }]);
  });

  it('types the amount with physical digits and pays with Enter', async () => {
    const { fake, user } = setup();
    await user.keyboard('42,57{Backspace}{Enter}');
    expect(fake.calls('paymentStart')).toEqual([{ amount: 42.5, currencyCode: 'DKK' }]);
  });

  it('cancels the active payment with Escape', async () => {
    const { fake, user } = setup();
    given(() => usePaymentStore.setState({ current: makePayment({ status: 'IssuedToUser' }) }));
    await user.keyboard('{Escape}');
    expect(fake.calls('paymentCancel')).toEqual([{ journalId: 'pay-1' }]);
  });

  it('clears the typed amount with Escape when no payment is active', async () => {
    const { user } = setup();
    await user.keyboard('99{Escape}');
    expect(useSaleStore.getState().entry).toBe('');
  });

  it('says why the MobilePay button is disabled', () => {
    installFakeBridge();
    render(<CheckoutScreen />);
    expect(screen.getByTestId('mobilepay-button')).toHaveProperty('disabled', true);
    expect(screen.getByTestId('mobilepay-reason').textContent).toMatch(/Set up the point of sale/);
  });

  it('shows a refused start in cashier words with the API code', async () => {
    const { fake, user } = setup();
    fake.refuse('paymentStart');
    await user.keyboard('10{Enter}');
    expect((await screen.findByTestId('error-message')).textContent).toContain(
      'A payment is already active on this till (1301)',
    );
  });

  it('follows the payment live on the state timeline as events arrive', async () => {
    const { fake } = setup();
    given(() => usePaymentStore.setState({ current: makePayment() }));
    emit(fake, { kind: 'payment', payment: reservedPayment() });
    const steps = within(screen.getByTestId('state-timeline')).getAllByTestId('timeline-step');
    expect(steps.map((step) => [step.dataset.status, step.dataset.state])).toEqual([
      ['Initiated', 'done'],
      ['IssuedToUser', 'done'],
      ['Reserved', 'current'],
      ['Captured', 'upcoming'],
    ]);
    expect(screen.getByTestId('payment-status').getAttribute('aria-live')).toBe('polite');
    expect(screen.getByTestId('payment-status').textContent).toMatch(/Reserved/);
  });

  it('captures part of a reserved payment', async () => {
    const { fake, user } = setup();
    given(() => usePaymentStore.setState({ current: reservedPayment() }));
    await user.type(await screen.findByTestId('capture-partial-amount'), '100');
    await user.click(screen.getByTestId('capture-partial'));
    expect(fake.calls('paymentCapture')).toEqual([{ journalId: 'pay-1', amount: 100 }]);
  });

  it("disables partial capture and says why when the customer's card does not allow it", async () => {
    const { fake, user } = setup();
    given(() => usePaymentStore.setState({ current: reservedPayment({ partialCapturePossible: false }) }));
    expect(screen.getByTestId('capture-partial')).toHaveProperty('disabled', true);
    expect(screen.getByTestId('partial-capture-reason').textContent).toMatch(
      /card does not allow partial capture/,
    );
    await user.click(screen.getByTestId('capture-full'));
    expect(fake.calls('paymentCapture')).toEqual([{ journalId: 'pay-1' }]);
  });

  it('refuses a partial capture above the reserved amount', async () => {
    const { user } = setup();
    given(() => usePaymentStore.setState({ current: reservedPayment() }));
    await user.type(await screen.findByTestId('capture-partial-amount'), '200');
    expect(screen.getByTestId('capture-partial')).toHaveProperty('disabled', true);
    expect(screen.getByTestId('partial-capture-reason').textContent).toMatch(
      /more than the reserved 125.50 DKK/,
    );
  });

  it('shows the receipt after capture and starts a new sale', async () => {
    const { fake, user } = setup();
    given(() => {
      useSaleStore.getState().add('coffee');
      usePaymentStore.setState({ current: capturedPayment() });
    });
    const receipt = screen.getByTestId('receipt');
    expect(within(receipt).getByTestId('receipt-payment-id').textContent).toBe(
      'f3a1c2d4-0000-4000-8000-000000000001',
    );
    expect(within(receipt).getByTestId('receipt-order-id').textContent).toBe('order-1');
    expect(within(receipt).getByTestId('receipt-token').textContent).toBe('receipt-token-42');
    expect(within(receipt).getByTestId('receipt-loyalty').textContent).toBe('LOYAL-1');
    expect(within(receipt).getByTestId('receipt-captured').textContent).toBe('125.50 DKK');
    await user.click(screen.getByTestId('new-sale'));
    expect(fake.calls('paymentClear')).toHaveLength(1);
    expect(await screen.findByTestId('no-payment')).toBeTruthy();
    expect(useSaleStore.getState().quantities).toEqual({});
  });

  it('shows the loyalty ids of a checked-in customer', () => {
    const { fake } = setup();
    emit(fake, { kind: 'checkin', posId: 'pos-1', isUserCheckedIn: true, loyaltyIds: ['CLUB-7'] });
    expect(screen.getByTestId('checkin-status').textContent).toBe(
      'A customer is checked in. Loyalty: CLUB-7.',
    );
  });
});
