// A small PoS v10 client for the certification specs, talking to a real emulator over loopback
// through the certification base. Time is the emulator's virtual clock: waiting advances it, and an
// answer the emulator held back past the client's timeout (a delay fault, read from the request
// log) counts as a timeout that cost exactly the timeout. Quirks make it misbehave on purpose.
import type { FastifyInstance } from 'fastify';
import type { VirtualClock } from '../../../src/emulator/clock.js';

/** Deliberate misbehaviour, one at a time, for the specs of the judge. */
export interface ClientQuirks {
  /** The first retry of a creating call gets a fresh idempotency key. */
  readonly newKeyOnFirstRetry?: boolean;
  /** Polls this often, whatever pollDelayInMs says. */
  readonly pollEveryMs?: number;
  /** The first call this matches is sent without x-mobilepay-client-system-version. */
  readonly dropVersionHeaderOn?: (method: string, path: string) => boolean;
  /** Retries of a failing call (the API allows 5; this client's default is 2). */
  readonly retries?: number;
  /** Captures a payment even after seeing the customer cancel it. */
  readonly captureAfterUserCancel?: boolean;
  /** Captures the asked part even when partialCapturePossible is false. */
  readonly partialCaptureAlways?: boolean;
  /** Sets no timeouts: waits for an answer however long it is held back. */
  readonly waitsForSlowAnswers?: boolean;
  /** Polls the check-in alongside every poll of a payment (as if the QR code stayed up). */
  readonly pollsCheckInDuringPayments?: boolean;
}

export interface Identity {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly merchantVat: string;
  readonly systemName: string;
  readonly systemVersion: string;
}

/** What a call came to: an answer, or none (status null) after its retries. */
export interface Answer {
  readonly status: number | null;
  readonly body: Record<string, unknown>;
}

const TIMEOUT_MS = { write: 2000, read: 500 } as const;

export class ScriptedClient {
  private accessToken: string | null = null;
  private keys = 0;
  private versionDropped = false;

  constructor(
    private readonly app: FastifyInstance,
    /** `http://127.0.0.1:<port>/pos-self-certification-api` */
    private readonly base: string,
    readonly clock: VirtualClock,
    private readonly identity: Identity,
    readonly quirks: ClientQuirks = {},
  ) {}

  /** Waits on the emulator's clock. */
  wait(ms: number): void {
    this.clock.advance(ms);
  }

  newKey(): string {
    this.keys += 1;
    return `scripted-${Date.now().toString(36)}-${this.keys}`;
  }

  /**
   * One logical call: retried after no answer, a timeout or a 5xx (with the same key, unless a quirk
   * says otherwise), with 100 ms doubling backoff; a polling GET is sent once.
   */
  async call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { readonly body?: unknown; readonly creating?: boolean; readonly polling?: boolean } = {},
  ): Promise<Answer> {
    let key = options.creating ? this.newKey() : null;
    const retries = options.polling ? 0 : (this.quirks.retries ?? 2);
    let last: Answer = { status: null, body: {} };
    for (let attempt = 0; attempt <= retries; attempt += 1) {
      if (attempt > 0) {
        if (attempt === 1 && key !== null && this.quirks.newKeyOnFirstRetry) key = this.newKey();
        this.wait(100 * 2 ** (attempt - 1));
      }
      last = await this.send(method, path, options.body, key);
      if (last.status !== null && last.status < 500) return last;
    }
    return last;
  }

  private async token(): Promise<string> {
    if (this.accessToken !== null) return this.accessToken;
    const { clientId, clientSecret, merchantVat } = this.identity;
    const response = await fetch(`${this.base}/integrator-authentication/connect/token`, {
      method: 'POST',
      headers: {
        'x-ibm-client-id': clientId,
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', merchant_vat: merchantVat }).toString(),
    });
    this.accessToken = ((await response.json()) as { access_token: string }).access_token;
    return this.accessToken;
  }

  private headers(method: string, path: string, token: string, key: string | null): Record<string, string> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'x-ibm-client-id': this.identity.clientId,
      'x-mobilepay-merchant-vat-number': this.identity.merchantVat,
      'x-mobilepay-client-system-name': this.identity.systemName,
      'x-mobilepay-client-system-version': this.identity.systemVersion,
    };
    if (key !== null) headers['x-mobilepay-idempotency-key'] = key;
    if (!this.versionDropped && this.quirks.dropVersionHeaderOn?.(method, path)) {
      this.versionDropped = true;
      delete headers['x-mobilepay-client-system-version'];
    }
    return headers;
  }

  /** One HTTP request; a held-back answer past the timeout is a timeout (and costs the timeout). */
  private async send(method: string, path: string, body: unknown, key: string | null): Promise<Answer> {
    const token = await this.token();
    const before = this.app.emulatorControl.requests.list({ limit: 1 })[0]?.id ?? 0;
    const headers = this.headers(method, path, token, key);
    if (body !== undefined) headers['content-type'] = 'application/json';
    let answer: Answer;
    try {
      const response = await fetch(`${this.base}/pos/v10${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      answer = {
        status: response.status,
        body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
      };
    } catch {
      return { status: null, body: {} };
    }
    const logged = this.app.emulatorControl.requests.list({ since: before })[0];
    const limit = method === 'GET' ? TIMEOUT_MS.read : TIMEOUT_MS.write;
    if (logged?.fault?.action.kind === 'delay' && logged.fault.action.ms > limit) {
      if (this.quirks.waitsForSlowAnswers) {
        this.wait(logged.fault.action.ms);
        return answer;
      }
      this.wait(limit);
      return { status: null, body: {} };
    }
    return answer;
  }
}
