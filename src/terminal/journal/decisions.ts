// The decision on a reservation (capture, with its amount, or cancel), persisted before the call and
// closed after the API confirms, so a sweeper can later execute exactly what was decided, never guess.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { parseInput, failureReportSchema, timestamp, type Failure, type FailureReport } from './codec.js';
import type { JournalContext } from './database.js';
import { JournalError } from './errors.js';

export const decisionStates = ['pending', 'done', 'failed'] as const;
/** pending: persisted, not confirmed yet (the sweeper retries it); done: confirmed; failed: finally refused. */
export type DecisionState = (typeof decisionStates)[number];

/** How far a decision got; shared by payments and refunds. */
export interface DecisionProgress {
  readonly state: DecisionState;
  readonly decidedAt: number;
  /** Attempts that failed (timeouts, 5xx, and the final refusal if any). */
  readonly attempts: number;
  readonly lastError: Failure | null;
  /** When it was confirmed or finally refused. */
  readonly resolvedAt: number | null;
}

/** What to do with a reserved payment: capture (all or part of it) or cancel. */
export type PaymentDecisionRequest =
  { readonly kind: 'capture'; readonly amount: number } | { readonly kind: 'cancel' };
/** What to do with a reserved refund: capture (it takes no amount) or cancel. */
export type RefundDecisionRequest = { readonly kind: 'capture' } | { readonly kind: 'cancel' };

export type PaymentDecision = PaymentDecisionRequest & DecisionProgress;
export type RefundDecision = RefundDecisionRequest & DecisionProgress;

/** A decision as stored: capture's amount is null for refunds. */
export type StoredDecision = {
  readonly kind: 'capture' | 'cancel';
  readonly amount: number | null;
} & DecisionProgress;

/** The decision columns of payments and refunds, for their row schemas. */
export const decisionColumnsSchema = z.object({
  decision: z.enum(['capture', 'cancel']).nullable(),
  decision_amount: z.number().nullable(),
  decision_state: z.enum(decisionStates).nullable(),
  decided_at: timestamp.nullable(),
  decision_attempts: z.number().int().min(0),
  decision_error_code: z.string().nullable(),
  decision_error_message: z.string().nullable(),
  decision_resolved_at: timestamp.nullable(),
});

/** Reads the decision columns back (the table's CHECK keeps decision, state and decidedAt set together). */
export function decisionFromColumns(row: z.infer<typeof decisionColumnsSchema>): StoredDecision | null {
  if (row.decision === null || row.decision_state === null || row.decided_at === null) return null;
  return {
    kind: row.decision,
    amount: row.decision_amount,
    state: row.decision_state,
    decidedAt: row.decided_at,
    attempts: row.decision_attempts,
    lastError:
      row.decision_error_code === null
        ? null
        : { code: row.decision_error_code, message: row.decision_error_message ?? '' },
    resolvedAt: row.decision_resolved_at,
  };
}

/** The transitions of a decision on one table; callers check the record's own state first. */
export interface DecisionWriter {
  /** Persists a decision; the same one again is a no-op, a different one is refused unless the last failed. */
  decide(id: string, current: StoredDecision | null, kind: 'capture' | 'cancel', amount: number | null): void;
  /** The API confirmed it: done (again is a no-op). */
  complete(id: string, current: StoredDecision | null): void;
  /** An attempt failed: noted and retried later, or, when final, the decision failed. */
  fail(id: string, current: StoredDecision | null, failure: FailureReport): void;
}

export function decisionWriter(ctx: JournalContext, table: 'payments' | 'refunds'): DecisionWriter {
  const db: Database.Database = ctx.db;
  const sql = {
    decide: db.prepare(
      `UPDATE ${table} SET decision = @kind, decision_amount = @amount, decision_state = 'pending',
       decided_at = @now, decision_attempts = 0, decision_error_code = NULL, decision_error_message = NULL,
       decision_resolved_at = NULL, updated_at = @now WHERE id = @id`,
    ),
    complete: db.prepare<[number, number, string]>(
      `UPDATE ${table} SET decision_state = 'done', decision_resolved_at = ?, updated_at = ? WHERE id = ?`,
    ),
    fail: db.prepare(
      `UPDATE ${table} SET decision_attempts = decision_attempts + 1, decision_error_code = @code,
       decision_error_message = @message,
       decision_state = CASE WHEN @final = 1 THEN 'failed' ELSE decision_state END,
       decision_resolved_at = CASE WHEN @final = 1 THEN @now ELSE NULL END, updated_at = @now WHERE id = @id`,
    ),
  };
  const describe = (d: StoredDecision): string =>
    `${d.kind}${d.amount === null ? '' : ` ${d.amount}`} (${d.state})`;

  return {
    decide(id, current, kind, amount) {
      if (current !== null && current.state !== 'failed') {
        if (current.state === 'pending' && current.kind === kind && current.amount === amount) return;
        throw new JournalError('conflict', `${id} is already decided: ${describe(current)}`);
      }
      sql.decide.run({ id, kind, amount, now: ctx.now() });
    },
    complete(id, current) {
      if (current === null) throw new JournalError('invalid_state', `${id} has no decision to complete`);
      if (current.state === 'done') return;
      if (current.state === 'failed')
        throw new JournalError('invalid_state', `the decision on ${id} failed: ${describe(current)}`);
      const now = ctx.now();
      sql.complete.run(now, now, id);
    },
    fail(id, current, failure) {
      const report = parseInput(failureReportSchema, failure, 'failure');
      if (current === null || current.state !== 'pending')
        throw new JournalError('invalid_state', `${id} has no pending decision`);
      sql.fail.run({
        id,
        code: report.code,
        message: report.message,
        final: report.final ? 1 : 0,
        now: ctx.now(),
      });
    },
  };
}
