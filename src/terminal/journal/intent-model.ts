// What an intent is: one creating call (create PoS, initiate, prepare, create refund) with its body,
// its idempotency key and how far it got, as readonly data parsed from its row.
import { z } from 'zod';
import {
  createPosRequestSchema,
  createRefundRequestSchema,
  initiatePaymentRequestSchema,
  preparePaymentRequestSchema,
  type CreatePosRequest,
  type CreateRefundRequest,
  type InitiatePaymentRequest,
  type PreparePaymentRequest,
} from '../../shared/pos-v10/schemas.js';
import { assertNever, jsonText, parseRow, sqlBoolean, timestamp, type FailureReport } from './codec.js';

export const intentKinds = ['createPos', 'initiatePayment', 'preparePayment', 'createRefund'] as const;
/** The four calls that need an idempotency key (POST pointofsales, payments, payments/prepare, refunds). */
export type IntentKind = (typeof intentKinds)[number];

export const intentStates = ['pending', 'sent', 'acknowledged', 'failed'] as const;
/**
 * pending: journalled, no request has left (markSent is called before every send);
 * sent: a request may have reached the API, outcome unknown until acknowledged or failed;
 * acknowledged: the response arrived; failed: finally refused (4xx) or given up, the key is retired.
 */
export type IntentState = (typeof intentStates)[number];

/** The request body of each kind, exactly as sent on every attempt under the one key. */
export interface IntentBodies {
  readonly createPos: CreatePosRequest;
  readonly initiatePayment: InitiatePaymentRequest;
  readonly preparePayment: PreparePaymentRequest;
  readonly createRefund: CreateRefundRequest;
}

/** What the response of each kind tells us: the id the API created. */
export interface IntentResults {
  readonly createPos: { readonly posId: string };
  readonly initiatePayment: { readonly paymentId: string };
  readonly preparePayment: { readonly paymentId: string };
  readonly createRefund: { readonly refundId: string };
}

/** A response, tagged with the kind of call it answers (checked against the intent's kind). */
export type IntentResult = { [K in IntentKind]: { readonly kind: K } & IntentResults[K] }[IntentKind];

/** A call to journal: its kind and body; the subject (orderId, refundOrderId, merchantPosId) comes from the body. */
export type IntentRequest = {
  [K in IntentKind]: { readonly kind: K; readonly body: IntentBodies[K] };
}[IntentKind];

interface IntentCommon {
  readonly id: string;
  /** orderId (payments), refundOrderId (refunds) or merchantPosId (createPos). */
  readonly subject: string;
  readonly idempotencyKey: string;
  /** The local id of the payment or refund this call creates (null for createPos). */
  readonly recordId: string | null;
  readonly state: IntentState;
  /** How many times markSent was called: requests that may have left. */
  readonly attempts: number;
  /** The last failure reported, final or not. */
  readonly error: FailureReport | null;
  readonly createdAt: number;
  readonly firstSentAt: number | null;
  readonly lastSentAt: number | null;
  /** When it was acknowledged or finally failed. */
  readonly resolvedAt: number | null;
  readonly updatedAt: number;
}

/** A journalled creating call, its body and result typed by its kind. */
export type Intent = {
  [K in IntentKind]: IntentCommon & {
    readonly kind: K;
    readonly body: IntentBodies[K];
    readonly result: IntentResults[K] | null;
  };
}[IntentKind];

export const intentBodySchemas = {
  createPos: createPosRequestSchema,
  initiatePayment: initiatePaymentRequestSchema,
  preparePayment: preparePaymentRequestSchema,
  createRefund: createRefundRequestSchema,
} as const satisfies Record<IntentKind, z.ZodType>;

const paymentIdResult = z.object({ paymentId: z.string().min(1) });
export const intentResultSchemas = {
  createPos: z.object({ posId: z.string().min(1) }),
  initiatePayment: paymentIdResult,
  preparePayment: paymentIdResult,
  createRefund: z.object({ refundId: z.string().min(1) }),
} as const satisfies Record<IntentKind, z.ZodType>;

/** The subject an intent is journalled under: one open call per kind and subject. */
export function subjectOf(request: IntentRequest): string {
  switch (request.kind) {
    case 'createPos':
      return request.body.merchantPosId;
    case 'initiatePayment':
    case 'preparePayment':
      return request.body.orderId;
    case 'createRefund':
      return request.body.refundOrderId;
    default:
      return assertNever(request);
  }
}

const intentRowSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(intentKinds),
  subject: z.string(),
  idempotency_key: z.string().min(1),
  body: jsonText(z.unknown()),
  record_id: z.string().nullable(),
  state: z.enum(intentStates),
  attempts: z.number().int().min(0),
  result: jsonText(z.unknown()).nullable(),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  error_final: sqlBoolean.nullable(),
  created_at: timestamp,
  first_sent_at: timestamp.nullable(),
  last_sent_at: timestamp.nullable(),
  resolved_at: timestamp.nullable(),
  updated_at: timestamp,
});

/** Reads an intents row back, its body and result checked against the kind's wire schema. */
export function intentFromRow(raw: unknown): Intent {
  const row = parseRow(intentRowSchema, raw, 'intent');
  const what = `intent ${row.id}`;
  const body = parseRow<unknown>(intentBodySchemas[row.kind], row.body, `${what} body`);
  const result =
    row.result === null
      ? null
      : parseRow<unknown>(intentResultSchemas[row.kind], row.result, `${what} result`);
  const error =
    row.error_code === null
      ? null
      : { code: row.error_code, message: row.error_message ?? '', final: row.error_final === true };
  // The row schema checked every field and the kind's schemas the body and result; TypeScript cannot
  // correlate `kind` with them across the lookup, hence the one assertion.
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    idempotencyKey: row.idempotency_key,
    body,
    recordId: row.record_id,
    state: row.state,
    attempts: row.attempts,
    result,
    error,
    createdAt: row.created_at,
    firstSentAt: row.first_sent_at,
    lastSentAt: row.last_sent_at,
    resolvedAt: row.resolved_at,
    updatedAt: row.updated_at,
  } as Intent;
}
