// The live payment as the cashier follows it: status in words (aria-live), the state timeline,
// capture / cancel, the receipt after capture and "New sale" once it is over.
// Test ids: payment-panel, payment-status (data-status), payment-amount, payment-pending-decision,
// payment-refusal, checkin-status, new-sale; plus those of StateTimeline, CaptureControls, Receipt.
import type { PaymentView } from '../../shared/bridge/index.js';
import { formatAmount } from '../lib/money.js';
import { isPaymentFinal, paymentStatusWords } from '../lib/payment-words.js';
import { usePaymentStore } from '../stores/payment-store.js';
import { CaptureControls } from './capture-controls.js';
import { FailureMessage } from './messages.js';
import { Receipt } from './receipt.js';
import { StateTimeline } from './state-timeline.js';

/** Called after "New sale" cleared the payment (e.g. to empty the basket). */
type AfterClear = () => void;

/** The current payment with its actions; the store does the calls. */
export function PaymentPanel({
  payment,
  onCleared,
}: {
  readonly payment: PaymentView;
  readonly onCleared?: AfterClear;
}) {
  const busy = usePaymentStore((state) => state.busy);
  const error = usePaymentStore((state) => state.error);
  const capture = usePaymentStore((state) => state.capture);
  const cancel = usePaymentStore((state) => state.cancel);
  const clear = usePaymentStore((state) => state.clear);
  const final = isPaymentFinal(payment.status);

  return (
    <section className="payment-panel" data-testid="payment-panel" aria-labelledby="payment-title">
      <h2 id="payment-title" className="visually-hidden">
        Payment
      </h2>
      <p className="payment-amount" data-testid="payment-amount">
        {payment.amount === null ? 'Amount not set yet' : formatAmount(payment.amount, payment.currencyCode)}
        <span className="payment-order"> · order {payment.orderId}</span>
      </p>
      <p
        className={`payment-status status-${payment.status}`}
        role="status"
        aria-live="polite"
        data-testid="payment-status"
        data-status={payment.status}
      >
        {paymentStatusWords[payment.status]}
      </p>
      <StateTimeline payment={payment} />
      {payment.pendingDecision ? (
        <p className="hint" data-testid="payment-pending-decision">
          {payment.pendingDecision === 'capture' ? 'Capture' : 'Cancel'} sent; waiting for MobilePay to
          confirm. The till will retry on its own if needed.
        </p>
      ) : null}
      {payment.hanging ? (
        <p className="warning">
          The money is only reserved: capture it or cancel it before the customer leaves.
        </p>
      ) : null}
      <FailureMessage failure={payment.refusal} testId="payment-refusal" />
      <FailureMessage failure={error} />
      <CaptureControls
        key={payment.journalId}
        payment={payment}
        busy={busy}
        onCapture={(amount) => void capture(amount)}
        onCancel={() => void cancel()}
      />
      {payment.status === 'Captured' ? <Receipt payment={payment} /> : null}
      {final ? (
        <button
          type="button"
          className="button primary big"
          data-testid="new-sale"
          disabled={busy !== null}
          onClick={() => {
            void clear().then((ok) => {
              if (ok) onCleared?.();
            });
          }}
        >
          New sale
        </button>
      ) : null}
    </section>
  );
}
