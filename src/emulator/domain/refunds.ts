// Refunds of captured payments: several partial refunds up to the captured amount, within 90 days,
// covered by the store's balance; Initiated -> Reserved -> Captured (or auto-captured after 24 hours).
import { notFound, posError } from '../api-error.js';
import { isGuid, toMinorUnits } from '../../shared/pos-v10/formats.js';
import type { RefundResponse } from '../../shared/pos-v10/schemas.js';
import type { Caller, EmulatorCore } from './core.js';
import type { Refund } from './model.js';
import { storeBalance } from './stores.js';
import { amount as readAmount, currency, guid, objectBody, queryParam, text } from './validate.js';

export function refundResponse(core: EmulatorCore, refund: Refund): RefundResponse {
  return {
    refundId: refund.refundId,
    paymentId: refund.paymentId,
    refundOrderId: refund.refundOrderId,
    amount: refund.amount,
    currencyCode: refund.currencyCode,
    status: refund.status,
    pollDelayInMs: core.pollDelayMs,
  };
}

/** POST /refunds. */
export function createRefund(core: EmulatorCore, caller: Caller, rawBody: unknown): { refundId: string } {
  const body = objectBody(rawBody);
  const paymentId = guid(body, 'paymentId');
  const refundOrderId = text(body, 'refundOrderId', 36, 'InvalidRefundOrderId');
  const value = readAmount(body);
  const currencyCode = currency(body);
  const found = core.state.payments.get(paymentId) ?? core.state.payments.get(paymentId.toLowerCase());
  if (!found) throw posError('PaymentNotFound');
  if (found.integratorId !== caller.integratorId || found.merchantVat !== caller.merchantVat)
    throw posError(
      'PaymentOtherIntegrator',
      'cannot refund payments created by a different integrator or merchant',
    );
  const payment = core.settlePayment(found);
  if (payment.status !== 'Captured' || payment.capturedAmount === null || payment.capturedAt === null)
    throw posError('PaymentNotCaptured', `the payment is ${payment.status}`);
  if (payment.currencyCode !== currencyCode)
    throw posError('RefundCurrencyMismatch', `the payment is in ${payment.currencyCode}`);
  const now = core.now();
  if (now - payment.capturedAt > core.timing.refundWindowMs)
    throw posError('PaymentTooOld', 'refunds are possible up to 90 days after capture');
  const alreadyRefunded = core.state
    .refundsOfPayment(payment.paymentId)
    .map((r) => core.settleRefund(r))
    .filter((r) => r.status !== 'CancelledByClient' && r.status !== 'CancelledByMobilePay')
    .reduce((sum, r) => sum + toMinorUnits(r.amount), 0);
  if (alreadyRefunded + toMinorUnits(value) > toMinorUnits(payment.capturedAmount))
    throw posError(
      'RefundAmountTooHigh',
      `captured ${payment.capturedAmount.toFixed(2)}, already refunded ${(alreadyRefunded / 100).toFixed(2)}`,
    );
  const store = core.state.stores.get(payment.storeId);
  if (store && storeBalance(core, store, currencyCode) < toMinorUnits(value))
    throw posError('StoreBalanceTooLow');
  const refund: Refund = {
    refundId: core.newId(),
    paymentId: payment.paymentId,
    integratorId: caller.integratorId,
    merchantVat: caller.merchantVat,
    storeId: payment.storeId,
    refundOrderId,
    amount: value,
    currencyCode,
    status: 'Initiated',
    createdAt: now,
    statusChangedAt: now,
    reservedAt: null,
  };
  core.state.saveRefund(refund);
  core.emit('refund', refund.refundId, null, 'Initiated', now, { paymentId: refund.paymentId });
  return { refundId: refund.refundId };
}

/** The caller's own refund after time rules, or 404 / 1402. */
export function ownRefund(core: EmulatorCore, caller: Caller, refundId: string): Refund {
  const refund = isGuid(refundId)
    ? (core.state.refunds.get(refundId) ?? core.state.refunds.get(refundId.toLowerCase()))
    : undefined;
  if (!refund) throw notFound('Refund');
  if (refund.integratorId !== caller.integratorId || refund.merchantVat !== caller.merchantVat)
    throw posError('RefundOtherIntegrator');
  return core.settleRefund(refund);
}

export function getRefund(core: EmulatorCore, caller: Caller, refundId: string): RefundResponse {
  return refundResponse(core, ownRefund(core, caller, refundId));
}

/** GET /refunds?paymentId: the refunds of one payment (how a lost refundId is found again). */
export function findRefunds(core: EmulatorCore, caller: Caller, query: unknown): { refundIds: string[] } {
  const paymentId = queryParam(query, 'paymentId');
  if (paymentId === undefined) throw posError('RefundFilterNotSpecific', 'give paymentId');
  const payment = core.state.payments.get(paymentId) ?? core.state.payments.get(paymentId.toLowerCase());
  const refundIds = payment
    ? core.state
        .refundsOfPayment(payment.paymentId)
        .filter((r) => r.integratorId === caller.integratorId && r.merchantVat === caller.merchantVat)
        .map((r) => r.refundId)
    : [];
  return { refundIds };
}

/** POST /refunds/{id}/capture: Reserved -> Captured; a refund that is already captured answers 200. */
export function captureRefund(core: EmulatorCore, caller: Caller, refundId: string): void {
  const refund = ownRefund(core, caller, refundId);
  if (refund.status === 'Captured' || refund.status === 'ExpiredAndCaptured') return;
  if (refund.status !== 'Reserved') throw posError('RefundNotReserved', `the refund is ${refund.status}`);
  core.setRefundStatus(refund, 'Captured', core.now());
}

/** POST /refunds/{id}/cancel: until captured; cancelling a cancelled refund again answers 200. */
export function cancelRefund(core: EmulatorCore, caller: Caller, refundId: string): void {
  const refund = ownRefund(core, caller, refundId);
  if (refund.status === 'CancelledByClient') return;
  if (refund.status !== 'Initiated' && refund.status !== 'Reserved')
    throw posError('RefundCannotBeCancelled', `the refund is ${refund.status}`);
  core.setRefundStatus(refund, 'CancelledByClient', core.now());
}
