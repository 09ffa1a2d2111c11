// Payments: initiate or prepare (journalled with their idempotency key before the first send), follow
// the status by polling, ready a prepared payment, capture (full or partial) and cancel. Every
// decision is journalled before the call, so a crash or a lost answer never doubles or loses it.
import { isApiError, isTerminalApiError, type TerminalApiError } from '../api/index.js';
import { notice, requirePosId, type EngineContext } from '../context.js';
import type { BeginPayment, Payment } from '../journal/index.js';
import {
  activePaymentStatuses,
  type PaymentResponse,
  type PaymentRestrictions,
  type PaymentStatus,
  type ReadyPaymentRequest,
} from '../../shared/pos-v10/schemas.js';
import { FlowError } from './flow-error.js';
import { poll } from './poll.js';

/** What the cashier asks for; the PoS is the terminal's own. */
export interface PaymentRequest {
  readonly orderId: string;
  readonly amount: number;
  readonly currencyCode: 'DKK' | 'EUR';
  readonly restrictions?: PaymentRestrictions | null;
  readonly merchantPaymentLabel?: string | null;
  readonly plannedCaptureDelay?: 'None' | 'LessThan24Hours' | 'LessThan14Days';
}

const finalStatuses: ReadonlySet<PaymentStatus> = new Set([
  'Captured',
  'CancelledByUser',
  'CancelledByClient',
  'CancelledByMobilePay',
  'ExpiredAndCancelled',
]);

/** Whether polling a payment can stop: reserved (the customer is done) or ended. */
export function isSettled(status: PaymentStatus): boolean {
  return status === 'Reserved' || finalStatuses.has(status);
}

/** Records an observed payment in the journal and announces a change of status. */
export function observePayment(ctx: EngineContext, journalId: string, response: PaymentResponse): Payment {
  const before = ctx.journal.payments.get(journalId);
  const after = ctx.journal.payments.recordStatus(journalId, response);
  if (before?.lastStatus !== after.lastStatus && after.lastStatus !== null)
    ctx.events.emit({
      kind: 'payment.state',
      at: ctx.deps.now(),
      journalId,
      orderId: after.orderId,
      paymentId: after.paymentId,
      status: after.lastStatus,
      previous: before?.lastStatus ?? null,
    });
  return after;
}

/**
 * A final answer: the API refused the request itself (4xx) or it was invalid before sending. A
 * credentials problem or an unreadable answer is not: the call may yet succeed or have succeeded.
 */
function isRefusal(error: unknown): error is TerminalApiError {
  return isTerminalApiError(error) && (error.code === 'pos.api' || error.code === 'pos.invalid-request');
}

function mustGet(ctx: EngineContext, journalId: string): Payment {
  const payment = ctx.journal.payments.get(journalId);
  if (!payment) throw new FlowError('flow.unknown-payment');
  return payment;
}

/** A payment that has ended can be neither readied nor cancelled: the cashier is told so, not "internal". */
function mustBeOpen(payment: Payment, what: 'readied' | 'cancelled'): Payment {
  if (payment.lastStatus !== null && finalStatuses.has(payment.lastStatus))
    throw new FlowError(
      'flow.payment-ended',
      `The payment is ${payment.lastStatus}; it can no longer be ${what}.`,
    );
  return payment;
}

/**
 * Sends the creating call of a journalled payment under its idempotency key and attaches the
 * paymentId. On 1301 (another payment active on the PoS) the stale one is found and cancelled and
 * the call is sent again with the same key. When the outcome stays unknown (timeouts after every
 * retry), the payment is looked up by posId + orderId before giving up.
 */
async function create(ctx: EngineContext, request: BeginPayment): Promise<Payment> {
  const { payment, intent } = ctx.journal.payments.begin(request);
  if (payment.paymentId !== null) return payment;
  const send = async (): Promise<string> => {
    await ctx.journal.sync();
    ctx.journal.intents.markSent(intent.id);
    const answer =
      request.flow === 'initiate'
        ? await ctx.client.initiatePayment(request.body, intent.idempotencyKey)
        : await ctx.client.preparePayment(request.body, intent.idempotencyKey);
    return answer.paymentId;
  };
  try {
    let paymentId: string;
    try {
      paymentId = await send();
    } catch (error) {
      if (!isApiError(error, 'PaymentAlreadyActive')) throw error;
      await clearActivePayments(ctx, payment.posId, payment.id);
      paymentId = await send();
    }
    return ctx.journal.payments.attachPaymentId(payment.id, paymentId);
  } catch (error) {
    if (isRefusal(error)) {
      ctx.journal.intents.fail(intent.id, {
        code: error.apiCode ?? error.code,
        message: error.message,
        final: true,
      });
      throw error;
    }
    const found = await findByOrder(ctx, payment).catch(() => null);
    if (found) return ctx.journal.payments.attachPaymentId(payment.id, found);
    if (isTerminalApiError(error))
      ctx.journal.intents.fail(intent.id, { code: error.code, message: error.message, final: false });
    throw error;
  }
}

/** The API's paymentId of a payment whose creating answer was lost: by posId + orderId. */
export async function findByOrder(ctx: EngineContext, payment: Payment): Promise<string | null> {
  const ids = await ctx.client.findPaymentIds({ posId: payment.posId, orderId: payment.orderId });
  if (ids.length > 0) return ids[0]!;
  const captured = await ctx.client.findPaymentIds({
    posId: payment.posId,
    orderId: payment.orderId,
    state: 'Captured',
  });
  return captured[0] ?? null;
}

/**
 * Resolves "a payment is already active" (1301): every active payment on the PoS other than the one
 * being started is found (journalled ones by posId + orderId, others by posId) and cancelled.
 */
export async function clearActivePayments(
  ctx: EngineContext,
  posId: string,
  exceptJournalId: string,
): Promise<void> {
  for (const stale of ctx.journal.payments.active(posId)) {
    if (stale.id === exceptJournalId) continue;
    const paymentId = stale.paymentId ?? (await findByOrder(ctx, stale));
    if (paymentId === null) continue;
    if (stale.paymentId === null) ctx.journal.payments.attachPaymentId(stale.id, paymentId);
    // The journal may be behind: a reservation is the cashier's to capture or cancel, and an ended
    // payment only needs journalling. Only a payment still active blocks the PoS.
    const current = observePayment(ctx, stale.id, await ctx.client.getPayment(paymentId));
    if (current.lastStatus === null || !activePaymentStatuses.has(current.lastStatus)) continue;
    await cancelPayment(ctx, stale.id).catch(() => undefined);
  }
  for (const paymentId of await ctx.client.findPaymentIds({ posId })) {
    const current = await ctx.client.getPayment(paymentId);
    if (!activePaymentStatuses.has(current.status)) continue;
    notice(ctx, 'recovery', 'Cancelling a payment left active on the point of sale', {
      paymentId,
      orderId: current.orderId,
    });
    await ctx.client.cancelPayment(paymentId).catch((error: unknown) => {
      if (!isApiError(error, 'PaymentCannotBeCancelled')) throw error;
    });
  }
}

/** Starts a payment ready for the customer at once (POST /payments) and returns its journal record. */
export async function initiatePayment(ctx: EngineContext, request: PaymentRequest): Promise<Payment> {
  const posId = requirePosId(ctx);
  return create(ctx, {
    flow: 'initiate',
    body: {
      posId,
      orderId: request.orderId,
      amount: request.amount,
      currencyCode: request.currencyCode,
      restrictions: request.restrictions ?? null,
      merchantPaymentLabel: request.merchantPaymentLabel ?? null,
      plannedCaptureDelay: request.plannedCaptureDelay ?? 'None',
    },
  });
}

/** Starts a prepared payment (POST /payments/prepare): the customer can pair before the amount is known. */
export async function preparePayment(ctx: EngineContext, orderId: string): Promise<Payment> {
  return create(ctx, { flow: 'prepare', body: { posId: requirePosId(ctx), orderId } });
}

/** Gives a prepared payment its amount and terms; they are journalled before the call. */
export async function readyPayment(
  ctx: EngineContext,
  journalId: string,
  details: ReadyPaymentRequest,
): Promise<Payment> {
  mustBeOpen(mustGet(ctx, journalId), 'readied');
  const payment = ctx.journal.payments.setReady(journalId, details);
  if (payment.paymentId === null) throw new FlowError('flow.unresolved');
  await ctx.client.readyPayment(payment.paymentId, details);
  return mustGet(ctx, journalId);
}

/**
 * Polls the payment until `until` holds (by default: reserved or ended), never sooner than the
 * backend's pollDelayInMs, journalling and announcing every change. Stops when the signal aborts.
 */
export async function followPayment(
  ctx: EngineContext,
  journalId: string,
  options: { readonly signal?: AbortSignal; readonly until?: (status: PaymentStatus) => boolean } = {},
): Promise<Payment> {
  const payment = mustGet(ctx, journalId);
  if (payment.paymentId === null) throw new FlowError('flow.unresolved');
  const paymentId = payment.paymentId;
  const until = options.until ?? isSettled;
  // A poll that repeats the previous answer changes nothing: skip the journal (it dominates a
  // busy engine's time when the backend asks for fast polling).
  let previous = '';
  await poll({
    read: () => ctx.client.getPayment(paymentId, { polling: true }),
    onValue: (value) => {
      const { pollDelayInMs: _delay, ...content } = value;
      const seen = JSON.stringify(content);
      if (seen === previous) return;
      previous = seen;
      observePayment(ctx, journalId, value);
    },
    until: (value) => until(value.status) || finalStatuses.has(value.status),
    deps: ctx.deps,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return mustGet(ctx, journalId);
}

/** Runs a journalled decision against the API; a lost or failed answer leaves it pending for the sweeper. */
async function execute(ctx: EngineContext, payment: Payment): Promise<Payment> {
  const decision = payment.decision;
  if (decision === null || decision.state !== 'pending' || payment.paymentId === null) return payment;
  await ctx.journal.sync();
  try {
    if (decision.kind === 'capture')
      await ctx.client.capturePayment(payment.paymentId, { amount: decision.amount });
    else await ctx.client.cancelPayment(payment.paymentId);
  } catch (error) {
    const final = isRefusal(error);
    if (isTerminalApiError(error)) ctx.journal.payments.failDecision(payment.id, failure(error, final));
    // Refused for good (e.g. the payment ended at MobilePay meanwhile): journal what it is now.
    if (final) {
      const paymentId = payment.paymentId;
      await ctx.client
        .getPayment(paymentId)
        .then((current) => observePayment(ctx, payment.id, current))
        .catch(() => undefined);
    }
    throw error;
  }
  const done = ctx.journal.payments.completeDecision(payment.id);
  if (done.lastStatus !== null && done.lastStatus !== payment.lastStatus)
    ctx.events.emit({
      kind: 'payment.state',
      at: ctx.deps.now(),
      journalId: done.id,
      orderId: done.orderId,
      paymentId: done.paymentId,
      status: done.lastStatus,
      previous: payment.lastStatus,
    });
  return done;
}

function failure(error: TerminalApiError, final: boolean) {
  return { code: error.apiCode ?? error.code, message: error.message, final };
}

/**
 * Captures a reserved payment, in full by default. A partial capture where the payment does not
 * allow it is refused before any call (the cashier should capture all or cancel).
 */
export async function capturePayment(
  ctx: EngineContext,
  journalId: string,
  amount?: number,
): Promise<Payment> {
  const payment = mustGet(ctx, journalId);
  if (payment.lastStatus !== 'Reserved' && payment.decision?.state !== 'pending')
    throw new FlowError(
      'flow.not-reserved',
      `The payment is ${payment.lastStatus ?? 'not known yet'}, not reserved.`,
    );
  const full = payment.amount ?? 0;
  const wanted = amount ?? full;
  if (Math.round(wanted * 100) < Math.round(full * 100) && payment.partialCapturePossible === false)
    throw new FlowError('flow.partial-capture-not-possible');
  return execute(ctx, ctx.journal.payments.decide(journalId, { kind: 'capture', amount: wanted }));
}

/** Cancels a payment (any state before Captured); the decision is journalled first. */
export async function cancelPayment(ctx: EngineContext, journalId: string): Promise<Payment> {
  mustBeOpen(mustGet(ctx, journalId), 'cancelled');
  return execute(ctx, ctx.journal.payments.decide(journalId, { kind: 'cancel' }));
}

/** Retries a journalled capture or cancel whose answer never came (used by the sweeper and recovery). */
export async function resumeDecision(ctx: EngineContext, journalId: string): Promise<Payment> {
  return execute(ctx, mustGet(ctx, journalId));
}
