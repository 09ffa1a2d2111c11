// Section "Payments with restrictions": the client sends the restrictions the cashier chose exactly
// (pos.yaml PaymentRestrictions: debitCardDisallowed, creditCardDisallowed) and a customer with an
// allowed card pays. The same check serves the prepared flow's ready call.
import type { PaymentRestrictionsAction } from '../../shared/certification.js';
import { attempts, describe, type Judge } from './judge-kit.js';
import { field, type Operation } from './observed-request.js';
import { captureStep, takePaymentStep } from './payment-steps.js';
import { failed, passed, pending, type CaseDefinition, type CatalogueParams } from './step-model.js';

/** Where the restrictions rule comes from. */
export const RESTRICTIONS_RULE =
  'pos.yaml, PaymentRestrictions on POST /payments and POST /payments/{id}/ready: send them as the merchant chose';

/** Debit cards only: credit cards disallowed (an action's `true` disallows that kind of card). */
export const DEBIT_ONLY: PaymentRestrictionsAction = { debitCard: false, creditCard: true };
/** Credit cards only: debit cards disallowed. */
export const CREDIT_ONLY: PaymentRestrictionsAction = { debitCard: true, creditCard: false };

/** How the instruction reads to a tester. */
export function describeRestrictions(restrictions: PaymentRestrictionsAction): string {
  return restrictions.creditCard === true ? 'debit cards only' : 'credit cards only';
}

/**
 * Every initiate (or ready) of the operation carried the restrictions asked for: the disallowed card
 * kind flagged true, the allowed one not flagged.
 */
export function sendsRestrictions(operation: Operation, wanted: PaymentRestrictionsAction): Judge {
  const debitDisallowed = wanted.debitCard === true;
  const creditDisallowed = wanted.creditCard === true;
  return (ctx) => {
    const calls = attempts(ctx, operation);
    if (calls.length === 0) return pending;
    for (const call of calls) {
      const sent = field(call.body, 'restrictions');
      const debit = field(sent, 'debitCardDisallowed') === true;
      const credit = field(sent, 'creditCardDisallowed') === true;
      if (debit !== debitDisallowed || credit !== creditDisallowed)
        return failed(
          `${describe(call)} sent restrictions ${JSON.stringify(sent ?? null)}; asked for ` +
            `${describeRestrictions(wanted)} (debitCardDisallowed ${debitDisallowed}, creditCardDisallowed ${creditDisallowed})`,
        );
    }
    return passed(`restrictions sent as asked (${describeRestrictions(wanted)})`);
  };
}

/** Payments with restrictions: debit only and credit only, sent on initiate. */
export function restrictionCases(p: CatalogueParams): readonly CaseDefinition[] {
  const variants = [
    { n: 1, wanted: DEBIT_ONLY, phoneNumber: p.users.debit },
    { n: 2, wanted: CREDIT_ONLY, phoneNumber: p.users.credit },
  ] as const;
  return variants.map(({ n, wanted, phoneNumber }) => ({
    id: `restrictions-${n}`,
    section: 'payments-with-restrictions',
    title: `Payment for ${describeRestrictions(wanted)}`,
    description: `Initiate a payment restricted to ${describeRestrictions(wanted)}; a customer with such a card pays`,
    steps: [
      {
        ...takePaymentStep(p, {
          orderId: `cert-${p.tag}-r${n}`,
          amount: 100,
          phoneNumber,
          title: `Initiate a payment for ${describeRestrictions(wanted)}`,
          restrictions: wanted,
          judge: sendsRestrictions('payment-initiate', wanted),
          extraJudges: `The initiate carries the restrictions for ${describeRestrictions(wanted)}.`,
        }),
        rule: RESTRICTIONS_RULE,
      },
      captureStep(),
    ],
  }));
}
