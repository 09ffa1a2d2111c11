// Section "Refunds" (refunds.md, cancel-flows.md): each case first takes a payment and captures it,
// then refunds it: in full after a timeout, in several parts up to a refusal (1367), captured after
// a 500, cancelled, and created with its answer lost (the refundId found again, never a second one).
import { oneRefund } from './created-resources.js';
import {
  all,
  attempts,
  casePaymentId,
  caseRefundId,
  retriesCall,
  retriesWithSameKey,
  type Judge,
} from './judge-kit.js';
import { errorCode, field, idField, succeeded, wasReceived } from './observed-request.js';
import { SLOW_ANSWER_MS } from './catalogue-onboarding.js';
import { captureStep, money, rules, takePaymentStep } from './payment-steps.js';
import {
  failed,
  passed,
  pending,
  type CaseDefinition,
  type CatalogueParams,
  type StepDefinition,
} from './step-model.js';

const REFUND_RULE =
  'refunds.md: refunds of a captured payment, several allowed, their sum at most the captured amount';
const CANCEL_REFUND_RULE =
  'cancel-flows.md, Cancelling Refunds: a refund is cancellable until it is captured';

/** Every refund create of the operation names the payment the case took. */
const refundsCasePayment: Judge = (ctx) => {
  const paymentId = casePaymentId(ctx);
  const other = attempts(ctx, 'refund-create').find((r) => idField(r.body, 'paymentId') !== paymentId);
  return other
    ? failed(`refunded payment ${String(field(other.body, 'paymentId'))}, not the payment taken in this case`)
    : passed();
};

type RefundFault = 'timeout' | 'lost' | null;

function refundStep(
  p: CatalogueParams,
  amount: number,
  title: string,
  fault: RefundFault = null,
): StepDefinition {
  const base: StepDefinition = {
    title,
    instruction: `Refund ${money(amount, p)} of the captured payment and follow the refund until it is reserved.`,
    service: 'Nothing: the refund goes through.',
    judges: 'Exactly one refund of the payment is created and the client knows its refundId.',
    rule: REFUND_RULE,
    action: { do: 'refund', amount, currencyCode: p.currencyCode },
    judge: all(refundsCasePayment, oneRefund),
  };
  if (fault === 'timeout')
    return {
      ...base,
      service: `Your first POST /refunds is carried out at once but answered only after ${SLOW_ANSWER_MS} ms.`,
      judges: 'The client gives up after 2 s and retries with the same idempotency key: one refund, not two.',
      rule: `${rules.timeoutPost}; ${rules.sameKey}`,
      arm: (_ctx, service) =>
        service.fault('POST', '/pos/v10/refunds', { kind: 'delay', ms: SLOW_ANSWER_MS }),
      judge: all(refundsCasePayment, retriesWithSameKey('refund-create', 0, 'refund'), oneRefund),
    };
  if (fault === 'lost')
    return {
      ...base,
      service: 'Your first POST /refunds is carried out, then the connection is cut: its answer is lost.',
      judges:
        'The client finds the refund it created (a retry with the same key, or GET /refunds?paymentId) ' +
        'and never creates a second one.',
      rule: `${rules.sameKey}; refunds.md and cancel-flows.md: keep track of requested refunds`,
      arm: (_ctx, service) => service.fault('POST', '/pos/v10/refunds', { kind: 'drop' }),
    };
  return base;
}

/** The case's refund reached `status` and the client's call that did it was answered. */
function refundEnds(operation: 'refund-capture' | 'refund-cancel', status: string): Judge {
  return (ctx) => {
    const refundId = caseRefundId(ctx);
    const refund =
      refundId === null
        ? undefined
        : ctx.world.refundsOf(casePaymentId(ctx) ?? '').find((r) => r.refundId.toLowerCase() === refundId);
    const answered = attempts(ctx, operation).some((r) => r.resourceId === refundId && succeeded(r));
    return refund?.status === status && answered ? passed() : pending;
  };
}

function captureRefundStep(after500 = false): StepDefinition {
  const base: StepDefinition = {
    title: 'Capture the refund',
    instruction: 'Capture the reserved refund.',
    service: 'Nothing: the capture goes through.',
    judges: 'The refund is captured.',
    rule: 'refunds.md: once reserved, the client captures the refund',
    action: { do: 'capture-refund' },
    judge: refundEnds('refund-capture', 'Captured'),
  };
  if (!after500) return base;
  return {
    ...base,
    title: 'Capture the refund (500 Internal Server Error)',
    service: 'Your first capture of the refund is answered 500 Internal Server Error (code 2000).',
    judges: 'The client retries the capture; the refund is captured once.',
    rule: rules.retry5xx,
    arm: (_ctx, service) =>
      service.fault('POST', '/pos/v10/refunds/*/capture', { kind: 'status', status: 500, code: '2000' }),
    judge: all(
      retriesCall('refund-capture', 0, 'the refund capture'),
      refundEnds('refund-capture', 'Captured'),
    ),
  };
}

/** A refund over what is left is refused (1367); the client shows it and does not send it again. */
function refusedRefundStep(p: CatalogueParams, amount: number): StepDefinition {
  return {
    title: 'Refund more than is left',
    instruction: `Refund ${money(amount, p)} of the payment: more than is left to refund. Show the refusal.`,
    service: 'Nothing: MobilePay refuses the refund with 1367 (refund amount too high).',
    judges: `The refusal is not retried: no further refund create for ${2 * p.pollDelayMs} ms.`,
    rule: `${REFUND_RULE}; api-errors.mdx 1367; api-principles.md, Client errors: 4xx are not retried`,
    action: { do: 'refund', amount, currencyCode: p.currencyCode },
    judge: (ctx) => {
      const creates = attempts(ctx, 'refund-create');
      const refusal = creates.findIndex((r) => wasReceived(r) && r.status === 409);
      if (creates.some((r) => succeeded(r))) return failed('a refund over the amount left went through');
      if (refusal < 0) return pending;
      const again = creates.length - refusal - 1;
      if (again > 0)
        return failed(
          `sent the refused refund again (${again} more time${again > 1 ? 's' : ''}) after ` +
            `${errorCode(creates[refusal]!) ?? 'a 409'}: a refusal must be shown, not retried`,
        );
      return ctx.now - creates[refusal]!.at >= 2 * p.pollDelayMs
        ? passed('refused with 1367 and not retried')
        : pending;
    },
  };
}

function cancelRefundStep(): StepDefinition {
  return {
    title: 'Cancel the refund',
    instruction: 'Cancel the reserved refund.',
    service: 'Nothing: the cancel goes through.',
    judges: 'The refund ends CancelledByClient.',
    rule: CANCEL_REFUND_RULE,
    action: { do: 'cancel-refund' },
    judge: refundEnds('refund-cancel', 'CancelledByClient'),
  };
}

/** Refunds: full (timeout), several partial and over the limit, capture after 500, cancel, lost refundId. */
export function refundCases(p: CatalogueParams): readonly CaseDefinition[] {
  const take = (n: number, amount: number): readonly StepDefinition[] => [
    takePaymentStep(p, { orderId: `cert-${p.tag}-f${n}`, amount, phoneNumber: p.users.credit }),
    captureStep(),
  ];
  const refundCase = (n: number, title: string, description: string, steps: readonly StepDefinition[]) => ({
    id: `refunds-${n}`,
    section: 'refunds' as const,
    title,
    description,
    steps,
  });
  return [
    refundCase(1, 'Full refund', 'Refund a payment in full; the create times out', [
      ...take(1, 100),
      refundStep(p, 100, 'Refund in full (timeout)', 'timeout'),
      captureRefundStep(),
    ]),
    refundCase(
      2,
      'Several partial refunds',
      'Refund a payment in parts, then try to refund more than is left',
      [
        ...take(2, 300),
        refundStep(p, 100, 'Refund part of the payment'),
        captureRefundStep(),
        refundStep(p, 100, 'Refund another part'),
        captureRefundStep(),
        refusedRefundStep(p, 150),
      ],
    ),
    refundCase(3, 'Capture a refund after a 500', 'The capture of a refund fails once', [
      ...take(3, 100),
      refundStep(p, 100, 'Refund the payment'),
      captureRefundStep(true),
    ]),
    refundCase(4, 'Cancel a refund', 'The cashier cancels a reserved refund', [
      ...take(4, 100),
      refundStep(p, 50, 'Refund part of the payment'),
      cancelRefundStep(),
    ]),
    refundCase(5, 'Lost refundId', "The refund's create is carried out but its answer is lost", [
      ...take(5, 100),
      refundStep(p, 100, 'Refund (the answer is lost)', 'lost'),
      captureRefundStep(),
    ]),
  ];
}
