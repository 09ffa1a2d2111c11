// The Refunds tab: find a captured payment by orderId or pick it from the journal, see its refunds,
// refund part or all of what is left (several times), and capture or cancel each refund.
// Test ids: refund-order-search, refund-find, refund-candidates, refund-pick (data-journal-id),
// refund-payment, refund-close; the refund form's (refund-remaining, refund-amount, refund-create,
// refund-all) and the refund list's (refund-row, refund-capture, refund-cancel).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { FailureMessage } from '../components/messages.js';
import { formatAmount, formatTime } from '../lib/money.js';
import { refundableAmount, useRefundsStore } from '../stores/refunds-store.js';
import { RefundForm } from './refund-form.js';
import { RefundList } from './refund-list.js';

/** Finding the payment: by orderId, or from the journal's captured payments. */
function PaymentPicker() {
  const [orderId, setOrderId] = useState('');
  const searchId = useId();
  const { candidates, busy, find, pick, loadCandidates } = useRefundsStore();
  useEffect(() => {
    void loadCandidates();
  }, [loadCandidates]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (orderId.trim() !== '') void find(orderId);
  };
  return (
    <>
      <form className="form field inline" onSubmit={submit} role="search" aria-label="Find a payment">
        <label htmlFor={searchId}>Order id</label>
        <input
          id={searchId}
          data-testid="refund-order-search"
          value={orderId}
          autoComplete="off"
          onChange={(event) => setOrderId(event.target.value)}
        />
        <button type="submit" className="button primary" data-testid="refund-find" disabled={busy !== null}>
          Find
        </button>
      </form>
      <h3>Recent captured payments</h3>
      {candidates.length === 0 ? (
        <p className="empty">No captured payments in the journal.</p>
      ) : (
        <ul className="pick-list" data-testid="refund-candidates">
          {candidates.map((payment) => (
            <li key={payment.journalId}>
              <button
                type="button"
                className="button pick"
                data-testid="refund-pick"
                data-journal-id={payment.journalId}
                onClick={() => void pick(payment.journalId)}
              >
                <span className="mono">{payment.orderId}</span>
                <span>{formatAmount(payment.capturedAmount, payment.currencyCode)}</span>
                <span>{formatTime(payment.createdAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The refund screen. */
export function RefundsScreen() {
  const { detail, busy, error, create, capture, cancel, close } = useRefundsStore();
  return (
    <section aria-labelledby="refunds-title">
      <h2 id="refunds-title">Refunds</h2>
      <FailureMessage failure={error} />
      {detail === null ? (
        <PaymentPicker />
      ) : (
        <>
          <div
            className="refund-payment"
            data-testid="refund-payment"
            data-journal-id={detail.payment.journalId}
          >
            <p>
              Order <span className="mono">{detail.payment.orderId}</span>, captured{' '}
              {formatAmount(detail.payment.capturedAmount, detail.payment.currencyCode)}
              {detail.payment.status !== 'Captured' ? ` (payment is ${detail.payment.status})` : ''}
            </p>
            <button type="button" className="button" data-testid="refund-close" onClick={close}>
              Pick another payment
            </button>
          </div>
          <RefundForm
            key={detail.payment.journalId}
            remaining={refundableAmount(detail)}
            currency={detail.payment.currencyCode}
            busy={busy !== null}
            onRefund={create}
          />
          <RefundList
            refunds={detail.refunds}
            busy={busy}
            onCapture={(journalId) => void capture(journalId)}
            onCancel={(journalId) => void cancel(journalId)}
          />
        </>
      )}
    </section>
  );
}
