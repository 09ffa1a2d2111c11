// The PoS v10 client's failures in a cashier's words: one sentence per documented API code the
// till can meet, and per kind of transport failure. The codes stay on the failure for the tester.
import type { TerminalApiError } from '../terminal/api/index.js';

/** Sentences for the API codes a cashier can meet at the till (reference: docs/api-errors.mdx). */
const apiCodeWords: Readonly<Record<string, string>> = {
  '1000': 'The point of sale is not known to MobilePay.',
  '1001': 'MobilePay does not know this payment.',
  '1002': 'MobilePay does not know this store.',
  '1004': 'MobilePay does not know this refund.',
  '1102': 'The amount is not valid.',
  '1113': 'The order id is not valid.',
  '1200': 'A point of sale with this merchantPosId already exists.',
  '1202': 'Another point of sale already uses this beacon.',
  '1204': 'The store is not activated for MobilePay yet.',
  '1300': 'The payment cannot be cancelled any more.',
  '1301': 'A payment is already active on this till.',
  '1303': 'The payment must be prepared before it can be readied.',
  '1304': 'The payment is not reserved, so it cannot be captured.',
  '1305': 'The capture is more than the reserved amount.',
  '1307': 'The payment was already captured with a different amount.',
  '1308': 'This payment can only be captured in full.',
  '1351': 'The refund is not reserved, so it cannot be captured.',
  '1352': 'The refund cannot be cancelled any more.',
  '1354': 'Only a captured payment can be refunded.',
  '1365': 'The refund must be in the currency of the payment.',
  '1366': 'The payment is too old to be refunded.',
  '1367': 'The refund is more than what is left to refund on this payment.',
  '1368': "The store's MobilePay balance is too low for this refund.",
  '1403': 'The store does not belong to this merchant.',
  // The sandbox's user simulation (docs/emulator.md).
  '1901': 'This point of sale needs a payment before a customer can check in.',
  '1902': 'There is no payment waiting for this phone to accept.',
  '1903': "The payment does not allow this customer's card.",
  '1904': 'Another customer is already paying at this point of sale.',
  '1905': 'There is no payment on this phone to decline.',
};

/** The sentence for a documented API code, if the till has one. */
export function wordApiCode(apiCode: string): string | undefined {
  return apiCodeWords[apiCode];
}

/** A sentence for a failed call of the PoS client; the API's own words only for codes we do not know. */
export function wordApiError(error: TerminalApiError): string {
  switch (error.code) {
    case 'pos.api': {
      const known = error.apiCode === undefined ? undefined : apiCodeWords[error.apiCode];
      if (known !== undefined) return known;
      const detail = error.apiMessage ? `: ${error.apiMessage}` : '.';
      return `MobilePay refused the request${error.apiCode ? ` (code ${error.apiCode})` : ''}${detail}`;
    }
    case 'pos.unauthorized':
      return 'MobilePay refused the integrator credentials: check the client id and secret in the settings.';
    case 'pos.server':
      return 'The payment service had an error; the terminal will check what happened. Try again.';
    case 'pos.timeout':
      return 'The payment service did not answer in time; the terminal will check what happened.';
    case 'pos.network':
      return 'The payment service cannot be reached: check the connection and try again.';
    case 'pos.bad-response':
      return 'The payment service gave an answer the terminal cannot read.';
    case 'pos.invalid-request':
      return `The terminal did not send the request because it is not valid: ${error.message}`;
    case 'pos.config':
      return `The terminal's settings are not valid: ${error.message}`;
  }
}
