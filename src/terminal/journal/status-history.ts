// The status changes of each payment and refund, oldest first: what the transaction screen and a
// certification report show, and evidence of what the engine saw before a crash.
import { z } from 'zod';
import { parseRow, timestamp } from './codec.js';
import type { JournalContext } from './database.js';

/** observed: read from the API; decision: implied by a confirmed capture or cancel. */
export type StatusSource = 'observed' | 'decision';

/** One change of status and when the journal learned it. */
export interface StatusChange<S extends string> {
  readonly status: S;
  readonly source: StatusSource;
  readonly at: number;
}

/** Appends and reads status changes of one kind of record. */
export interface StatusHistory<S extends string> {
  append(recordId: string, status: S, source: StatusSource, at: number): void;
  list(recordId: string): readonly StatusChange<S>[];
}

export function statusHistory<S extends string>(
  ctx: JournalContext,
  recordKind: 'payment' | 'refund',
  statusSchema: z.ZodType<S>,
): StatusHistory<S> {
  const rowSchema = z.object({
    status: statusSchema,
    source: z.enum(['observed', 'decision']),
    at: timestamp,
  });
  const insert = ctx.db.prepare<[string, string, string, StatusSource, number]>(
    'INSERT INTO status_history (record_kind, record_id, status, source, at) VALUES (?, ?, ?, ?, ?)',
  );
  const select = ctx.db.prepare<[string, string]>(
    'SELECT status, source, at FROM status_history WHERE record_kind = ? AND record_id = ? ORDER BY rowid',
  );
  return {
    append(recordId, status, source, at) {
      insert.run(recordKind, recordId, status, source, at);
    },
    list(recordId) {
      return select
        .all(recordKind, recordId)
        .map((row) => parseRow(rowSchema, row, `${recordKind} ${recordId} history`) as StatusChange<S>);
    },
  };
}
