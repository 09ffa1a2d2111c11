// Refunds: created under an idempotency key journalled before the first send, followed by polling to
// Reserved, then captured or cancelled by a decision journalled before the call. A refund whose
// create answer was lost is found again by its paymentId (GET /refunds?paymentId); resolveRefund
// settles what a crash or a lost answer left open (reference: refunds.md, cancel-flows.md).
import { isTerminalApiError, type TerminalApiError } from '../api/index.js';
import { notice, type EngineContext } from '../context.js';
import {
  finalRefundStatuses,
  isJournalError,
  type Failure,
  type Refund,
  type RefundDecisionRequest,
} from '../journal/index.js';
import type { CreateRefundRequest, RefundResponse, RefundStatus } from '../../shared/pos-v10/schemas.js';
import { FlowError } from './flow-error.js';
import { poll } from './poll.js';

/** What the cashier asks to refund: a payment of the journal, or any captured payment by the API's id. */
export type RefundRequest = {
  readonly refundOrderId: string;
  readonly amount: number;
  readonly currencyCode: 'DKK' | 'EUR';
} & ({ readonly journalPaymentId: string } | { readonly paymentId: string });

/** The journal's failure code of a refund concluded never created: the API has no trace of it. */
export const REFUND_NOT_CREATED = 'not-created';

/** Whether polling a refund can stop: reserved (ready to capture or cancel) or ended. */
export function isRefundSettled(status: RefundStatus): boolean {
  return status === 'Reserved' || finalRefundStatuses.has(status);
}

const isFinal = (refund: Refund): boolean =>
  refund.lastStatus !== null && finalRefundStatuses.has(refund.lastStatus);
const minor = (amount: number): number => Math.round(amount * 100);

function mustGet(ctx: EngineContext, journalId: string): Refund {
  const refund = ctx.journal.refunds.get(journalId);
  if (!refund) throw new FlowError('flow.unknown-refund');
  return refund;
}

function failure(error: TerminalApiError, final: boolean) {
  return { code: error.apiCode ?? error.code, message: error.message, final };
}

/** The create certainly changed nothing: the API refused it (4xx) or it was never sent. */
function isCreateRefused(error: unknown): error is TerminalApiError {
  return isTerminalApiError(error) && !error.retryable && error.code !== 'pos.bad-response';
}

/** A capture or cancel the API refused for good (4xx); credentials or odd answers may heal, so those stay pending. */
function isDecisionRefused(error: TerminalApiError): boolean {
  return error.code === 'pos.api' || error.code === 'pos.invalid-request';
}

function refused(refusal: Failure): FlowError {
  return new FlowError('flow.refund-refused', `The refund was refused (${refusal.code}): ${refusal.message}`);
}

function refundIdOf(refund: Refund): string {
  if (refund.refusal !== null) throw refused(refund.refusal);
  if (refund.refundId === null) throw new FlowError('flow.unresolved');
  return refund.refundId;
}

function announce(ctx: EngineContext, refund: Refund, previous: RefundStatus | null): void {
  if (refund.lastStatus === null || refund.lastStatus === previous) return;
  ctx.events.emit({
    kind: 'refund.state',
    at: ctx.deps.now(),
    journalId: refund.id,
    paymentId: refund.paymentId,
    refundId: refund.refundId,
    status: refund.lastStatus,
    previous,
  });
}

/** Records what GET /refunds/{id} showed in the journal and announces a change of status. */
export function observeRefund(
  ctx: EngineContext,
  journalId: string,
  response: { readonly status: RefundStatus },
): Refund {
  const before = mustGet(ctx, journalId);
  const after = ctx.journal.refunds.recordStatus(journalId, { status: response.status });
  announce(ctx, after, before.lastStatus);
  return after;
}

/**
 * The API's refund that a lost create made: of the same payment, not known to the journal, with the
 * same refundOrderId, amount and currency (the oldest such, as GET /refunds?paymentId lists them).
 */
export async function findLostRefund(ctx: EngineContext, refund: Refund): Promise<RefundResponse | null> {
  for (const refundId of await ctx.client.findRefundIds(refund.paymentId)) {
    if (ctx.journal.refunds.byRefundId(refundId) !== null) continue;
    const candidate = await ctx.client.getRefund(refundId);
    if (
      candidate.refundOrderId === refund.refundOrderId &&
      minor(candidate.amount) === minor(refund.amount) &&
      candidate.currencyCode === refund.currencyCode
    )
      return candidate;
  }
  return null;
}

/** Attaches a refund found by paymentId and records the status it was found in. */
function adopt(ctx: EngineContext, refund: Refund, found: RefundResponse): Refund {
  ctx.journal.refunds.attachRefundId(refund.id, found.refundId);
  notice(ctx, 'recovery', 'Found a refund whose create answer was lost', {
    journalId: refund.id,
    refundId: found.refundId,
    refundOrderId: refund.refundOrderId,
  });
  return observeRefund(ctx, refund.id, found);
}

function paymentIdOf(ctx: EngineContext, request: RefundRequest): string {
  if (!('journalPaymentId' in request)) return request.paymentId;
  const payment = ctx.journal.payments.get(request.journalPaymentId);
  if (!payment) throw new FlowError('flow.unknown-payment');
  if (payment.paymentId === null)
    throw new FlowError('flow.unresolved', 'The payment has no paymentId yet; resolve it before refunding.');
  return payment.paymentId;
}

function begin(ctx: EngineContext, body: CreateRefundRequest) {
  try {
    return ctx.journal.refunds.begin(body);
  } catch (error) {
    if (isJournalError(error) && error.code === 'conflict') throw new FlowError('flow.refund-order-in-use');
    throw error;
  }
}

/**
 * Creates a refund of a captured payment (POST /refunds), journalled with its idempotency key before
 * the first send. A refusal (1354, 1365, 1366, 1367, 1368, ...) marks it refused and is thrown. When
 * the outcome stays unknown after the client's retries, the refund is looked for by paymentId;
 * if it is not found the intent stays open for resolveRefund and the error is thrown.
 */
export async function createRefund(ctx: EngineContext, request: RefundRequest): Promise<Refund> {
  const body: CreateRefundRequest = {
    paymentId: paymentIdOf(ctx, request),
    refundOrderId: request.refundOrderId,
    amount: request.amount,
    currencyCode: request.currencyCode,
  };
  const { refund, intent } = begin(ctx, body);
  if (refund.refundId !== null) return refund;
  let refundId: string;
  try {
    await ctx.journal.sync();
    ctx.journal.intents.markSent(intent.id);
    refundId = (await ctx.client.createRefund(body, intent.idempotencyKey)).refundId;
  } catch (error) {
    if (isCreateRefused(error)) {
      ctx.journal.intents.fail(intent.id, failure(error, true));
      throw error;
    }
    const found = await findLostRefund(ctx, refund).catch(() => null);
    if (found) return adopt(ctx, refund, found);
    if (isTerminalApiError(error)) ctx.journal.intents.fail(intent.id, failure(error, false));
    throw error;
  }
  return ctx.journal.refunds.attachRefundId(refund.id, refundId);
}

/**
 * Polls the refund until `until` holds (by default: reserved or ended), never sooner than the
 * backend's pollDelayInMs, journalling and announcing every change. Stops when the signal aborts.
 */
export async function followRefund(
  ctx: EngineContext,
  journalId: string,
  options: { readonly signal?: AbortSignal; readonly until?: (status: RefundStatus) => boolean } = {},
): Promise<Refund> {
  const refundId = refundIdOf(mustGet(ctx, journalId));
  const until = options.until ?? isRefundSettled;
  await poll({
    read: () => ctx.client.getRefund(refundId, { polling: true }),
    onValue: (value) => observeRefund(ctx, journalId, value),
    until: (value) => until(value.status) || finalRefundStatuses.has(value.status),
    deps: ctx.deps,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return mustGet(ctx, journalId);
}

/** Reads the refund once more after a refusal, so the journal shows the truth (api-principles: 409). */
async function refresh(ctx: EngineContext, refund: Refund): Promise<void> {
  if (refund.refundId === null) return;
  observeRefund(ctx, refund.id, await ctx.client.getRefund(refund.refundId));
}

/** Runs a journalled decision against the API; a lost answer leaves it pending, a refusal fails it. */
async function execute(ctx: EngineContext, refund: Refund): Promise<Refund> {
  const decision = refund.decision;
  if (decision === null || decision.state !== 'pending' || refund.refundId === null) return refund;
  await ctx.journal.sync();
  try {
    if (decision.kind === 'capture') await ctx.client.captureRefund(refund.refundId);
    else await ctx.client.cancelRefund(refund.refundId);
  } catch (error) {
    if (isTerminalApiError(error)) {
      const final = isDecisionRefused(error);
      ctx.journal.refunds.failDecision(refund.id, failure(error, final));
      if (final) await refresh(ctx, refund).catch(() => undefined);
    }
    throw error;
  }
  const done = ctx.journal.refunds.completeDecision(refund.id);
  announce(ctx, done, refund.lastStatus);
  return done;
}

/** Journals a decision (or resumes the same one still pending), or says in the cashier's words why not. */
function decide(ctx: EngineContext, refund: Refund, request: RefundDecisionRequest): Refund {
  if (refund.decision?.state === 'pending' && refund.decision.kind === request.kind) return refund;
  if (refund.refusal !== null) throw refused(refund.refusal);
  if (isFinal(refund))
    throw new FlowError('flow.refund-ended', `The refund is ${refund.lastStatus}; it can no longer change.`);
  if (request.kind === 'capture' && refund.lastStatus !== 'Reserved')
    throw new FlowError(
      'flow.refund-not-reserved',
      `The refund is ${refund.lastStatus ?? 'not known yet'}, not reserved.`,
    );
  if (refund.decision?.state === 'pending')
    throw new FlowError(
      'flow.refund-decided',
      `A ${refund.decision.kind} of this refund is still waiting to be carried out.`,
    );
  return ctx.journal.refunds.decide(refund.id, request);
}

/** The same decision was already confirmed: asking again changes nothing. */
function alreadyDone(refund: Refund, kind: RefundDecisionRequest['kind']): boolean {
  return refund.decision?.kind === kind && refund.decision.state === 'done';
}

/** Captures a reserved refund: the money goes to the customer. The decision is journalled first. */
export async function captureRefund(ctx: EngineContext, journalId: string): Promise<Refund> {
  const refund = mustGet(ctx, journalId);
  if (alreadyDone(refund, 'capture')) return refund;
  return execute(ctx, decide(ctx, refund, { kind: 'capture' }));
}

/**
 * Cancels a refund before it is captured (e.g. the customer got cash instead). The decision is
 * journalled first, even while the create is unanswered: then the refund is resolved right away.
 */
export async function cancelRefund(ctx: EngineContext, journalId: string): Promise<Refund> {
  const refund = mustGet(ctx, journalId);
  if (alreadyDone(refund, 'cancel')) return refund;
  const decided = decide(ctx, refund, { kind: 'cancel' });
  return decided.refundId === null ? resolveRefund(ctx, journalId) : execute(ctx, decided);
}

/** Closes a create that never reached MobilePay: the refund is marked refused, a cancel on it done. */
function concludeNotCreated(ctx: EngineContext, refund: Refund): Refund {
  ctx.journal.intents.fail(refund.intentId, {
    code: REFUND_NOT_CREATED,
    message: 'MobilePay has no refund of this payment matching it: it was never created.',
    final: true,
  });
  notice(ctx, 'recovery', 'A refund whose create went unanswered was never created', {
    journalId: refund.id,
    refundOrderId: refund.refundOrderId,
    paymentId: refund.paymentId,
  });
  return mustGet(ctx, refund.id);
}

/**
 * Settles a refund a crash or a lost answer left open (the engine's recovery and sweeper call it):
 * an unacknowledged create is found by paymentId and attached, or concluded never created; then a
 * pending capture or cancel is carried out. Without one, the status is read once; a Reserved refund
 * is left for the cashier to decide (MobilePay captures it after 24 hours).
 */
export async function resolveRefund(ctx: EngineContext, journalId: string): Promise<Refund> {
  let refund = mustGet(ctx, journalId);
  if (refund.refusal !== null) return refund;
  if (refund.refundId === null) {
    // A pending intent proves no request left; otherwise the API is asked.
    const sent = ctx.journal.intents.get(refund.intentId)?.state !== 'pending';
    const found = sent ? await findLostRefund(ctx, refund) : null;
    if (found === null) return concludeNotCreated(ctx, refund);
    refund = adopt(ctx, refund, found);
  } else if (refund.decision?.state !== 'pending' && !isFinal(refund)) {
    return observeRefund(ctx, journalId, await ctx.client.getRefund(refund.refundId));
  }
  return execute(ctx, refund);
}
