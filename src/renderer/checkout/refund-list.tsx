// The refunds of one payment, newest last, each with its state and, while reserved, capture and
// cancel. Test ids: refund-list, refund-row (data-journal-id, data-status), refund-status,
// refund-capture, refund-cancel, refund-refusal.
import type { RefundView } from '../../shared/bridge/index.js';
import { FailureMessage } from '../components/messages.js';
import { formatAmount, formatTime } from '../lib/money.js';
import { refundStatusWords } from '../lib/payment-words.js';

interface RefundListProps {
  readonly refunds: readonly RefundView[];
  readonly busy: string | null;
  readonly onCapture: (journalId: string) => void;
  readonly onCancel: (journalId: string) => void;
}

/** The table of refunds with their actions. */
export function RefundList({ refunds, busy, onCapture, onCancel }: RefundListProps) {
  if (refunds.length === 0) return <p className="empty">No refunds yet.</p>;
  return (
    <table className="table" data-testid="refund-list">
      <caption className="visually-hidden">Refunds of this payment</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Refund order</th>
          <th scope="col">Amount</th>
          <th scope="col">State</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {refunds.map((refund) => {
          const decidable = refund.status === 'Reserved' && refund.pendingDecision === null;
          return (
            <tr
              key={refund.journalId}
              data-testid="refund-row"
              data-journal-id={refund.journalId}
              data-status={refund.status}
            >
              <td>{formatTime(refund.createdAt)}</td>
              <td className="mono">{refund.refundOrderId}</td>
              <td>{formatAmount(refund.amount, refund.currencyCode)}</td>
              <td data-testid="refund-status">
                {refundStatusWords[refund.status]}
                {refund.pendingDecision ? ` (${refund.pendingDecision} sent, waiting)` : ''}
                <FailureMessage failure={refund.refusal} testId="refund-refusal" />
              </td>
              <td className="actions">
                {decidable ? (
                  <>
                    <button
                      type="button"
                      className="button primary"
                      data-testid="refund-capture"
                      disabled={busy !== null}
                      aria-label={`Capture refund ${refund.refundOrderId}`}
                      onClick={() => onCapture(refund.journalId)}
                    >
                      Capture
                    </button>
                    <button
                      type="button"
                      className="button danger"
                      data-testid="refund-cancel"
                      disabled={busy !== null}
                      aria-label={`Cancel refund ${refund.refundOrderId}`}
                      onClick={() => onCancel(refund.journalId)}
                    >
                      Cancel
                    </button>
                  </>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
