// When and how long to wait before trying a call again (reference: api-principles.md, "Retrying
// requests"): network errors, timeouts and 5xx only, 2 retries by default and never more than 5,
// exponential backoff with jitter so a fleet of tills does not hammer a recovering backend in step.

/** The API's suggestion: 2 retries (3 requests). */
export const DEFAULT_RETRIES = 2;
/** The API's limit: at most 5 retries (6 requests). */
export const MAX_RETRIES = 5;

/** How the wait between attempts grows: base doubling per retry, never above max. */
export interface BackoffConfig {
  /** Ceiling of the first retry's wait (default 100 ms). */
  readonly baseMs?: number;
  /** Ceiling of any wait (default 2000 ms). */
  readonly maxMs?: number;
}
/** Backoff with the defaults filled in. */
export type ResolvedBackoff = Required<BackoffConfig>;
/** 100 ms doubling, at most 2 s: three tries fit well inside a cashier's patience. */
export const DEFAULT_BACKOFF: ResolvedBackoff = { baseMs: 100, maxMs: 2000 };

/** The retry count to use: the default when absent or not a number, else a whole number in 0..MAX_RETRIES. */
export function clampRetries(retries: number | undefined): number {
  if (retries === undefined || !Number.isFinite(retries)) return DEFAULT_RETRIES;
  return Math.min(MAX_RETRIES, Math.max(0, Math.floor(retries)));
}

/** Fills in the backoff defaults; negative or non-finite values fall back to them. */
export function resolveBackoff(backoff: BackoffConfig = {}): ResolvedBackoff {
  const valid = (value: number | undefined): value is number =>
    value !== undefined && Number.isFinite(value) && value >= 0;
  const baseMs = valid(backoff.baseMs) ? backoff.baseMs : DEFAULT_BACKOFF.baseMs;
  const maxMs = valid(backoff.maxMs) ? backoff.maxMs : Math.max(DEFAULT_BACKOFF.maxMs, baseMs);
  return { baseMs, maxMs };
}

/**
 * The wait before retry number `retry` (1 for the first retry): equal jitter on a capped
 * exponential, i.e. a random point in [ceiling/2, ceiling) where ceiling = min(max, base * 2^(retry-1)).
 * Half the ceiling is always waited, so a retry never comes at once; the other half spreads clients out.
 */
export function backoffDelay(retry: number, backoff: ResolvedBackoff, random: () => number): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, retry - 1));
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (jitter * ceiling) / 2);
}

/** Server errors are worth retrying; client errors (4xx) are not: the same request would fail again. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 && status <= 599;
}
