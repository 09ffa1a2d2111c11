// Bridge failures in words a cashier understands, plus the code a tester looks up (API code first).
import type { BridgeFailure } from '../../shared/bridge/index.js';

/** The PoS v10 error codes a cashier can meet, said the way the till would say them. */
const apiCodeWords: Readonly<Record<string, string>> = {
  '1000': 'MobilePay does not know this till; set it up again under PoS setup',
  '1001': 'MobilePay does not know this payment',
  '1002': 'MobilePay does not know this store',
  '1100': 'MobilePay did not accept the beacon id',
  '1102': 'MobilePay did not accept the amount',
  '1111': 'MobilePay did not accept the merchant PoS id',
  '1112': 'MobilePay did not accept the PoS name',
  '1113': 'MobilePay did not accept the order id',
  '1117': 'MobilePay did not accept the payment label',
  '1119': 'MobilePay did not accept the merchant brand id',
  '1120': 'MobilePay did not accept the merchant location id',
  '1200': 'Another till already uses this merchant PoS id',
  '1202': 'Another till already uses this beacon id',
  '1204': 'The store is not activated yet, so it cannot take payments',
  '1300': 'The payment can no longer be cancelled',
  '1301': 'A payment is already active on this till',
  '1303': 'The payment must be prepared before it can be made ready',
  '1304': 'The payment is not reserved, so it cannot be captured',
  '1305': 'That is more than the customer reserved',
  '1307': 'The payment was already captured with another amount',
  '1308': "The customer's card does not allow partial capture",
  '1351': 'The refund is not reserved, so it cannot be captured',
  '1352': 'The refund can no longer be cancelled',
  '1354': 'Only captured payments can be refunded',
  '1365': 'A refund must be in the currency of the payment',
  '1366': 'The payment is too old to be refunded',
  '1367': 'That is more than is left to refund on this payment',
  '1368': "The store's MobilePay balance is too low for this refund",
  '1403': 'This store does not belong to the merchant',
};

/** Our own codes whose host message is meant for developers rather than the cashier. */
const codeWords: Readonly<Record<string, string>> = {
  'pos.timeout': 'MobilePay did not answer in time; the till will check again',
  'pos.network': 'The till cannot reach MobilePay right now',
  'pos.server': 'MobilePay has a problem right now; try again in a moment',
  'pos.unauthorized': 'MobilePay refused the till’s credentials; check Settings',
  'pos.config': 'The till’s settings are incomplete; check Settings',
  'pos.bad-response': 'MobilePay answered something the till does not understand',
  bridge: 'The till did not answer; try again',
};

/** What the failure screen shows: a sentence, the code for the tester, and the host's own detail. */
export interface FailureText {
  readonly sentence: string;
  readonly code: string;
  /** The host's message when it says more than the sentence (null when the same). */
  readonly detail: string | null;
}

/** Words for one failure, preferring the API code's meaning, then our code's, then the host's message. */
export function describeFailure(failure: BridgeFailure): FailureText {
  const byApi = failure.apiCode === null ? undefined : apiCodeWords[failure.apiCode];
  const sentence = byApi ?? codeWords[failure.code] ?? failure.message;
  const code = failure.apiCode ?? failure.code;
  return { sentence, code, detail: sentence === failure.message ? null : failure.message };
}

/** One line: "A payment is already active on this till (1301)". */
export function failureLine(failure: BridgeFailure): string {
  const text = describeFailure(failure);
  return `${text.sentence} (${text.code})`;
}

/** The failure to report when the bridge itself threw instead of answering a result. */
export function thrownFailure(error: unknown): BridgeFailure {
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'bridge', message, apiCode: null, retryable: true };
}
