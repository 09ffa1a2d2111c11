// How journal values cross the SQLite boundary: zod schemas for stored columns (JSON text, 0/1
// booleans), validation of inputs and rows with journal error codes, and a canonical JSON for bodies.
import { z } from 'zod';
import { JournalError } from './errors.js';

/** Why a call failed, as the engine reports it (a PoS v10 error code, or the engine's own). */
export interface Failure {
  readonly code: string;
  readonly message: string;
}

/** A failure and whether it is final: a 4xx refusal is; a timeout or 5xx is not (retry later). */
export interface FailureReport extends Failure {
  readonly final: boolean;
}

export const failureReportSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  final: z.boolean(),
});

/** A TEXT column holding JSON, parsed and then checked against `schema`. */
export function jsonText<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** An INTEGER 0/1 column read back as a boolean. */
export const sqlBoolean = z.union([z.literal(0), z.literal(1)]).transform((value) => value === 1);

/** A boolean written to an INTEGER 0/1 column (null stays null). */
export function toSqlBoolean(value: boolean | null | undefined): 0 | 1 | null {
  return value === null || value === undefined ? null : value ? 1 : 0;
}

/** An epoch-milliseconds INTEGER column. */
export const timestamp = z.number().int();

/** Parses a stored row; a row that does not fit its schema means a damaged file, never a default. */
export function parseRow<T>(schema: z.ZodType<T>, row: unknown, what: string): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success) throw new JournalError('journal_corrupt', `${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Parses a caller's input; a misfit is refused before anything is written. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new JournalError('invalid_input', `${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** JSON with object keys sorted, so two equal bodies compare equal whatever order they were built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}

/** True for SQLite's UNIQUE-constraint error (an id the journal already holds elsewhere). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The exhaustiveness check of a switch over a tagged union. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
