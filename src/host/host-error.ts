// The host's own error catalogue: situations of the till itself (no PoS, busy, a bad argument, the
// backend down), with stable codes the screens branch on and words a cashier understands.

export const hostErrors = {
  'no-pos': {
    retryable: false,
    message: 'This till has no point of sale yet: set one up in the PoS settings first.',
  },
  'not-found': { retryable: false, message: 'There is no such payment or refund on this till.' },
  busy: {
    retryable: true,
    message: 'A payment is still in progress on this till: finish or cancel it first.',
  },
  'bad-input': { retryable: false, message: 'The request is not valid.' },
  'backend-unreachable': {
    retryable: true,
    message: 'The payment service cannot be reached: check the backend in the settings.',
  },
  'settings-incomplete': {
    retryable: false,
    message: 'The settings are incomplete: enter the integrator client secret.',
  },
  'beacon-not-heard': {
    retryable: true,
    message: "The phone does not hear the till's beacon: move closer or scan the QR code.",
  },
  closed: { retryable: false, message: 'The terminal is shutting down.' },
} as const;

export type HostErrorCode = keyof typeof hostErrors;

/** A failure of the host itself; the message defaults to the catalogue's and must never hold a secret. */
export class HostError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly code: HostErrorCode,
    message: string = hostErrors[code].message,
  ) {
    super(message);
    this.name = 'HostError';
    this.retryable = hostErrors[code].retryable;
  }
}

export function isHostError(value: unknown): value is HostError {
  return value instanceof HostError;
}

/** Shorthand for the most common refusal: a bad argument, with the reason in the cashier's words. */
export function badInput(message: string): HostError {
  return new HostError('bad-input', message);
}
