// The PoS client's error catalogue: every failure of a call is one TerminalApiError with a stable
// code of ours, plus what the API said (its own error code, message, correlation id) when it said
// anything. Flows branch on `code` / `apiErrorName`; the cashier-facing layer words the message.
import { posErrorNameOf, type PosErrorName } from '../../shared/pos-v10/error-codes.js';

/** Our stable codes, whether retrying the same logical call (same idempotency key) later may help, and why each exists. */
export const terminalApiErrors = {
  'pos.api': {
    retryable: false,
    summary: 'The API refused the request (4xx); apiCode names the documented rule (e.g. 1301).',
  },
  'pos.unauthorized': {
    retryable: false,
    summary: 'The integrator credentials or the access token were refused, even after one fresh token.',
  },
  'pos.server': {
    retryable: true,
    summary: 'The API answered 5xx on every attempt; the change may or may not have been made.',
  },
  'pos.timeout': {
    retryable: true,
    summary: 'The last attempt got no answer within its timeout; the change may or may not have been made.',
  },
  'pos.network': {
    retryable: true,
    summary:
      'The last attempt failed on the network (refused, reset, closed); the change may have been made.',
  },
  'pos.bad-response': {
    retryable: false,
    summary: 'The answer does not match the PoS v10 wire schema (or has an unexpected status).',
  },
  'pos.invalid-request': {
    retryable: false,
    summary: 'The request failed the wire schema (or lacked an idempotency key) and was not sent.',
  },
  'pos.config': {
    retryable: false,
    summary: 'The client configuration is invalid (URL, VAT, client system version, ...).',
  },
} as const;

/** One of our stable codes: what flows and the cashier-facing layer branch on. */
export type TerminalApiErrorCode = keyof typeof terminalApiErrors;

/** The error as plain data: what crosses IPC and lands in the journal. */
export interface TerminalApiErrorData {
  readonly code: TerminalApiErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  /** The API's own error code (e.g. '1301'), when its error body carried one. */
  readonly apiCode?: string;
  /** The catalogue name of apiCode (e.g. 'PaymentAlreadyActive'), when the API documents the code. */
  readonly apiErrorName?: PosErrorName;
  /** The API's own message, verbatim. */
  readonly apiMessage?: string;
  /** HTTP status of the last answer; absent when no answer came (timeout, network). */
  readonly status?: number;
  readonly correlationId?: string;
  /** e.g. 'POST' and '/pos/v10/payments' (no query string). */
  readonly method: string;
  readonly path: string;
  /** HTTP attempts made for this call, retries and the repeat after a 401 included (0: never sent). */
  readonly attempts: number;
}

/** What a failure is built from; retryable follows the catalogue unless given. */
export type TerminalApiErrorInit = Omit<TerminalApiErrorData, 'retryable' | 'apiErrorName'> & {
  readonly retryable?: boolean;
  readonly cause?: unknown;
};

/** The one error type of the PoS client: a stable code and everything known about the failed call. */
export class TerminalApiError extends Error implements TerminalApiErrorData {
  readonly kind = 'terminal-api-error' as const;
  readonly code: TerminalApiErrorCode;
  readonly retryable: boolean;
  readonly apiCode?: string;
  readonly apiErrorName?: PosErrorName;
  readonly apiMessage?: string;
  readonly status?: number;
  readonly correlationId?: string;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;

  constructor(init: TerminalApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'TerminalApiError';
    this.code = init.code;
    this.retryable = init.retryable ?? terminalApiErrors[init.code].retryable;
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts;
    if (init.apiCode !== undefined) {
      this.apiCode = init.apiCode;
      const name = posErrorNameOf(init.apiCode);
      if (name !== undefined) this.apiErrorName = name;
    }
    if (init.apiMessage !== undefined) this.apiMessage = init.apiMessage;
    if (init.status !== undefined) this.status = init.status;
    if (init.correlationId !== undefined) this.correlationId = init.correlationId;
  }

  /** Plain data (no stack, no cause): safe to send over IPC or write to the journal. */
  toJSON(): TerminalApiErrorData {
    const optional = {
      apiCode: this.apiCode,
      apiErrorName: this.apiErrorName,
      apiMessage: this.apiMessage,
      status: this.status,
      correlationId: this.correlationId,
    };
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
      method: this.method,
      path: this.path,
      attempts: this.attempts,
    };
  }
}

/** Type guard for errors of the PoS client (anything else thrown is a bug). */
export function isTerminalApiError(value: unknown): value is TerminalApiError {
  return value instanceof TerminalApiError;
}

/** True when the API refused the call with the given documented error, e.g. `isApiError(e, 'PaymentAlreadyActive')`. */
export function isApiError(value: unknown, name: PosErrorName): value is TerminalApiError {
  return isTerminalApiError(value) && value.apiErrorName === name;
}
