// The refunds: each one journalled with its create intent in one transaction before the request
// leaves, so no refund is lost to a crash, and the decision on its reservation persisted before the call.
import { z } from 'zod';
import {
  refundStatuses,
  refundStatusSchema,
  type CreateRefundRequest,
  type RefundStatus,
} from '../../shared/pos-v10/schemas.js';
import { parseInput, type FailureReport } from './codec.js';
import type { JournalContext } from './database.js';
import { decisionWriter, type RefundDecisionRequest, type StoredDecision } from './decisions.js';
import { JournalError } from './errors.js';
import type { Intent } from './intent-model.js';
import type { IntentLedger } from './intents.js';
import { listQuery, type ListFilter, type ListShape } from './list-filter.js';
import {
  finalRefundStatuses,
  refundFromRow,
  UNSETTLED_REFUND_SQL,
  type Refund,
  type RefundListStatus,
} from './refund-model.js';
import { statusHistory, type StatusChange } from './status-history.js';

/** The journalled refund and its creating call; `resumed` when both were already open for this refund order. */
export interface BegunRefund {
  readonly refund: Refund;
  readonly intent: Intent;
  readonly resumed: boolean;
}

/** What a GET /refunds/{id} showed; a RefundResponse fits. */
export interface RefundObservation {
  readonly status: RefundStatus;
}

export type RefundFilter = ListFilter<RefundListStatus> & { readonly paymentId?: string };

/** The journal's refunds. */
export interface RefundStore {
  /** Journals the refund and its intent (with a fresh idempotency key) before anything is sent. */
  begin(body: CreateRefundRequest): BegunRefund;
  /** The create response (or recovery's GET /refunds?paymentId) gave the refundId: acknowledges the intent. */
  attachRefundId(id: string, refundId: string): Refund;
  /** Records what the API showed; only changes are written, and a final status is never undone. */
  recordStatus(id: string, observation: RefundObservation): Refund;
  /** Persists capture or cancel before the call; the sweeper retries it until done. */
  decide(id: string, decision: RefundDecisionRequest): Refund;
  /** The API confirmed the decision: done, and the status it implies (Captured / CancelledByClient). */
  completeDecision(id: string): Refund;
  /** A capture/cancel attempt failed; a final failure (4xx) closes the decision as failed. */
  failDecision(id: string, failure: FailureReport): Refund;
  get(id: string): Refund | null;
  byRefundId(refundId: string): Refund | null;
  /** Refunds of a payment (by the API's paymentId), oldest first. */
  forPayment(paymentId: string): readonly Refund[];
  /** Refunds not settled yet: created but unacknowledged, or Initiated/Reserved without a confirmed decision. */
  unresolved(): readonly Refund[];
  /**
   * Decisions persisted but not confirmed: exactly what the sweeper must execute, oldest first. A cancel
   * decided while the creating call was unanswered has no refundId yet: resolve open intents first.
   */
  pendingDecisions(): readonly Refund[];
  /** For the transaction screen, newest first. */
  list(filter?: RefundFilter): readonly Refund[];
  history(id: string): readonly StatusChange<RefundStatus>[];
}

const refundListStatuses: readonly RefundListStatus[] = [...refundStatuses, 'Unknown', 'Refused'];

export function refundStore(ctx: JournalContext, intents: IntentLedger): RefundStore {
  const { db } = ctx;
  const decisions = decisionWriter(ctx, 'refunds');
  const history = statusHistory(ctx, 'refund', refundStatusSchema);
  const sql = {
    insert: db.prepare(
      `INSERT INTO refunds (id, refund_order_id, payment_id, payment_local_id, intent_id, amount, currency_code,
       created_at, updated_at)
       VALUES (@id, @refundOrderId, @paymentId, (SELECT id FROM payments WHERE payment_id = @paymentId),
       @intentId, @amount, @currencyCode, @now, @now)`,
    ),
    get: db.prepare<[string]>('SELECT * FROM refunds WHERE id = ?'),
    byRefundId: db.prepare<[string]>('SELECT * FROM refunds WHERE refund_id = ?'),
    forPayment: db.prepare<[string]>('SELECT * FROM refunds WHERE payment_id = ? ORDER BY created_at, rowid'),
    unresolved: db.prepare(`SELECT * FROM refunds WHERE ${UNSETTLED_REFUND_SQL} ORDER BY created_at, rowid`),
    pending: db.prepare(`SELECT * FROM refunds WHERE decision_state = 'pending' ORDER BY decided_at, rowid`),
    observe: db.prepare<[RefundStatus, number, number, string]>(
      'UPDATE refunds SET last_status = ?, status_at = ?, updated_at = ? WHERE id = ?',
    ),
  };

  const find = (id: string): Refund | null => {
    const row = sql.get.get(id);
    return row === undefined ? null : refundFromRow(row);
  };
  const mustGet = (id: string): Refund => {
    const refund = find(id);
    if (refund === null) throw new JournalError('not_found', `refund ${id}`);
    return refund;
  };
  const isFinal = (refund: Refund): boolean =>
    refund.lastStatus !== null && finalRefundStatuses.has(refund.lastStatus);
  const setStatus = (refund: Refund, status: RefundStatus, source: 'observed' | 'decision'): void => {
    const now = ctx.now();
    sql.observe.run(status, now, now, refund.id);
    history.append(refund.id, status, source, now);
  };

  return {
    begin(body) {
      return ctx.durableTransaction(() => {
        const { intent, resumed } = intents.begin({ kind: 'createRefund', body }, true);
        const id = intent.recordId;
        if (id === null || intent.kind !== 'createRefund')
          throw new JournalError('journal_corrupt', `intent ${intent.id} is not a refund's`);
        if (resumed) return { refund: mustGet(id), intent, resumed };
        sql.insert.run({ id, ...intent.body, intentId: intent.id, now: ctx.now() });
        return { refund: mustGet(id), intent, resumed };
      });
    },

    attachRefundId(id, refundId) {
      return ctx.transaction(() => {
        const refund = mustGet(id);
        if (refund.refundId === refundId) return refund;
        intents.acknowledge(refund.intentId, { kind: 'createRefund', refundId });
        return mustGet(id);
      });
    },

    recordStatus(id, observation) {
      return ctx.transaction(() => {
        const { status } = parseInput(
          z.object({ status: refundStatusSchema }),
          observation,
          'refund observation',
        );
        const refund = mustGet(id);
        if (refund.refundId === null)
          throw new JournalError('invalid_state', `refund ${id} has no refundId yet`);
        // The API never leaves a final status; a stale answer must not undo it. Repeats write nothing.
        if (status === refund.lastStatus || (isFinal(refund) && !finalRefundStatuses.has(status)))
          return refund;
        setStatus(refund, status, 'observed');
        return mustGet(id);
      });
    },

    decide(id, decision) {
      return ctx.durableTransaction(() => {
        const request = parseInput(decisionSchema, decision, 'decision');
        const refund = mustGet(id);
        if (refund.refusal !== null)
          throw new JournalError('invalid_state', `refund ${id} was refused (${refund.refusal.code})`);
        if (request.kind === 'capture' && refund.lastStatus !== 'Reserved')
          throw new JournalError(
            'invalid_state',
            `refund ${id} is ${refund.lastStatus ?? 'unknown'}, not Reserved`,
          );
        if (isFinal(refund)) throw new JournalError('invalid_state', `refund ${id} is ${refund.lastStatus}`);
        decisions.decide(id, storedDecision(refund), request.kind, null);
        return mustGet(id);
      });
    },

    completeDecision(id) {
      return ctx.transaction(() => {
        const refund = mustGet(id);
        decisions.complete(id, storedDecision(refund));
        const decision = refund.decision;
        if (decision !== null && decision.state === 'pending' && !isFinal(refund))
          setStatus(refund, decision.kind === 'capture' ? 'Captured' : 'CancelledByClient', 'decision');
        return mustGet(id);
      });
    },

    failDecision(id, failure) {
      return ctx.transaction(() => {
        decisions.fail(id, storedDecision(mustGet(id)), failure);
        return mustGet(id);
      });
    },

    get: find,
    byRefundId(refundId) {
      const row = sql.byRefundId.get(refundId);
      return row === undefined ? null : refundFromRow(row);
    },
    forPayment: (paymentId) => sql.forPayment.all(paymentId).map(refundFromRow),
    unresolved: () => sql.unresolved.all().map(refundFromRow),
    pendingDecisions: () => sql.pending.all().map(refundFromRow),
    list(filter = {}) {
      const extra = filter.paymentId === undefined ? [] : ['payment_id = @paymentId'];
      const query = listQuery(listShape, filter, extra);
      const params =
        filter.paymentId === undefined ? query.params : { ...query.params, paymentId: filter.paymentId };
      return db.prepare(query.sql).all(params).map(refundFromRow);
    },
    history: (id) => history.list(id),
  };
}

function storedDecision(refund: Refund): StoredDecision | null {
  return refund.decision === null ? null : { ...refund.decision, amount: null };
}

const listShape: ListShape<RefundListStatus> = {
  table: 'refunds',
  statuses: refundListStatuses,
  statusCondition: (status) =>
    status === 'Refused'
      ? 'refusal_code IS NOT NULL'
      : status === 'Unknown'
        ? 'refusal_code IS NULL AND last_status IS NULL'
        : `last_status = '${status}'`,
  textColumns: ['refund_order_id', 'refund_id', 'payment_id', 'id'],
};

const decisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('capture') }),
  z.object({ kind: z.literal('cancel') }),
]);
