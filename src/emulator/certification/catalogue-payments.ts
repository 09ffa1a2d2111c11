// Section "Payments", first half: a payment with check-in before initiate (timeout and 500 on the
// initiate, 500 on the capture), one with check-in after initiate (a poll that times out, the QR
// code shown and hidden), cancel by the client, by the customer and by MobilePay.
import {
  checksInWhenPolled,
  checksInWhenWaiting,
  declinesWhenIssued,
  mobilePayCancels,
} from './customer-play.js';
import { SLOW_ANSWER_MS } from './catalogue-onboarding.js';
import { onePayment } from './created-resources.js';
import { all, retriesWithSameKey, seesPayment } from './judge-kit.js';
import { field, succeeded } from './observed-request.js';
import {
  acceptedStep,
  cancelStep,
  captureStep,
  initiatePayment,
  money,
  rules,
  stopsFollowingStep,
} from './payment-steps.js';
import {
  failed,
  passed,
  pending,
  type CaseDefinition,
  type CatalogueParams,
  type StepDefinition,
} from './step-model.js';

const QR_RULE =
  'detecting-mobilepay.md: the terminal may only poll for a check-in while the QR code is displayed';

/** Show the QR code and poll the check-in; with a customer, they check in at the first poll. */
function watchStep(p: CatalogueParams, phoneNumber: string | null): StepDefinition {
  return {
    title: phoneNumber ? 'Show the QR code; the customer checks in' : 'Show the QR code',
    instruction:
      'Show the QR code and poll the check-in (no faster than pollDelayInMs) until a customer is there.',
    service: phoneNumber
      ? `After your first check-in poll, the test user ${phoneNumber} checks in.`
      : 'Nobody checks in.',
    judges: phoneNumber
      ? 'The client polls the check-in and sees the customer checked in.'
      : 'The client polls the check-in at least twice.',
    rule: `${QR_RULE}; api-principles.md, Call Throttling`,
    action: { do: 'watch-check-in' },
    ...(phoneNumber ? { play: checksInWhenPolled(phoneNumber) } : {}),
    judge: (ctx) => {
      const polls = ctx.stepRequests.filter((r) => r.operation === 'checkin' && succeeded(r));
      if (phoneNumber)
        return polls.some((r) => field(r.response, 'isUserCheckedIn') === true) ? passed() : pending;
      return polls.length >= 2 ? passed(`${polls.length} check-in polls`) : pending;
    },
  };
}

/** Hide the QR code: a poll already under way may still come within one poll delay (and a second of slack). */
function hideQrStep(p: CatalogueParams): StepDefinition {
  const grace = p.pollDelayMs + 1000;
  return {
    title: 'Hide the QR code',
    instruction: 'Stop showing the QR code: stop polling the check-in.',
    service: `Watches for ${grace + p.pollDelayMs} ms of the emulator's clock.`,
    judges: `No check-in poll later than ${grace} ms after the instruction.`,
    rule: QR_RULE,
    action: { do: 'hide-qr' },
    judge: (ctx) => {
      const late = ctx.stepRequests.find(
        (r) => r.operation === 'checkin' && r.at > ctx.stepStartedAt + grace,
      );
      if (late)
        return failed(
          `polled the check-in ${late.at - ctx.stepStartedAt} ms after being told to hide the QR code`,
        );
      return ctx.now - ctx.stepStartedAt >= grace + p.pollDelayMs ? passed() : pending;
    },
  };
}

/** Initiate a payment nobody pays yet; passes when the client sees it in `seen`. */
function initiateStep(
  p: CatalogueParams,
  orderId: string,
  seen: string,
  extra: Partial<StepDefinition> = {},
): StepDefinition {
  return {
    title: 'Initiate a payment',
    instruction: `Initiate a payment of ${money(100, p)} with orderId ${orderId} and follow it.`,
    service: 'Nobody checks in.',
    judges: `The client polls the payment and sees it ${seen}.`,
    rule: rules.paymentFlow,
    action: initiatePayment(p, orderId, 100),
    judge: seesPayment(seen),
    ...extra,
  };
}

/** Payments, cases 1 to 5: check-in before and after initiate, cancel by client, user and MobilePay. */
export function paymentCases(p: CatalogueParams): readonly CaseDefinition[] {
  const { credit } = p.users;
  return [
    {
      id: 'payments-1',
      section: 'payments',
      title: 'Payment with check-in before initiate',
      description: 'The customer checks in first; the initiate and the capture meet a timeout and 500s',
      steps: [
        watchStep(p, credit),
        initiateStep(p, `cert-${p.tag}-p1`, 'IssuedToUser', {
          title: 'Initiate the payment (timeout)',
          service:
            `Your first POST /payments is carried out at once but answered only after ${SLOW_ANSWER_MS} ms; ` +
            'your second is answered 500 Internal Server Error.',
          judges: 'The client gives up after 2 s and retries with the same idempotency key.',
          rule: `${rules.timeoutPost}; ${rules.sameKey}`,
          arm: (_ctx, service) => {
            service.fault('POST', '/pos/v10/payments', { kind: 'delay', ms: SLOW_ANSWER_MS }, 1);
            service.fault('POST', '/pos/v10/payments', { kind: 'status', status: 500, code: '2000' }, 2);
          },
          judge: retriesWithSameKey('payment-initiate', 0, 'payment'),
        }),
        {
          title: 'Initiate the payment (500 Internal Server Error)',
          instruction: 'Keep retrying the initiate.',
          service:
            'The retry is answered 500 Internal Server Error; the next one with the payment made first.',
          judges: 'The client retries with the same key; exactly one payment exists and the client knows it.',
          rule: `${rules.retry5xx}; ${rules.sameKey}`,
          action: null,
          judge: all(retriesWithSameKey('payment-initiate', 1, 'payment'), onePayment('payment-initiate')),
        },
        acceptedStep(credit),
        captureStep({ after500: true }),
      ],
    },
    {
      id: 'payments-2',
      section: 'payments',
      title: 'Payment with check-in after initiate',
      description: 'The QR code is shown and hidden; the payment waits for the customer; a poll times out',
      steps: [
        watchStep(p, null),
        hideQrStep(p),
        initiateStep(p, `cert-${p.tag}-p2`, 'IssuedToUser', {
          title: 'Initiate a payment; the customer checks in afterwards',
          service:
            `Your first poll of the payment is answered only after ${SLOW_ANSWER_MS} ms; when you have seen ` +
            `the payment Initiated, the test user ${credit} checks in.`,
          judges: 'The client gives the slow poll up, polls again and sees the payment IssuedToUser.',
          rule: `${rules.paymentFlow}; api-principles.md, Handling Timeouts: polling GETs time out after 0.5 s`,
          arm: (_ctx, service) =>
            service.fault('GET', '/pos/v10/payments/*', { kind: 'delay', ms: SLOW_ANSWER_MS }, 1),
          play: checksInWhenWaiting(credit),
        }),
        acceptedStep(credit),
        captureStep(),
      ],
    },
    {
      id: 'payments-3',
      section: 'payments',
      title: 'Cancel by client',
      description: 'The cashier cancels a payment the customer has not paid',
      steps: [initiateStep(p, `cert-${p.tag}-p3`, 'Initiated'), cancelStep()],
    },
    {
      id: 'payments-4',
      section: 'payments',
      title: 'Cancel by user',
      description: 'The customer declines the payment in the app; the client recognises it and stops',
      steps: [
        initiateStep(p, `cert-${p.tag}-p4`, 'IssuedToUser', {
          service: `When you have seen the payment Initiated, the test user ${credit} checks in.`,
          play: checksInWhenWaiting(credit),
        }),
        {
          title: 'The customer cancels',
          instruction: 'Keep following the payment.',
          service: 'When you have seen the payment IssuedToUser, the customer declines it.',
          judges: 'The client polls the payment and sees it CancelledByUser.',
          rule: rules.cancelFlows,
          action: null,
          play: declinesWhenIssued(),
          judge: seesPayment('CancelledByUser'),
        },
        stopsFollowingStep(p, 'cancelled by the customer'),
      ],
    },
    {
      id: 'payments-5',
      section: 'payments',
      title: 'Cancel by MobilePay',
      description: 'MobilePay cancels a payment; the client recognises it and stops',
      steps: [
        initiateStep(p, `cert-${p.tag}-p5`, 'Initiated'),
        {
          title: 'MobilePay cancels the payment',
          instruction: 'Keep following the payment.',
          service: 'MobilePay cancels the payment (as it does with inactive payments).',
          judges: 'The client polls the payment and sees it CancelledByMobilePay.',
          rule: 'payment-flow.md, Payment States: MobilePay can cancel an Initiated or IssuedToUser payment',
          action: null,
          play: mobilePayCancels(),
          judge: seesPayment('CancelledByMobilePay'),
        },
        stopsFollowingStep(p, 'cancelled by MobilePay'),
      ],
    },
  ];
}
