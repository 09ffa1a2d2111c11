// Section "Payments", second half: partial capture where the customer's card allows it and where it
// does not (partial-capture.md), and "payment already active" (1301) resolved by finding the stale
// payment and cancelling it (payment-flow-error-handling.md).
import { attempts, casePaymentId, describe } from './judge-kit.js';
import { errorCode, field, succeeded, wasReceived, type ObservedRequest } from './observed-request.js';
import { cancelStep, initiatePayment, money, takePaymentStep } from './payment-steps.js';
import {
  failed,
  passed,
  pending,
  type CaseDefinition,
  type CatalogueParams,
  type StepContext,
  type StepDefinition,
  type Verdict,
} from './step-model.js';

const PARTIAL_RULE =
  'partial-capture.md: capture a partial amount only when partialCapturePossible is true; otherwise cancel';
const ACTIVE_RULE =
  'payment-flow-error-handling.md, Payment in progress error handling: on 1301 find the active payment ' +
  'by posId and orderId (GET /v10/payments) and cancel it';

const minor = (amount: unknown): number | null =>
  typeof amount === 'number' && Number.isFinite(amount) ? Math.round(amount * 100) : null;

/** The step's judgement of what the client did with a reservation it was asked to capture in part. */
function partialCapture(possible: boolean, part: number) {
  return (ctx: StepContext): Verdict => {
    const paymentId = casePaymentId(ctx);
    const payment = paymentId === null ? undefined : ctx.world.payment(paymentId);
    if (!payment || payment.amount === null) return pending;
    const full = payment.amount;
    for (const request of attempts(ctx, 'payment-capture')) {
      const amount = minor(field(request.body, 'amount'));
      if (!possible && amount !== null && amount < minor(full)!)
        return failed(
          `a partial capture where it was not possible: ${describe(request)} asked for ` +
            `${(amount / 100).toFixed(2)} of ${full.toFixed(2)} though partialCapturePossible was false; ` +
            'the payment must be cancelled instead',
        );
      if (!possible)
        return failed(
          `captured the full ${full.toFixed(2)}; partial capture was not possible, so the payment must be cancelled`,
        );
      if (amount !== minor(part))
        return failed(`captured ${String(field(request.body, 'amount'))} instead of ${part.toFixed(2)}`);
    }
    const cancelled = attempts(ctx, 'payment-cancel').some((r) => succeeded(r));
    if (possible) {
      if (cancelled) return failed('cancelled the payment although partial capture was possible');
      return payment.status === 'Captured'
        ? passed(`captured ${part.toFixed(2)} of ${full.toFixed(2)}`)
        : pending;
    }
    return cancelled && payment.status === 'CancelledByClient' ? passed('cancelled instead') : pending;
  };
}

function captureSomeStep(p: CatalogueParams, possible: boolean, part: number): StepDefinition {
  return {
    title: possible ? 'Capture part of the amount' : 'Capture part of the amount, or cancel',
    instruction: `Capture ${money(part, p)} if partial capture is possible; otherwise cancel the payment.`,
    service: 'Nothing: the capture or cancel goes through.',
    judges: possible
      ? `The client captures exactly ${part.toFixed(2)}.`
      : 'The client does not try a partial capture: it cancels the payment.',
    rule: PARTIAL_RULE,
    action: { do: 'capture', amount: part, otherwiseCancel: true },
    judge: partialCapture(possible, part),
  };
}

/** The stale payment the service left: the oldest with the instructed orderId. */
function stalePayment(ctx: StepContext, orderId: string) {
  return ctx.world.paymentsWithOrderId(orderId)[0];
}

const isLookup = (r: ObservedRequest): boolean =>
  r.operation === 'payment-list' && (r.query['orderId'] !== undefined || r.query['posId'] !== undefined);

/** 1301, then a lookup, then the stale payment cancelled, then the initiate again, answered. */
function resolvesActivePayment(orderId: string) {
  return (ctx: StepContext): Verdict => {
    const stale = stalePayment(ctx, orderId);
    if (!stale) return failed('the service could not leave a payment on the PoS (is the PoS onboarded?)');
    const requests = ctx.operationRequests;
    const refused = requests.findIndex(
      (r) => r.operation === 'payment-initiate' && wasReceived(r) && errorCode(r) === '1301',
    );
    if (refused < 0) return pending;
    const after = requests.slice(refused + 1);
    const lookup = after.find((r) => isLookup(r) && succeeded(r));
    const cancelAt = after.findIndex(
      (r) =>
        r.operation === 'payment-cancel' && r.resourceId === stale.paymentId.toLowerCase() && succeeded(r),
    );
    const blind = after
      .slice(0, cancelAt < 0 ? after.length : cancelAt)
      .filter((r) => r.operation === 'payment-initiate' && errorCode(r) === '1301');
    if (blind.length >= 2)
      return failed('sent the initiate again and again without finding and cancelling the active payment');
    if (cancelAt < 0 || !lookup) return pending;
    const retried = after.slice(cancelAt + 1).some((r) => r.operation === 'payment-initiate' && succeeded(r));
    if (!retried) return pending;
    const by = lookup.query['orderId'] !== undefined ? 'orderId' : 'posId';
    return passed(`found the active payment by ${by}, cancelled it and initiated again`);
  };
}

/** Payments, cases 6 to 8: partial capture possible and not, payment already active. */
export function paymentRecoveryCases(p: CatalogueParams): readonly CaseDefinition[] {
  const { credit, noPartialCapture } = p.users;
  const stale = `cert-${p.tag}-p8`;
  const partialFlag = (value: boolean) => (response: unknown) =>
    field(response, 'partialCapturePossible') === value;
  return [
    {
      id: 'payments-6',
      section: 'payments',
      title: 'Partial capture',
      description: "The customer's card allows a partial capture",
      steps: [
        {
          ...takePaymentStep(p, {
            orderId: `cert-${p.tag}-p6`,
            amount: 100,
            phoneNumber: credit,
            extraJudges: 'The reservation says partialCapturePossible: true.',
          }),
          judge: seesReservation(partialFlag(true)),
        },
        captureSomeStep(p, true, 60),
      ],
    },
    {
      id: 'payments-7',
      section: 'payments',
      title: 'Partial capture not possible',
      description: "The customer's card does not allow a partial capture: the client cancels instead",
      steps: [
        {
          ...takePaymentStep(p, {
            orderId: `cert-${p.tag}-p7`,
            amount: 100,
            phoneNumber: noPartialCapture,
            extraJudges: 'The reservation says partialCapturePossible: false.',
          }),
          judge: seesReservation(partialFlag(false)),
        },
        captureSomeStep(p, false, 60),
      ],
    },
    {
      id: 'payments-8',
      section: 'payments',
      title: 'Payment already active',
      description: 'A payment left active on the PoS (as after a crash) blocks the next one: 1301',
      steps: [
        {
          title: 'Initiate a payment (1301 payment already active)',
          instruction: `Initiate a payment of ${money(100, p)} with orderId ${stale}; resolve the refusal.`,
          service: `Before the step, leaves an active payment with orderId ${stale} on your PoS, made as your client.`,
          judges:
            'After 1301 the client finds the active payment (GET /payments by orderId or posId), cancels it ' +
            'and initiates again.',
          rule: ACTIVE_RULE,
          action: initiatePayment(p, stale, 100),
          arm: (_ctx, service) => void service.leaveActivePayment(stale, 100),
          judge: resolvesActivePayment(stale),
        },
        cancelStep({ title: 'Cancel the new payment', rule: ACTIVE_RULE }),
      ],
    },
  ];
}

/** Passes once the client has seen the case's payment Reserved with the expected partial-capture flag. */
function seesReservation(flag: (response: unknown) => boolean) {
  return (ctx: StepContext): Verdict => {
    const paymentId = casePaymentId(ctx);
    const seen = ctx.caseRequests.find(
      (r) =>
        r.operation === 'payment-get' &&
        r.resourceId === paymentId &&
        succeeded(r) &&
        field(r.response, 'status') === 'Reserved',
    );
    if (!seen) return pending;
    return flag(seen.response)
      ? passed()
      : failed(
          `the reservation came with partialCapturePossible ${String(field(seen.response, 'partialCapturePossible'))}`,
        );
  };
}
