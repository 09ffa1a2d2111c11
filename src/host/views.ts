// The journal's rows as the screens see them: payments and refunds with their timelines, amounts
// refunded, pending decisions and hanging reservations; the PoS, stores and HTTP exchanges.
import type {
  BridgeFailure,
  ExchangeView,
  PaymentView,
  PosView,
  RefundView,
  StoreView,
} from '../shared/bridge/index.js';
import { toMinorUnits } from '../shared/pos-v10/formats.js';
import type { RefundStatus, StoreResponse } from '../shared/pos-v10/schemas.js';
import type { ExchangeEvent } from '../terminal/api/index.js';
import {
  paymentListStatus,
  refundListStatus,
  type Failure,
  type Journal,
  type Payment,
  type PosConfig,
  type Refund,
} from '../terminal/journal/index.js';
import { wordApiCode } from './api-wording.js';

/** Refunds that count as refunded: the money is on its way to the customer or there. */
export const refundedStatuses: ReadonlySet<RefundStatus> = new Set([
  'Reserved',
  'Captured',
  'ExpiredAndCaptured',
]);

/** Why a creating call was refused, as the journal recorded it, in the cashier's words. */
export function refusalView(refusal: Failure | null): BridgeFailure | null {
  if (refusal === null) return null;
  const isApiCode = /^\d{4}$/.test(refusal.code);
  return {
    code: isApiCode ? 'pos.api' : refusal.code,
    message: (isApiCode ? wordApiCode(refusal.code) : undefined) ?? refusal.message,
    apiCode: isApiCode ? refusal.code : null,
    retryable: false,
  };
}

export function refundView(journal: Journal, refund: Refund): RefundView {
  return {
    journalId: refund.id,
    paymentId: refund.paymentId,
    refundId: refund.refundId,
    refundOrderId: refund.refundOrderId,
    amount: refund.amount,
    currencyCode: refund.currencyCode,
    status: refundListStatus(refund),
    timeline: journal.refunds.history(refund.id).map(({ status, at }) => ({ status, at })),
    pendingDecision: refund.decision?.state === 'pending' ? refund.decision.kind : null,
    refusal: refusalView(refund.refusal),
    createdAt: refund.createdAt,
    updatedAt: refund.updatedAt,
  };
}

/** The refunds of a journalled payment, oldest first (none before the API named the payment). */
export function refundsOf(journal: Journal, payment: Payment): readonly Refund[] {
  return payment.paymentId === null ? [] : journal.refunds.forPayment(payment.paymentId);
}

export function paymentView(journal: Journal, payment: Payment): PaymentView {
  const refunded = refundsOf(journal, payment)
    .filter((refund) => refund.lastStatus !== null && refundedStatuses.has(refund.lastStatus))
    .reduce((sum, refund) => sum + toMinorUnits(refund.amount), 0);
  const decision = payment.decision;
  return {
    journalId: payment.id,
    flow: payment.flow,
    orderId: payment.orderId,
    paymentId: payment.paymentId,
    posId: payment.posId,
    amount: payment.amount,
    currencyCode: payment.currencyCode,
    restrictions: payment.restrictions,
    merchantPaymentLabel: payment.merchantPaymentLabel,
    plannedCaptureDelay: payment.plannedCaptureDelay,
    status: paymentListStatus(payment),
    timeline: journal.payments.history(payment.id).map(({ status, at }) => ({ status, at })),
    partialCapturePossible: payment.partialCapturePossible,
    customerToken: payment.customerToken,
    customerReceiptToken: payment.customerReceiptToken,
    loyaltyIds: payment.loyaltyIds,
    capturedAmount: payment.capturedAmount,
    refundedAmount: refunded / 100,
    pendingDecision: decision?.state === 'pending' ? decision.kind : null,
    hanging: payment.lastStatus === 'Reserved' && (decision === null || decision.state === 'failed'),
    refusal: refusalView(payment.refusal),
    createdAt: payment.createdAt,
    updatedAt: payment.updatedAt,
  };
}

/** The beaconId customers scan: the one MobilePay reports for the PoS, else the configured one. */
export function beaconOf(config: PosConfig): string | null {
  return config.assignedBeaconId ?? config.beaconId;
}

export function posView(config: PosConfig): PosView {
  return {
    posId: config.posId,
    storeId: config.storeId,
    merchantPosId: config.merchantPosId,
    posName: config.posName,
    beaconId: beaconOf(config),
    supportedBeaconTypes: config.supportedBeaconTypes,
    callbackAlias: config.callbackAlias,
    requirePaymentBeforeCheckin: config.requirePaymentBeforeCheckin,
    merchantVat: config.merchantVat,
  };
}

export function storeView(store: StoreResponse): StoreView {
  return {
    storeId: store.storeId,
    storeName: store.storeName,
    brandName: store.brandName,
    merchantBrandId: store.merchantBrandId,
    merchantLocationId: store.merchantLocationId,
    address: [store.storeStreet, `${store.storeZipCode} ${store.storeCity}`.trim()]
      .filter((part) => part !== '')
      .join(', '),
  };
}

/** One HTTP attempt with its place in the log (the client already redacted its secrets). */
export function exchangeView(seq: number, exchange: ExchangeEvent): ExchangeView {
  return { seq, ...exchange };
}
