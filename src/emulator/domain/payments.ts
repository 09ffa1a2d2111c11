// Payments: initiate and prepare/ready, polling, capture (full or partial) and cancel, following the
// state diagrams of the reference (img/pos-payment-states.png, img/pos-prepared-payment-states.png).
import { badRequest, notFound, posError } from '../api-error.js';
import { isGuid, toMinorUnits } from '../../shared/pos-v10/formats.js';
import type { PaymentResponse } from '../../shared/pos-v10/schemas.js';
import { activePaymentStatuses } from '../../shared/pos-v10/schemas.js';
import type { Caller, EmulatorCore } from './core.js';
import type { Payment } from './model.js';
import {
  amount as readAmount,
  currency,
  guid,
  objectBody,
  optionalText,
  plannedCaptureDelay,
  queryParam,
  restrictions,
  text,
} from './validate.js';

export function paymentResponse(core: EmulatorCore, payment: Payment): PaymentResponse {
  const user = payment.phoneNumber === null ? undefined : core.testUser(payment.phoneNumber);
  const expiresAt =
    payment.status === 'Reserved' && payment.reservedAt !== null
      ? payment.reservedAt + core.timing.reservationLifetimeMs
      : activePaymentStatuses.has(payment.status)
        ? payment.statusChangedAt + core.timing.paymentInactivityMs
        : payment.statusChangedAt;
  const response: PaymentResponse = {
    paymentId: payment.paymentId,
    posId: payment.posId,
    orderId: payment.orderId,
    amount: payment.amount,
    currencyCode: payment.currencyCode,
    restrictions: payment.restrictions,
    merchantPaymentLabel: payment.merchantPaymentLabel,
    plannedCaptureDelay: payment.plannedCaptureDelay,
    status: payment.status,
    customerToken: user ? user.customerToken : null,
    customerReceiptToken: user ? user.customerReceiptToken : null,
    loyaltyIds: user ? [...user.loyaltyIds] : null,
    paymentExpiresAt: new Date(expiresAt).toISOString(),
    pollDelayInMs: core.pollDelayMs,
  };
  if (payment.status === 'Reserved')
    response.partialCapturePossible = user ? user.partialCapturePossible : true;
  return response;
}

/** The PoS a new payment goes to, with the checks initiate and prepare share (1000, 1400, 1204, 1301). */
function posForNewPayment(core: EmulatorCore, caller: Caller, posId: string) {
  const pos = core.state.pointsOfSale.get(posId) ?? core.state.pointsOfSale.get(posId.toLowerCase());
  if (!pos || pos.deletedAt !== null) throw posError('PosNotFound');
  if (pos.integratorId !== caller.integratorId || pos.merchantVat !== caller.merchantVat)
    throw posError('PosOtherIntegrator');
  const store = core.state.stores.get(pos.storeId);
  if (!store || !store.active) throw posError('StoreNotActivated');
  if (core.activePayment(pos.posId)) throw posError('PaymentAlreadyActive');
  return pos;
}

function createPayment(
  core: EmulatorCore,
  caller: Caller,
  fields: Omit<
    Payment,
    | 'paymentId'
    | 'integratorId'
    | 'merchantVat'
    | 'storeId'
    | 'status'
    | 'phoneNumber'
    | 'createdAt'
    | 'statusChangedAt'
    | 'reservedAt'
    | 'capturedAt'
    | 'capturedAmount'
    | 'sequence'
  >,
  storeId: string,
): Payment {
  const now = core.now();
  const checkIn = core.currentCheckIn(fields.posId);
  const initial = fields.flow === 'prepare' ? 'Prepared' : 'Initiated';
  const payment: Payment = {
    ...fields,
    paymentId: core.newId(),
    integratorId: caller.integratorId,
    merchantVat: caller.merchantVat,
    storeId,
    status: initial,
    phoneNumber: null,
    createdAt: now,
    statusChangedAt: now,
    reservedAt: null,
    capturedAt: null,
    capturedAmount: null,
    sequence: core.state.nextSequence(),
  };
  core.state.savePayment(payment);
  core.emit('payment', payment.paymentId, null, initial, now, {
    posId: payment.posId,
    orderId: payment.orderId,
  });
  if (!checkIn) return payment;
  // A customer already checked in: the payment pairs with them at once.
  core.state.removeCheckIn(fields.posId);
  return core.setPaymentStatus(payment, fields.flow === 'prepare' ? 'Paired' : 'IssuedToUser', now, {
    phoneNumber: checkIn.phoneNumber,
  });
}

/** POST /payments: a payment ready for the customer at once. */
export function initiatePayment(core: EmulatorCore, caller: Caller, rawBody: unknown): { paymentId: string } {
  const body = objectBody(rawBody);
  const posId = guid(body, 'posId');
  const orderId = text(body, 'orderId', 36, 'InvalidOrderId');
  const value = readAmount(body);
  const currencyCode = currency(body);
  const label = optionalText(body, 'merchantPaymentLabel', 36, 'InvalidMerchantPaymentLabel');
  const delay = plannedCaptureDelay(body);
  const limits = restrictions(body);
  const pos = posForNewPayment(core, caller, posId);
  const payment = createPayment(
    core,
    caller,
    {
      posId: pos.posId,
      orderId,
      flow: 'initiate',
      amount: value,
      currencyCode,
      restrictions: limits,
      merchantPaymentLabel: label,
      plannedCaptureDelay: delay,
    },
    pos.storeId,
  );
  return { paymentId: payment.paymentId };
}

/** POST /payments/prepare: a payment without an amount yet, visible to the customer on check-in. */
export function preparePayment(core: EmulatorCore, caller: Caller, rawBody: unknown): { paymentId: string } {
  const body = objectBody(rawBody);
  const posId = guid(body, 'posId');
  const orderId = text(body, 'orderId', 36, 'InvalidOrderId');
  const pos = posForNewPayment(core, caller, posId);
  const payment = createPayment(
    core,
    caller,
    {
      posId: pos.posId,
      orderId,
      flow: 'prepare',
      amount: null,
      currencyCode: null,
      restrictions: null,
      merchantPaymentLabel: null,
      plannedCaptureDelay: null,
    },
    pos.storeId,
  );
  return { paymentId: payment.paymentId };
}

type PaymentAction = 'query' | 'ready' | 'capture' | 'cancel';
const otherMerchant = {
  query: 'QueryPaymentOtherMerchant',
  ready: 'ReadyOtherMerchant',
  capture: 'CaptureOtherMerchant',
  cancel: 'CancelOtherMerchant',
} as const;

/** The caller's own payment after time rules, or 404 / 1401 / 1406-1411. */
export function ownPayment(
  core: EmulatorCore,
  caller: Caller,
  paymentId: string,
  action: PaymentAction,
): Payment {
  const payment = isGuid(paymentId)
    ? (core.state.payments.get(paymentId) ?? core.state.payments.get(paymentId.toLowerCase()))
    : undefined;
  if (!payment) throw notFound('Payment');
  if (payment.integratorId !== caller.integratorId) throw posError('PaymentOtherIntegrator');
  if (payment.merchantVat !== caller.merchantVat) throw posError(otherMerchant[action]);
  return core.settlePayment(payment);
}

export function getPayment(core: EmulatorCore, caller: Caller, paymentId: string): PaymentResponse {
  return paymentResponse(core, ownPayment(core, caller, paymentId, 'query'));
}

/** POST /payments/{id}/ready: the amount arrives; Prepared becomes Initiated, Paired becomes IssuedToUser. */
export function readyPayment(core: EmulatorCore, caller: Caller, paymentId: string, rawBody: unknown): void {
  const body = objectBody(rawBody);
  const value = readAmount(body);
  const currencyCode = currency(body);
  const label = optionalText(body, 'merchantPaymentLabel', 36, 'InvalidMerchantPaymentLabel');
  const delay = plannedCaptureDelay(body);
  const limits = restrictions(body);
  const payment = ownPayment(core, caller, paymentId, 'ready');
  const fields = {
    amount: value,
    currencyCode,
    merchantPaymentLabel: label,
    plannedCaptureDelay: delay,
    restrictions: limits,
  };
  if (payment.status === 'Prepared' || payment.status === 'Paired') {
    core.setPaymentStatus(
      payment,
      payment.status === 'Paired' ? 'IssuedToUser' : 'Initiated',
      core.now(),
      fields,
    );
    return;
  }
  // A retry of a ready that already went through is answered like the first one.
  const isRetry =
    payment.flow === 'prepare' &&
    payment.amount !== null &&
    toMinorUnits(payment.amount) === toMinorUnits(value) &&
    payment.currencyCode === currencyCode &&
    payment.merchantPaymentLabel === label &&
    payment.plannedCaptureDelay === delay &&
    JSON.stringify(payment.restrictions) === JSON.stringify(limits);
  if (isRetry) return;
  throw posError('PaymentNotPrepared', `the payment is ${payment.status}`);
}

/** POST /payments/{id}/capture: full or (when possible) partial; a retry with the same amount is a no-op. */
export function capturePayment(
  core: EmulatorCore,
  caller: Caller,
  paymentId: string,
  rawBody: unknown,
): void {
  const body = objectBody(rawBody);
  const value = readAmount(body);
  const payment = ownPayment(core, caller, paymentId, 'capture');
  if (payment.status === 'Captured') {
    if (payment.capturedAmount !== null && toMinorUnits(payment.capturedAmount) === toMinorUnits(value))
      return;
    throw posError('CapturedWithDifferentAmount');
  }
  if (payment.status !== 'Reserved' || payment.amount === null)
    throw posError('PaymentNotReserved', `the payment is ${payment.status}`);
  if (toMinorUnits(value) > toMinorUnits(payment.amount)) throw posError('CaptureExceedsReserved');
  const user = payment.phoneNumber === null ? undefined : core.testUser(payment.phoneNumber);
  if (toMinorUnits(value) < toMinorUnits(payment.amount) && user && !user.partialCapturePossible)
    throw posError('PartialCaptureNotPossible');
  const now = core.now();
  core.setPaymentStatus(payment, 'Captured', now, { capturedAmount: value, capturedAt: now });
}

const clientCancellable = new Set(['Prepared', 'Paired', 'Initiated', 'IssuedToUser', 'Reserved']);

/** POST /payments/{id}/cancel: until Captured or expired; cancelling a cancelled payment again is a no-op. */
export function cancelPayment(core: EmulatorCore, caller: Caller, paymentId: string): void {
  const payment = ownPayment(core, caller, paymentId, 'cancel');
  if (payment.status === 'CancelledByClient') return;
  if (!clientCancellable.has(payment.status))
    throw posError('PaymentCannotBeCancelled', `the payment is ${payment.status}`);
  core.setPaymentStatus(payment, 'CancelledByClient', core.now());
}

/**
 * GET /payments?posId&orderId&state. Without state: active and reserved payments; with state=Captured:
 * captured ones. An orderId maps to the latest payment that carried it (reference: best practices).
 */
export function findPayments(core: EmulatorCore, caller: Caller, query: unknown): { paymentIds: string[] } {
  const posId = queryParam(query, 'posId');
  const orderId = queryParam(query, 'orderId');
  const state = queryParam(query, 'state');
  if (posId === undefined && orderId === undefined)
    throw posError('PaymentFilterNotSpecific', 'give posId and/or orderId');
  if (posId !== undefined && !isGuid(posId)) throw badRequest('posId must be a GUID');
  if (state !== undefined && state !== 'Captured') throw badRequest('state can only be Captured');
  let candidates: Payment[];
  if (orderId !== undefined) {
    const withOrder = core.state
      .paymentsWithOrderId(caller.integratorId, caller.merchantVat, orderId)
      .filter((p) => posId === undefined || p.posId.toLowerCase() === posId.toLowerCase());
    const latest = withOrder[withOrder.length - 1];
    candidates = latest ? [latest] : [];
  } else {
    // GUIDs compare case-insensitively, as on every other endpoint; the index is keyed by the stored posId.
    const given = posId ?? '';
    const pos = core.state.pointsOfSale.get(given) ?? core.state.pointsOfSale.get(given.toLowerCase());
    candidates = core.state
      .paymentsOfPos(pos?.posId ?? given)
      .filter((p) => p.integratorId === caller.integratorId && p.merchantVat === caller.merchantVat);
  }
  const wanted = (p: Payment): boolean =>
    state === 'Captured'
      ? p.status === 'Captured'
      : activePaymentStatuses.has(p.status) || p.status === 'Reserved';
  return {
    paymentIds: candidates
      .map((p) => core.settlePayment(p))
      .filter(wanted)
      .map((p) => p.paymentId),
  };
}
