// What `pos-sim certify` prints and writes: one line per verdict, engine errors as notes under it,
// the summary, why a run ended early, and the files (never a certificate the run did not earn).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { progressLine, summaryLine, unfinishedReason, writeOutputs } from '../../src/cli/certify-output.js';
import type { SessionView, StepView } from '../../src/shared/certification.js';
import { CertificationServiceClient } from '../../src/terminal/autopilot/index.js';

const step = (status: StepView['status'], reason: string | null = null): StepView => ({
  id: 'payments-4.2',
  title: 'The customer cancels',
  instruction: 'Keep following the payment.',
  service: '',
  judges: '',
  rule: '',
  action: null,
  status,
  reason,
  startedAt: null,
  endedAt: null,
});

const session = (steps: readonly StepView[], passed: boolean): SessionView => ({
  id: 's1',
  identification: {
    clientSystemName: 'pos-sim CLI',
    clientId: 'c',
    clientSystemVersion: '0.1.0',
    merchantVat: 'DK90000028',
    callbackAlias: null,
    callbackUrl: null,
  },
  sections: ['onboarding', 'payments'],
  phase: 'completed',
  cases: [
    {
      id: 'payments-4',
      section: 'payments',
      title: 'Cancel by user',
      description: '',
      status: 'passed',
      steps,
    },
  ],
  current: null,
  apiBaseUrl: 'http://x/pos-self-certification-api',
  pollDelayMs: 50,
  startedAt: 0,
  completedAt: 1,
  passed,
});

const ref = { id: 'payments-4', title: 'Cancel by user', section: 'payments' } as const;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('pos-sim certify output', () => {
  it('prints a line per verdict and notes engine errors under it', () => {
    expect(progressLine({ kind: 'step.passed', case: ref, step: step('passed') })).toBe(
      '✔ Cancel by user › The customer cancels',
    );
    expect(progressLine({ kind: 'step.passed', case: ref, step: step('passed', 'seen once') })).toBe(
      '✔ Cancel by user › The customer cancels — seen once',
    );
    expect(
      progressLine({ kind: 'step.failed', case: ref, step: step('failed', 'x'), reason: 'kept polling' }),
    ).toBe('✘ Cancel by user › The customer cancels — kept polling');
    expect(
      progressLine({
        kind: 'action.failed',
        stepId: 'refunds-2.7',
        action: { do: 'refund', amount: 150, currencyCode: 'DKK' },
        code: 'pos.api',
        apiCode: '1367',
        message: 'refused',
      }),
    ).toBe('    · refund: refused [pos.api 1367]');
    expect(progressLine({ kind: 'step.started', case: ref, step: step('in-progress') })).toBeNull();
  });

  it('sums the verdicts up, and says why a run ended early', () => {
    const done = session([step('passed'), step('failed', 'no')], false);
    expect(summaryLine({ kind: 'completed', session: done, elapsedMs: 12_345 })).toBe(
      'FAILED: 1 of 2 steps passed, 1 failed in 1 cases (12.3 s)',
    );
    const ok = session([step('passed')], true);
    expect(summaryLine({ kind: 'completed', session: ok, elapsedMs: 900 })).toBe(
      'PASSED: 1 of 1 steps passed in 1 cases (0.9 s)',
    );
    const waiting = {
      case: ref,
      stepId: 'payments-4.2',
      stepTitle: 'The customer cancels',
      instruction: 'Keep following the payment.',
    };
    expect(
      unfinishedReason({ kind: 'timed-out', session: ok, waitingOn: waiting, elapsedMs: 1 }, 300_000),
    ).toBe(
      'gave up after 300 s waiting on Cancel by user › The customer cancels (payments-4.2): Keep following the payment.',
    );
    expect(unfinishedReason({ kind: 'completed', session: ok, elapsedMs: 1 }, 1)).toBeNull();
  });

  it('writes the report and the JUnit XML, and removes an earlier certificate the run did not earn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-sim-certify-out-'));
    dirs.push(dir);
    const fetch = async (input: string | URL | Request): Promise<Response> =>
      new Response(String(input).endsWith('/report') ? '<!doctype html>' : '<testsuites/>');
    const service = new CertificationServiceClient('http://127.0.0.1:9', { fetch });
    const lines = await writeOutputs(service, session([step('failed', 'no')], false), join(dir, 'out'));
    expect(lines.at(-1)).toBe('certificate: not issued (not every step passed)');
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toBe('<!doctype html>');
    expect(readFileSync(join(dir, 'out', 'junit.xml'), 'utf8')).toBe('<testsuites/>');
    writeFileSync(join(dir, 'out', 'certificate.json'), '{"stale":true}');
    await writeOutputs(service, session([step('failed', 'no')], false), join(dir, 'out'));
    expect(existsSync(join(dir, 'out', 'certificate.json'))).toBe(false);
  });
});
