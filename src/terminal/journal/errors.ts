// The journal's error catalogue: stable codes the engine can switch on (and show the cashier), so no
// caller has to match on message text.

/** Every way a journal call can be refused or fail, each with what it means for the caller. */
export const journalErrorCodes = {
  /** The data directory or its journal.db cannot be opened or created. */
  journal_unavailable: 'the journal cannot be opened',
  /** The file was written by a newer version of the terminal; this one must not touch it. */
  journal_too_new: 'the journal was written by a newer version',
  /** A stored row does not pass its schema: the file was edited by hand or damaged. */
  journal_corrupt: 'a journal row is not readable',
  /** No record with that id. */
  not_found: 'no such record',
  /** The input does not fit the record (wrong kind of result, an amount above the reservation, ...). */
  invalid_input: 'invalid input',
  /** The record is not in a state that allows the change (acknowledging a failed intent, ...). */
  invalid_state: 'not allowed in the current state',
  /** Another open intent or decision already holds the subject: resolve it first, never guess. */
  conflict: 'conflicts with what is already journalled',
} as const;

export type JournalErrorCode = keyof typeof journalErrorCodes;

/** Thrown by every journal call that cannot do what was asked; nothing was written when it is thrown. */
export class JournalError extends Error {
  constructor(
    readonly code: JournalErrorCode,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${journalErrorCodes[code]}: ${detail}`, options);
    this.name = 'JournalError';
  }
}

/** True when `error` is a JournalError, optionally with the given code. */
export function isJournalError(error: unknown, code?: JournalErrorCode): error is JournalError {
  return error instanceof JournalError && (code === undefined || error.code === code);
}
