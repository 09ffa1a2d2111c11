// Section "Loyalty" (the older guide's selection; optional): a loyalty member checks in while the
// QR code is shown, the client reads the loyalty ids from the check-in before it sets the amount
// (best-practices.md, "Payment and loyalty payment flows"), then takes the payment.
import { checksInWhenPolled } from './customer-play.js';
import { field, succeeded } from './observed-request.js';
import { acceptedStep, captureStep, initiatePayment, money, rules } from './payment-steps.js';
import { passed, pending, type CaseDefinition, type CatalogueParams } from './step-model.js';

const LOYALTY_RULE =
  "best-practices.md, Payment and loyalty payment flows: know the customer's loyalty id before setting the amount";

/** Loyalty (optional): the loyalty ids read from the check-in before the amount is set. */
export function loyaltyCases(p: CatalogueParams): readonly CaseDefinition[] {
  const { loyalty } = p.users;
  const orderId = `cert-${p.tag}-l1`;
  return [
    {
      id: 'loyalty-1',
      section: 'loyalty',
      title: 'Check-in with loyalty ids',
      description: 'A loyalty member checks in; the client reads the loyalty ids before the amount is set',
      steps: [
        {
          title: 'Show the QR code; a loyalty member checks in',
          instruction:
            'Show the QR code and poll the check-in until a customer is there; read the loyalty ids.',
          service: `After your first check-in poll, the test user ${loyalty} (a loyalty member) checks in.`,
          judges: 'The client polls the check-in and receives the customer with the loyalty ids.',
          rule: `${LOYALTY_RULE}; detecting-mobilepay.md: poll the check-in while the QR code is shown`,
          action: { do: 'watch-check-in' },
          play: checksInWhenPolled(loyalty),
          judge: (ctx) => {
            const read = ctx.stepRequests.find((r) => {
              const ids = field(r.response, 'loyaltyIds');
              return r.operation === 'checkin' && succeeded(r) && Array.isArray(ids) && ids.length > 0;
            });
            return read ? passed(`read ${JSON.stringify(field(read.response, 'loyaltyIds'))}`) : pending;
          },
        },
        {
          ...acceptedStep(loyalty),
          title: 'Initiate the payment',
          instruction: `Initiate a payment of ${money(100, p)} with orderId ${orderId} and follow it until it is reserved.`,
          rule: rules.paymentFlow,
          action: initiatePayment(p, orderId, 100),
        },
        captureStep(),
      ],
    },
  ];
}
