// The intent ledger: a creating call is journalled with a fresh idempotency key before its request
// leaves, and its outcome lands on the record it creates in the same transaction, so after a crash
// every call is either answered, refused, or listed as open with the key to retry it under.
import { isValidText } from '../../shared/pos-v10/formats.js';
import {
  assertNever,
  canonicalJson,
  failureReportSchema,
  isUniqueViolation,
  parseInput,
  type FailureReport,
} from './codec.js';
import type { JournalContext } from './database.js';
import { JournalError } from './errors.js';
import {
  intentBodySchemas,
  intentFromRow,
  intentResultSchemas,
  subjectOf,
  type Intent,
  type IntentKind,
  type IntentRequest,
  type IntentResult,
} from './intent-model.js';

/** A journalled call, and whether it is the still-open one for the same subject and body (same key). */
export interface BegunIntent {
  readonly intent: Intent;
  readonly resumed: boolean;
}

/** The intents as the engine sees them: the life of each call after it was begun by its record's store. */
export interface IntentStore {
  /** Records that a request is about to leave; call it before every attempt, so `pending` proves none did. */
  markSent(intentId: string): Intent;
  /** The response arrived: closes the intent and attaches the created id to its payment, refund or PoS. */
  acknowledge(intentId: string, result: IntentResult): Intent;
  /** A final failure (4xx) closes the intent and marks its record refused; a non-final one is only noted. */
  fail(intentId: string, failure: FailureReport): Intent;
  get(intentId: string): Intent | null;
  /** Calls whose outcome is unknown (pending or sent), oldest first: what recovery must resolve. */
  open(): readonly Intent[];
  /** The latest intent of a kind for a subject (orderId, refundOrderId, merchantPosId), in any state. */
  latestFor(kind: IntentKind, subject: string): Intent | null;
}

/** The ledger with the entry point the record stores use to journal their creating call. */
export interface IntentLedger extends IntentStore {
  /**
   * Journals a new call, or resumes the open one for the same subject if its body is the same;
   * `withRecord` gives a new intent a fresh `recordId` for the payment or refund it creates.
   */
  begin(request: IntentRequest, withRecord: boolean): BegunIntent;
}

export function intentLedger(ctx: JournalContext): IntentLedger {
  const { db } = ctx;
  const sql = {
    insert: db.prepare(
      `INSERT INTO intents (id, kind, subject, idempotency_key, body, record_id, state, created_at, updated_at)
       VALUES (@id, @kind, @subject, @key, @body, @recordId, 'pending', @now, @now)`,
    ),
    get: db.prepare<[string]>('SELECT * FROM intents WHERE id = ?'),
    openFor: db.prepare<[string, string]>(
      `SELECT * FROM intents WHERE kind = ? AND subject = ? AND state IN ('pending', 'sent')`,
    ),
    open: db.prepare(`SELECT * FROM intents WHERE state IN ('pending', 'sent') ORDER BY created_at, rowid`),
    latestFor: db.prepare<[string, string]>(
      'SELECT * FROM intents WHERE kind = ? AND subject = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    ),
    markSent: db.prepare<[number, number, number, string]>(
      `UPDATE intents SET state = 'sent', attempts = attempts + 1, first_sent_at = COALESCE(first_sent_at, ?),
       last_sent_at = ?, updated_at = ? WHERE id = ?`,
    ),
    acknowledge: db.prepare<[string, number, number, string]>(
      `UPDATE intents SET state = 'acknowledged', result = ?, resolved_at = ?, updated_at = ? WHERE id = ?`,
    ),
    fail: db.prepare(
      `UPDATE intents SET state = CASE WHEN @final = 1 THEN 'failed' ELSE state END,
       error_code = @code, error_message = @message, error_final = @final,
       resolved_at = CASE WHEN @final = 1 THEN @now ELSE resolved_at END, updated_at = @now WHERE id = @id`,
    ),
    setPosId: db.prepare<[string, number, string]>(
      'UPDATE pos_config SET pos_id = ?, updated_at = ? WHERE merchant_pos_id = ?',
    ),
    setPaymentId: db.prepare<[string, number, string]>(
      'UPDATE payments SET payment_id = ?, updated_at = ? WHERE id = ? AND payment_id IS NULL',
    ),
    setRefundId: db.prepare<[string, number, string]>(
      'UPDATE refunds SET refund_id = ?, updated_at = ? WHERE id = ? AND refund_id IS NULL',
    ),
    // A record that was never created has nothing to cancel: a cancel decided while the call was
    // unanswered is thereby done (a capture cannot be pending: it needs a Reserved status).
    refusePayment: db.prepare(
      `UPDATE payments SET refusal_code = @code, refusal_message = @message, updated_at = @now,
       decision_state = CASE WHEN decision_state = 'pending' THEN 'done' ELSE decision_state END,
       decision_resolved_at = CASE WHEN decision_state = 'pending' THEN @now ELSE decision_resolved_at END
       WHERE id = @id`,
    ),
    refuseRefund: db.prepare(
      `UPDATE refunds SET refusal_code = @code, refusal_message = @message, updated_at = @now,
       decision_state = CASE WHEN decision_state = 'pending' THEN 'done' ELSE decision_state END,
       decision_resolved_at = CASE WHEN decision_state = 'pending' THEN @now ELSE decision_resolved_at END
       WHERE id = @id`,
    ),
  };

  const find = (intentId: string): Intent | null => {
    const row = sql.get.get(intentId);
    return row === undefined ? null : intentFromRow(row);
  };
  const mustGet = (intentId: string): Intent => {
    const intent = find(intentId);
    if (intent === null) throw new JournalError('not_found', `intent ${intentId}`);
    return intent;
  };

  /** Puts the created id on the intent's record; a record that already has another id is a conflict. */
  function attachResult(intent: Intent, result: IntentResult, now: number): void {
    const recordId = intent.recordId ?? '';
    let changes: number;
    try {
      switch (result.kind) {
        case 'createPos':
          sql.setPosId.run(result.posId, now, intent.subject);
          return;
        case 'initiatePayment':
        case 'preparePayment':
          changes = sql.setPaymentId.run(result.paymentId, now, recordId).changes;
          break;
        case 'createRefund':
          changes = sql.setRefundId.run(result.refundId, now, recordId).changes;
          break;
        default:
          return assertNever(result);
      }
    } catch (error) {
      if (isUniqueViolation(error))
        throw new JournalError('conflict', `the id in ${JSON.stringify(result)} belongs to another record`);
      throw error;
    }
    if (changes !== 1)
      throw new JournalError('conflict', `record ${recordId} of intent ${intent.id} has another id`);
  }

  return {
    begin(request, withRecord) {
      return ctx.transaction(() => {
        const body = parseInput<unknown>(
          intentBodySchemas[request.kind],
          request.body,
          `${request.kind} body`,
        );
        const subject = subjectOf({ kind: request.kind, body } as IntentRequest);
        const openRow = sql.openFor.get(request.kind, subject);
        if (openRow !== undefined) {
          const open = intentFromRow(openRow);
          if (canonicalJson(open.body) === canonicalJson(body)) return { intent: open, resumed: true };
          throw new JournalError(
            'conflict',
            `${request.kind} for ${subject} is still open (intent ${open.id}) with another body; resolve it first`,
          );
        }
        const key = ctx.newId();
        if (!isValidText(key, 36))
          throw new JournalError(
            'invalid_input',
            `newId() gave ${JSON.stringify(key)}, not an idempotency key`,
          );
        const id = ctx.newId();
        const recordId = withRecord ? ctx.newId() : null;
        const now = ctx.now();
        const values = { id, kind: request.kind, subject, key, body: canonicalJson(body), recordId, now };
        try {
          sql.insert.run(values);
        } catch (error) {
          if (isUniqueViolation(error))
            throw new JournalError('conflict', `id or key ${key} is already used`);
          throw error;
        }
        return { intent: mustGet(id), resumed: false };
      });
    },

    markSent(intentId) {
      return ctx.transaction(() => {
        const intent = mustGet(intentId);
        if (intent.state !== 'pending' && intent.state !== 'sent')
          throw new JournalError(
            'invalid_state',
            `intent ${intentId} is ${intent.state}; its key is retired`,
          );
        const now = ctx.now();
        sql.markSent.run(now, now, now, intentId);
        return mustGet(intentId);
      });
    },

    acknowledge(intentId, result) {
      return ctx.transaction(() => {
        const intent = mustGet(intentId);
        if (result.kind !== intent.kind)
          throw new JournalError('invalid_input', `intent ${intentId} is ${intent.kind}, not ${result.kind}`);
        const { kind: _kind, ...fields } = result;
        const stored = canonicalJson(parseInput<unknown>(intentResultSchemas[intent.kind], fields, 'result'));
        if (intent.state === 'acknowledged') {
          if (canonicalJson(intent.result) === stored) return intent;
          throw new JournalError(
            'conflict',
            `intent ${intentId} was acknowledged with ${canonicalJson(intent.result)}`,
          );
        }
        if (intent.state === 'failed')
          throw new JournalError(
            'invalid_state',
            `intent ${intentId} failed finally (${intent.error?.code})`,
          );
        const now = ctx.now();
        sql.acknowledge.run(stored, now, now, intentId);
        attachResult(intent, result, now);
        return mustGet(intentId);
      });
    },

    fail(intentId, failure) {
      return ctx.transaction(() => {
        const report = parseInput(failureReportSchema, failure, 'failure');
        const intent = mustGet(intentId);
        if (intent.state === 'acknowledged' || intent.state === 'failed')
          throw new JournalError('invalid_state', `intent ${intentId} is already ${intent.state}`);
        const now = ctx.now();
        sql.fail.run({
          id: intentId,
          code: report.code,
          message: report.message,
          final: report.final ? 1 : 0,
          now,
        });
        if (report.final && intent.recordId !== null) {
          const refusal = { id: intent.recordId, code: report.code, message: report.message, now };
          if (intent.kind === 'createRefund') sql.refuseRefund.run(refusal);
          else if (intent.kind !== 'createPos') sql.refusePayment.run(refusal);
        }
        return mustGet(intentId);
      });
    },

    get: find,
    open: () => sql.open.all().map(intentFromRow),
    latestFor(kind, subject) {
      const row = sql.latestFor.get(kind, subject);
      return row === undefined ? null : intentFromRow(row);
    },
  };
}
