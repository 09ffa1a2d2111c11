// The flows' own error catalogue: situations a cashier must understand, with stable codes.
import { isTerminalApiError } from '../api/index.js';

export const flowErrorCodes = {
  'flow.not-onboarded': 'The terminal has no point of sale yet.',
  'flow.aborted': 'The operation was stopped.',
  'flow.partial-capture-not-possible': 'This payment can only be captured in full; capture all or cancel.',
  'flow.not-reserved': 'The payment is not reserved, so it cannot be captured.',
  'flow.payment-ended': 'The payment ended before it was reserved.',
  'flow.unknown-payment': 'The journal has no such payment.',
  'flow.unknown-refund': 'The journal has no such refund.',
  'flow.unresolved': 'The outcome is not known yet; the terminal will resolve it.',
  'flow.store-not-found': 'No store matches.',
  'flow.refund-order-in-use':
    'Another refund with this refund order id is still unresolved; resolve it first.',
  'flow.refund-refused': 'The refund was refused, so it does not exist at MobilePay.',
  'flow.refund-not-reserved': 'The refund is not reserved, so it cannot be captured.',
  'flow.refund-ended': 'The refund has already ended (captured or cancelled).',
  'flow.refund-decided': 'The refund already has another decision waiting to be carried out.',
} as const;

export type FlowErrorCode = keyof typeof flowErrorCodes;

/** An error of a flow (as opposed to one HTTP call): code, words for the cashier, and the API's code if any. */
export class FlowError extends Error {
  constructor(
    readonly code: FlowErrorCode,
    message: string = flowErrorCodes[code],
    readonly apiCode: string | null = null,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'FlowError';
  }
}

export function isFlowError(value: unknown): value is FlowError {
  return value instanceof FlowError;
}

/** The code, API code, message and retryability of any error a flow may meet. */
export function describeError(error: unknown): {
  code: string;
  apiCode: string | null;
  message: string;
  retryable: boolean;
} {
  if (isFlowError(error))
    return { code: error.code, apiCode: error.apiCode, message: error.message, retryable: error.retryable };
  if (isTerminalApiError(error))
    return {
      code: error.code,
      apiCode: error.apiCode ?? null,
      message: error.message,
      retryable: error.retryable,
    };
  return {
    code: 'internal',
    apiCode: null,
    message: error instanceof Error ? error.message : String(error),
    retryable: false,
  };
}
