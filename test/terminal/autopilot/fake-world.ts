// The fake engine's world for the autopilot's unit specs: a clock that moves only when a wait asks
// it to, the certification store, and journal records (payments, refunds) with every field filled,
// so specs only say what matters to them.
import type { RefundStatus, StoreResponse } from '../../../src/shared/pos-v10/schemas.js';
import type { Payment, Refund } from '../../../src/terminal/journal/index.js';

/** The fake's pollDelayInMs. */
export const FAKE_POLL_DELAY_MS = 100;

/** Statuses after which a follow stops (payments and refunds alike). */
export const FINAL = new Set<string>([
  'Captured',
  'CancelledByUser',
  'CancelledByClient',
  'CancelledByMobilePay',
  'ExpiredAndCancelled',
  'ExpiredAndCaptured',
]);

/** Time that moves only when a wait asks it to (and by exactly that much). */
export class FakeClock {
  nowMs = 1_000_000;
  readonly waits: number[] = [];
  readonly now = (): number => this.nowMs;
  readonly sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) return;
    this.waits.push(ms);
    this.nowMs += ms;
    await Promise.resolve();
  };
}

/** The certification store of the seed, as GET /stores/{id} answers it. */
export const CERT_STORE: StoreResponse = {
  storeId: '0c1d2e3f-4a5b-4c6d-8e7f-900000000028',
  storeName: 'Self-certification store DK',
  storeStreet: 'Vestergade 1',
  storeZipCode: '1456',
  storeCity: 'København K',
  brandName: 'MobilePay PoS certification',
  merchantBrandId: 'MPPOSCERT1',
  merchantLocationId: '00001',
};

/** A journalled payment with the API's id `api-payment-<n>`. */
export function paymentRecord(
  n: number,
  now: number,
  given: Pick<Payment, 'flow' | 'orderId' | 'amount' | 'lastStatus'>,
): Payment {
  return {
    id: `payment-${n}`,
    posId: 'pos-1',
    paymentId: `api-payment-${n}`,
    intentId: `intent-${n}`,
    currencyCode: 'DKK',
    restrictions: null,
    merchantPaymentLabel: null,
    plannedCaptureDelay: 'None',
    statusAt: now,
    partialCapturePossible: null,
    customerToken: null,
    customerReceiptToken: null,
    loyaltyIds: null,
    refusal: null,
    decision: null,
    capturedAmount: null,
    createdAt: now,
    updatedAt: now,
    ...given,
  };
}

/** A journalled refund, Initiated, with the API's id `api-refund-<n>`. */
export function refundRecord(
  n: number,
  now: number,
  given: Pick<Refund, 'refundOrderId' | 'paymentLocalId' | 'amount' | 'currencyCode'>,
): Refund {
  const lastStatus: RefundStatus = 'Initiated';
  return {
    id: `refund-${n}`,
    paymentId: 'api-payment',
    refundId: `api-refund-${n}`,
    intentId: `intent-${n}`,
    lastStatus,
    statusAt: now,
    refusal: null,
    decision: null,
    createdAt: now,
    updatedAt: now,
    ...given,
  };
}
