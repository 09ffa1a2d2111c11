// What the journal knows about one payment (the order, the PoS v10 paymentId once acknowledged, the
// last status seen, the customer's tokens, the decision on its reservation) and what can be asked of it.
import { z } from 'zod';
import type { CURRENCY_CODES, PLANNED_CAPTURE_DELAYS } from '../../shared/pos-v10/formats.js';
import {
  activePaymentStatuses,
  currencyCodeSchema,
  paymentStatusSchema,
  plannedCaptureDelaySchema,
  restrictionsSchema,
  type InitiatePaymentRequest,
  type PaymentRestrictions,
  type PaymentStatus,
  type PreparePaymentRequest,
  type ReadyPaymentRequest,
} from '../../shared/pos-v10/schemas.js';
import { jsonText, parseRow, sqlBoolean, timestamp, type Failure, type FailureReport } from './codec.js';
import {
  decisionColumnsSchema,
  decisionFromColumns,
  type PaymentDecision,
  type PaymentDecisionRequest,
} from './decisions.js';
import { JournalError } from './errors.js';
import type { Intent } from './intent-model.js';
import type { ListFilter } from './list-filter.js';
import type { StatusChange } from './status-history.js';

/** initiate: POST /payments with the amount; prepare: POST /payments/prepare, the amount comes with ready. */
export type PaymentFlow = 'initiate' | 'prepare';

/** Statuses after which a payment never changes again. */
export const finalPaymentStatuses: ReadonlySet<PaymentStatus> = new Set([
  'CancelledByUser',
  'CancelledByClient',
  'CancelledByMobilePay',
  'ExpiredAndCancelled',
  'Captured',
]);

/** SQL: the payment may block its PoS (active status, or none seen yet) and was not refused. */
export const ACTIVE_PAYMENT_SQL = `refusal_code IS NULL AND (last_status IS NULL OR last_status IN (${[
  ...activePaymentStatuses,
]
  .map((status) => `'${status}'`)
  .join(', ')}))`;

/** SQL: reserved, and nobody has decided (or the decision failed finally). */
export const UNDECIDED_RESERVATION_SQL = `last_status = 'Reserved' AND (decision_state IS NULL OR decision_state = 'failed')`;

/** A status for lists and counts: the API's, or Unknown (no status seen yet) or Refused (never created). */
export type PaymentListStatus = PaymentStatus | 'Unknown' | 'Refused';

/** One payment as journalled; `id` is the journal's own, `paymentId` the API's. */
export interface Payment {
  readonly id: string;
  readonly flow: PaymentFlow;
  readonly posId: string;
  readonly orderId: string;
  /** Null until the initiate/prepare response is acknowledged (or recovery found it by posId + orderId). */
  readonly paymentId: string | null;
  /** The creating call (initiate or prepare) and its idempotency key. */
  readonly intentId: string;
  /** Null for a prepared payment until ready is sent. */
  readonly amount: number | null;
  readonly currencyCode: (typeof CURRENCY_CODES)[number] | null;
  readonly restrictions: PaymentRestrictions | null;
  readonly merchantPaymentLabel: string | null;
  readonly plannedCaptureDelay: (typeof PLANNED_CAPTURE_DELAYS)[number] | null;
  /** Null while no status has been seen (initiating, or unknown after a crash). */
  readonly lastStatus: PaymentStatus | null;
  readonly statusAt: number | null;
  readonly partialCapturePossible: boolean | null;
  readonly customerToken: string | null;
  readonly customerReceiptToken: string | null;
  readonly loyaltyIds: readonly string[] | null;
  /** Set when the creating call was finally refused: the payment never existed at MobilePay. */
  readonly refusal: Failure | null;
  readonly decision: PaymentDecision | null;
  /** The amount of the confirmed capture. */
  readonly capturedAmount: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The status a payment is listed and counted under. */
export function paymentListStatus(payment: Payment): PaymentListStatus {
  if (payment.refusal !== null) return 'Refused';
  return payment.lastStatus ?? 'Unknown';
}

const paymentRowSchema = z.object({
  id: z.string().min(1),
  flow: z.enum(['initiate', 'prepare']),
  pos_id: z.string(),
  order_id: z.string(),
  payment_id: z.string().nullable(),
  intent_id: z.string().min(1),
  amount: z.number().nullable(),
  currency_code: currencyCodeSchema.nullable(),
  restrictions: jsonText(restrictionsSchema).nullable(),
  merchant_payment_label: z.string().nullable(),
  planned_capture_delay: plannedCaptureDelaySchema.nullable(),
  last_status: paymentStatusSchema.nullable(),
  status_at: timestamp.nullable(),
  partial_capture_possible: sqlBoolean.nullable(),
  customer_token: z.string().nullable(),
  customer_receipt_token: z.string().nullable(),
  loyalty_ids: jsonText(z.array(z.string())).nullable(),
  refusal_code: z.string().nullable(),
  refusal_message: z.string().nullable(),
  captured_amount: z.number().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  ...decisionColumnsSchema.shape,
});

/** Reads a payments row back, checked field by field. */
export function paymentFromRow(raw: unknown): Payment {
  const row = parseRow(paymentRowSchema, raw, 'payment');
  const stored = decisionFromColumns(row);
  let decision: PaymentDecision | null = null;
  if (stored !== null) {
    const { amount, ...progress } = stored;
    if (stored.kind === 'cancel') decision = { ...progress, kind: 'cancel' };
    else if (amount !== null) decision = { ...progress, kind: 'capture', amount };
    else throw new JournalError('journal_corrupt', `payment ${row.id}: a capture decision without an amount`);
  }
  return {
    id: row.id,
    flow: row.flow,
    posId: row.pos_id,
    orderId: row.order_id,
    paymentId: row.payment_id,
    intentId: row.intent_id,
    amount: row.amount,
    currencyCode: row.currency_code,
    restrictions: row.restrictions,
    merchantPaymentLabel: row.merchant_payment_label,
    plannedCaptureDelay: row.planned_capture_delay,
    lastStatus: row.last_status,
    statusAt: row.status_at,
    partialCapturePossible: row.partial_capture_possible,
    customerToken: row.customer_token,
    customerReceiptToken: row.customer_receipt_token,
    loyaltyIds: row.loyalty_ids,
    refusal:
      row.refusal_code === null ? null : { code: row.refusal_code, message: row.refusal_message ?? '' },
    decision,
    capturedAmount: row.captured_amount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A payment to start: the body of POST /payments (initiate) or POST /payments/prepare. */
export type BeginPayment =
  | { readonly flow: 'initiate'; readonly body: InitiatePaymentRequest }
  | { readonly flow: 'prepare'; readonly body: PreparePaymentRequest };

/** The journalled payment and its creating call; `resumed` when both were already open for this order. */
export interface BegunPayment {
  readonly payment: Payment;
  readonly intent: Intent;
  readonly resumed: boolean;
}

/** What a GET /payments/{id} (or a poll) showed; a PaymentResponse fits. Absent tokens keep known ones. */
export interface PaymentObservation {
  readonly status: PaymentStatus;
  readonly partialCapturePossible?: boolean | null;
  readonly customerToken?: string | null;
  readonly customerReceiptToken?: string | null;
  readonly loyaltyIds?: readonly string[] | null;
}

export type PaymentFilter = ListFilter<PaymentListStatus> & { readonly posId?: string };

/** The journal's payments. */
export interface PaymentStore {
  /** Journals the payment and its intent (with a fresh idempotency key) before anything is sent. */
  begin(request: BeginPayment): BegunPayment;
  /** The initiate/prepare response (or recovery's lookup) gave the paymentId: acknowledges the intent. */
  attachPaymentId(id: string, paymentId: string): Payment;
  /** The amount and terms of a prepared payment, journalled before POST /payments/{id}/ready. */
  setReady(id: string, details: ReadyPaymentRequest): Payment;
  /** Records what the API showed; only changes are written, and a final status is never undone. */
  recordStatus(id: string, observation: PaymentObservation): Payment;
  /** Persists capture (amount) or cancel before the call; the sweeper retries it until done. */
  decide(id: string, decision: PaymentDecisionRequest): Payment;
  /** The API confirmed the decision: done, and the status it implies (Captured / CancelledByClient). */
  completeDecision(id: string): Payment;
  /** A capture/cancel attempt failed; a final failure (4xx) closes the decision as failed. */
  failDecision(id: string, failure: FailureReport): Payment;
  get(id: string): Payment | null;
  byPaymentId(paymentId: string): Payment | null;
  /** Payments for an order, newest first (order ids need not be unique). */
  byOrderId(orderId: string, posId?: string): readonly Payment[];
  /** Payments that may block the PoS: status active or not known yet, and not refused. Oldest first. */
  active(posId?: string): readonly Payment[];
  /**
   * Decisions persisted but not confirmed: exactly what the sweeper must execute, oldest first. A cancel
   * decided while the creating call was unanswered has no paymentId yet: resolve open intents first.
   */
  pendingDecisions(): readonly Payment[];
  /** Reserved payments nobody has decided on (or whose decision failed): the cashier must choose. */
  undecidedReservations(): readonly Payment[];
  /** For the transaction screen, newest first. */
  list(filter?: PaymentFilter): readonly Payment[];
  history(id: string): readonly StatusChange<PaymentStatus>[];
}
