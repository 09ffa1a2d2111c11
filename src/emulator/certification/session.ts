// One certification session: the cases of the selected sections, the step the service waits for,
// and the verdicts. Fed each of the client's requests through the certification base as the request
// log records it; after each one (and on demand, for verdicts that need time to pass) it runs the
// current step's customer play and judge, moves on, and arms the next step.
import type { Identification, SectionId, SessionView } from '../../shared/certification.js';
import type { Clock } from '../clock.js';
import type { FaultRules } from '../control/fault-rules.js';
import type { EmulatorCore } from '../domain/core.js';
import { CONDUCT_CASE, conductSteps } from './catalogue-conduct.js';
import { buildCatalogue, normalizeSections } from './catalogue.js';
import { ConductTracker } from './conduct.js';
import { field, idField, succeeded, type ObservedRequest } from './observed-request.js';
import { CoreWorld, serviceActions } from './session-world.js';
import { caseViews, type CaseRuntime, type StepRuntime } from './session-view.js';
import { failed, type CatalogueParams, type StepContext, type Verdict } from './step-model.js';

/** What a session uses of the emulator: its core, its clock and the fault rules. */
export interface SessionDeps {
  readonly core: EmulatorCore;
  readonly clock: Clock;
  readonly faults: FaultRules;
}

/** A session's cases, requests and verdicts; one per start or restart. */
export class CertificationSession {
  readonly sections: readonly SectionId[];
  readonly startedAt: number;
  completedAt: number | null = null;
  /** False once concluded or replaced: its faults are gone and requests no longer reach it. */
  active = true;
  private readonly cases: CaseRuntime[];
  private readonly requests: ObservedRequest[] = [];
  private readonly knownPoses: string[] = [];
  private readonly conduct = new ConductTracker();
  private readonly conductSteps: StepRuntime[];
  private qrHidden = false;
  private advancing = false;

  constructor(
    readonly id: string,
    readonly identification: Identification,
    sections: readonly SectionId[],
    private readonly params: CatalogueParams,
    readonly apiBaseUrl: string,
    private readonly deps: SessionDeps,
  ) {
    this.sections = normalizeSections(sections);
    this.startedAt = deps.clock.now();
    const runtime = (def: StepRuntime['def']): StepRuntime => ({
      def,
      status: 'not-tested',
      reason: null,
      startedAt: null,
      endedAt: null,
      startIndex: 0,
      faultIds: [],
    });
    this.cases = buildCatalogue(this.sections, params).map((def) => ({
      def,
      steps: def.steps.map(runtime),
      operationIndex: 0,
    }));
    this.conductSteps = conductSteps(params.pollDelayMs).map(() => ({
      ...runtime(null),
      status: 'in-progress',
      startedAt: this.startedAt,
    }));
    this.advance();
  }

  /** One request of the session's client through the certification base, just logged. */
  observe(request: ObservedRequest): void {
    if (!this.active) return;
    this.requests.push(request);
    this.notePoses(request);
    const world = this.world();
    this.conduct.observe(request, {
      identification: this.identification,
      pollDelayMs: this.params.pollDelayMs,
      activePaymentStatus: (posId) => world.activePayment(posId)?.status ?? null,
      qrHidden: this.qrHidden,
    });
    this.refreshConduct();
    this.advance();
  }

  /** Re-judges now: verdicts that wait for time to pass (a quiet window) are decided here. */
  tick(): void {
    if (this.active) this.advance();
  }

  /** The PoS the session works with (created in onboarding), or null before it exists. */
  posId(): string | null {
    return this.world().posId;
  }

  /** Stops the session: its remaining fault rules are removed. */
  end(): void {
    this.active = false;
    for (const step of this.cases.flatMap((c) => c.steps)) this.clearFaults(step);
  }

  view(): SessionView {
    const current = this.currentStep();
    const cases = caseViews(
      this.cases,
      CONDUCT_CASE,
      conductSteps(this.params.pollDelayMs),
      this.conductSteps,
    );
    return {
      id: this.id,
      identification: this.identification,
      sections: this.sections,
      phase: this.completedAt === null ? 'certification' : 'completed',
      cases,
      current: current
        ? { caseId: current.kase.def.id, stepId: `${current.kase.def.id}.${current.index + 1}` }
        : null,
      apiBaseUrl: this.apiBaseUrl,
      pollDelayMs: this.params.pollDelayMs,
      startedAt: this.startedAt,
      completedAt: this.completedAt,
      passed: cases.every((c) => c.steps.every((s) => s.status === 'passed')),
      active: this.active,
    };
  }

  private world(): CoreWorld {
    return new CoreWorld(this.deps.core, this.identification, this.knownPoses);
  }

  /** PoS ids the client learned through the session: created, looked up or read. */
  private notePoses(r: ObservedRequest): void {
    const ids: string[] = [];
    const created = idField(r.response, 'posId');
    if (r.operation === 'pos-create' && created !== null) ids.push(created);
    if (r.operation === 'pos-list' && succeeded(r)) {
      const listed = field(r.response, 'posIds');
      if (Array.isArray(listed)) ids.push(...listed.filter((id): id is string => typeof id === 'string'));
    }
    for (const id of ids)
      if (!this.knownPoses.includes(id.toLowerCase())) this.knownPoses.push(id.toLowerCase());
  }

  private currentStep(): { kase: CaseRuntime; step: StepRuntime; index: number } | null {
    for (const kase of this.cases)
      for (const [index, step] of kase.steps.entries())
        if (step.status === 'not-tested' || step.status === 'in-progress') return { kase, step, index };
    return null;
  }

  private context(kase: CaseRuntime, step: StepRuntime): StepContext {
    const caseStart = kase.steps[0]!.startIndex;
    return {
      now: this.deps.clock.now(),
      pollDelayMs: this.params.pollDelayMs,
      world: this.world(),
      caseRequests: this.requests.slice(caseStart),
      operationRequests: this.requests.slice(kase.operationIndex),
      stepRequests: this.requests.slice(step.startIndex),
      stepStartedAt: step.startedAt ?? this.deps.clock.now(),
    };
  }

  private advance(): void {
    // A customer move publishes events synchronously; never re-enter while a step is being handled.
    if (this.advancing) return;
    this.advancing = true;
    try {
      for (let guard = 0; guard < 1000; guard += 1) {
        const current = this.currentStep();
        if (current === null) return this.complete();
        const { kase, step } = current;
        if (step.status === 'not-tested') this.start(kase, step);
        const verdict = this.judge(kase, step);
        if (verdict.kind === 'pending') return;
        this.conclude(kase, step, verdict);
      }
    } finally {
      this.advancing = false;
    }
  }

  private start(kase: CaseRuntime, step: StepRuntime): void {
    step.status = 'in-progress';
    step.startedAt = this.deps.clock.now();
    step.startIndex = this.requests.length;
    const def = step.def!;
    if (def.action !== null || kase.steps[0] === step) kase.operationIndex = step.startIndex;
    // "Hide the QR code" holds until the QR is shown again or the case ends (a till may show its QR
    // when idle, and no case after it asks otherwise).
    if (def.action?.do === 'watch-check-in' || kase.steps[0] === step) this.qrHidden = false;
    this.guarded(step, () => def.arm?.(this.context(kase, step), this.actions(step)));
  }

  private judge(kase: CaseRuntime, step: StepRuntime): Verdict {
    const def = step.def!;
    this.guarded(step, () => def.play?.(this.context(kase, step), this.actions(step)));
    try {
      return def.judge(this.context(kase, step));
    } catch (error) {
      return failed(`the service could not judge this step: ${(error as Error).message}`);
    }
  }

  private conclude(
    kase: CaseRuntime,
    step: StepRuntime,
    verdict: Exclude<Verdict, { kind: 'pending' }>,
  ): void {
    step.status = verdict.kind;
    step.reason = verdict.kind === 'failed' ? verdict.reason : (verdict.note ?? null);
    step.endedAt = this.deps.clock.now();
    if (step.def?.action?.do === 'hide-qr') this.qrHidden = true;
    if (kase.steps.at(-1) === step) for (const done of kase.steps) this.clearFaults(done);
  }

  private complete(): void {
    if (this.completedAt !== null) return;
    const now = this.deps.clock.now();
    conductSteps(this.params.pollDelayMs).forEach((text, index) => {
      const step = this.conductSteps[index]!;
      const verdict = this.conduct.verdict(text.rule);
      step.status = verdict.kind === 'failed' ? 'failed' : 'passed';
      step.reason = verdict.kind === 'failed' ? verdict.reason : null;
      step.endedAt = now;
    });
    this.completedAt = now;
    this.end();
  }

  /** Conduct steps fail as soon as a breach is seen, so the tester sees it live. */
  private refreshConduct(): void {
    if (this.completedAt !== null) return;
    conductSteps(this.params.pollDelayMs).forEach((text, index) => {
      const verdict = this.conduct.verdict(text.rule);
      const step = this.conductSteps[index]!;
      if (verdict.kind === 'failed' && step.status !== 'failed') {
        step.status = 'failed';
        step.reason = verdict.reason;
        step.endedAt = this.deps.clock.now();
      } else if (verdict.kind === 'failed') step.reason = verdict.reason;
    });
  }

  private actions(step: StepRuntime) {
    return serviceActions({
      core: this.deps.core,
      faults: this.deps.faults,
      identification: this.identification,
      world: this.world(),
      onFault: (id) => step.faultIds.push(id),
    });
  }

  private clearFaults(step: StepRuntime): void {
    for (const id of step.faultIds.splice(0)) this.deps.faults.remove(id);
  }

  /** Arm and play must never break the request they run after; a failure becomes the step's verdict. */
  private guarded(step: StepRuntime, run: () => void): void {
    try {
      run();
    } catch (error) {
      step.reason = `the service could not set up this step: ${(error as Error).message}`;
    }
  }
}
