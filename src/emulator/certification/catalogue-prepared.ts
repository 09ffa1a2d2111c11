// Sections "Prepared payments" and "Prepared payments with restrictions" (prepared-payment-flow.md):
// prepare (retried after a 500 with the same key), the customer pairs and the client reads the
// loyalty ids, ready with the amount (and the restrictions asked for), accept, capture; and cancel
// while prepared.
import type { PaymentRestrictionsAction } from '../../shared/certification.js';
import { acceptsWhenIssued, checksInWhenWaiting, hasLoyaltyIds } from './customer-play.js';
import { onePayment } from './created-resources.js';
import { all, attempts, casePaymentId, retriesWithSameKey, seesPayment, type Judge } from './judge-kit.js';
import { field, succeeded } from './observed-request.js';
import { cancelStep, captureStep, money, rules } from './payment-steps.js';
import {
  CREDIT_ONLY,
  DEBIT_ONLY,
  RESTRICTIONS_RULE,
  describeRestrictions,
  sendsRestrictions,
} from './catalogue-restrictions.js';
import {
  failed,
  passed,
  pending,
  type CaseDefinition,
  type CatalogueParams,
  type StepDefinition,
} from './step-model.js';

const PREPARED_RULE =
  'prepared-payment-flow.md: Prepared -> Paired (poll for the loyalty token) -> ready -> IssuedToUser -> Reserved';

function prepareStep(
  p: CatalogueParams,
  orderId: string,
  extra: Partial<StepDefinition> = {},
): StepDefinition {
  return {
    title: 'Prepare a payment',
    instruction: `Prepare a payment with orderId ${orderId} (no amount yet) and follow it until it is paired.`,
    service: 'Nobody checks in.',
    judges: 'The client polls the payment and sees it Prepared.',
    rule: PREPARED_RULE,
    action: { do: 'prepare-payment', orderId },
    judge: seesPayment('Prepared'),
    ...extra,
  };
}

/** The ready call went through with the amount asked for. */
function readiedWith(amount: number): Judge {
  return (ctx) => {
    const paymentId = casePaymentId(ctx);
    const readies = attempts(ctx, 'payment-ready').filter((r) => r.resourceId === paymentId);
    const wrong = readies.find(
      (r) => Math.round(Number(field(r.body, 'amount')) * 100) !== Math.round(amount * 100),
    );
    if (wrong)
      return failed(
        `made the payment ready with ${String(field(wrong.body, 'amount'))} instead of ${amount.toFixed(2)}`,
      );
    return readies.some((r) => succeeded(r)) ? passed() : pending;
  };
}

function readyStep(
  p: CatalogueParams,
  phoneNumber: string,
  restrictions: PaymentRestrictionsAction | null,
): StepDefinition {
  const limits = restrictions ? ` for ${describeRestrictions(restrictions)}` : '';
  return {
    title: `Ready with the amount${limits}`,
    instruction: `Make the payment ready with ${money(100, p)}${limits} and follow it until it is reserved.`,
    service: `When you have seen the payment IssuedToUser, the test user ${phoneNumber} accepts it.`,
    judges: `The ready call carries the amount${restrictions ? ' and the restrictions' : ''}; the client sees the payment Reserved.`,
    rule: restrictions ? `${PREPARED_RULE}; ${RESTRICTIONS_RULE}` : PREPARED_RULE,
    action: { do: 'ready-payment', amount: 100, currencyCode: p.currencyCode, restrictions },
    play: acceptsWhenIssued(phoneNumber),
    judge: all(
      readiedWith(100),
      ...(restrictions ? [sendsRestrictions('payment-ready', restrictions)] : []),
      seesPayment('Reserved'),
    ),
  };
}

/** Prepared payments: with loyalty (after a 500 on prepare), and cancel while prepared. */
export function preparedCases(p: CatalogueParams): readonly CaseDefinition[] {
  const { loyalty } = p.users;
  return [
    {
      id: 'prepared-1',
      section: 'prepared-payments',
      title: 'Prepared payment with loyalty',
      description:
        'Prepare, pair with a loyalty member, read the loyalty ids, ready with the amount, capture',
      steps: [
        prepareStep(p, `cert-${p.tag}-q1`, {
          title: 'Prepare a payment (500 Internal Server Error)',
          service: 'Your first POST /payments/prepare is answered 500 Internal Server Error (code 2000).',
          judges:
            'The client retries with the same idempotency key; exactly one payment exists and the client knows it.',
          rule: `${rules.retry5xx}; ${rules.sameKey}`,
          arm: (_ctx, service) =>
            service.fault('POST', '/pos/v10/payments/prepare', { kind: 'status', status: 500, code: '2000' }),
          judge: all(
            retriesWithSameKey('payment-prepare', 0, 'prepared payment'),
            onePayment('payment-prepare'),
          ),
        }),
        {
          title: 'The customer checks in; read the loyalty ids',
          instruction: 'Keep following the payment until it is paired; read the loyalty ids.',
          service: `When you have seen the payment Prepared, the test user ${loyalty} (a loyalty member) checks in.`,
          judges: 'The client polls the payment and sees it Paired with the loyalty ids.',
          rule: PREPARED_RULE,
          action: null,
          play: checksInWhenWaiting(loyalty),
          judge: seesPayment('Paired', hasLoyaltyIds),
        },
        readyStep(p, loyalty, null),
        captureStep(),
      ],
    },
    {
      id: 'prepared-2',
      section: 'prepared-payments',
      title: 'Cancel a prepared payment',
      description: 'The cashier cancels a prepared payment before anyone pairs with it',
      steps: [prepareStep(p, `cert-${p.tag}-q2`), cancelStep()],
    },
  ];
}

/** Prepared payments with restrictions: debit only and credit only, sent on ready. */
export function preparedRestrictionCases(p: CatalogueParams): readonly CaseDefinition[] {
  const variants = [
    { n: 1, wanted: DEBIT_ONLY, phoneNumber: p.users.debit },
    { n: 2, wanted: CREDIT_ONLY, phoneNumber: p.users.credit },
  ] as const;
  return variants.map(({ n, wanted, phoneNumber }) => ({
    id: `prepared-restrictions-${n}`,
    section: 'prepared-payments-with-restrictions',
    title: `Prepared payment for ${describeRestrictions(wanted)}`,
    description: `Prepare a payment; make it ready restricted to ${describeRestrictions(wanted)}`,
    steps: [
      prepareStep(p, `cert-${p.tag}-s${n}`, {
        service: `When you have seen the payment Prepared, the test user ${phoneNumber} checks in.`,
        judges: 'The client polls the payment and sees it Paired.',
        play: checksInWhenWaiting(phoneNumber),
        judge: seesPayment('Paired'),
      }),
      readyStep(p, phoneNumber, wanted),
      captureStep(),
    ],
  }));
}
