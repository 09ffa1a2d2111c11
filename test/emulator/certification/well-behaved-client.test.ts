// The certification service against a well-behaved client: every step of every section passes,
// judged from the requests the client sent through the certification base on the virtual clock,
// and the approval step then signs a certificate that verifies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CERTIFICATION_SECTIONS, type SessionView } from '../../../src/shared/certification.js';
import {
  certify,
  failures,
  startEmulator,
  stepsOf,
  type CertificationHarness,
} from './certification-harness.js';

let h: CertificationHarness;
beforeEach(async () => {
  h = await startEmulator();
});
afterEach(async () => h.close());

const api = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const response = await h.app.inject({
    method,
    url: `/certification/api${url}`,
    ...(payload ? { payload } : {}),
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
};

describe('a well-behaved client', () => {
  it("passes onboarding: the old site's three cases, then the client conduct", async () => {
    const session = await certify(h, []);
    expect(session.sections).toEqual(['onboarding']);
    expect(session.cases.map((c) => [c.id, c.title, c.steps.map((s) => s.title)])).toEqual([
      [
        'onboarding-1',
        'Onboard a PoS',
        [
          'Find the store',
          'Create a PoS (timeout)',
          'Create a PoS (500 Internal Server Error)',
          'Create a PoS',
        ],
      ],
      [
        'onboarding-2',
        'Offboard a PoS',
        ['Delete a PoS (timeout)', 'Delete a PoS (500 Internal Server Error)', 'Delete a PoS'],
      ],
      ['onboarding-3', 'Onboard a PoS (final)', ['Create a PoS']],
      ['conduct', 'Client conduct', expect.any(Array)],
    ]);
    expect(failures(session)).toEqual({});
    expect(session).toMatchObject({ phase: 'completed', passed: true, current: null });
  });

  it('passes every section, in the order of the selection step', async () => {
    const session = await certify(h, [...CERTIFICATION_SECTIONS].reverse());
    expect(session.sections).toEqual(CERTIFICATION_SECTIONS);
    expect(failures(session)).toEqual({});
    expect(stepsOf(session).every((s) => s.status === 'passed' && s.endedAt !== null)).toBe(true);
    expect(session.passed).toBe(true);
  });

  it('certifies as the Finnish merchant: amounts in EUR, the Finnish test users', async () => {
    const session = await certify(h, ['payments', 'prepared-payments', 'refunds'], {}, 'FI90000040');
    expect(failures(session)).toEqual({});
    const currencies = stepsOf(session).flatMap((s) =>
      s.action?.do === 'initiate-payment' ? [s.action.currencyCode] : [],
    );
    expect(new Set(currencies)).toEqual(new Set(['EUR']));
    expect(stepsOf(session).some((s) => s.service.includes('+358200318001'))).toBe(true);
  });

  it('gets a certificate for Major.Minor that the public key verifies, and a report and JUnit XML', async () => {
    const session: SessionView = await certify(h, ['payments', 'refunds']);
    const certificate = await api('GET', `/sessions/${session.id}/certificate`);
    expect(certificate.status).toBe(200);
    expect(certificate.body['certificate']).toMatchObject({
      sessionId: session.id,
      certifiedVersion: '1.4',
      testedVersion: '1.4.2',
      sections: ['onboarding', 'payments', 'refunds'],
    });
    expect((await api('POST', '/verify', certificate.body)).body).toMatchObject({ valid: true });
    const tampered = {
      ...certificate.body,
      certificate: {
        ...(certificate.body['certificate'] as object),
        sections: ['onboarding', 'payments', 'refunds', 'loyalty'],
      },
    };
    expect((await api('POST', '/verify', tampered)).body).toMatchObject({ valid: false });
    const report = await h.app.inject({
      method: 'GET',
      url: `/certification/api/sessions/${session.id}/report`,
    });
    expect(report.headers['content-type']).toMatch(/^text\/html/);
    const junit = await h.app.inject({
      method: 'GET',
      url: `/certification/api/sessions/${session.id}/junit`,
    });
    expect(junit.body).toContain('<testsuites');
  });
});
