// The payments: each one journalled with its initiate/prepare intent in one transaction, every status
// change recorded as seen, and the decision on its reservation persisted before capture or cancel.
import { z } from 'zod';
import { isValidAmount, toMinorUnits } from '../../shared/pos-v10/formats.js';
import {
  paymentStatusSchema,
  readyPaymentRequestSchema,
  type PaymentStatus,
  type ReadyPaymentRequest,
} from '../../shared/pos-v10/schemas.js';
import { canonicalJson, parseInput, toSqlBoolean } from './codec.js';
import type { JournalContext } from './database.js';
import { decisionWriter, type StoredDecision } from './decisions.js';
import { JournalError } from './errors.js';
import type { IntentLedger } from './intents.js';
import { finalPaymentStatuses, type Payment, type PaymentStore } from './payment-model.js';
import { paymentQueries } from './payment-queries.js';
import { statusHistory } from './status-history.js';

/** The payments over the journal's connection; creating calls go through the intent ledger. */
export function paymentStore(ctx: JournalContext, intents: IntentLedger): PaymentStore {
  const { db } = ctx;
  const decisions = decisionWriter(ctx, 'payments');
  const history = statusHistory(ctx, 'payment', paymentStatusSchema);
  const sql = {
    insert: db.prepare(
      `INSERT INTO payments (id, flow, pos_id, order_id, intent_id, amount, currency_code, restrictions,
       merchant_payment_label, planned_capture_delay, created_at, updated_at)
       VALUES (@id, @flow, @posId, @orderId, @intentId, @amount, @currencyCode, @restrictions, @label, @delay, @now, @now)`,
    ),
    ready: db.prepare(
      `UPDATE payments SET amount = @amount, currency_code = @currencyCode, restrictions = @restrictions,
       merchant_payment_label = @label, planned_capture_delay = @delay, updated_at = @now WHERE id = @id`,
    ),
    observe: db.prepare(
      `UPDATE payments SET last_status = @status, status_at = @statusAt,
       partial_capture_possible = COALESCE(@partial, partial_capture_possible),
       customer_token = COALESCE(@customerToken, customer_token),
       customer_receipt_token = COALESCE(@receiptToken, customer_receipt_token),
       loyalty_ids = COALESCE(@loyaltyIds, loyalty_ids), updated_at = @now WHERE id = @id`,
    ),
    settle: db.prepare(
      `UPDATE payments SET last_status = COALESCE(@status, last_status), status_at = COALESCE(@statusAt, status_at),
       captured_amount = COALESCE(@captured, captured_amount), updated_at = @now WHERE id = @id`,
    ),
  };

  const queries = paymentQueries(ctx);
  const mustGet = (id: string): Payment => {
    const payment = queries.get(id);
    if (payment === null) throw new JournalError('not_found', `payment ${id}`);
    return payment;
  };
  const terms = (details: Partial<ReadyPaymentRequest>) => ({
    amount: details.amount ?? null,
    currencyCode: details.currencyCode ?? null,
    restrictions: details.restrictions == null ? null : canonicalJson(details.restrictions),
    label: details.merchantPaymentLabel ?? null,
    delay: details.plannedCaptureDelay ?? null,
  });

  return {
    begin(request) {
      return ctx.durableTransaction(() => {
        const { intent, resumed } = intents.begin(
          request.flow === 'initiate'
            ? { kind: 'initiatePayment', body: request.body }
            : { kind: 'preparePayment', body: request.body },
          true,
        );
        const id = intent.recordId;
        if (id === null || (intent.kind !== 'initiatePayment' && intent.kind !== 'preparePayment'))
          throw new JournalError('journal_corrupt', `intent ${intent.id} is not a payment's`);
        if (resumed) return { payment: mustGet(id), intent, resumed };
        const { posId, orderId } = intent.body;
        sql.insert.run({
          id,
          flow: request.flow,
          posId,
          orderId,
          intentId: intent.id,
          ...terms(intent.kind === 'initiatePayment' ? intent.body : {}),
          now: ctx.now(),
        });
        return { payment: mustGet(id), intent, resumed };
      });
    },

    attachPaymentId(id, paymentId) {
      return ctx.transaction(() => {
        const payment = mustGet(id);
        if (payment.paymentId === paymentId) return payment;
        intents.acknowledge(payment.intentId, {
          kind: payment.flow === 'initiate' ? 'initiatePayment' : 'preparePayment',
          paymentId,
        });
        return mustGet(id);
      });
    },

    setReady(id, details) {
      return ctx.transaction(() => {
        const ready = parseInput(readyPaymentRequestSchema, details, 'ready');
        const payment = mustGet(id);
        if (payment.flow !== 'prepare')
          throw new JournalError('invalid_state', `payment ${id} was initiated, not prepared`);
        if (
          payment.lastStatus !== null &&
          payment.lastStatus !== 'Prepared' &&
          payment.lastStatus !== 'Paired'
        )
          throw new JournalError(
            'invalid_state',
            `payment ${id} is ${payment.lastStatus}; ready comes before that`,
          );
        sql.ready.run({ id, ...terms(ready), now: ctx.now() });
        return mustGet(id);
      });
    },

    recordStatus(id, observation) {
      return ctx.transaction(() => {
        const seen = parseInput(observationSchema, observation, 'payment observation');
        const payment = mustGet(id);
        if (payment.paymentId === null)
          throw new JournalError('invalid_state', `payment ${id} has no paymentId yet`);
        // The API never leaves a final status; a stale poll answered before a capture must not undo it.
        const stale =
          payment.lastStatus !== null &&
          finalPaymentStatuses.has(payment.lastStatus) &&
          !finalPaymentStatuses.has(seen.status);
        const status = stale ? payment.lastStatus : seen.status;
        const next = {
          partial: seen.partialCapturePossible ?? payment.partialCapturePossible,
          customerToken: seen.customerToken ?? payment.customerToken,
          receiptToken: seen.customerReceiptToken ?? payment.customerReceiptToken,
          loyaltyIds: seen.loyaltyIds ?? payment.loyaltyIds,
        };
        const changed = status !== payment.lastStatus;
        const same =
          !changed &&
          next.partial === payment.partialCapturePossible &&
          next.customerToken === payment.customerToken &&
          next.receiptToken === payment.customerReceiptToken &&
          canonicalJson(next.loyaltyIds) === canonicalJson(payment.loyaltyIds);
        // Polls repeat the same answer: nothing is written, so a poll costs no fsync.
        if (same) return payment;
        const now = ctx.now();
        sql.observe.run({
          id,
          status,
          statusAt: changed ? now : payment.statusAt,
          partial: toSqlBoolean(next.partial),
          customerToken: next.customerToken,
          receiptToken: next.receiptToken,
          loyaltyIds: next.loyaltyIds === null ? null : JSON.stringify(next.loyaltyIds),
          now,
        });
        if (changed && status !== null) history.append(id, status, 'observed', now);
        return mustGet(id);
      });
    },

    decide(id, decision) {
      return ctx.durableTransaction(() => {
        const request = parseInput(decisionSchema, decision, 'decision');
        const payment = mustGet(id);
        if (payment.refusal !== null)
          throw new JournalError('invalid_state', `payment ${id} was refused (${payment.refusal.code})`);
        const amount = request.kind === 'capture' ? request.amount : null;
        if (request.kind === 'capture') checkCapture(payment, request.amount);
        else if (payment.lastStatus !== null && finalPaymentStatuses.has(payment.lastStatus))
          throw new JournalError(
            'invalid_state',
            `payment ${id} is ${payment.lastStatus}; nothing to cancel`,
          );
        decisions.decide(id, storedDecision(payment), request.kind, amount);
        return mustGet(id);
      });
    },

    completeDecision(id) {
      return ctx.transaction(() => {
        const payment = mustGet(id);
        const decision = payment.decision;
        decisions.complete(id, storedDecision(payment));
        if (decision === null || decision.state === 'done') return mustGet(id);
        const implied: PaymentStatus = decision.kind === 'capture' ? 'Captured' : 'CancelledByClient';
        // A final status already seen (e.g. Captured, polled before the confirmation) stays as it is.
        const settled = payment.lastStatus !== null && finalPaymentStatuses.has(payment.lastStatus);
        const now = ctx.now();
        const captured = decision.kind === 'capture' ? decision.amount : null;
        sql.settle.run({
          id,
          status: settled ? null : implied,
          statusAt: settled ? null : now,
          captured,
          now,
        });
        if (!settled) history.append(id, implied, 'decision', now);
        return mustGet(id);
      });
    },

    failDecision(id, failure) {
      return ctx.transaction(() => {
        decisions.fail(id, storedDecision(mustGet(id)), failure);
        return mustGet(id);
      });
    },

    ...queries,
    history: (id) => history.list(id),
  };
}

/** A capture needs a reservation, a valid amount within it, and partial capture when it is less. */
function checkCapture(payment: Payment, amount: number): void {
  if (payment.lastStatus !== 'Reserved')
    throw new JournalError(
      'invalid_state',
      `payment ${payment.id} is ${payment.lastStatus ?? 'unknown'}, not Reserved`,
    );
  if (!isValidAmount(amount)) throw new JournalError('invalid_input', `capture amount ${amount}`);
  if (payment.amount === null) return;
  const [wanted, reserved] = [toMinorUnits(amount), toMinorUnits(payment.amount)];
  if (wanted > reserved)
    throw new JournalError('invalid_input', `capture ${amount} is more than the reserved ${payment.amount}`);
  if (wanted < reserved && payment.partialCapturePossible === false)
    throw new JournalError('invalid_input', `payment ${payment.id} cannot be partially captured`);
}

function storedDecision(payment: Payment): StoredDecision | null {
  const decision = payment.decision;
  if (decision === null) return null;
  return decision.kind === 'capture' ? decision : { ...decision, amount: null };
}

const decisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('capture'), amount: z.number() }),
  z.object({ kind: z.literal('cancel') }),
]);

const observationSchema = z.object({
  status: paymentStatusSchema,
  partialCapturePossible: z.boolean().nullable().optional(),
  customerToken: z.string().nullable().optional(),
  customerReceiptToken: z.string().nullable().optional(),
  loyaltyIds: z.array(z.string()).nullable().optional(),
});
