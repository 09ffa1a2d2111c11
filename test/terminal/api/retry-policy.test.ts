// How often and how patiently the client retries (api-principles.md, "Retrying requests").
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKOFF,
  backoffDelay,
  clampRetries,
  isRetryableStatus,
  resolveBackoff,
} from '../../../src/terminal/api/retry-policy.js';

describe('retry policy', () => {
  it('retries twice by default and never more than 5 times', () => {
    expect(clampRetries(undefined)).toBe(2);
    expect(clampRetries(Number.NaN)).toBe(2);
    expect(clampRetries(0)).toBe(0);
    expect(clampRetries(3.7)).toBe(3);
    expect(clampRetries(9)).toBe(5);
    expect(clampRetries(-1)).toBe(0);
  });

  it('doubles the ceiling of the wait per retry, up to the maximum', () => {
    const backoff = { baseMs: 100, maxMs: 500 };
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, backoff, top))).toEqual([
      100, 200, 400, 500, 500,
    ]);
  });

  it('waits at least half the ceiling: the jitter spreads the other half', () => {
    const backoff = { baseMs: 100, maxMs: 2000 };
    expect(backoffDelay(3, backoff, () => 0)).toBe(200);
    expect(backoffDelay(3, backoff, () => 0.5)).toBe(300);
  });

  it('falls back to the defaults for missing or nonsensical backoff settings', () => {
    expect(resolveBackoff()).toEqual(DEFAULT_BACKOFF);
    expect(resolveBackoff({ baseMs: -5, maxMs: Number.POSITIVE_INFINITY })).toEqual(DEFAULT_BACKOFF);
    expect(resolveBackoff({ baseMs: 5000 })).toEqual({ baseMs: 5000, maxMs: 5000 });
  });

  it('retries server errors only', () => {
    expect([200, 400, 401, 404, 409, 499, 500, 503, 599].map(isRetryableStatus)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});
