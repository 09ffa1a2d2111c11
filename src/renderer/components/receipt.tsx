// The receipt after capture: what the cashier (and the Storebox / loyalty tester) needs to see.
// Test ids: receipt, receipt-payment-id, receipt-order-id, receipt-token, receipt-loyalty,
// receipt-amount, receipt-captured.
import type { PaymentView } from '../../shared/bridge/index.js';
import { formatAmount, formatTime } from '../lib/money.js';

/** A receipt of a captured payment. */
export function Receipt({ payment }: { readonly payment: PaymentView }) {
  const currency = payment.currencyCode;
  const capturedAt = payment.timeline.find((step) => step.status === 'Captured')?.at ?? payment.updatedAt;
  const rows: readonly [string, string, string][] = [
    ['Payment id', payment.paymentId ?? '—', 'receipt-payment-id'],
    ['Order id', payment.orderId, 'receipt-order-id'],
    ['Reserved', formatAmount(payment.amount, currency), 'receipt-amount'],
    ['Captured', formatAmount(payment.capturedAmount, currency), 'receipt-captured'],
    ['Customer receipt token', payment.customerReceiptToken ?? 'none', 'receipt-token'],
    ['Loyalty ids', payment.loyaltyIds?.length ? payment.loyaltyIds.join(', ') : 'none', 'receipt-loyalty'],
  ];
  return (
    <section className="receipt" data-testid="receipt" aria-labelledby="receipt-title">
      <h3 id="receipt-title">Receipt</h3>
      <p className="receipt-time">Paid with MobilePay at {formatTime(capturedAt)}</p>
      <dl className="facts">
        {rows.map(([term, value, testId]) => (
          <div key={testId} className="fact">
            <dt>{term}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
        {payment.refundedAmount > 0 ? (
          <div className="fact">
            <dt>Refunded</dt>
            <dd data-testid="receipt-refunded">{formatAmount(payment.refundedAmount, currency)}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
