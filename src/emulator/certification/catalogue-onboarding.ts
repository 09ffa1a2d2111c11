// Section "Onboarding", as the old site's screen had it (reference img/pos-onboarding-cases.png):
// onboard a PoS through a timeout and a 500, offboard it the same way, then create the PoS the rest
// of the certification uses. Store lookup by brand and location comes first (pos-management.md).
import { CERTIFICATION_MERCHANT } from '../../shared/certification.js';
import { all, attempts, describe, exactlyOneKnown, retriesCall, retriesWithSameKey } from './judge-kit.js';
import { field, idField, succeeded } from './observed-request.js';
import { rules } from './payment-steps.js';
import {
  failed,
  passed,
  pending,
  type CaseDefinition,
  type CatalogueParams,
  type StepContext,
  type StepDefinition,
} from './step-model.js';

/** How long a faulted call's answer is held back: past the client's 2 s (POST/DELETE) and 0.5 s (GET) timeouts. */
export const SLOW_ANSWER_MS = 3000;

const slow = { kind: 'delay', ms: SLOW_ANSWER_MS } as const;
const serverError = { kind: 'status', status: 500, code: '2000' } as const;

/** The PoSes the operation's creates made: ids answered, and PoSes with the merchantPosIds sent. */
function createdPoses(ctx: StepContext): readonly string[] {
  const calls = attempts(ctx, 'pos-create');
  const since = calls[0]?.at ?? ctx.stepStartedAt;
  const ids = new Set<string>();
  for (const call of calls) {
    const answered = idField(call.response, 'posId');
    if (answered !== null) ids.add(answered);
    const merchantPosId = field(call.body, 'merchantPosId');
    if (typeof merchantPosId !== 'string') continue;
    for (const pos of ctx.world.posesWithMerchantPosId(merchantPosId))
      if (pos.createdAt >= since) ids.add(pos.posId.toLowerCase());
  }
  return [...ids];
}

const onePos = exactlyOneKnown({
  noun: 'PoS',
  idName: 'posId',
  created: createdPoses,
  creates: 'pos-create',
  lookups: ['pos-list'],
  listName: 'posIds',
});

function onboardStep(
  p: CatalogueParams,
  n: number,
  title: string,
  extra: Partial<StepDefinition>,
): StepDefinition {
  return {
    title,
    instruction:
      `Create the PoS "Certification PoS ${n}" with merchantPosId cert-${p.tag}-${n} on the store ` +
      'found, supporting QR, and let MobilePay choose the beaconId.',
    service: 'Nothing: the create goes through.',
    judges: 'Exactly one PoS is created and the client knows its posId.',
    rule: 'pos-management.md, PoS Creation',
    action: {
      do: 'onboard',
      posName: `Certification PoS ${n}`,
      merchantPosId: `cert-${p.tag}-${n}`,
      beaconId: null,
      supportedBeaconTypes: ['QR'],
    },
    judge: onePos,
    ...extra,
  };
}

/** The client read the beaconId MobilePay generated (GET /pointofsales/{posId}): it needs it for the QR code. */
function readsBeaconId(ctx: StepContext) {
  const [posId] = createdPoses(ctx);
  if (posId === undefined) return pending;
  const read = ctx.operationRequests.some(
    (r) => r.operation === 'pos-get' && r.resourceId === posId && succeeded(r),
  );
  return read ? passed('read the generated beaconId') : pending;
}

function deletedPos(ctx: StepContext) {
  const deletes = attempts(ctx, 'pos-delete');
  const target = deletes[0]?.resourceId ?? null;
  if (target === null) return pending;
  const pos = ctx.world.pos(target);
  if (pos === undefined) return failed(`${describe(deletes[0]!)} named no PoS of this client`);
  // Answered 200 (held back or not: a client that waited for the slow answer got it too).
  const answered = deletes.some((r) => r.status === 200);
  return pos.deletedAt !== null && answered ? passed(`PoS ${target} is gone`) : pending;
}

function findStoreStep(): StepDefinition {
  const { merchantBrandId, merchantLocationId } = CERTIFICATION_MERCHANT;
  return {
    title: 'Find the store',
    instruction: `Look up the store by merchantBrandId ${merchantBrandId} and merchantLocationId ${merchantLocationId}.`,
    service: 'Nothing: answers with the certification store.',
    judges: 'GET /stores with both ids is answered with the store.',
    rule: 'pos-management.md, Existing solution: GET /v10/stores with merchantBrandId and merchantLocationId',
    action: { do: 'find-store', merchantBrandId, merchantLocationId },
    judge: (ctx) => {
      const found = ctx.stepRequests.find(
        (r) =>
          r.operation === 'store-list' &&
          r.query['merchantBrandId']?.toUpperCase() === merchantBrandId &&
          r.query['merchantLocationId'] === merchantLocationId &&
          succeeded(r),
      );
      return found ? passed(`found ${JSON.stringify(field(found.response, 'storeIds'))}`) : pending;
    },
  };
}

/** Onboarding's cases (mandatory): onboard, offboard, onboard for the rest of the session. */
export function onboardingCases(p: CatalogueParams): readonly CaseDefinition[] {
  return [
    {
      id: 'onboarding-1',
      section: 'onboarding',
      title: 'Onboard a PoS',
      description: 'Create a PoS and handle different retry scenarios',
      steps: [
        findStoreStep(),
        onboardStep(p, 1, 'Create a PoS (timeout)', {
          service:
            `Your first POST /pointofsales is carried out at once but answered only after ${SLOW_ANSWER_MS} ms; ` +
            'your second is answered 500 Internal Server Error.',
          judges: 'The client gives up after 2 s and retries with the same idempotency key.',
          rule: `${rules.timeoutPost}; ${rules.sameKey}`,
          arm: (_ctx, service) => {
            service.fault('POST', '/pos/v10/pointofsales', slow, 1);
            service.fault('POST', '/pos/v10/pointofsales', serverError, 2);
          },
          judge: retriesWithSameKey('pos-create', 0, 'PoS'),
        }),
        {
          title: 'Create a PoS (500 Internal Server Error)',
          instruction: 'Keep retrying the create.',
          service: 'The retry is answered 500 Internal Server Error (code 2000); nothing changes.',
          judges: 'The client retries once more with the same idempotency key.',
          rule: `${rules.retry5xx}; ${rules.sameKey}`,
          action: null,
          judge: retriesWithSameKey('pos-create', 1, 'PoS'),
        },
        {
          title: 'Create a PoS',
          instruction: 'Finish the create.',
          service: 'The retry is answered with the PoS created by the first call.',
          judges: 'Exactly one PoS exists and the client knows its posId.',
          rule: rules.sameKey,
          action: null,
          judge: onePos,
        },
      ],
    },
    {
      id: 'onboarding-2',
      section: 'onboarding',
      title: 'Offboard a PoS',
      description: 'Offboard the PoS created in the previous case and handle different retry scenarios',
      steps: [
        {
          title: 'Delete a PoS (timeout)',
          instruction: 'Delete the PoS created in the previous case.',
          service:
            `Your first DELETE is carried out at once but answered only after ${SLOW_ANSWER_MS} ms; ` +
            'your second is answered 500 Internal Server Error.',
          judges: 'The client gives up after 2 s and deletes again.',
          rule: `${rules.timeoutPost}; pos-management.md, PoS Updating and Deletion`,
          action: { do: 'offboard' },
          arm: (_ctx, service) => {
            service.fault('DELETE', '/pos/v10/pointofsales/*', slow, 1);
            service.fault('DELETE', '/pos/v10/pointofsales/*', serverError, 2);
          },
          judge: retriesCall('pos-delete', 0, 'the delete'),
        },
        {
          title: 'Delete a PoS (500 Internal Server Error)',
          instruction: 'Keep retrying the delete.',
          service: 'The retry is answered 500 Internal Server Error (code 2000).',
          judges: 'The client deletes once more.',
          rule: rules.retry5xx,
          action: null,
          judge: retriesCall('pos-delete', 1, 'the delete'),
        },
        {
          title: 'Delete a PoS',
          instruction: 'Finish the delete.',
          service: 'The retry is answered 200 (the PoS was deleted by the first call).',
          judges: 'The PoS is gone and the client was told so.',
          rule: 'pos-management.md, PoS Updating and Deletion',
          action: null,
          judge: deletedPos,
        },
      ],
    },
    {
      id: 'onboarding-3',
      section: 'onboarding',
      title: 'Onboard a PoS (final)',
      description: 'Create a PoS to use for the remainder of the certification',
      steps: [
        onboardStep(p, 2, 'Create a PoS', {
          judges: 'Exactly one PoS is created; the client reads it to learn the beaconId MobilePay chose.',
          rule: 'pos-management.md, Client that only supports dynamic QR codes: query the PoS to get the beaconId',
          judge: all(onePos, readsBeaconId),
        }),
      ],
    },
  ];
}
