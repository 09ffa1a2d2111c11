// The customer's moves during a case, as `play` functions: they look at the case's payment and at
// what the client has seen, and make the next move only once the client could have noticed the
// previous one (a check-in after the client saw the payment Initiated, an acceptance after it saw
// IssuedToUser). Idempotent by design: they run after every request of the step.
import { field } from './observed-request.js';
import { casePaymentId, sawPayment } from './judge-kit.js';
import type { ServiceActions, StepContext } from './step-model.js';

type Play = (ctx: StepContext, service: ServiceActions) => void;

/** The case's payment as the emulator has it now, or undefined before the client created one. */
function currentPayment(ctx: StepContext) {
  const id = casePaymentId(ctx);
  return id === null ? undefined : ctx.world.payment(id);
}

/** Whether the client has polled the check-in since the step started (the QR code is up). */
function polledCheckIn(ctx: StepContext): boolean {
  return ctx.stepRequests.some((r) => r.operation === 'checkin');
}

/**
 * A customer checks in as soon as the client polls the check-in (the QR code is shown and nobody is
 * there yet): check-in before initiate.
 */
export function checksInWhenPolled(phoneNumber: string): Play {
  return (ctx, service) => {
    const posId = ctx.world.posId;
    if (posId === null || !polledCheckIn(ctx)) return;
    if (ctx.world.hasCheckIn(posId) || ctx.world.activePayment(posId)) return;
    service.checkIn(phoneNumber);
  };
}

/** A customer checks in once the client has seen the payment waiting (Initiated or Prepared). */
export function checksInWhenWaiting(phoneNumber: string): Play {
  return (ctx, service) => {
    const payment = currentPayment(ctx);
    if (!payment || payment.phoneNumber !== null) return;
    if (payment.status !== 'Initiated' && payment.status !== 'Prepared') return;
    if (sawPayment(ctx, payment.status)) service.checkIn(phoneNumber);
  };
}

/** The customer accepts once the client has seen the payment IssuedToUser. */
export function acceptsWhenIssued(phoneNumber: string): Play {
  return (ctx, service) => {
    const payment = currentPayment(ctx);
    if (payment?.status === 'IssuedToUser' && sawPayment(ctx, 'IssuedToUser'))
      service.acceptPayment(phoneNumber);
  };
}

/** A customer who comes after the payment was initiated and pays: check-in, then acceptance. */
export function paysWhenAsked(phoneNumber: string): Play {
  const checkIn = checksInWhenWaiting(phoneNumber);
  const accept = acceptsWhenIssued(phoneNumber);
  return (ctx, service) => {
    checkIn(ctx, service);
    accept(ctx, service);
  };
}

/** The customer declines the payment once the client has seen it issued to them (or paired). */
export function declinesWhenIssued(): Play {
  return (ctx, service) => {
    const payment = currentPayment(ctx);
    if (!payment) return;
    if (payment.status !== 'IssuedToUser' && payment.status !== 'Paired') return;
    if (sawPayment(ctx, payment.status)) service.declinePayment();
  };
}

/** MobilePay cancels the case's payment while it is still active (Initiated, IssuedToUser, ...). */
export function mobilePayCancels(): Play {
  return (ctx, service) => {
    const payment = currentPayment(ctx);
    if (payment && ['Prepared', 'Paired', 'Initiated', 'IssuedToUser'].includes(payment.status))
      service.cancelByMobilePay(payment.paymentId);
  };
}

/** Whether a received payment answer carries loyalty ids (prepared-payment-flow.md: read them once Paired). */
export function hasLoyaltyIds(response: unknown): boolean {
  const ids = field(response, 'loyaltyIds');
  return Array.isArray(ids) && ids.length > 0;
}
