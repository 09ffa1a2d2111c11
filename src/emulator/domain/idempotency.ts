// Idempotency keys of the four creating POSTs: a retry with the same key and body gets the first
// answer again; the same key with another body is 1306. Keys are kept at least 24 hours.
import { createHash } from 'node:crypto';
import { posError } from '../api-error.js';
import type { Caller, EmulatorCore } from './core.js';

export type CreatingEndpoint = 'pointofsales' | 'payments' | 'payments/prepare' | 'refunds';

/** A stable fingerprint of a JSON value: object keys sorted, so key order never matters. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/**
 * Runs a creating command once per idempotency key. Only successful answers are remembered, so a
 * request refused for its content can be corrected and retried with the same key.
 */
export function once<T>(
  core: EmulatorCore,
  caller: Caller,
  endpoint: CreatingEndpoint,
  key: string,
  body: unknown,
  command: () => T,
): T {
  const scopeKey = `${caller.integratorId}|${endpoint}|${key}`;
  const print = fingerprint({ merchantVat: caller.merchantVat, body });
  const existing = core.state.idempotency.get(scopeKey);
  if (existing && core.now() - existing.createdAt <= core.timing.idempotencyRetentionMs) {
    if (existing.fingerprint !== print)
      throw posError('IdempotencyKeyReused', 'the key was used before with another request');
    return existing.body as T;
  }
  const result = command();
  core.state.saveIdempotency({
    scopeKey,
    fingerprint: print,
    status: 200,
    body: result,
    createdAt: core.now(),
  });
  return result;
}
