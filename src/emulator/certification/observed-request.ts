// A session's request as the judge reads it: the request log's entry (headers redacted, bodies
// parsed) with the API operation it called named once, so judges read as the reference's own words
// ("a poll of the payment", "a retry of the refund create") instead of matching URLs everywhere.
import { posHeaders } from '../../shared/pos-v10/error-codes.js';
import type { FaultAction } from '../control/faults.js';
import type { RequestLogEntry } from '../control/request-log.js';
import { certifiedPath } from './api-base.js';

/** The PoS v10 operations the cases are made of (pos.yaml), plus the token endpoint. */
export type Operation =
  | 'token'
  | 'store-list'
  | 'store-get'
  | 'pos-create'
  | 'pos-list'
  | 'pos-get'
  | 'pos-delete'
  | 'checkin'
  | 'payment-initiate'
  | 'payment-prepare'
  | 'payment-list'
  | 'payment-get'
  | 'payment-ready'
  | 'payment-capture'
  | 'payment-cancel'
  | 'refund-create'
  | 'refund-list'
  | 'refund-get'
  | 'refund-capture'
  | 'refund-cancel'
  | 'other';

/** The three polling endpoints of api-principles.md, "Call Throttling". */
export const POLLING_OPERATIONS: ReadonlySet<Operation> = new Set(['checkin', 'payment-get', 'refund-get']);

/** One request of a session, read once from the request log; the judges' only view of the client. */
export interface ObservedRequest {
  readonly id: number;
  /** When it arrived, on the emulator's clock (virtual or real). */
  readonly at: number;
  readonly method: string;
  readonly operation: Operation;
  /** The id in the path (posId, paymentId, refundId, storeId), lowercase; null when none. */
  readonly resourceId: string | null;
  /** The path below the certification base, e.g. `/pos/v10/payments/{id}/capture`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly idempotencyKey: string | null;
  readonly body: unknown;
  /** What the client received: null when the answer was dropped or the connection refused. */
  readonly status: number | null;
  readonly response: unknown;
  readonly fault: FaultAction | null;
}

const ID = '([^/]+)';
const routes: readonly (readonly [string, RegExp, Operation])[] = [
  ['POST', /^\/integrator-authentication\//i, 'token'],
  ['GET', /^\/integrator-authentication\//i, 'token'],
  ['GET', /^\/pos\/v10\/stores(?:\/detailed)?$/i, 'store-list'],
  ['GET', new RegExp(`^/pos/v10/stores/${ID}$`, 'i'), 'store-get'],
  ['POST', /^\/pos\/v10\/pointofsales$/i, 'pos-create'],
  ['GET', /^\/pos\/v10\/pointofsales$/i, 'pos-list'],
  ['GET', new RegExp(`^/pos/v10/pointofsales/${ID}/checkin$`, 'i'), 'checkin'],
  ['GET', new RegExp(`^/pos/v10/pointofsales/${ID}$`, 'i'), 'pos-get'],
  ['DELETE', new RegExp(`^/pos/v10/pointofsales/${ID}$`, 'i'), 'pos-delete'],
  ['POST', /^\/pos\/v10\/payments$/i, 'payment-initiate'],
  ['POST', /^\/pos\/v10\/payments\/prepare$/i, 'payment-prepare'],
  ['GET', /^\/pos\/v10\/payments$/i, 'payment-list'],
  ['GET', new RegExp(`^/pos/v10/payments/${ID}$`, 'i'), 'payment-get'],
  ['POST', new RegExp(`^/pos/v10/payments/${ID}/ready$`, 'i'), 'payment-ready'],
  ['POST', new RegExp(`^/pos/v10/payments/${ID}/capture$`, 'i'), 'payment-capture'],
  ['POST', new RegExp(`^/pos/v10/payments/${ID}/cancel$`, 'i'), 'payment-cancel'],
  ['POST', /^\/pos\/v10\/refunds$/i, 'refund-create'],
  ['GET', /^\/pos\/v10\/refunds$/i, 'refund-list'],
  ['GET', new RegExp(`^/pos/v10/refunds/${ID}$`, 'i'), 'refund-get'],
  ['POST', new RegExp(`^/pos/v10/refunds/${ID}/capture$`, 'i'), 'refund-capture'],
  ['POST', new RegExp(`^/pos/v10/refunds/${ID}/cancel$`, 'i'), 'refund-cancel'],
];

function classify(method: string, path: string): { operation: Operation; resourceId: string | null } {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const [verb, pattern, operation] of routes) {
    if (verb !== method) continue;
    const match = pattern.exec(trimmed);
    if (match) return { operation, resourceId: match[1] ? decodeURIComponent(match[1]).toLowerCase() : null };
  }
  return { operation: 'other', resourceId: null };
}

function header(entry: RequestLogEntry, name: string): string | null {
  const value = entry.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Reads a request log entry of the certification base as the judge sees it. */
export function observe(entry: RequestLogEntry): ObservedRequest {
  const path = certifiedPath(entry.url);
  const search = entry.url.indexOf('?');
  const query = search < 0 ? {} : Object.fromEntries(new URLSearchParams(entry.url.slice(search + 1)));
  return {
    id: entry.id,
    at: entry.at,
    method: entry.method.toUpperCase(),
    ...classify(entry.method.toUpperCase(), path),
    path,
    query,
    headers: entry.headers,
    idempotencyKey: header(entry, posHeaders.idempotencyKey),
    body: entry.body,
    status: entry.status,
    response: entry.responseBody,
    fault: entry.fault?.action ?? null,
  };
}

/** A header of an observed request (several values joined as Node joins them); null when absent. */
export function headerOf(request: ObservedRequest, name: string): string | null {
  const value = request.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The timeout the reference asks of the client for this request (api-principles.md, "Handling Timeouts"). */
export function timeoutOf(request: Pick<ObservedRequest, 'method'>): number {
  return request.method === 'GET' ? 500 : 2000;
}

/**
 * Whether the client received this answer: not dropped, and not held back past the client's
 * timeout by a delay fault (a well-behaved client gave up on it).
 */
export function wasReceived(request: ObservedRequest): boolean {
  if (request.status === null) return false;
  return !(request.fault?.kind === 'delay' && request.fault.ms > timeoutOf(request));
}

/** The call failed in the client's eyes: no answer, a timeout, or a server error (worth a retry). */
export function failedForClient(request: ObservedRequest): boolean {
  return !wasReceived(request) || (request.status !== null && request.status >= 500);
}

/** A received 2xx answer. */
export function succeeded(request: ObservedRequest): boolean {
  return wasReceived(request) && request.status !== null && request.status >= 200 && request.status < 300;
}

/** A field of a JSON object body or answer, or undefined. */
export function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

/** The error code of an answer ({code, message}), or null. */
export function errorCode(request: ObservedRequest): string | null {
  const code = field(request.response, 'code');
  return typeof code === 'string' ? code : null;
}

/** A lowercase id field of a body or answer (paymentId, refundId, posId), or null. */
export function idField(value: unknown, name: string): string | null {
  const id = field(value, name);
  return typeof id === 'string' ? id.toLowerCase() : null;
}
