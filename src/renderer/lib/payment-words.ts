// How payment and refund states read on the till, and which steps a timeline still expects.
import type { PaymentListStatus, PaymentView, RefundView } from '../../shared/bridge/index.js';

type PaymentStatus = PaymentView['timeline'][number]['status'];
type RefundListStatus = RefundView['status'];

/** One sentence per payment state, for the aria-live status line. */
export const paymentStatusWords: Readonly<Record<PaymentListStatus, string>> = {
  Unknown: 'Contacting MobilePay…',
  Refused: 'MobilePay refused the payment',
  Prepared: 'Prepared: waiting for the customer to check in',
  Paired: 'Paired with the customer: enter the amount and make it ready',
  Initiated: 'Waiting for the customer to scan',
  IssuedToUser: 'The customer is confirming on the phone',
  Reserved: 'Reserved: capture or cancel',
  Captured: 'Paid',
  CancelledByUser: 'Cancelled by the customer',
  CancelledByClient: 'Cancelled at the till',
  CancelledByMobilePay: 'Cancelled by MobilePay',
  ExpiredAndCancelled: 'Expired and cancelled',
};

/** One short phrase per refund state. */
export const refundStatusWords: Readonly<Record<RefundListStatus, string>> = {
  Unknown: 'Contacting MobilePay…',
  Refused: 'Refused',
  Initiated: 'Sent to MobilePay',
  Reserved: 'Reserved: capture or cancel',
  Captured: 'Refunded',
  CancelledByClient: 'Cancelled at the till',
  CancelledByMobilePay: 'Cancelled by MobilePay',
  ExpiredAndCaptured: 'Refunded (expired and captured)',
};

const finalStatuses: ReadonlySet<PaymentListStatus> = new Set([
  'Refused',
  'Captured',
  'CancelledByUser',
  'CancelledByClient',
  'CancelledByMobilePay',
  'ExpiredAndCancelled',
]);

/** Finished: nothing more will happen to the payment (the till may start the next sale). */
export function isPaymentFinal(status: PaymentListStatus): boolean {
  return finalStatuses.has(status);
}

const cancellable: ReadonlySet<PaymentListStatus> = new Set([
  'Prepared',
  'Paired',
  'Initiated',
  'IssuedToUser',
  'Reserved',
]);

/** The till may still cancel it (and no decision is already on its way). */
export function canCancelPayment(payment: PaymentView): boolean {
  return cancellable.has(payment.status) && payment.pendingDecision === null;
}

/** Reserved and waiting for the cashier's capture. */
export function canCapturePayment(payment: PaymentView): boolean {
  return payment.status === 'Reserved' && payment.pendingDecision === null;
}

/** The happy path still ahead of the last seen state. */
const ahead: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  Prepared: ['Paired', 'IssuedToUser', 'Reserved', 'Captured'],
  Paired: ['IssuedToUser', 'Reserved', 'Captured'],
  Initiated: ['IssuedToUser', 'Reserved', 'Captured'],
  IssuedToUser: ['Reserved', 'Captured'],
  Reserved: ['Captured'],
  Captured: [],
  CancelledByUser: [],
  CancelledByClient: [],
  CancelledByMobilePay: [],
  ExpiredAndCancelled: [],
};

/** The states the timeline still shows greyed out for this payment. */
export function upcomingSteps(payment: PaymentView): readonly PaymentStatus[] {
  const last = payment.timeline.at(-1)?.status;
  if (last !== undefined) return ahead[last];
  if (isPaymentFinal(payment.status)) return [];
  return payment.flow === 'prepare'
    ? ['Prepared', 'Paired', 'IssuedToUser', 'Reserved', 'Captured']
    : ['Initiated', 'IssuedToUser', 'Reserved', 'Captured'];
}

/** True for the states that ended the payment without money changing hands. */
export function isCancelledStatus(status: PaymentListStatus): boolean {
  return isPaymentFinal(status) && status !== 'Captured';
}
