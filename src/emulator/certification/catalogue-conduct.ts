// The case "Client conduct": rules that hold for every call of the session rather than for one
// step, judged all along by the conduct tracker (conduct.ts) and concluded when the last other step
// has its verdict. It belongs to the mandatory section (Onboarding) so that every session has it.
import type { SectionId } from '../../shared/certification.js';

/** The conduct case's id (its steps are `conduct.1` to `conduct.5`). */
export const CONDUCT_CASE_ID = 'conduct';

/** The conduct rules, in the order the case lists them. */
export type ConductRule = 'headers' | 'retries' | 'timeouts' | 'polling' | 'check-in';

/** A conduct rule's texts, shown like any step's. */
export interface ConductStepText {
  readonly rule: ConductRule;
  readonly title: string;
  readonly instruction: string;
  readonly service: string;
  readonly judges: string;
  readonly reference: string;
}

/** The conduct case as the session lists it: last, under the mandatory section. */
export const CONDUCT_CASE = {
  id: CONDUCT_CASE_ID,
  section: 'onboarding' as SectionId,
  title: 'Client conduct',
  description: 'Rules every call of the session must keep, judged from the first call to the last',
} as const;

/** The conduct rules' texts; the poll delay is the one the service answers with. */
export function conductSteps(pollDelayMs: number): readonly ConductStepText[] {
  return [
    {
      rule: 'headers',
      title: 'Client headers on every call',
      instruction: 'Send the client system name, version and merchant VAT headers on every PoS v10 call.',
      service: 'Reads the headers of every call of the session.',
      judges:
        'x-mobilepay-client-system-name and -version equal the identified name and Major.Minor.Build; ' +
        'x-mobilepay-merchant-vat-number is the identified merchant.',
      reference:
        'api-principles.md, Client Versioning: all calls must include x-mobilepay-client-system-version; ' +
        'pos.yaml: X-MobilePay-Client-System-Name and X-MobilePay-Merchant-VAT-Number on every endpoint',
    },
    {
      rule: 'retries',
      title: 'At most 5 retries of a call',
      instruction: 'Retry a failed call at most 5 times (6 requests).',
      service: 'Counts the attempts of every call that failed (no answer, a timeout or a 5xx).',
      judges: 'No call is sent more than 6 times in a row while it keeps failing.',
      reference: 'api-principles.md, Retrying requests: at most 5 retries (6 requests)',
    },
    {
      rule: 'timeouts',
      title: 'Timeouts respected',
      instruction: 'Give up on a POST, DELETE or PUT after 2 s and on a GET after 0.5 s.',
      service: 'Holds some answers back for 3000 ms (the timeout steps).',
      judges: 'A call whose answer is held back is retried (or the next call sent) before that answer comes.',
      reference: 'api-principles.md, Handling Timeouts: 2 s for POST, DELETE and PUT, 0.5 s for GET',
    },
    {
      rule: 'polling',
      title: 'Polling no faster than pollDelayInMs',
      instruction: 'Wait at least pollDelayInMs between two polls of a payment, a refund or the check-in.',
      service: `Answers every poll with pollDelayInMs ${pollDelayMs}.`,
      judges:
        'Two polls of the same resource are at least the last pollDelayInMs apart (a capture, cancel ' +
        'or ready in between starts a new polling).',
      reference:
        'api-principles.md, Call Throttling: wait at least pollDelayInMs before polling the same endpoint',
    },
    {
      rule: 'check-in',
      title: 'Check-in polled only while the QR code is shown',
      instruction:
        'Poll the check-in only while the QR code is shown: not after hiding it, not during a payment.',
      service: 'Notes when the client was told to hide the QR code and when a payment is active on the PoS.',
      judges:
        'No check-in poll while a payment is active on the PoS, nor after a "Hide the QR code" step ' +
        'until the QR code is shown again or the case ends.',
      reference:
        'detecting-mobilepay.md: the terminal may only poll for a check-in while the QR code is displayed',
    },
  ];
}
