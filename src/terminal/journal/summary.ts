// The journal at a glance, for `pos-sim status` and the app's status bar: counts per state, what the
// sweeper still has to do and which calls are still open.
import { z } from 'zod';
import { paymentStatuses, refundStatuses } from '../../shared/pos-v10/schemas.js';
import { parseRow, timestamp } from './codec.js';
import type { JournalContext } from './database.js';
import { intentStates, type IntentState } from './intent-model.js';
import { JOURNAL_SCHEMA_VERSION } from './migrations.js';
import { ACTIVE_PAYMENT_SQL, UNDECIDED_RESERVATION_SQL, type PaymentListStatus } from './payment-model.js';
import { UNSETTLED_REFUND_SQL, type RefundListStatus } from './refund-model.js';

/** Counts of one record type: per listed status, plus the work left on its decisions. */
export interface RecordCounts<S extends string> {
  readonly total: number;
  readonly byStatus: Readonly<Record<S, number>>;
  /** Decisions persisted, not confirmed: the sweeper's queue. */
  readonly pendingDecisions: number;
  /** Decisions the API finally refused: someone must look. */
  readonly failedDecisions: number;
}

/** What `pos-sim status` prints. */
export interface JournalSummary {
  readonly schemaVersion: number;
  readonly pos: { readonly merchantPosId: string; readonly posId: string | null } | null;
  readonly payments: RecordCounts<PaymentListStatus> & {
    /** Active or not yet known: may block the PoS. */
    readonly active: number;
    /** Reserved with no decision (or a failed one). */
    readonly undecidedReservations: number;
  };
  readonly refunds: RecordCounts<RefundListStatus> & {
    /** Created but unacknowledged, or Initiated/Reserved and not settled. */
    readonly unresolved: number;
  };
  readonly intents: {
    readonly byState: Readonly<Record<IntentState, number>>;
    /** Pending or sent: outcome unknown. */
    readonly open: number;
    readonly oldestOpenAt: number | null;
  };
}

const countRows = z.array(z.object({ status: z.string(), n: z.number().int() }));
const decisionRows = z.array(z.object({ state: z.string().nullable(), n: z.number().int() }));

function zeroed<S extends string>(keys: readonly S[]): Record<S, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<S, number>;
}

/** Reads the summary in one snapshot (a read transaction), so the counts agree with each other. */
export function readSummary(ctx: JournalContext): JournalSummary {
  const { db } = ctx;
  const one = (sql: string): number =>
    parseRow(z.object({ n: z.number().int() }), db.prepare(sql).get(), 'count').n;

  function counts<S extends string>(table: string, statuses: readonly S[]): RecordCounts<S> {
    const byStatus = zeroed(statuses);
    const rows = db
      .prepare(
        `SELECT CASE WHEN refusal_code IS NOT NULL THEN 'Refused' ELSE COALESCE(last_status, 'Unknown') END
         AS status, COUNT(*) AS n FROM ${table} GROUP BY 1`,
      )
      .all();
    let total = 0;
    for (const { status, n } of parseRow(countRows, rows, `${table} counts`)) {
      byStatus[status as S] = n;
      total += n;
    }
    const decided = parseRow(
      decisionRows,
      db.prepare(`SELECT decision_state AS state, COUNT(*) AS n FROM ${table} GROUP BY 1`).all(),
      `${table} decisions`,
    );
    const of = (state: string): number => decided.find((row) => row.state === state)?.n ?? 0;
    return { total, byStatus, pendingDecisions: of('pending'), failedDecisions: of('failed') };
  }

  return db
    .transaction((): JournalSummary => {
      const pos = parseRow(
        z.object({ merchant_pos_id: z.string(), pos_id: z.string().nullable() }).optional(),
        db.prepare('SELECT merchant_pos_id, pos_id FROM pos_config WHERE id = 1').get(),
        'pos config',
      );
      const byState = zeroed(intentStates);
      const intentRows = db.prepare('SELECT state AS status, COUNT(*) AS n FROM intents GROUP BY 1').all();
      for (const { status, n } of parseRow(countRows, intentRows, 'intent counts'))
        byState[status as IntentState] = n;
      const oldest = parseRow(
        z.object({ at: timestamp.nullable() }),
        db.prepare(`SELECT MIN(created_at) AS at FROM intents WHERE state IN ('pending', 'sent')`).get(),
        'oldest open intent',
      );
      return {
        schemaVersion: JOURNAL_SCHEMA_VERSION,
        pos: pos === undefined ? null : { merchantPosId: pos.merchant_pos_id, posId: pos.pos_id },
        payments: {
          ...counts<PaymentListStatus>('payments', [...paymentStatuses, 'Unknown', 'Refused']),
          active: one(`SELECT COUNT(*) AS n FROM payments WHERE ${ACTIVE_PAYMENT_SQL}`),
          undecidedReservations: one(`SELECT COUNT(*) AS n FROM payments WHERE ${UNDECIDED_RESERVATION_SQL}`),
        },
        refunds: {
          ...counts<RefundListStatus>('refunds', [...refundStatuses, 'Unknown', 'Refused']),
          unresolved: one(`SELECT COUNT(*) AS n FROM refunds WHERE ${UNSETTLED_REFUND_SQL}`),
        },
        intents: { byState, open: byState.pending + byState.sent, oldestOpenAt: oldest.at },
      };
    })
    .deferred();
}
