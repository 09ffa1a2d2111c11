// "Exactly one came of it": the payments and refunds an operation's creating calls made, counted
// from the answers the emulator gave (even those held back or dropped) and from its state, so a
// retry with a new idempotency key that made a second resource is seen even if its answer was lost.
import { attempts, casePaymentId, exactlyOneKnown, type Judge } from './judge-kit.js';
import { field, idField, type Operation } from './observed-request.js';
import type { StepContext } from './step-model.js';

/** Payments the operation's initiate or prepare calls made (by answered id and by the orderIds sent). */
export function createdPayments(ctx: StepContext, operation: Operation): readonly string[] {
  const calls = attempts(ctx, operation);
  const since = calls[0]?.at ?? ctx.stepStartedAt;
  const ids = new Set<string>();
  for (const call of calls) {
    const answered = idField(call.response, 'paymentId');
    if (answered !== null) ids.add(answered);
    const orderId = field(call.body, 'orderId');
    if (typeof orderId !== 'string') continue;
    for (const payment of ctx.world.paymentsWithOrderId(orderId))
      if (payment.createdAt >= since) ids.add(payment.paymentId.toLowerCase());
  }
  return [...ids];
}

/**
 * Refunds of the case's payment created during the operation (by answered id and by the emulator's
 * state), leaving out the ones the case's earlier refund creates made (several partial refunds).
 */
export function createdRefunds(ctx: StepContext): readonly string[] {
  const calls = attempts(ctx, 'refund-create');
  const since = calls[0]?.at ?? ctx.stepStartedAt;
  const earlier = new Set(
    ctx.caseRequests
      .filter((r) => r.operation === 'refund-create' && !calls.includes(r))
      .map((r) => idField(r.response, 'refundId')),
  );
  const ids = new Set<string>();
  for (const call of calls) {
    const answered = idField(call.response, 'refundId');
    if (answered !== null) ids.add(answered);
  }
  const paymentId = casePaymentId(ctx);
  if (paymentId !== null)
    for (const refund of ctx.world.refundsOf(paymentId)) {
      const id = refund.refundId.toLowerCase();
      if (refund.createdAt >= since && !earlier.has(id)) ids.add(id);
    }
  return [...ids];
}

/** Exactly one payment came of the initiate (or prepare) and the client knows its paymentId. */
export function onePayment(operation: 'payment-initiate' | 'payment-prepare'): Judge {
  return exactlyOneKnown({
    noun: 'payment',
    idName: 'paymentId',
    created: (ctx) => createdPayments(ctx, operation),
    creates: operation,
    lookups: ['payment-list'],
    listName: 'paymentIds',
  });
}

/** Exactly one refund came of the create and the client knows its refundId (answer or GET /refunds?paymentId). */
export const oneRefund: Judge = exactlyOneKnown({
  noun: 'refund',
  idName: 'refundId',
  created: createdRefunds,
  creates: 'refund-create',
  lookups: ['refund-list'],
  listName: 'refundIds',
});
