// The autopilot's loop against a scripted certification service (over a fake fetch) and the fake
// engine: each step's action carried out once, verdicts announced once, the run ending when the
// session is completed, when stopped, or at its deadline naming the step it waited on.
import { describe, expect, it } from 'vitest';
import type { ClientAction, SessionView, StepStatus, StepView } from '../../../src/shared/certification.js';
import { Autopilot, type AutopilotEvent } from '../../../src/terminal/autopilot/index.js';
import { FakeClock, FakeEngine } from './fake-engine.js';

type Verdict = 'pending' | { readonly passed: string | null } | { readonly failed: string };

interface ScriptStep {
  readonly title: string;
  readonly action: ClientAction | null;
  readonly judge: (engine: FakeEngine) => Verdict;
}

/** A certification service whose one case judges the fake engine's calls on every read. */
class ScriptedService {
  private readonly status: StepStatus[];
  private readonly reasons: (string | null)[];
  private index = 0;
  reads = 0;
  failReads = 0;

  constructor(
    private readonly engine: FakeEngine,
    private readonly steps: readonly ScriptStep[],
  ) {
    this.status = steps.map((_, i) => (i === 0 ? 'in-progress' : 'not-tested'));
    this.reasons = steps.map(() => null);
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    if (!url.startsWith('http://service/certification/api/sessions'))
      return new Response('', { status: 404 });
    if (init?.method === 'POST') return Response.json(this.view(), { status: 201 });
    this.reads += 1;
    if (this.failReads > 0) {
      this.failReads -= 1;
      throw new TypeError('fetch failed');
    }
    this.judge();
    return Response.json(this.view());
  };

  private judge(): void {
    while (this.index < this.steps.length) {
      const verdict = this.steps[this.index]!.judge(this.engine);
      if (verdict === 'pending') return;
      this.status[this.index] = 'passed' in verdict ? 'passed' : 'failed';
      this.reasons[this.index] = 'passed' in verdict ? verdict.passed : verdict.failed;
      this.index += 1;
      if (this.index < this.steps.length) this.status[this.index] = 'in-progress';
    }
  }

  view(): SessionView {
    const steps: StepView[] = this.steps.map((step, i) => ({
      id: `case-1.${i + 1}`,
      title: step.title,
      instruction: `do ${step.title}`,
      service: '',
      judges: '',
      rule: '',
      action: step.action,
      status: this.status[i]!,
      reason: this.reasons[i]!,
      startedAt: null,
      endedAt: null,
    }));
    const done = this.index >= this.steps.length;
    return {
      id: 'session-1',
      identification: {
        clientSystemName: 'spec',
        clientId: 'client',
        clientSystemVersion: '1.0.0',
        merchantVat: 'DK90000028',
        callbackAlias: null,
        callbackUrl: null,
      },
      sections: ['onboarding'],
      phase: done ? 'completed' : 'certification',
      cases: [
        {
          id: 'case-1',
          section: 'onboarding',
          title: 'Onboard',
          description: '',
          status: 'in-progress',
          steps,
        },
      ],
      current: done ? null : { caseId: 'case-1', stepId: `case-1.${this.index + 1}` },
      apiBaseUrl: 'http://service/pos-self-certification-api',
      pollDelayMs: 100,
      startedAt: 0,
      completedAt: done ? 1 : null,
      passed: done && this.status.every((s) => s === 'passed'),
    };
  }
}

const IDENTIFICATION = {
  clientSystemName: 'spec',
  clientId: 'client',
  clientSystemVersion: '1.0.0',
  merchantVat: 'DK90000028',
  callbackAlias: null,
  callbackUrl: null,
} as const;

const called =
  (name: string, times = 1) =>
  (engine: FakeEngine) =>
    engine.names().filter((n) => n === name).length >= times ? { passed: null } : ('pending' as const);

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

function setup(steps: readonly ScriptStep[], options: { deadlineMs?: number; signal?: AbortSignal } = {}) {
  const clock = new FakeClock();
  const engine = new FakeEngine(clock);
  const service = new ScriptedService(engine, steps);
  const events: AutopilotEvent[] = [];
  const autopilot = new Autopilot({
    serviceUrl: 'http://service/',
    engine,
    merchantVat: 'DK90000028',
    // Each wait moves the fake clock and lets the real event loop turn (the actions run meanwhile).
    deps: { now: clock.now, sleep: (ms, signal) => clock.sleep(ms, signal).then(tick), fetch: service.fetch },
    onEvent: (event) => void events.push(event),
    sessionPollMs: 50,
    ...options,
  });
  const lines = () =>
    events.map((e) => {
      if (e.kind === 'step.passed' || e.kind === 'step.started') return `${e.kind} ${e.step.id}`;
      if (e.kind === 'step.failed') return `${e.kind} ${e.step.id}: ${e.reason}`;
      if (e.kind === 'action.started' || e.kind === 'action.done') return `${e.kind} ${e.action.do}`;
      if (e.kind === 'action.failed') return `${e.kind} ${e.action.do}: ${e.code}`;
      return e.kind;
    });
  return { clock, engine, service, autopilot, events, lines };
}

describe('the autopilot', () => {
  it('carries out each step action once, announces each verdict once, and ends when the session is completed', async () => {
    const { engine, autopilot, lines } = setup([
      {
        title: 'find',
        action: { do: 'find-store', merchantBrandId: 'MPPOSCERT1', merchantLocationId: '00001' },
        judge: called('findStores'),
      },
      {
        title: 'onboard',
        action: {
          do: 'onboard',
          posName: 'P',
          merchantPosId: 'm',
          beaconId: null,
          supportedBeaconTypes: ['QR'],
        },
        judge: called('onboard'),
      },
      { title: 'retried', action: null, judge: () => ({ passed: 'same key' }) },
      {
        title: 'watch',
        action: { do: 'watch-check-in' },
        judge: (e) => (called('watchCheckIn')(e) === 'pending' ? 'pending' : { failed: 'polled too fast' }),
      },
    ]);
    const session = await autopilot.start({ identification: IDENTIFICATION, sections: ['onboarding'] });
    const result = await autopilot.run(session.id);
    expect(result).toMatchObject({ kind: 'completed', session: { phase: 'completed', passed: false } });
    expect(engine.names()).toEqual(['findStores', 'onboard', 'watchCheckIn']);
    const seen = lines();
    expect(seen.filter((l) => l.startsWith('step.'))).toEqual([
      'step.started case-1.1',
      'step.passed case-1.1',
      'step.started case-1.2',
      'step.passed case-1.2',
      'step.started case-1.3',
      'step.passed case-1.3',
      'step.started case-1.4',
      'step.failed case-1.4: polled too fast',
    ]);
    expect(seen.filter((l) => l === 'action.started onboard')).toHaveLength(1);
    expect(seen[0]).toBe('session.started');
  });

  it("reports an action's engine error and lets the judge decide", async () => {
    let reads = 0;
    const { autopilot, lines } = setup([
      {
        title: 'cancel',
        action: { do: 'cancel-payment' },
        judge: () => ((reads += 1) < 3 ? 'pending' : { failed: 'no cancel came' }),
      },
    ]);
    const result = await autopilot.run('session-1');
    expect(result.kind).toBe('completed');
    await new Promise((r) => setTimeout(r, 5));
    expect(lines()).toContain('action.failed cancel-payment: flow.unknown-payment');
  });

  it('keeps reading through a failed read of the session', async () => {
    const { service, autopilot, lines } = setup([
      {
        title: 'find',
        action: { do: 'find-store', merchantBrandId: 'MPPOSCERT1', merchantLocationId: '00001' },
        judge: called('findStores'),
      },
    ]);
    service.failReads = 1;
    expect((await autopilot.run('session-1')).kind).toBe('completed');
    expect(lines()).toContain('service.error');
  });

  it('gives up at its deadline and names the step it was waiting on', async () => {
    const { clock, autopilot, engine } = setup(
      [{ title: 'never', action: { do: 'watch-check-in' }, judge: () => 'pending' }],
      { deadlineMs: 500 },
    );
    const start = clock.now();
    const result = await autopilot.run('session-1');
    expect(result).toMatchObject({
      kind: 'timed-out',
      waitingOn: { stepId: 'case-1.1', stepTitle: 'never', instruction: 'do never', case: { id: 'case-1' } },
    });
    expect(clock.now() - start).toBeGreaterThanOrEqual(500);
    expect(clock.now() - start).toBeLessThan(600);
    // The watch it started was stopped with the run.
    expect((engine.calls[0]!.args[0] as { signal: AbortSignal }).signal.aborted).toBe(true);
  });

  it('stops when its signal aborts', async () => {
    const stop = new AbortController();
    const { autopilot } = setup([{ title: 'never', action: null, judge: () => 'pending' }], {
      signal: stop.signal,
    });
    const run = autopilot.run('session-1');
    stop.abort();
    expect(await run).toMatchObject({ kind: 'stopped', waitingOn: { stepId: 'case-1.1' } });
  });
});
