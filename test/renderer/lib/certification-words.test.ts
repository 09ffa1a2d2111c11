import { describe, expect, it } from 'vitest';
import {
  caseNumber,
  certificationChipText,
  currentStep,
  lastVerdict,
  progressText,
  resultText,
  sectionsToStart,
  serviceUrlProblem,
  sessionLinks,
  sessionProgress,
} from '../../../src/renderer/lib/certification-words.js';
import { connectedCertification, makeSession, passedSession, patchSteps, T0 } from '../fixtures.js';

describe('certification words', () => {
  it('always sends onboarding, and the sections in the site’s order', () => {
    expect(sectionsToStart([])).toEqual(['onboarding']);
    expect(sectionsToStart(['refunds', 'payments', 'onboarding'])).toEqual([
      'onboarding',
      'payments',
      'refunds',
    ]);
  });

  it('accepts only http and https service URLs', () => {
    expect(serviceUrlProblem('http://192.168.1.20:8080')).toBeNull();
    expect(serviceUrlProblem('https://cert.example.com')).toBeNull();
    expect(serviceUrlProblem('cert.example.com')).toMatch(/http:\/\/ or https:\/\//);
    expect(serviceUrlProblem('')).not.toBeNull();
  });

  it('counts the judged steps, the passes and the failures', () => {
    const session = patchSteps(makeSession(), {
      'onboarding-1.1': { status: 'passed' },
      'onboarding-1.2': { status: 'failed', reason: 'A new idempotency key on the retry' },
    });
    expect(sessionProgress(session)).toEqual({ steps: 5, judged: 2, passed: 1, failed: 1 });
    expect(progressText(sessionProgress(session))).toBe('2 of 5 steps judged · 1 passed · 1 failed');
  });

  it('finds the step the service waits for and numbers cases within their section', () => {
    const session = makeSession({ current: { caseId: 'payments-1', stepId: 'payments-1.1' } });
    const found = currentStep(session);
    expect(found?.step.title).toBe('Initiate a payment of 10.00 DKK');
    expect(found?.number).toBe(1);
    expect(caseNumber(session, session.cases[1]!)).toBe(2);
    expect(currentStep(makeSession({ current: null }))).toBeNull();
    expect(currentStep(makeSession({ current: { caseId: 'gone', stepId: 'gone.1' } }))).toBeNull();
  });

  it('names the latest verdict by when it was given', () => {
    expect(lastVerdict(makeSession())).toBeNull();
    const session = patchSteps(makeSession(), {
      'onboarding-1.1': { status: 'failed', endedAt: T0 + 5000 },
      'onboarding-1.2': { status: 'passed', endedAt: T0 + 3000 },
    });
    expect(lastVerdict(session)?.step.id).toBe('onboarding-1.1');
  });

  it('says the verdict of a completed session', () => {
    expect(resultText(passedSession())).toBe('Certification passed: every step passed.');
    const failed = patchSteps(passedSession(), { 'payments-1.1': { status: 'failed' } }, { passed: false });
    expect(resultText(failed)).toBe('Certification failed: 1 step failed.');
  });

  it('addresses the report and the certificate under the service’s JSON API', () => {
    expect(sessionLinks('http://127.0.0.1:8080/', 'cert 1')).toEqual({
      report: 'http://127.0.0.1:8080/certification/api/sessions/cert%201/report',
      certificate: 'http://127.0.0.1:8080/certification/api/sessions/cert%201/certificate',
    });
  });

  it('words the header chip by the session’s phase', () => {
    expect(certificationChipText(connectedCertification())).toBe('Certifying');
    expect(certificationChipText(connectedCertification({ session: passedSession() }))).toBe(
      'Certifying: passed',
    );
  });
});
