// The Transactions tab: the payment journal with a status filter and an orderId search; hanging
// reservations (reserved, nobody decided) are highlighted and can be captured or cancelled here.
// Test ids: transactions-filter-status, transactions-search-order, transactions-refresh,
// transactions-table, transaction-row (data-journal-id, data-status, data-hanging),
// transaction-capture, transaction-cancel, transactions-empty.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { PaymentListStatus, PaymentView } from '../../shared/bridge/index.js';
import { FailureMessage } from '../components/messages.js';
import { formatAmount, formatTime } from '../lib/money.js';
import { useTransactionsStore, type StatusFilter } from '../stores/transactions-store.js';

const statuses: readonly PaymentListStatus[] = [
  'Prepared',
  'Paired',
  'Initiated',
  'IssuedToUser',
  'Reserved',
  'Captured',
  'CancelledByUser',
  'CancelledByClient',
  'CancelledByMobilePay',
  'ExpiredAndCancelled',
  'Refused',
  'Unknown',
];

/** One journal row; hanging reservations get the decision buttons. */
function Row({ payment, busy }: { readonly payment: PaymentView; readonly busy: string | null }) {
  const { capture, cancel } = useTransactionsStore.getState();
  const decidable = payment.hanging && payment.pendingDecision === null;
  return (
    <tr
      className={payment.hanging ? 'row-hanging' : undefined}
      data-testid="transaction-row"
      data-journal-id={payment.journalId}
      data-status={payment.status}
      data-hanging={payment.hanging}
    >
      <td>{formatTime(payment.createdAt)}</td>
      <td className="mono">{payment.orderId}</td>
      <td>{payment.flow === 'prepare' ? 'Prepared' : 'Direct'}</td>
      <td>{formatAmount(payment.amount, payment.currencyCode)}</td>
      <td>
        {payment.status}
        {payment.hanging ? <strong className="badge">Hanging</strong> : null}
        {payment.pendingDecision ? ` (${payment.pendingDecision} pending)` : ''}
      </td>
      <td className="actions">
        {decidable ? (
          <>
            <button
              type="button"
              className="button primary"
              data-testid="transaction-capture"
              aria-label={`Capture order ${payment.orderId}`}
              disabled={busy !== null}
              onClick={() => void capture(payment.journalId)}
            >
              Capture
            </button>
            <button
              type="button"
              className="button danger"
              data-testid="transaction-cancel"
              aria-label={`Cancel order ${payment.orderId}`}
              disabled={busy !== null}
              onClick={() => void cancel(payment.journalId)}
            >
              Cancel
            </button>
          </>
        ) : null}
      </td>
    </tr>
  );
}

/** The journal screen. */
export function TransactionsScreen() {
  const { items, filter, busy, error, load, setFilter } = useTransactionsStore();
  const [orderId, setOrderId] = useState(filter.orderId);
  const ids = { status: useId(), order: useId() };
  useEffect(() => {
    void load();
  }, [load]);
  const search = (event: FormEvent) => {
    event.preventDefault();
    void setFilter({ orderId });
  };
  const hanging = items.filter((payment) => payment.hanging).length;

  return (
    <section aria-labelledby="transactions-title">
      <h2 id="transactions-title">Transactions</h2>
      <form className="form filters" onSubmit={search} role="search" aria-label="Filter the journal">
        <div className="field">
          <label htmlFor={ids.status}>Status</label>
          <select
            id={ids.status}
            data-testid="transactions-filter-status"
            value={filter.status}
            onChange={(event) => void setFilter({ status: event.target.value as StatusFilter })}
          >
            <option value="all">All</option>
            <option value="hanging">Hanging reservations</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.order}>Order id</label>
          <input
            id={ids.order}
            data-testid="transactions-search-order"
            value={orderId}
            autoComplete="off"
            onChange={(event) => setOrderId(event.target.value)}
          />
        </div>
        <button type="submit" className="button primary" data-testid="transactions-search">
          Search
        </button>
        <button
          type="button"
          className="button"
          data-testid="transactions-refresh"
          onClick={() => void load()}
        >
          Refresh
        </button>
      </form>
      {hanging > 0 ? (
        <p className="warning" role="status">
          {hanging} hanging reservation{hanging === 1 ? '' : 's'}: capture or cancel{' '}
          {hanging === 1 ? 'it' : 'them'}.
        </p>
      ) : null}
      <FailureMessage failure={error} />
      {items.length === 0 ? (
        <p className="empty" data-testid="transactions-empty">
          No payments match.
        </p>
      ) : (
        <table className="table" data-testid="transactions-table">
          <caption className="visually-hidden">Payments, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Order id</th>
              <th scope="col">Flow</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((payment) => (
              <Row key={payment.journalId} payment={payment} busy={busy} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
