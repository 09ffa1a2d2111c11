// Hand-built certification sessions for the certificate, report, JUnit and UI specs: small, readable,
// independent of the case catalogue, with the statuses each spec needs.
import type { CaseView, SessionView, StepStatus, StepView } from '../../../src/shared/certification.js';

/** A fixed instant: 2024-05-01T10:00:00Z. */
export const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

/** A step with its instructions filled in; timings only when it ran. */
export function step(id: string, status: StepStatus, overrides: Partial<StepView> = {}): StepView {
  const ran = status === 'passed' || status === 'failed';
  return {
    id,
    title: `Step ${id}`,
    instruction: `Do ${id} on the client`,
    service: `The service answers ${id}`,
    judges: `Judges ${id}`,
    rule: `api-principles.md: rule of ${id}`,
    action: null,
    status,
    reason: status === 'failed' ? `Reason ${id} failed` : null,
    startedAt: status === 'not-tested' ? null : T0,
    endedAt: ran ? T0 + 1500 : null,
    ...overrides,
  };
}

/** A case whose status follows its steps, as the service computes it. */
export function kase(id: string, section: CaseView['section'], steps: readonly StepView[]): CaseView {
  const statuses = steps.map((s) => s.status);
  const status: StepStatus = statuses.includes('failed')
    ? 'failed'
    : statuses.every((s) => s === 'passed')
      ? 'passed'
      : statuses.every((s) => s === 'not-tested')
        ? 'not-tested'
        : 'in-progress';
  return { id, section, title: `Case ${id}`, description: `What ${id} certifies`, status, steps };
}

/** A session; passed when every step passed, unless overridden. */
export function session(cases: readonly CaseView[], overrides: Partial<SessionView> = {}): SessionView {
  const passed = cases.every((c) => c.steps.every((s) => s.status === 'passed'));
  return {
    id: 'session-1',
    identification: {
      clientSystemName: 'Till Pro',
      clientId: 'client-123',
      clientSystemVersion: '2.3.17',
      merchantVat: 'DK90000028',
      callbackAlias: null,
      callbackUrl: null,
    },
    sections: [...new Set(cases.map((c) => c.section))],
    phase: 'completed',
    cases,
    current: null,
    apiBaseUrl: 'http://127.0.0.1:8080/pos-self-certification-api/pos/v10',
    pollDelayMs: 1000,
    startedAt: T0,
    completedAt: T0 + 60_000,
    passed,
    ...overrides,
  };
}

/** Every step of onboarding and payments passed. */
export function passedSession(): SessionView {
  return session([
    kase('onboarding-1', 'onboarding', [step('onboarding-1.1', 'passed'), step('onboarding-1.2', 'passed')]),
    kase('payments-1', 'payments', [step('payments-1.1', 'passed')]),
  ]);
}

/** One failed, one not tested, markup in the names: what a misbehaving client's report must show. */
export function failedSession(): SessionView {
  return session(
    [
      kase('onboarding-1', 'onboarding', [
        step('onboarding-1.1', 'passed'),
        step('onboarding-1.2', 'failed', {
          title: 'Create a PoS <b>(500)</b>',
          reason: 'A new idempotency key on retry: <script>alert("x")</script> & more',
        }),
      ]),
      kase('payments-1', 'payments', [step('payments-1.1', 'not-tested')]),
    ],
    {
      identification: {
        clientSystemName: '<script>alert(1)</script> Till',
        clientId: 'client-"quoted"',
        clientSystemVersion: '2.3.17',
        merchantVat: 'DK90000028',
        callbackAlias: 'alias',
        callbackUrl: 'https://integrator.example/notify?a=1&b=2',
      },
    },
  );
}
