// Every error that reaches a bridge call, as one BridgeFailure a cashier can read: the host's own
// (HostError), the phone's (PhoneError), the flows' (FlowError), the PoS client's (TerminalApiError,
// worded per API code) and the journal's. Messages pass through a scrubber so no credential, token
// or secret ever crosses IPC or HTTP, whatever produced the text.
import type { BridgeFailure } from '../shared/bridge/index.js';
import { isPhoneError } from '../customer/phone-error.js';
import { isTerminalApiError } from '../terminal/api/index.js';
import { isFlowError, type FlowErrorCode } from '../terminal/flows/flow-error.js';
import { isJournalError } from '../terminal/journal/index.js';
import { wordApiError } from './api-wording.js';
import { isHostError, type HostErrorCode } from './host-error.js';

export { HostError, badInput, hostErrors, isHostError, type HostErrorCode } from './host-error.js';

/** Flow errors that are the host catalogue's situations, under the host's code. */
const flowAsHost: Partial<Record<FlowErrorCode, HostErrorCode>> = {
  'flow.not-onboarded': 'no-pos',
  'flow.unknown-payment': 'not-found',
  'flow.unknown-refund': 'not-found',
  'flow.partial-capture-not-possible': 'bad-input',
};

/** Cuts credentials out of any text: bearer tokens, Basic credentials, secret fields and JWTs. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(
      /(client_?secret|secret|password|access_token)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
      '$1$2[redacted]',
    )
    .replace(/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '[redacted]');
}

function failure(code: string, message: string, apiCode: string | null, retryable: boolean): BridgeFailure {
  return { code, message: scrubSecrets(message), apiCode, retryable };
}

/** Any error as the failure a bridge call answers with; never throws. */
export function describeFailure(error: unknown): BridgeFailure {
  if (isHostError(error)) return failure(error.code, error.message, null, error.retryable);
  if (isPhoneError(error)) return failure(error.code, error.message, null, false);
  if (isFlowError(error)) {
    const code = flowAsHost[error.code] ?? error.code;
    return failure(code, error.message, error.apiCode, error.retryable);
  }
  if (isTerminalApiError(error))
    return failure(error.code, wordApiError(error), error.apiCode ?? null, error.retryable);
  if (isJournalError(error)) {
    if (error.code === 'not_found')
      return failure('not-found', 'There is no such record on this till.', null, false);
    if (error.code === 'invalid_input') return failure('bad-input', error.message, null, false);
    return failure(
      `journal.${error.code}`,
      `The terminal's journal refused this: ${error.message}`,
      null,
      false,
    );
  }
  const text = error instanceof Error ? error.message : String(error);
  return failure('internal', `Something went wrong in the terminal: ${text}`, null, false);
}
