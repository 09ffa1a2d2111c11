// One HTTP attempt as the app's HTTP log screen shows it. Secrets are redacted before an event
// leaves the transport: listeners (the log, the journal, a tester's console) never see them.
import { posHeaders } from '../../shared/pos-v10/error-codes.js';

/** Every attempt of every call, answered or not: what was sent, what came back, how long it took. */
export interface ExchangeEvent {
  /** When the attempt started, on the client's injected clock. */
  readonly at: number;
  readonly method: string;
  readonly url: string;
  /** Request headers, bearer token, Basic credentials and client secret redacted. */
  readonly requestHeaders: Readonly<Record<string, string>>;
  /** The JSON body, or the form fields of a token request (client_secret redacted); undefined without a body. */
  readonly requestBody?: unknown;
  /** 1 for the first attempt of a call; retries and the repeat after a 401 count on. */
  readonly attempt: number;
  readonly durationMs: number;
  /** The HTTP status; absent when no answer came. */
  readonly status?: number;
  /** The answer's body: parsed JSON, else the text (access tokens redacted); absent when no answer came. */
  readonly responseBody?: unknown;
  /** Why no answer came. */
  readonly error?: { readonly kind: 'timeout' | 'network'; readonly message: string };
}

/** A subscriber to exchange events; it must not throw (if it does, the call goes on regardless). */
export type ExchangeListener = (event: ExchangeEvent) => void;

/** What a secret is replaced with in exchange events. */
export const REDACTED = '[redacted]';

/** Keeps the last 4 characters, so a tester can tell two tokens apart without seeing either. */
export function redactToken(token: string): string {
  return token.length <= 8 ? REDACTED : `…${token.slice(-4)}`;
}

/** Authorization: `Bearer …last4` or `Basic [redacted]`; x-ibm-client-secret: `[redacted]`. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      const match = /^(\S+)\s+(.*)$/.exec(value);
      const scheme = match?.[1] ?? '';
      out[name] = /^bearer$/i.test(scheme)
        ? `${scheme} ${redactToken(match?.[2] ?? '')}`
        : `${scheme} ${REDACTED}`.trim();
    } else if (lower === posHeaders.clientSecret) out[name] = REDACTED;
    else out[name] = value;
  }
  return out;
}

const SECRET_FIELDS = new Set(['client_secret', 'clientsecret', 'password']);
const TOKEN_FIELDS = new Set(['access_token', 'refresh_token', 'id_token']);

/** A body with secret fields (client_secret) and tokens (access_token, ...) redacted, one level deep. */
export function redactBody(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const lower = key.toLowerCase();
    if (SECRET_FIELDS.has(lower)) out[key] = REDACTED;
    else if (TOKEN_FIELDS.has(lower) && typeof value === 'string') out[key] = redactToken(value);
    else out[key] = value;
  }
  return out;
}

/** Calls the listener, swallowing what it throws: observing a call must never break it. */
export function emitExchange(listener: ExchangeListener | undefined, event: ExchangeEvent): void {
  if (listener === undefined) return;
  try {
    listener(event);
  } catch {
    // A broken log screen is not the cashier's problem.
  }
}
