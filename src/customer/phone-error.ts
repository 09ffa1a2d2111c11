// The phone simulator's own error catalogue: what the customer's app would tell its user, with
// stable codes the host passes on to the screens.

export const phoneErrorCodes = {
  'phone.unknown-beacon': 'No MobilePay point of sale uses this beacon.',
  'phone.unknown-user': 'That phone number is not one of the sandbox test users.',
  'phone.not-checked-in': 'The phone is not checked in at a point of sale.',
  'phone.nothing-to-accept': 'There is no payment waiting for this phone to accept.',
  'phone.nothing-to-decline': 'There is no payment on this phone to decline.',
} as const;

export type PhoneErrorCode = keyof typeof phoneErrorCodes;

/** A refusal of the simulated phone (as opposed to one of the sandbox's HTTP calls). */
export class PhoneError extends Error {
  constructor(
    readonly code: PhoneErrorCode,
    message: string = phoneErrorCodes[code],
  ) {
    super(message);
    this.name = 'PhoneError';
  }
}

export function isPhoneError(value: unknown): value is PhoneError {
  return value instanceof PhoneError;
}
