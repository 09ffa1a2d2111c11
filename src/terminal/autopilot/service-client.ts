// The certification service's JSON API (under /certification/api on the emulator or any host of
// the service), as the unattended runner uses it: start a session, read it, restart it, and fetch
// the certificate, the report and the JUnit XML. Reached over HTTP only: the terminal never imports
// the emulator. Time and fetch are injected like the PoS client's, so specs run it on fakes.
import {
  CERTIFICATION_CONTROL_PREFIX,
  type Certificate,
  type SessionView,
  type StartSessionRequest,
} from '../../shared/certification.js';
import type { ClientDeps } from '../api/index.js';

/** A call to the service that did not give the answer the runner needs. */
export class ServiceError extends Error {
  constructor(
    message: string,
    /** The HTTP status, null when no answer came. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** How long one call to the service may take: it answers from memory, so this is generous. */
const SERVICE_TIMEOUT_MS = 10_000;

/** The service's sessions API at `<serviceUrl>/certification/api`. */
export class CertificationServiceClient {
  readonly apiUrl: string;

  constructor(
    /** Where the service runs, e.g. the emulator's base URL `http://127.0.0.1:8080`. */
    serviceUrl: string,
    private readonly deps: Pick<ClientDeps, 'fetch'>,
  ) {
    this.apiUrl = `${serviceUrl.replace(/\/+$/, '')}${CERTIFICATION_CONTROL_PREFIX}/api`;
  }

  /** POST /sessions: identification and sections in, the new session (201) out. */
  async startSession(request: StartSessionRequest): Promise<SessionView> {
    return asSession(await this.json('POST', '/sessions', request));
  }

  async getSession(sessionId: string): Promise<SessionView> {
    return asSession(await this.json('GET', `/sessions/${encodeURIComponent(sessionId)}`));
  }

  /** Every step back to not-tested, the same identification and sections. */
  async restartSession(sessionId: string): Promise<SessionView> {
    return asSession(await this.json('POST', `/sessions/${encodeURIComponent(sessionId)}/restart`, {}));
  }

  /** The signed certificate, or null while not every step has passed (the service answers 409). */
  async certificate(sessionId: string): Promise<Certificate | null> {
    const answer = await this.send('GET', `/sessions/${encodeURIComponent(sessionId)}/certificate`);
    if (answer.status === 409) return null;
    const body = parse(answer, 'the certificate');
    if (!isRecord(body) || !isRecord(body['certificate']) || typeof body['signature'] !== 'string')
      throw new ServiceError('the service answered something that is not a certificate', answer.status);
    return body as unknown as Certificate;
  }

  /** The service's public key (PEM), to verify its certificates after the service is gone. */
  async publicKeyPem(): Promise<string> {
    const answer = await this.send('GET', '/public-key');
    const body = parse(answer, 'the public key');
    if (!isRecord(body) || typeof body['publicKeyPem'] !== 'string')
      throw new ServiceError('the service answered something that is not a public key', answer.status);
    return body['publicKeyPem'];
  }

  /** The printable HTML report. */
  async report(sessionId: string): Promise<string> {
    return this.text(`/sessions/${encodeURIComponent(sessionId)}/report`, 'the report');
  }

  /** The JUnit XML: one testsuite per case, one testcase per step. */
  async junit(sessionId: string): Promise<string> {
    return this.text(`/sessions/${encodeURIComponent(sessionId)}/junit`, 'the JUnit XML');
  }

  private async text(path: string, what: string): Promise<string> {
    const answer = await this.send('GET', path);
    if (answer.status !== 200) throw refusal(answer, what);
    return answer.text;
  }

  private async json(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const answer = await this.send(method, path, body);
    if (answer.status < 200 || answer.status > 299) throw refusal(answer, `${method} ${path}`);
    return parse(answer, `${method} ${path}`);
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ readonly status: number; readonly text: string }> {
    const url = `${this.apiUrl}${path}`;
    try {
      const response = await this.deps.fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(SERVICE_TIMEOUT_MS),
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ServiceError(`cannot reach the certification service at ${url} (${reason})`, null);
    }
  }
}

function parse(answer: { readonly status: number; readonly text: string }, what: string): unknown {
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    throw new ServiceError(`${what}: the service answered ${answer.status} with no JSON`, answer.status);
  }
}

/** The service's own words when it has them (`{message}` or `{error}`), else the status. */
function refusal(answer: { readonly status: number; readonly text: string }, what: string): ServiceError {
  let words = '';
  try {
    const body = JSON.parse(answer.text) as unknown;
    if (isRecord(body)) {
      const message = body['message'] ?? body['error'];
      if (typeof message === 'string') words = `: ${message}`;
    }
  } catch {
    words = answer.text.trim() === '' ? '' : `: ${answer.text.trim().slice(0, 200)}`;
  }
  return new ServiceError(`${what} answered HTTP ${answer.status}${words}`, answer.status);
}

/** Enough of a SessionView to drive a run; the rest is the service's contract (src/shared). */
function asSession(body: unknown): SessionView {
  if (
    !isRecord(body) ||
    typeof body['id'] !== 'string' ||
    !Array.isArray(body['cases']) ||
    typeof body['apiBaseUrl'] !== 'string'
  )
    throw new ServiceError('the service answered something that is not a session', 200);
  return body as unknown as SessionView;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
