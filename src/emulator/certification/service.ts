// The certification service: sessions (in memory, one active per client id), and the link from the
// request log to them. Every request through the certification base is read from the log as it is
// logged and handed to the active session of its x-ibm-client-id (whatever its version header says,
// so that a missing or wrong one can be judged). With a real clock a timer re-judges active sessions,
// so quiet windows end without a request; on a virtual clock reading a session does the same.
import { randomUUID } from 'node:crypto';
import {
  CERTIFICATION_SECTIONS,
  type CaseView,
  type Identification,
  type SectionId,
  type SessionView,
  type StartSessionRequest,
} from '../../shared/certification.js';
import type { Clock } from '../clock.js';
import type { FaultRules } from '../control/fault-rules.js';
import type { RequestLog } from '../control/request-log.js';
import type { EmulatorCore } from '../domain/core.js';
import type { EmulatorEvent, EventBus } from '../events.js';
import { isCertificationUrl } from './api-base.js';
import { CONDUCT_CASE, conductSteps } from './catalogue-conduct.js';
import { buildCatalogue, catalogueParams } from './catalogue.js';
import { observe } from './observed-request.js';
import { CertificationSession } from './session.js';
import { catalogueViews } from './session-view.js';

/** How many sessions are kept for reading (reports, certificates) before the oldest ended ones go. */
const MAX_SESSIONS = 200;

/** The emulator parts the service needs: state, clock, events, faults and the request log. */
export interface CertificationServiceDeps {
  readonly core: EmulatorCore;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly faults: FaultRules;
  readonly requests: RequestLog;
  /** How often active sessions are re-judged on a real clock (0: never; a virtual clock never ticks). */
  readonly tickMs?: number;
  readonly newId?: () => string;
}

/** Sessions by id and the active one per client id; fed by the emulator's event bus. */
export class CertificationService {
  private readonly sessions = new Map<string, CertificationSession>();
  private readonly activeByClient = new Map<string, CertificationSession>();
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout | null;
  private readonly newId: () => string;

  constructor(private readonly deps: CertificationServiceDeps) {
    this.newId = deps.newId ?? randomUUID;
    this.unsubscribe = deps.events.subscribe((event) => this.handle(event));
    const tickMs = deps.clock.mode === 'real' ? (deps.tickMs ?? 250) : 0;
    this.timer = tickMs > 0 ? setInterval(() => this.tick(), tickMs) : null;
    this.timer?.unref();
  }

  /** Starts a session for the identified client; its earlier active session (if any) ends. */
  start(request: StartSessionRequest, apiBaseUrl: string): SessionView {
    return this.open(request.identification, request.sections, apiBaseUrl).view();
  }

  /** A fresh session with the same identification and sections. */
  restart(id: string): SessionView | undefined {
    const previous = this.sessions.get(id);
    if (!previous) return undefined;
    return this.open(previous.identification, previous.sections, previous.apiBaseUrl).view();
  }

  /** The session as it is now (re-judged first, so verdicts that wait for time are up to date). */
  get(id: string): SessionView | undefined {
    const session = this.sessions.get(id);
    session?.tick();
    return session?.view();
  }

  /** The identification and sections of a session (for the callback). */
  identification(id: string): Identification | undefined {
    return this.sessions.get(id)?.identification;
  }

  /** The session's PoS and everything else the notification body needs is read from the core. */
  sessionPosId(id: string): string | null {
    const session = this.sessions.get(id);
    return session ? session.posId() : null;
  }

  /** Sessions, newest first; only those of one client when asked. */
  list(clientId?: string): readonly SessionView[] {
    const wanted = clientId?.toLowerCase();
    return [...this.sessions.values()]
      .filter((s) => wanted === undefined || s.identification.clientId.toLowerCase() === wanted)
      .reverse()
      .map((s) => {
        s.tick();
        return s.view();
      });
  }

  /** The cases of the given sections (all when none) without a session: what each step will ask and judge. */
  catalogue(sections: readonly SectionId[] = [], merchantVat = 'DK90000028'): readonly CaseView[] {
    const params = catalogueParams('example', merchantVat, this.deps.core.pollDelayMs);
    const all = sections.length > 0 ? sections : CERTIFICATION_SECTIONS;
    return catalogueViews(buildCatalogue(all, params), CONDUCT_CASE, conductSteps(params.pollDelayMs));
  }

  /** Re-judges every active session (quiet windows, on a real clock). */
  tick(): void {
    for (const session of this.activeByClient.values()) session.tick();
  }

  close(): void {
    this.unsubscribe();
    if (this.timer) clearInterval(this.timer);
    for (const session of this.activeByClient.values()) session.end();
    this.activeByClient.clear();
  }

  private open(
    identification: Identification,
    sections: readonly SectionId[],
    apiBaseUrl: string,
  ): CertificationSession {
    const key = identification.clientId.toLowerCase();
    this.activeByClient.get(key)?.end();
    const id = this.newId();
    const tag = id.replace(/-/g, '').slice(0, 8);
    const params = catalogueParams(tag, identification.merchantVat, this.deps.core.pollDelayMs);
    const session = new CertificationSession(id, identification, sections, params, apiBaseUrl, this.deps);
    this.sessions.set(id, session);
    this.activeByClient.set(key, session);
    this.forgetOldest();
    return session;
  }

  /** Keeps memory bounded: the oldest sessions that are no longer active are forgotten first. */
  private forgetOldest(): void {
    for (const [id, session] of this.sessions) {
      if (this.sessions.size <= MAX_SESSIONS) return;
      if (!session.active) this.sessions.delete(id);
    }
  }

  /** A logged request through the certification base goes to its client's active session. */
  private handle(event: EmulatorEvent): void {
    if (event.kind !== 'request' || !isCertificationUrl(event.url)) return;
    const entry = this.deps.requests.get(event.id);
    if (!entry) return;
    const clientId = entry.headers['x-ibm-client-id'];
    if (typeof clientId !== 'string') return;
    const session = this.activeByClient.get(clientId.toLowerCase());
    if (!session?.active) return;
    session.observe(observe(entry));
  }
}
