// The transport under every PoS call: one timeout per attempt (2 s for POST/PUT/DELETE, 0.5 s for
// GET), retries of network errors, timeouts and 5xx with backoff and jitter, the very same request
// (headers, idempotency key, body) on every retry, and one exchange event per attempt.
import type { ClientDeps } from './deps.js';
import { TerminalApiError } from './errors.js';
import { emitExchange, redactBody, redactHeaders, type ExchangeListener } from './exchange.js';
import { backoffDelay, isRetryableStatus, type ResolvedBackoff } from './retry-policy.js';

/** The methods the PoS API uses; GET gets the read timeout, the others the write timeout. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A request body: JSON for the PoS API, a form for the token endpoint. */
export type HttpBody =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'form'; readonly fields: Readonly<Record<string, string>> };

/** One logical call: sent as it is on every attempt (same headers, same idempotency key, same body). */
export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: HttpBody;
  /** Overrides the configured retries (a polling GET is not retried: the poll loop waits instead). */
  readonly retries?: number;
}

/** The last answer of a call: 2xx, 4xx, or a 5xx that outlasted every retry. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  readonly json: unknown;
  /** Attempts made for the call so far (counting any made before this send). */
  readonly attempts: number;
}

/** Per-attempt timeouts by method class (reference: api-principles.md, "Handling Timeouts"). */
export interface TimeoutConfig {
  /** POST, PUT, DELETE (default 2000 ms). */
  readonly writeMs?: number;
  /** GET (default 500 ms). */
  readonly readMs?: number;
}
/** Timeouts with the defaults filled in. */
export type ResolvedTimeouts = Required<TimeoutConfig>;
/** The reference's timeouts: 2 s for POST/PUT/DELETE, 0.5 s for GET. */
export const DEFAULT_TIMEOUTS: ResolvedTimeouts = { writeMs: 2000, readMs: 500 };

/** How the transport behaves; built once from the client's config. */
export interface TransportSettings {
  readonly timeouts: ResolvedTimeouts;
  /** Already clamped to 0..5. */
  readonly retries: number;
  readonly backoff: ResolvedBackoff;
  readonly onExchange?: ExchangeListener;
}

type AttemptOutcome =
  | { readonly kind: 'answer'; readonly status: number; readonly headers: Headers; readonly text: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly message: string; readonly error: unknown };

const TIMED_OUT = { kind: 'timeout' } as const;
/**
 * The reason the timeout timer is stopped with once the answer is in. Given explicitly, because
 * abort() without a reason builds a DOMException (with its stack) on every single request.
 */
const ANSWERED = Object.freeze({ name: 'Answered', message: 'the answer came first' });

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** "fetch failed: ECONNRESET" rather than undici's bare "fetch failed". */
function networkMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : cause?.message;
  return typeof detail === 'string' && detail !== '' ? `${error.message}: ${detail}` : error.message;
}

/** Sends PoS requests with timeouts and retries; shared by the integrator API, the token endpoint and the user simulation. */
export class HttpTransport {
  constructor(
    private readonly deps: ClientDeps,
    readonly settings: TransportSettings,
  ) {}

  /**
   * Sends the request until it gets an answer that is not 5xx or the retries run out. Returns the
   * last answer (whatever its status); throws pos.timeout or pos.network when the last attempt got
   * none. `previousAttempts` continues the count of a call that is being repeated (after a 401).
   */
  async send(request: HttpRequest, previousAttempts = 0): Promise<HttpAnswer> {
    const { timeouts, backoff, onExchange } = this.settings;
    const retries = request.retries ?? this.settings.retries;
    const timeoutMs = request.method === 'GET' ? timeouts.readMs : timeouts.writeMs;
    const headers: Record<string, string> = { ...request.headers };
    let payload: string | undefined;
    if (request.body?.kind === 'json') {
      payload = JSON.stringify(request.body.value);
      headers['content-type'] = 'application/json';
    } else if (request.body?.kind === 'form') {
      payload = new URLSearchParams(request.body.fields).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const loggedHeaders = redactHeaders(headers);
    const loggedBody =
      request.body === undefined
        ? undefined
        : request.body.kind === 'json'
          ? request.body.value
          : redactBody(request.body.fields);

    for (let attempt = 1; ; attempt += 1) {
      const at = this.deps.now();
      const outcome = await this.attempt(request, headers, payload, timeoutMs);
      const attempts = previousAttempts + attempt;
      const base = {
        at,
        method: request.method,
        url: request.url,
        requestHeaders: loggedHeaders,
        ...(loggedBody === undefined ? {} : { requestBody: loggedBody }),
        attempt: attempts,
        durationMs: Math.max(0, this.deps.now() - at),
      };
      const last = attempt > retries;
      if (outcome.kind === 'answer') {
        const json = parseJson(outcome.text);
        emitExchange(onExchange, {
          ...base,
          status: outcome.status,
          responseBody: redactBody(json === undefined ? outcome.text : json),
        });
        if (last || !isRetryableStatus(outcome.status))
          return { status: outcome.status, headers: outcome.headers, text: outcome.text, json, attempts };
      } else {
        const message = outcome.kind === 'timeout' ? `no answer within ${timeoutMs} ms` : outcome.message;
        emitExchange(onExchange, { ...base, error: { kind: outcome.kind, message } });
        if (last) throw this.failure(request, outcome, message, attempts);
      }
      await this.deps.sleep(backoffDelay(attempt, backoff, this.deps.random));
    }
  }

  /** One attempt: the fetch (body included) raced against the timeout; the loser is cancelled. */
  private async attempt(
    request: HttpRequest,
    headers: Record<string, string>,
    payload: string | undefined,
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    const fetchAbort = new AbortController();
    const timerAbort = new AbortController();
    const work = (async (): Promise<AttemptOutcome> => {
      const response = await this.deps.fetch(request.url, {
        method: request.method,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
        // The API never redirects: a 3xx is shown as it is (pos.bad-response), not followed with our token.
        redirect: 'manual',
        signal: fetchAbort.signal,
      });
      const text = await response.text();
      return { kind: 'answer', status: response.status, headers: response.headers, text };
    })().catch((error: unknown): AttemptOutcome => ({
      kind: 'network',
      message: networkMessage(error),
      error,
    }));
    const timer = this.deps.sleep(timeoutMs, timerAbort.signal).then(
      () => TIMED_OUT,
      () => TIMED_OUT,
    );
    try {
      const outcome = await Promise.race([work, timer]);
      if (outcome.kind === 'timeout') fetchAbort.abort(new Error(`timed out after ${timeoutMs} ms`));
      return outcome;
    } finally {
      timerAbort.abort(ANSWERED);
    }
  }

  private failure(
    request: HttpRequest,
    outcome: Exclude<AttemptOutcome, { kind: 'answer' }>,
    message: string,
    attempts: number,
  ): TerminalApiError {
    const path = new URL(request.url).pathname;
    const what = outcome.kind === 'timeout' ? 'timed out' : 'failed on the network';
    return new TerminalApiError({
      code: outcome.kind === 'timeout' ? 'pos.timeout' : 'pos.network',
      message: `${request.method} ${path} ${what} after ${attempts} attempt${attempts === 1 ? '' : 's'} (${message})`,
      method: request.method,
      path,
      attempts,
      ...(outcome.kind === 'network' ? { cause: outcome.error } : {}),
    });
  }
}
