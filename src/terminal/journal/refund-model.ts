// What the journal knows about one refund: the refunded payment, the PoS v10 refundId once
// acknowledged, the last status seen and the decision on its reservation, as readonly data.
import { z } from 'zod';
import type { CURRENCY_CODES } from '../../shared/pos-v10/formats.js';
import { currencyCodeSchema, refundStatusSchema, type RefundStatus } from '../../shared/pos-v10/schemas.js';
import { parseRow, timestamp, type Failure } from './codec.js';
import { decisionColumnsSchema, decisionFromColumns, type RefundDecision } from './decisions.js';

/** Statuses after which a refund never changes again. */
export const finalRefundStatuses: ReadonlySet<RefundStatus> = new Set([
  'Captured',
  'CancelledByClient',
  'CancelledByMobilePay',
  'ExpiredAndCaptured',
]);

/** SQL: not refused and not final yet (unacknowledged, Initiated or Reserved): recovery and the sweeper's concern. */
export const UNSETTLED_REFUND_SQL = `refusal_code IS NULL AND (last_status IS NULL OR last_status NOT IN (${[
  ...finalRefundStatuses,
]
  .map((status) => `'${status}'`)
  .join(', ')}))`;

/** A status for lists and counts: the API's, or Unknown (no status seen yet) or Refused (never created). */
export type RefundListStatus = RefundStatus | 'Unknown' | 'Refused';

/** One refund as journalled; `id` is the journal's own, `refundId` the API's. */
export interface Refund {
  readonly id: string;
  readonly refundOrderId: string;
  /** The API's id of the refunded payment. */
  readonly paymentId: string;
  /** The journal's id of the refunded payment, when the journal has it. */
  readonly paymentLocalId: string | null;
  /** Null until the create response is acknowledged (or recovery found it via GET /refunds?paymentId). */
  readonly refundId: string | null;
  /** The creating call and its idempotency key. */
  readonly intentId: string;
  readonly amount: number;
  readonly currencyCode: (typeof CURRENCY_CODES)[number];
  /** Null while no status has been seen. */
  readonly lastStatus: RefundStatus | null;
  readonly statusAt: number | null;
  /** Set when the create call was finally refused: the refund never existed at MobilePay. */
  readonly refusal: Failure | null;
  readonly decision: RefundDecision | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The status a refund is listed and counted under. */
export function refundListStatus(refund: Refund): RefundListStatus {
  if (refund.refusal !== null) return 'Refused';
  return refund.lastStatus ?? 'Unknown';
}

const refundRowSchema = z.object({
  id: z.string().min(1),
  refund_order_id: z.string(),
  payment_id: z.string(),
  payment_local_id: z.string().nullable(),
  refund_id: z.string().nullable(),
  intent_id: z.string().min(1),
  amount: z.number(),
  currency_code: currencyCodeSchema,
  last_status: refundStatusSchema.nullable(),
  status_at: timestamp.nullable(),
  refusal_code: z.string().nullable(),
  refusal_message: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  ...decisionColumnsSchema.shape,
});

/** Reads a refunds row back, checked field by field. */
export function refundFromRow(raw: unknown): Refund {
  const row = parseRow(refundRowSchema, raw, 'refund');
  const stored = decisionFromColumns(row);
  let decision: RefundDecision | null = null;
  if (stored !== null) {
    const { amount: _amount, kind, ...progress } = stored;
    decision = { ...progress, kind };
  }
  return {
    id: row.id,
    refundOrderId: row.refund_order_id,
    paymentId: row.payment_id,
    paymentLocalId: row.payment_local_id,
    refundId: row.refund_id,
    intentId: row.intent_id,
    amount: row.amount,
    currencyCode: row.currency_code,
    lastStatus: row.last_status,
    statusAt: row.status_at,
    refusal:
      row.refusal_code === null ? null : { code: row.refusal_code, message: row.refusal_message ?? '' },
    decision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
