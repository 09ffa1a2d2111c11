// The Checkout tab: ring up a basket or type an amount, pick DKK/EUR, press the MobilePay button and
// follow the payment live. Physical keys: digits/,/. type the amount, Backspace deletes, Enter pays,
// Escape cancels the active payment (or clears the sale when there is none).
// Test ids: sale-mode (-basket, -amount), product-*, basket-total, amount-display, keypad-*,
// currency (-DKK, -EUR), mobilepay-button, mobilepay-reason, checkin-status, no-payment, and the
// payment panel's (payment-status, state-timeline, capture-*, cancel-payment, receipt*, new-sale).
import type { PaymentView } from '../../shared/bridge/index.js';
import { AmountKeypad } from '../components/amount-keypad.js';
import { Basket } from '../components/basket.js';
import { ChoiceGroup } from '../components/choice-group.js';
import { FailureMessage } from '../components/messages.js';
import { PaymentPanel } from '../components/payment-panel.js';
import { canCancelPayment, isPaymentFinal } from '../lib/payment-words.js';
import { usePaymentStore } from '../stores/payment-store.js';
import { usePosStore } from '../stores/pos-store.js';
import { basketTotal, saleAmount, useSaleStore } from '../stores/sale-store.js';
import { useCheckoutKeys } from './use-checkout-keys.js';

/** Whether a customer is checked in here now, with the loyalty ids the check-in brought. */
function CheckinStatus() {
  const checkin = usePosStore((state) => state.checkin);
  const posId = usePosStore((state) => state.pos?.posId ?? null);
  if (checkin === null || checkin.posId !== posId) return null;
  const loyalty = checkin.loyaltyIds?.length ? ` Loyalty: ${checkin.loyaltyIds.join(', ')}.` : '';
  return (
    <p className="checkin" data-testid="checkin-status" data-checked-in={checkin.isUserCheckedIn}>
      {checkin.isUserCheckedIn ? `A customer is checked in.${loyalty}` : 'No customer is checked in.'}
    </p>
  );
}

/** Why the MobilePay button cannot start a payment now; null when it can. */
function payProblem(hasPos: boolean, payment: PaymentView | null, amount: number | null): string | null {
  if (!hasPos) return 'Set up the point of sale first (PoS setup).';
  if (payment && isPaymentFinal(payment.status)) return 'Press New sale to start the next sale.';
  if (payment) return 'Finish the current payment first.';
  if (amount === null) return 'Add goods to the basket or type an amount.';
  return null;
}

/** The cashier's main screen. */
export function CheckoutScreen() {
  const sale = useSaleStore();
  const pos = usePosStore((state) => state.pos);
  const payment = usePaymentStore((state) => state.current);
  const busy = usePaymentStore((state) => state.busy);
  const error = usePaymentStore((state) => state.error);
  const start = usePaymentStore((state) => state.start);
  const cancel = usePaymentStore((state) => state.cancel);

  const amount = saleAmount(sale);
  const active = payment !== null && !isPaymentFinal(payment.status);
  const hasPos = pos?.posId != null;
  const problem = payProblem(hasPos, payment, amount);

  // Keys may come faster than renders (a keyboard wedge): read the stores, not this render's values.
  const pay = () => {
    const now = useSaleStore.getState();
    const { current, busy: waiting } = usePaymentStore.getState();
    const due = saleAmount(now);
    if (waiting === null && payProblem(hasPos, current, due) === null && due !== null)
      void start({ amount: due, currencyCode: now.currency });
  };
  const escape = () => {
    const { current, busy: waiting } = usePaymentStore.getState();
    if (current && canCancelPayment(current)) {
      if (waiting === null) void cancel();
    } else if (current === null || isPaymentFinal(current.status)) sale.reset();
  };
  useCheckoutKeys({
    onKey: (key) => {
      const current = usePaymentStore.getState().current;
      if (current === null || isPaymentFinal(current.status)) useSaleStore.getState().press(key);
    },
    onEnter: pay,
    onEscape: escape,
  });

  return (
    <div className="checkout-grid">
      <section className="sale" aria-labelledby="sale-title">
        <h2 id="sale-title">Sale</h2>
        <div className="sale-options">
          <ChoiceGroup
            legend="Ring up"
            hideLegend
            testIdPrefix="sale-mode"
            value={sale.mode}
            onChange={sale.setMode}
            choices={[
              { value: 'basket', label: 'Basket' },
              { value: 'amount', label: 'Free amount' },
            ]}
          />
          <ChoiceGroup
            legend="Currency"
            testIdPrefix="currency"
            value={sale.currency}
            onChange={sale.setCurrency}
            disabled={active}
            choices={[
              { value: 'DKK', label: 'DKK' },
              { value: 'EUR', label: 'EUR' },
            ]}
          />
        </div>
        {sale.mode === 'basket' ? (
          <Basket
            quantities={sale.quantities}
            currency={sale.currency}
            total={basketTotal(sale)}
            onAdd={sale.add}
            onRemove={sale.remove}
            disabled={active}
          />
        ) : (
          <AmountKeypad entry={sale.entry} currency={sale.currency} onKey={sale.press} disabled={active} />
        )}
        <button
          type="button"
          className="button mobilepay"
          data-testid="mobilepay-button"
          disabled={problem !== null || busy !== null}
          aria-describedby="mobilepay-reason"
          onClick={pay}
        >
          MobilePay
          {amount !== null ? (
            <span className="mobilepay-amount">
              {' '}
              {amount.toFixed(2)} {sale.currency}
            </span>
          ) : null}
        </button>
        <p id="mobilepay-reason" className="hint" data-testid="mobilepay-reason">
          {busy === 'start' ? 'Starting the payment…' : (problem ?? 'Enter pays, Escape cancels.')}
        </p>
      </section>
      <section className="live" aria-labelledby="live-title">
        <h2 id="live-title">Payment</h2>
        <CheckinStatus />
        {payment ? (
          <PaymentPanel payment={payment} onCleared={sale.reset} />
        ) : (
          <>
            <p className="empty" data-testid="no-payment">
              No payment yet.
            </p>
            {/* A refused start leaves no payment: its failure shows here. */}
            <FailureMessage failure={error} />
          </>
        )}
      </section>
    </div>
  );
}
