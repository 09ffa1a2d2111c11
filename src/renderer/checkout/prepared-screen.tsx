// The Prepared payment tab: prepare while the goods are scanned, see the customer pair (token,
// loyalty ids), then ready the payment with amount, currency, restrictions, label and capture delay,
// and follow it to capture or cancel like any payment.
// Test ids: prepare-start, prepared-stage, prepared-customer-token, prepared-loyalty-ids,
// prepared-terms, prepared-blocked; the ready form's (ready-*) and the payment panel's.
import type { PaymentView } from '../../shared/bridge/index.js';
import { FailureMessage } from '../components/messages.js';
import { PaymentPanel } from '../components/payment-panel.js';
import { formatAmount } from '../lib/money.js';
import { isPaymentFinal } from '../lib/payment-words.js';
import { usePaymentStore } from '../stores/payment-store.js';
import { usePosStore } from '../stores/pos-store.js';
import { saleAmount, useSaleStore } from '../stores/sale-store.js';
import { ReadyForm } from './ready-form.js';

const delayWords = {
  None: 'right away',
  LessThan24Hours: 'within 24 hours',
  LessThan14Days: 'within 14 days',
};

/** What the customer's check-in brought to the prepared payment. */
function Pairing({ payment }: { readonly payment: PaymentView }) {
  const paired = payment.customerToken !== null || payment.status !== 'Prepared';
  return (
    <dl className="facts" aria-label="Customer">
      <div className="fact">
        <dt>Stage</dt>
        <dd data-testid="prepared-stage">
          {paired ? 'Paired with the customer' : 'Waiting for the customer to check in'}
        </dd>
      </div>
      <div className="fact">
        <dt>Customer token</dt>
        <dd data-testid="prepared-customer-token">{payment.customerToken ?? 'none yet'}</dd>
      </div>
      <div className="fact">
        <dt>Loyalty ids</dt>
        <dd data-testid="prepared-loyalty-ids">
          {payment.loyaltyIds?.length ? payment.loyaltyIds.join(', ') : 'none'}
        </dd>
      </div>
    </dl>
  );
}

/** The terms the payment was readied with. */
function Terms({ payment }: { readonly payment: PaymentView }) {
  const restrictions = [
    payment.restrictions?.debitCardDisallowed ? 'no debit cards' : null,
    payment.restrictions?.creditCardDisallowed ? 'no credit cards' : null,
  ].filter((text) => text !== null);
  return (
    <p className="terms" data-testid="prepared-terms">
      Ready for {formatAmount(payment.amount, payment.currencyCode)}
      {restrictions.length ? `, ${restrictions.join(' and ')}` : ', all cards'}
      {payment.merchantPaymentLabel ? `, label “${payment.merchantPaymentLabel}”` : ''}
      {payment.plannedCaptureDelay ? `, capture ${delayWords[payment.plannedCaptureDelay]}` : ''}.
    </p>
  );
}

/** The prepared payment flow. */
export function PreparedScreen() {
  const payment = usePaymentStore((state) => state.current);
  const busy = usePaymentStore((state) => state.busy);
  const error = usePaymentStore((state) => state.error);
  const prepare = usePaymentStore((state) => state.prepare);
  const ready = usePaymentStore((state) => state.ready);
  const hasPos = usePosStore((state) => state.pos?.posId != null);
  const sale = useSaleStore();
  const resetSale = useSaleStore((state) => state.reset);

  if (payment && payment.flow === 'initiate' && !isPaymentFinal(payment.status)) {
    return (
      <p className="empty" data-testid="prepared-blocked">
        A payment started at the Checkout tab is active. Finish it there first.
      </p>
    );
  }
  if (payment === null) {
    return (
      <section className="prepared-start" aria-labelledby="prepare-title">
        <h2 id="prepare-title">Prepare a payment while scanning</h2>
        <p>The customer can check in and pair while you scan; the amount comes later.</p>
        <button
          type="button"
          className="button mobilepay"
          data-testid="prepare-start"
          disabled={!hasPos || busy !== null}
          onClick={() => void prepare()}
        >
          Prepare MobilePay payment
        </button>
        {hasPos ? null : <p className="hint">Set up the point of sale first (PoS setup).</p>}
        <FailureMessage failure={error} />
      </section>
    );
  }
  const awaitingReady = payment.status === 'Prepared' || payment.status === 'Paired';
  const amount = saleAmount(sale);
  return (
    <div className="checkout-grid">
      <section aria-labelledby="prepared-title">
        <h2 id="prepared-title">Prepared payment</h2>
        <Pairing payment={payment} />
        {awaitingReady ? (
          <ReadyForm
            key={payment.journalId}
            initialAmount={amount === null ? '' : amount.toFixed(2)}
            initialCurrency={sale.currency}
            busy={busy !== null}
            onReady={(terms) => void ready(terms)}
          />
        ) : payment.amount !== null ? (
          <Terms payment={payment} />
        ) : null}
      </section>
      <section className="live" aria-label="Payment state">
        <PaymentPanel payment={payment} onCleared={resetSale} />
      </section>
    </div>
  );
}
