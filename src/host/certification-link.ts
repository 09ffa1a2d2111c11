// The till's certification screen, host side: start a self-certification session for this till's
// client at a certification service (the embedded emulator's, or another one), point the till's PoS
// v10 calls at the service's API (its own merchant, a journal of its own per session), and follow
// the judge's verdicts. The tester then performs each step with the normal checkout.
import { join } from 'node:path';
import {
  CERTIFICATION_API_PREFIX,
  CERTIFICATION_CONTROL_PREFIX,
  CERTIFICATION_MERCHANT,
  type SectionId,
  type SessionView,
} from '../shared/certification.js';
import type { CertificationView } from '../shared/bridge/index.js';
import type { EventHub } from './event-hub.js';
import { HostError, badInput } from './host-error.js';

/** Where the till's calls go while it is being certified. */
export interface CertificationTarget {
  readonly apiBaseUrl: string;
  readonly merchantVat: string;
  readonly journalDir: string;
}

export interface CertificationLinkDeps {
  readonly dataDir: string;
  readonly hub: EventHub;
  readonly fetch: typeof fetch;
  /** The identity the session certifies: the till's current settings. */
  readonly identity: () => {
    readonly clientId: string;
    readonly clientSystemName: string;
    readonly clientSystemVersion: string;
    readonly merchantVat: string;
  };
  /** The embedded emulator's base URL, null with an external backend. */
  readonly embeddedUrl: () => string | null;
  /** Restarts the till on the certification API (or back on its settings with null). */
  readonly switchApi: (target: CertificationTarget | null) => Promise<void>;
  /** How often the session is read while it runs (ms). */
  readonly refreshMs?: number;
}

interface Link {
  readonly serviceUrl: string;
  session: SessionView;
  problem: string | null;
}

const REQUEST_TIMEOUT_MS = 5_000;

/** One certification at a time; its view is pushed as 'certification' events. */
export class CertificationLink {
  private link: Link | null = null;
  private timer: NodeJS.Timeout | null = null;
  private last = '';

  constructor(private readonly deps: CertificationLinkDeps) {}

  view(): CertificationView {
    const { link } = this;
    return {
      connected: link !== null,
      serviceUrl: link?.serviceUrl ?? null,
      apiBaseUrl: link === null ? null : `${link.serviceUrl}${CERTIFICATION_API_PREFIX}`,
      session: link?.session ?? null,
      problem: link?.problem ?? null,
    };
  }

  async start(request: {
    readonly serviceUrl: string | null;
    readonly sections: readonly SectionId[];
  }): Promise<CertificationView> {
    const serviceUrl = (request.serviceUrl ?? this.deps.embeddedUrl())?.replace(/\/+$/, '');
    if (!serviceUrl)
      throw badInput('The till runs on an external backend: give the certification service URL.');
    const identity = this.deps.identity();
    const merchantVat = identity.merchantVat.startsWith('FI')
      ? CERTIFICATION_MERCHANT.vatFi
      : CERTIFICATION_MERCHANT.vatDk;
    const session = await this.call<SessionView>(serviceUrl, 'POST', '/sessions', {
      identification: {
        clientSystemName: identity.clientSystemName,
        clientId: identity.clientId,
        clientSystemVersion: identity.clientSystemVersion,
        merchantVat,
        callbackAlias: null,
        callbackUrl: null,
      },
      sections: request.sections,
    });
    await this.connect(serviceUrl, session);
    return this.view();
  }

  /** A fresh session with the same identification and sections (the site's "Restart certification"). */
  async restart(): Promise<CertificationView> {
    const link = this.required();
    const session = await this.call<SessionView>(
      link.serviceUrl,
      'POST',
      `/sessions/${encodeURIComponent(link.session.id)}/restart`,
    );
    await this.connect(link.serviceUrl, session);
    return this.view();
  }

  async stop(): Promise<CertificationView> {
    this.stopRefreshing();
    if (this.link !== null) {
      this.link = null;
      await this.deps.switchApi(null);
    }
    this.emit();
    return this.view();
  }

  /** Reads the session once (the screen's refresh, and the timer's). */
  async refresh(): Promise<CertificationView> {
    const link = this.link;
    if (link === null) return this.view();
    try {
      link.session = await this.call<SessionView>(
        link.serviceUrl,
        'GET',
        `/sessions/${encodeURIComponent(link.session.id)}`,
      );
      link.problem = null;
    } catch (error) {
      link.problem = error instanceof Error ? error.message : String(error);
    }
    if (link.session.phase === 'completed') this.stopRefreshing();
    else if (link.session.active === false) {
      // A newer session for the same client id (another tester, pos-sim certify) ended this one.
      link.problem =
        'This session was ended by a newer one for the same client id: restart the certification or stop it.';
      this.stopRefreshing();
    }
    this.emit();
    return this.view();
  }

  close(): void {
    this.stopRefreshing();
  }

  private async connect(serviceUrl: string, session: SessionView): Promise<void> {
    this.stopRefreshing();
    this.link = { serviceUrl, session, problem: null };
    await this.deps.switchApi({
      apiBaseUrl: `${serviceUrl}${CERTIFICATION_API_PREFIX}`,
      merchantVat: session.identification.merchantVat,
      // A journal per session: nothing of an earlier run (a PoS, a payment) leaks into the cases.
      journalDir: join(this.deps.dataDir, 'certification', session.id.replace(/[^a-z0-9-]/gi, '_')),
    });
    this.timer = setInterval(() => void this.refresh(), this.deps.refreshMs ?? 1_000);
    this.timer.unref();
    this.emit();
  }

  private required(): Link {
    if (this.link === null) throw new HostError('bad-input', 'No certification is running: start one first.');
    return this.link;
  }

  private stopRefreshing(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private emit(): void {
    const view = this.view();
    const text = JSON.stringify(view);
    if (text === this.last) return;
    this.last = text;
    this.deps.hub.emit({ kind: 'certification', certification: view });
  }

  /** One call of the service's JSON API; its refusal's message becomes the cashier's. */
  private async call<T>(serviceUrl: string, method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.deps.fetch(`${serviceUrl}${CERTIFICATION_CONTROL_PREFIX}/api${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new HostError(
        'backend-unreachable',
        `The certification service at ${serviceUrl} cannot be reached: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      throw new HostError('backend-unreachable', `${serviceUrl} does not answer as a certification service.`);
    }
    if (!response.ok) {
      const message =
        typeof parsed === 'object' && parsed !== null && 'message' in parsed
          ? String((parsed as { message: unknown }).message)
          : `HTTP ${response.status}`;
      throw badInput(`The certification service refused: ${message}`);
    }
    return parsed as T;
  }
}
