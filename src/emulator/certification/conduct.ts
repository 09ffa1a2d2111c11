// The conduct tracker: reads every request of a session as it arrives and notes each breach of the
// rules that hold for all calls (headers, retries, timeouts, polling pace, check-in only while the
// QR code is shown). Incremental on purpose: one pass per request, no re-reading of the session.
import type { Identification } from '../../shared/certification.js';
import { posHeaders } from '../../shared/pos-v10/error-codes.js';
import type { ConductRule } from './catalogue-conduct.js';
import { describe } from './judge-kit.js';
import {
  POLLING_OPERATIONS,
  failedForClient,
  field,
  headerOf,
  succeeded,
  timeoutOf,
  type ObservedRequest,
} from './observed-request.js';
import { failed, pending, type Verdict } from './step-model.js';

/** What the tracker needs to know besides the request: who was identified and what the PoS is doing. */
export interface ConductContext {
  readonly identification: Identification;
  readonly pollDelayMs: number;
  /** The status of the payment active on the PoS right now, or null. */
  activePaymentStatus(posId: string): string | null;
  /** True after a "Hide the QR code" step until the QR code is shown again. */
  readonly qrHidden: boolean;
}

/** The API's attempts limit: 5 retries, 6 requests (api-principles.md, Retrying requests). */
const MAX_ATTEMPTS = 6;
/** Clock jitter allowed when comparing a poll interval with pollDelayInMs. */
const POLL_TOLERANCE_MS = 5;

/** Operations on a payment or a refund that start its polling afresh (the client changed it). */
const restartsPolling: Readonly<Record<string, string>> = {
  'payment-ready': 'payment-get',
  'payment-capture': 'payment-get',
  'payment-cancel': 'payment-get',
  'refund-capture': 'refund-get',
  'refund-cancel': 'refund-get',
};

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? '';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${k}:${canonical(v)}`).join(',')}}`;
}

/**
 * One logical call: a retry repeats its method, path and query or body. The idempotency key is left
 * out on purpose, so a client that changes it on every retry still has its retries counted.
 */
function callIdentity(r: ObservedRequest): string {
  const what = r.method === 'GET' ? canonical(r.query) : canonical(r.body);
  return `${r.method} ${r.path.toLowerCase()} ${what}`;
}

/** The endpoint of a call: what a retry after a timeout must come back to (even with a new key). */
const endpointOf = (r: ObservedRequest): string => `${r.method} ${r.path.toLowerCase()}`;

/** Notes the breaches of the conduct rules, request by request; `verdict` reads them per rule. */
export class ConductTracker {
  private readonly breaches = new Map<ConductRule, string[]>();
  private readonly failuresInARow = new Map<string, number>();
  private readonly overRetried = new Set<string>();
  private readonly slowCalls = new Map<string, { at: number; ms: number; request: ObservedRequest }>();
  private readonly lastPolls = new Map<string, { at: number; delay: number }>();

  observe(request: ObservedRequest, ctx: ConductContext): void {
    this.checkHeaders(request, ctx.identification);
    if (!POLLING_OPERATIONS.has(request.operation)) this.checkRetries(request);
    this.checkTimeouts(request);
    this.checkPolling(request, ctx.pollDelayMs);
    this.checkCheckIn(request, ctx);
  }

  /** Failed at the first breach (with a count of the others); pending until the session concludes. */
  verdict(rule: ConductRule): Verdict {
    const found = this.breaches.get(rule) ?? [];
    if (found.length === 0) return pending;
    const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
    return failed(`${found[0]}${more}`);
  }

  private breach(rule: ConductRule, reason: string): void {
    const list = this.breaches.get(rule);
    if (list) list.push(reason);
    else this.breaches.set(rule, [reason]);
  }

  private checkHeaders(r: ObservedRequest, id: Identification): void {
    if (r.operation === 'token' || !r.path.toLowerCase().startsWith('/pos/v10')) return;
    const expected: readonly (readonly [string, string, string])[] = [
      [posHeaders.systemName, id.clientSystemName, 'client system name'],
      [posHeaders.systemVersion, id.clientSystemVersion, 'version'],
      [posHeaders.merchantVat, id.merchantVat, 'merchant VAT'],
    ];
    for (const [name, wanted, what] of expected) {
      const sent = headerOf(r, name);
      if (sent === null) return this.breach('headers', `${describe(r)} had no ${name} header`);
      if (sent.trim() !== wanted)
        return this.breach(
          'headers',
          `${describe(r)} sent ${what} "${sent}", not the identified "${wanted}"`,
        );
    }
  }

  private checkRetries(r: ObservedRequest): void {
    const call = callIdentity(r);
    const before = this.failuresInARow.get(call) ?? 0;
    if (before >= MAX_ATTEMPTS && !this.overRetried.has(call)) {
      this.overRetried.add(call);
      this.breach(
        'retries',
        `retried ${describe(r)} ${before} times (${before + 1} requests) while it kept failing: ` +
          'at most 5 retries are allowed',
      );
    }
    if (failedForClient(r)) this.failuresInARow.set(call, before + 1);
    else this.failuresInARow.delete(call);
  }

  private checkTimeouts(r: ObservedRequest): void {
    for (const [endpoint, slow] of this.slowCalls) {
      const late = r.at >= slow.at + slow.ms;
      const limit = timeoutOf(slow.request);
      if (endpoint === endpointOf(r)) {
        this.slowCalls.delete(endpoint);
        if (late)
          this.breach(
            'timeouts',
            `sent ${describe(r)} again only ${r.at - slow.at} ms after the first try, when its answer ` +
              `(held back ${slow.ms} ms) had come: the client must give up after ${limit} ms`,
          );
      } else if (late) {
        this.slowCalls.delete(endpoint);
        this.breach(
          'timeouts',
          `waited for the answer to ${describe(slow.request)} (held back ${slow.ms} ms) instead of ` +
            `giving up after ${limit} ms`,
        );
      }
    }
    if (r.fault?.kind === 'delay' && r.fault.ms > timeoutOf(r))
      this.slowCalls.set(endpointOf(r), { at: r.at, ms: r.fault.ms, request: r });
  }

  private checkPolling(r: ObservedRequest, defaultDelay: number): void {
    const restarted = restartsPolling[r.operation];
    if (restarted !== undefined) this.lastPolls.delete(`${restarted}:${r.resourceId}`);
    if (!POLLING_OPERATIONS.has(r.operation)) return;
    const key = `${r.operation}:${r.resourceId}`;
    const last = this.lastPolls.get(key);
    if (last && r.at - last.at < last.delay - POLL_TOLERANCE_MS)
      this.breach(
        'polling',
        `polled ${describe(r)} ${r.at - last.at} ms after the previous poll; pollDelayInMs was ${last.delay}`,
      );
    const told = field(r.response, 'pollDelayInMs');
    const delay = succeeded(r) && typeof told === 'number' ? told : (last?.delay ?? defaultDelay);
    this.lastPolls.set(key, { at: r.at, delay });
  }

  private checkCheckIn(r: ObservedRequest, ctx: ConductContext): void {
    if (r.operation !== 'checkin' || r.resourceId === null) return;
    const active = ctx.activePaymentStatus(r.resourceId);
    if (active !== null)
      this.breach('check-in', `polled the check-in while a payment was ${active} on the PoS`);
    else if (ctx.qrHidden)
      this.breach('check-in', 'polled the check-in after being told to hide the QR code');
  }
}
