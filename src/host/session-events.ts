// The engine's own announcements in the cashier's words: what start-up recovery found, and the
// engine's error events as bridge failures (worded per API code, secrets scrubbed).
import type { BridgeFailure } from '../shared/bridge/index.js';
import type { ErrorEvent } from '../terminal/events.js';
import type { RecoveryReport } from '../terminal/flows/recovery.js';
import { wordApiCode } from './api-wording.js';
import { scrubSecrets } from './failure.js';

/** What each part of the recovery report means to the person at the till. */
const recoveryWords: Readonly<Record<keyof RecoveryReport, string>> = {
  found: 'payments whose lost answer was found',
  notCreated: 'payments that never reached MobilePay',
  cancelled: 'interrupted payments cancelled',
  resumed: 'journalled captures or cancels carried out',
  undecided: 'reservations waiting for a capture or cancel (see the hanging reservations)',
  refunds: 'refunds resolved',
  failed: 'payments that could not be settled yet (tried again at the next start)',
};

/** One sentence per non-empty part of the start-up recovery, so the cashier sees what an earlier run left. */
export function recoveryNotices(report: RecoveryReport): string[] {
  return (Object.keys(recoveryWords) as (keyof RecoveryReport)[])
    .filter((part) => report[part].length > 0)
    .map((part) => `Start-up recovery: ${report[part].length} ${recoveryWords[part]}.`);
}

/** An engine error event as a bridge failure. */
export function wordEngineError(event: ErrorEvent): BridgeFailure {
  const words = event.apiCode === null ? undefined : wordApiCode(event.apiCode);
  return {
    code: event.code,
    message: scrubSecrets(words ?? event.message),
    apiCode: event.apiCode,
    retryable: event.retryable,
  };
}
