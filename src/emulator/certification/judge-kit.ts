// The judges' vocabulary: "the case's payment", "the client saw it Reserved", "the retry reused the
// key", "nothing more came for a while". Small pure functions over a step's context, composed by the
// catalogue so each step's judge reads like its rule.
import { field, idField, succeeded, type ObservedRequest, type Operation } from './observed-request.js';
import { failed, passed, pending, type StepContext, type Verdict } from './step-model.js';

/** A step's judgement as a function, so judges compose with `all`. */
export type Judge = (ctx: StepContext) => Verdict;

/** How a request is named in reasons: `POST /pos/v10/payments`. */
export function describe(request: ObservedRequest): string {
  return `${request.method} ${request.path}`;
}

/** All verdicts must pass; the first failure wins, then any pending. Notes are joined. */
export function all(...judges: readonly Judge[]): Judge {
  return (ctx) => {
    const verdicts = judges.map((judge) => judge(ctx));
    const failure = verdicts.find((v) => v.kind === 'failed');
    if (failure) return failure;
    if (verdicts.some((v) => v.kind === 'pending')) return pending;
    const notes = verdicts.flatMap((v) => (v.kind === 'passed' && v.note ? [v.note] : []));
    return passed(notes.length > 0 ? notes.join('; ') : undefined);
  };
}

/** The id the latest creating call of the window answered (even an answer held back or dropped). */
export function createdId(
  requests: readonly ObservedRequest[],
  operations: readonly Operation[],
  name: 'posId' | 'paymentId' | 'refundId',
): string | null {
  for (let i = requests.length - 1; i >= 0; i -= 1) {
    const request = requests[i]!;
    if (!operations.includes(request.operation)) continue;
    const id = idField(request.response, name);
    if (id !== null) return id;
  }
  return null;
}

/** The payment the case works with: the latest the client initiated or prepared in it. */
export function casePaymentId(ctx: StepContext): string | null {
  return createdId(ctx.caseRequests, ['payment-initiate', 'payment-prepare'], 'paymentId');
}

/** The refund the case works with: the latest the client created in it. */
export function caseRefundId(ctx: StepContext): string | null {
  return createdId(ctx.caseRequests, ['refund-create'], 'refundId');
}

/** Received answers of polls or queries of one resource in a window. */
export function answersAbout(
  requests: readonly ObservedRequest[],
  operation: Operation,
  resourceId: string | null,
): readonly ObservedRequest[] {
  if (resourceId === null) return [];
  return requests.filter((r) => r.operation === operation && r.resourceId === resourceId && succeeded(r));
}

/** Whether the client has seen the case's payment in a state (a received GET /payments/{id}). */
export function sawPayment(
  ctx: StepContext,
  status: string,
  also: (response: unknown) => boolean = () => true,
  window: readonly ObservedRequest[] = ctx.caseRequests,
): boolean {
  return answersAbout(window, 'payment-get', casePaymentId(ctx)).some(
    (r) => field(r.response, 'status') === status && also(r.response),
  );
}

/** Passes once the client has seen the case's payment in this state. */
export function seesPayment(status: string, also?: (response: unknown) => boolean): Judge {
  return (ctx) => (sawPayment(ctx, status, also) ? passed() : pending);
}

/** The creating calls of one operation in the operation window, oldest first. */
export function attempts(ctx: StepContext, operation: Operation): readonly ObservedRequest[] {
  return ctx.operationRequests.filter((r) => r.operation === operation);
}

/** How long a retry step waits for the call to come again before it fails (emulator clock). */
export const RETRY_DEADLINE_MS = 30_000;

/**
 * While the call after attempt `index` has not come: fails when the client went on using what the
 * call created (it took the held-back answer instead of retrying) or after RETRY_DEADLINE_MS.
 */
function awaitingRetry(ctx: StepContext, calls: readonly ObservedRequest[], index: number): Verdict {
  const last = calls.at(-1);
  if (last === undefined) return pending;
  const made = new Set(
    calls.flatMap((r) => ['posId', 'paymentId', 'refundId'].map((name) => idField(r.response, name))),
  );
  const used = ctx.operationRequests.find(
    (r) =>
      r.id > last.id && r.operation !== last.operation && r.resourceId !== null && made.has(r.resourceId),
  );
  const waiting = calls.length <= index ? 'not reached: the call this step faults was not sent' : 'no retry';
  if (used)
    return failed(
      `${waiting}: after ${describe(last)} the client went on with ${describe(used)} instead of ` +
        'retrying (did it wait for the held-back answer?)',
    );
  if (ctx.now >= last.at + RETRY_DEADLINE_MS)
    return failed(`${waiting}: nothing came within ${RETRY_DEADLINE_MS / 1000} s after ${describe(last)}`);
  return pending;
}

/**
 * Judges the retry that follows the faulted attempt number `index` (0-based) of a creating call:
 * it must carry the same idempotency key (api-principles.md, "Idempotency keys").
 */
export function retriesWithSameKey(operation: Operation, index: number, noun: string): Judge {
  return (ctx) => {
    const calls = attempts(ctx, operation);
    const faulted = calls[index];
    const retry = calls[index + 1];
    if (!faulted || !retry) return awaitingRetry(ctx, calls, index);
    if (faulted.idempotencyKey === null || retry.idempotencyKey !== faulted.idempotencyKey)
      return failed(
        `the retry of the ${noun} create used a new idempotency key (${retry.idempotencyKey ?? 'none'} ` +
          `after ${faulted.idempotencyKey ?? 'none'}): a retry must send the same key, or MobilePay ` +
          `cannot tell it from a second ${noun}`,
      );
    return passed(`retried with the same idempotency key ${retry.idempotencyKey}`);
  };
}

/** Judges a retried call that needs no key (DELETE, capture): the same call must come again. */
export function retriesCall(operation: Operation, index: number, what: string): Judge {
  return (ctx) => {
    const calls = attempts(ctx, operation);
    const faulted = calls[index];
    const retry = calls[index + 1];
    if (!faulted || !retry) return awaitingRetry(ctx, calls, index);
    if (retry.resourceId !== faulted.resourceId)
      return failed(`the retry of ${what} went to ${retry.path} instead of ${faulted.path}`);
    return passed(`retried ${describe(retry)}`);
  };
}

/**
 * Exactly one resource came of the call and the client knows its id: from a received answer of
 * the create (a retry replays the first answer) or from a lookup that listed it.
 */
export function exactlyOneKnown(spec: {
  readonly noun: string;
  readonly idName: 'posId' | 'paymentId' | 'refundId';
  readonly created: (ctx: StepContext) => readonly string[];
  readonly creates: Operation;
  readonly lookups: readonly Operation[];
  readonly listName: 'posIds' | 'paymentIds' | 'refundIds';
}): Judge {
  return (ctx) => {
    const ids = spec.created(ctx);
    if (ids.length > 1)
      return failed(
        `${ids.length} ${spec.noun}s were created where one was asked for: a retry with a new ` +
          `idempotency key is a second ${spec.noun}`,
      );
    const id = ids[0];
    if (id === undefined) return pending;
    // Known from an answer the client received, a lookup that listed it, or because it used the id.
    const known = ctx.operationRequests.some((r) => {
      if (r.resourceId === id) return true;
      if (!succeeded(r)) return false;
      if (r.operation === spec.creates) return idField(r.response, spec.idName) === id;
      if (!spec.lookups.includes(r.operation)) return false;
      return JSON.stringify(field(r.response, spec.listName) ?? null)
        .toLowerCase()
        .includes(id);
    });
    return known ? passed(`exactly one ${spec.noun} (${id})`) : pending;
  };
}

/**
 * A step that waits for nothing to happen: it fails at the first offending request and passes when
 * `windowMs` of the emulator's clock have gone by since it started.
 */
export function staysQuiet(offending: (request: ObservedRequest) => string | null, windowMs: number): Judge {
  return (ctx) => {
    for (const request of ctx.stepRequests) {
      const reason = offending(request);
      if (reason !== null) return failed(reason);
    }
    return ctx.now - ctx.stepStartedAt >= windowMs ? passed() : pending;
  };
}
