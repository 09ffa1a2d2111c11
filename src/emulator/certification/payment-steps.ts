// Steps that several sections share: take a payment the customer pays, capture it (optionally
// after a 500), cancel it, and stop following a payment that ended. Built from the catalogue's
// parameters so amounts, currencies and test users fit the certification merchant (DK or FI).
import type { ClientAction, PaymentRestrictionsAction } from '../../shared/certification.js';
import { acceptsWhenIssued, paysWhenAsked } from './customer-play.js';
import { all, attempts, casePaymentId, describe, retriesCall, seesPayment, type Judge } from './judge-kit.js';
import { field, succeeded, type ObservedRequest } from './observed-request.js';
import {
  failed,
  passed,
  pending,
  type CatalogueParams,
  type StepContext,
  type StepDefinition,
} from './step-model.js';

/** The reference rules the payment steps cite, written once. */
export const rules = {
  sameKey:
    'api-principles.md, Idempotency keys: a retried call must send the same X-MobilePay-Idempotency-Key',
  retry5xx:
    'api-principles.md, Network and server errors: retry network errors and 5xx; idempotency makes a retry safe',
  timeoutPost:
    'api-principles.md, Handling Timeouts: time POST, DELETE and PUT out after 2 s and retry with the same key',
  paymentFlow: 'payment-flow.md: Initiated -> IssuedToUser -> Reserved -> Captured',
  capture: 'payment-flow.md, Payment States: a Reserved payment is captured or cancelled by the client',
  cancelFlows: 'cancel-flows.md, Cancelling Payments',
} as const;

/** An amount as the instructions show it: `100.00 DKK`. */
export const money = (amount: number, p: CatalogueParams): string => `${amount.toFixed(2)} ${p.currencyCode}`;

const minor = (amount: unknown): number | null =>
  typeof amount === 'number' && Number.isFinite(amount) ? Math.round(amount * 100) : null;

/** The autopilot's instruction to initiate a payment of `amount` with `orderId`. */
export function initiatePayment(
  p: CatalogueParams,
  orderId: string,
  amount: number,
  restrictions: PaymentRestrictionsAction | null = null,
): ClientAction {
  return { do: 'initiate-payment', orderId, amount, currencyCode: p.currencyCode, restrictions };
}

/** Initiate a payment and follow it; the given customer checks in and accepts when asked. */
export function takePaymentStep(
  p: CatalogueParams,
  spec: {
    readonly orderId: string;
    readonly amount: number;
    readonly phoneNumber: string;
    readonly title?: string;
    readonly restrictions?: PaymentRestrictionsAction | null;
    readonly judge?: Judge;
    readonly extraJudges?: string;
  },
): StepDefinition {
  return {
    title: spec.title ?? 'Take a payment',
    instruction:
      `Initiate a payment of ${money(spec.amount, p)} with orderId ${spec.orderId} and follow it ` +
      'until it is reserved.',
    service:
      `When you have seen the payment Initiated, the test user ${spec.phoneNumber} checks in; when ` +
      'you have seen it IssuedToUser, the user accepts.',
    judges: `The client polls the payment and sees it Reserved.${spec.extraJudges ? ` ${spec.extraJudges}` : ''}`,
    rule: rules.paymentFlow,
    action: initiatePayment(p, spec.orderId, spec.amount, spec.restrictions ?? null),
    play: paysWhenAsked(spec.phoneNumber),
    judge: spec.judge ? all(spec.judge, seesPayment('Reserved')) : seesPayment('Reserved'),
  };
}

/** The customer (already paired) accepts; the client, still following, sees the reservation. */
export function acceptedStep(phoneNumber: string): StepDefinition {
  return {
    title: 'The customer accepts',
    instruction: 'Keep following the payment until it is reserved.',
    service: `When you have seen the payment IssuedToUser, the test user ${phoneNumber} accepts it.`,
    judges: 'The client polls the payment and sees it Reserved.',
    rule: rules.paymentFlow,
    action: null,
    play: acceptsWhenIssued(phoneNumber),
    judge: seesPayment('Reserved'),
  };
}

/** The capture calls of the step's operation and the case payment's state: captured once, in full. */
function capturedInFull(ctx: StepContext): ReturnType<Judge> {
  const paymentId = casePaymentId(ctx);
  const payment = paymentId === null ? undefined : ctx.world.payment(paymentId);
  if (!payment || payment.amount === null) return pending;
  const captures = attempts(ctx, 'payment-capture');
  const partial = captures.find((r) => minor(field(r.body, 'amount')) !== minor(payment.amount));
  if (partial)
    return failed(
      `captured ${String(field(partial.body, 'amount'))} instead of the full ${payment.amount.toFixed(2)}`,
    );
  if (payment.status !== 'Captured') return pending;
  return captures.some((r) => succeeded(r) && r.resourceId === payment.paymentId)
    ? passed(`captured ${payment.amount.toFixed(2)} once`)
    : pending;
}

/** Capture the reserved payment in full; with `after500`, the first capture answers 500. */
export function captureStep(spec: { readonly after500?: boolean } = {}): StepDefinition {
  const action: ClientAction = { do: 'capture', amount: null, otherwiseCancel: false };
  if (!spec.after500)
    return {
      title: 'Capture the payment',
      instruction: 'Capture the reserved payment in full.',
      service: 'Nothing: the capture goes through.',
      judges: 'The payment is captured once, for the full amount.',
      rule: rules.capture,
      action,
      judge: capturedInFull,
    };
  return {
    title: 'Capture the payment (500 Internal Server Error)',
    instruction: 'Capture the reserved payment in full; retry when the capture fails.',
    service: 'Your first capture is answered 500 Internal Server Error (code 2000); nothing is captured.',
    judges: 'The client retries the capture after the 500, and the payment is captured once, in full.',
    rule: rules.retry5xx,
    action,
    arm: (_ctx, service) =>
      service.fault('POST', '/pos/v10/payments/*/capture', { kind: 'status', status: 500, code: '2000' }),
    judge: all(retriesCall('payment-capture', 0, 'the capture'), capturedInFull),
  };
}

/** Cancel the case's payment (cancel-flows.md): it ends CancelledByClient. */
export function cancelStep(spec: { readonly title?: string; readonly rule?: string } = {}): StepDefinition {
  return {
    title: spec.title ?? 'Cancel the payment',
    instruction: 'Cancel the payment.',
    service: 'Nothing: the cancel goes through.',
    judges: 'The client cancels the payment and it ends CancelledByClient.',
    rule: spec.rule ?? rules.cancelFlows,
    action: { do: 'cancel-payment' },
    judge: (ctx) => {
      const paymentId = casePaymentId(ctx);
      const payment = paymentId === null ? undefined : ctx.world.payment(paymentId);
      const cancelled = ctx.stepRequests.some(
        (r) => r.operation === 'payment-cancel' && r.resourceId === paymentId && succeeded(r),
      );
      return cancelled && payment?.status === 'CancelledByClient' ? passed() : pending;
    },
  };
}

/**
 * After the client saw its payment end (by the customer or MobilePay) it must stop polling it and
 * never capture it: nothing more may come for it for two poll delays.
 */
export function stopsFollowingStep(p: CatalogueParams, ended: string): StepDefinition {
  const offending = (paymentId: string | null) => (r: ObservedRequest) => {
    if (paymentId === null || r.resourceId !== paymentId) return null;
    if (r.operation === 'payment-capture')
      return `captured the payment after it was ${ended} (${describe(r)}): an ended payment must not be captured`;
    if (r.operation === 'payment-get')
      return `kept polling the payment after seeing it ${ended}: polling must stop when a payment ends`;
    if (r.operation === 'payment-cancel' || r.operation === 'payment-ready')
      return `called ${describe(r)} after the payment was ${ended}`;
    return null;
  };
  return {
    title: 'Polling stopped',
    instruction: `Show the cashier that the payment was ${ended}; stop following it.`,
    service: `Watches for ${2 * p.pollDelayMs} ms of the emulator's clock.`,
    judges: 'No further poll, capture or cancel of the ended payment.',
    rule: 'cancel-flows.md and payment-flow.md: a cancelled payment is final; api-principles.md, Call Throttling',
    action: null,
    judge: (ctx) => {
      const paymentId = casePaymentId(ctx);
      for (const request of ctx.stepRequests) {
        const reason = offending(paymentId)(request);
        if (reason !== null) return failed(reason);
      }
      return ctx.now - ctx.stepStartedAt >= 2 * p.pollDelayMs ? passed() : pending;
    },
  };
}
