// One authenticated PoS v10 call: the documented headers on every request, the idempotency key on
// the creating POSTs, and exactly one fresh token and one repeat when the API answers 401.
import type { z } from 'zod';
import { posHeaders } from '../../shared/pos-v10/error-codes.js';
import { isValidText } from '../../shared/pos-v10/formats.js';
import type { ResolvedPosClientConfig } from './config.js';
import { TerminalApiError } from './errors.js';
import type { HttpAnswer, HttpMethod, HttpRequest, HttpTransport } from './http.js';
import { expectSuccess, parseAnswer, type CallSite } from './responses.js';
import type { AccessToken, TokenProvider } from './token-provider.js';

/** Where the integrator API lives below apiBaseUrl. */
export const POS_V10_PREFIX = '/pos/v10';

/** A call as the endpoint methods describe it; `path` is below /pos/v10. */
export interface PosCall {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  /** Required by the four creating POSTs; the same key on every retry of the call. */
  readonly idempotencyKey?: string;
  /**
   * A polling GET: sent once, without the transport's retries, because "polling GET requests ...
   * continue polling using the polling delay" (api-principles): the poll loop owns the next try.
   */
  readonly polling?: boolean;
}

/** Sends PoS v10 calls for one integrator client and merchant, and reads their answers. */
export class PosCaller {
  constructor(
    private readonly config: ResolvedPosClientConfig,
    private readonly transport: HttpTransport,
    private readonly tokens: TokenProvider,
  ) {}

  /** A call whose answer has a body: parsed with its wire schema. */
  async json<S extends z.ZodType>(call: PosCall, schema: S): Promise<z.output<S>> {
    const { answer, site } = await this.send(call);
    return parseAnswer(answer, schema, site);
  }

  /** A call answered with 200 and no body (capture, cancel, ready, delete). */
  async empty(call: PosCall): Promise<void> {
    const { answer, site } = await this.send(call);
    expectSuccess(answer, site);
  }

  /** Sends the call; on a 401, forgets the token, takes a new one and repeats the call once. */
  private async send(call: PosCall): Promise<{ answer: HttpAnswer; site: CallSite }> {
    const site = { method: call.method, path: `${POS_V10_PREFIX}${call.path}` };
    const token = await this.tokens.token();
    const answer = await this.transport.send(this.request(call, site, token));
    if (answer.status !== 401) return { answer, site };
    this.tokens.invalidate(token);
    const fresh = await this.tokens.token();
    return { answer: await this.transport.send(this.request(call, site, fresh), answer.attempts), site };
  }

  private request(call: PosCall, site: CallSite, token: AccessToken): HttpRequest {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {}))
      if (value !== undefined) query.set(name, value);
    const search = query.size > 0 ? `?${query.toString()}` : '';
    const { clientId, merchantVat, clientSystemName, clientSystemVersion } = this.config;
    return {
      method: call.method,
      ...(call.polling ? { retries: 0 } : {}),
      url: `${this.config.apiBaseUrl}${site.path}${search}`,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token.accessToken}`,
        [posHeaders.clientId]: clientId,
        [posHeaders.merchantVat]: merchantVat,
        [posHeaders.systemName]: clientSystemName,
        [posHeaders.systemVersion]: clientSystemVersion,
        ...(call.idempotencyKey === undefined ? {} : { [posHeaders.idempotencyKey]: call.idempotencyKey }),
      },
      ...(call.body === undefined ? {} : { body: { kind: 'json', value: call.body } }),
    };
  }
}

/** A request body checked against its wire schema before it is sent; pos.invalid-request otherwise. */
export function checkedBody<S extends z.ZodType>(schema: S, value: unknown, site: CallSite): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
  throw invalidRequest(site, `the request does not match the PoS v10 schema (${problems})`);
}

/** The idempotency key the caller chose for a creating POST: 1-36 valid characters, as the API requires. */
export function checkedIdempotencyKey(key: unknown, site: CallSite): string {
  if (isValidText(key, 36)) return key;
  throw invalidRequest(
    site,
    'an idempotency key of 1-36 valid characters is required (x-mobilepay-idempotency-key)',
  );
}

/** A path segment made of an id the caller gave: empty ids are refused, the rest escaped. */
export function idSegment(id: unknown, what: string, site: CallSite): string {
  if (typeof id === 'string' && id.trim() !== '') return encodeURIComponent(id);
  throw invalidRequest(site, `${what} is required`);
}

function invalidRequest(site: CallSite, reason: string): TerminalApiError {
  return new TerminalApiError({
    code: 'pos.invalid-request',
    message: `${site.method} ${site.path} was not sent: ${reason}`,
    ...site,
    attempts: 0,
  });
}
