// The read side of the payments: lookups by the journal's id, the API's paymentId and the orderId,
// and the lists recovery, the sweeper and the transaction screen work from.
import { paymentStatuses } from '../../shared/pos-v10/schemas.js';
import type { JournalContext } from './database.js';
import { listQuery, type ListShape } from './list-filter.js';
import {
  ACTIVE_PAYMENT_SQL,
  paymentFromRow,
  UNDECIDED_RESERVATION_SQL,
  type Payment,
  type PaymentListStatus,
  type PaymentStore,
} from './payment-model.js';

/** The queries of the PaymentStore; each row is validated as it is read. */
export type PaymentQueries = Pick<
  PaymentStore,
  'get' | 'byPaymentId' | 'byOrderId' | 'active' | 'pendingDecisions' | 'undecidedReservations' | 'list'
>;

const listShape: ListShape<PaymentListStatus> = {
  table: 'payments',
  statuses: [...paymentStatuses, 'Unknown', 'Refused'],
  statusCondition: (status) =>
    status === 'Refused'
      ? 'refusal_code IS NOT NULL'
      : status === 'Unknown'
        ? 'refusal_code IS NULL AND last_status IS NULL'
        : `last_status = '${status}'`,
  textColumns: ['order_id', 'payment_id', 'merchant_payment_label', 'pos_id', 'id'],
};

export function paymentQueries(ctx: JournalContext): PaymentQueries {
  const { db } = ctx;
  const sql = {
    get: db.prepare<[string]>('SELECT * FROM payments WHERE id = ?'),
    byPaymentId: db.prepare<[string]>('SELECT * FROM payments WHERE payment_id = ?'),
    byOrderId: db.prepare<[string, string | null, string | null]>(
      `SELECT * FROM payments WHERE order_id = ? AND (? IS NULL OR pos_id = ?)
       ORDER BY created_at DESC, rowid DESC`,
    ),
    active: db.prepare<[string | null, string | null]>(
      `SELECT * FROM payments WHERE ${ACTIVE_PAYMENT_SQL} AND (? IS NULL OR pos_id = ?)
       ORDER BY created_at, rowid`,
    ),
    pending: db.prepare(`SELECT * FROM payments WHERE decision_state = 'pending' ORDER BY decided_at, rowid`),
    undecided: db.prepare(
      `SELECT * FROM payments WHERE ${UNDECIDED_RESERVATION_SQL} ORDER BY created_at, rowid`,
    ),
  };
  const one = (row: unknown): Payment | null => (row === undefined ? null : paymentFromRow(row));

  return {
    get: (id) => one(sql.get.get(id)),
    byPaymentId: (paymentId) => one(sql.byPaymentId.get(paymentId)),
    byOrderId: (orderId, posId) =>
      sql.byOrderId.all(orderId, posId ?? null, posId ?? null).map(paymentFromRow),
    active: (posId) => sql.active.all(posId ?? null, posId ?? null).map(paymentFromRow),
    pendingDecisions: () => sql.pending.all().map(paymentFromRow),
    undecidedReservations: () => sql.undecided.all().map(paymentFromRow),
    list(filter = {}) {
      const extra = filter.posId === undefined ? [] : ['pos_id = @posId'];
      const query = listQuery(listShape, filter, extra);
      const params = filter.posId === undefined ? query.params : { ...query.params, posId: filter.posId };
      return db.prepare(query.sql).all(params).map(paymentFromRow);
    },
  };
}
