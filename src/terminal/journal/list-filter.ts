// The filters of the transaction screen (status, date range, free text, limit) turned into one
// parameterised SQL query, shared by the payment and refund lists.
import { z } from 'zod';
import { parseInput } from './codec.js';
import { JournalError } from './errors.js';

/** What the transaction screen can filter on; every field optional. */
export interface ListFilter<S extends string> {
  /** Only these statuses (as listed: the API's, or Unknown / Refused). */
  readonly statuses?: readonly S[];
  /** Created at or after (epoch ms). */
  readonly from?: number;
  /** Created before (epoch ms). */
  readonly to?: number;
  /** A case-insensitive piece of an id, order id or label. */
  readonly text?: string;
  /** At most this many, newest first (default 100, at most 1000). */
  readonly limit?: number;
}

export const DEFAULT_LIST_LIMIT = 100;

const filterSchema = z.object({
  statuses: z.array(z.string()).optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  text: z.string().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

/** How a table answers a filter: the status expression per listed status and the searchable columns. */
export interface ListShape<S extends string> {
  readonly table: string;
  /** Every status the list knows; anything else in a filter is refused, so only these reach the SQL. */
  readonly statuses: readonly S[];
  readonly statusCondition: (status: S) => string;
  readonly textColumns: readonly string[];
}

/** A parameterised SELECT for `filter`, plus extra conditions the caller adds (e.g. pos_id = @posId). */
export function listQuery<S extends string>(
  shape: ListShape<S>,
  filter: ListFilter<S>,
  extra: readonly string[] = [],
): { readonly sql: string; readonly params: Record<string, string | number> } {
  const checked = parseInput(filterSchema, filter, 'list filter');
  const where: string[] = [...extra];
  const params: Record<string, string | number> = {};
  if (filter.statuses !== undefined) {
    const unknown = filter.statuses.filter((s) => !shape.statuses.includes(s));
    if (unknown.length > 0) throw new JournalError('invalid_input', `no such status: ${unknown.join(', ')}`);
    const conditions = [...new Set(filter.statuses)].map((s) => `(${shape.statusCondition(s)})`);
    where.push(conditions.length === 0 ? '0' : conditions.join(' OR '));
  }
  if (checked.from !== undefined) {
    where.push('created_at >= @from');
    params.from = checked.from;
  }
  if (checked.to !== undefined) {
    where.push('created_at < @to');
    params.to = checked.to;
  }
  if (checked.text !== undefined && checked.text.trim() !== '') {
    params.text = `%${checked.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(shape.textColumns.map((column) => `${column} LIKE @text ESCAPE '\\'`).join(' OR '));
  }
  params.limit = checked.limit ?? DEFAULT_LIST_LIMIT;
  const clause = where.length === 0 ? '' : `WHERE ${where.map((w) => `(${w})`).join(' AND ')}`;
  return {
    sql: `SELECT * FROM ${shape.table} ${clause} ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    params,
  };
}
