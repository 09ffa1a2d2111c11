// Integrator authentication (reference: docs/authentication.md): a client-credentials token from
// POST {authBaseUrl}/connect/token, cached and replaced before it expires (judged on the injected
// clock), one request shared by concurrent callers, and forgotten when the API answers 401 with it.
import { Buffer } from 'node:buffer';
import { posHeaders } from '../../shared/pos-v10/error-codes.js';
import { tokenResponseSchema } from '../../shared/pos-v10/schemas.js';
import type { ResolvedPosClientConfig } from './config.js';
import type { ClientDeps } from './deps.js';
import { TerminalApiError } from './errors.js';
import type { HttpTransport } from './http.js';
import { parseAnswer } from './responses.js';

/** An access token and, on the client's clock, when it came, when it expires and when it will be replaced. */
export interface AccessToken {
  readonly accessToken: string;
  readonly tokenType: string;
  readonly scope?: string;
  readonly obtainedAt: number;
  readonly expiresAt: number;
  readonly refreshAt: number;
}

/** A token is replaced when less than this much of its life is left... */
export const TOKEN_REFRESH_MIN_MARGIN_MS = 60_000;
/** ...or less than this fraction of it, whichever is more (but never before half its life). */
export const TOKEN_REFRESH_FRACTION = 0.1;

/** When a token obtained at `obtainedAt` and valid for `lifetimeMs` should be replaced. */
export function refreshTime(obtainedAt: number, lifetimeMs: number): number {
  const margin = Math.min(
    Math.max(TOKEN_REFRESH_MIN_MARGIN_MS, lifetimeMs * TOKEN_REFRESH_FRACTION),
    lifetimeMs / 2,
  );
  return obtainedAt + lifetimeMs - margin;
}

/** Hands out a valid access token, asking the Integrator Authentication API only when needed. */
export class TokenProvider {
  private current: AccessToken | null = null;
  private pending: Promise<AccessToken> | null = null;

  constructor(
    private readonly config: ResolvedPosClientConfig,
    private readonly transport: HttpTransport,
    private readonly deps: ClientDeps,
  ) {}

  /**
   * A token to use now: the cached one until its refresh time, else a new one. When the refresh
   * fails but the old token has not expired yet, the old one is used (that slack is why we refresh early).
   */
  async token(): Promise<AccessToken> {
    const now = this.deps.now();
    const current = this.current;
    if (current !== null && now < current.refreshAt) return current;
    try {
      return await this.fetchShared();
    } catch (error) {
      if (current !== null && this.current === current && this.deps.now() < current.expiresAt) return current;
      throw error;
    }
  }

  /** Forgets the token the API refused (401), unless it has been replaced already by a concurrent call. */
  invalidate(rejected: AccessToken): void {
    if (this.current?.accessToken === rejected.accessToken) this.current = null;
  }

  /** The cached token, if any, without asking for one. */
  peek(): AccessToken | null {
    return this.current;
  }

  /** Always asks the token endpoint for a new token (POST /connect/token) and caches it. */
  async requestToken(): Promise<AccessToken> {
    const { authBaseUrl, clientId, clientSecret, merchantVat, bindTokenToMerchant } = this.config;
    const url = `${authBaseUrl}/connect/token`;
    const site = { method: 'POST', path: new URL(url).pathname };
    const obtainedAt = this.deps.now();
    const answer = await this.transport.send({
      method: 'POST',
      url,
      headers: {
        accept: 'application/json',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        [posHeaders.clientId]: clientId,
      },
      body: {
        kind: 'form',
        fields: {
          grant_type: 'client_credentials',
          ...(bindTokenToMerchant ? { merchant_vat: merchantVat } : {}),
        },
      },
    });
    const body = parseAnswer(answer, tokenResponseSchema, site);
    if (!(body.expires_in > 0) || body.access_token === '')
      throw new TerminalApiError({
        code: 'pos.bad-response',
        message: `${site.method} ${site.path} answered a token that is empty or already expired (expires_in ${body.expires_in})`,
        ...site,
        attempts: answer.attempts,
        status: answer.status,
      });
    const lifetimeMs = body.expires_in * 1000;
    const token: AccessToken = {
      accessToken: body.access_token,
      tokenType: body.token_type,
      ...(body.scope === undefined ? {} : { scope: body.scope }),
      obtainedAt,
      expiresAt: obtainedAt + lifetimeMs,
      refreshAt: refreshTime(obtainedAt, lifetimeMs),
    };
    this.current = token;
    return token;
  }

  private fetchShared(): Promise<AccessToken> {
    if (this.pending === null) {
      this.pending = this.requestToken().finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }
}
