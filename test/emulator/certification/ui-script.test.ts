// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../src/shared/certification.js';
import { failedSession, kase, passedSession, session, step } from './fixtures.js';
import { openPage, type ApiCall, type Page } from './ui-page.js';

const API = '/certification/api';
const CERTIFICATE = {
  certificate: { certifiedVersion: '2.3' },
  algorithm: 'Ed25519',
  signature: 'sig',
  keyId: 'k',
};

/** The fake service: a session the spec moves forward by assigning `current`. */
function fakeService(initial: SessionView) {
  const service = {
    current: initial,
    verdict: {
      valid: true,
      certificate: {
        clientSystemName: 'Till Pro',
        certifiedVersion: '2.3',
        testedVersion: '2.3.17',
        sections: ['onboarding'],
      },
    } as unknown,
    routes: (call: ApiCall): { status: number; body: unknown } => {
      const key = `${call.method} ${call.path}`;
      if (key === `GET ${API}/catalogue`)
        return {
          status: 200,
          body: {
            sections: [
              { id: 'onboarding', title: 'Onboarding', mandatory: true, cases: [{}, {}, {}] },
              { id: 'payments', title: 'Payments', mandatory: false, cases: [{}, {}] },
            ],
          },
        };
      if (key === `POST ${API}/sessions`) return { status: 201, body: service.current };
      if (key === `GET ${API}/sessions?clientId=client-123`) return { status: 200, body: [service.current] };
      if (key === `GET ${API}/sessions/session-1`) return { status: 200, body: service.current };
      if (key === `POST ${API}/sessions/session-1/restart`) return { status: 200, body: running() };
      if (key === `POST ${API}/sessions/session-1/callback`)
        return { status: 200, body: { delivered: true, status: 200, error: null } };
      if (key === `GET ${API}/sessions/session-1/certificate`) return { status: 200, body: CERTIFICATE };
      if (key === `POST ${API}/verify`) return { status: 200, body: service.verdict };
      return { status: 404, body: { message: `No route ${key}` } };
    },
  };
  return service;
}

/** Onboarding under way: its first step is the current one. */
function running(): SessionView {
  return session(
    [
      kase('onboarding-1', 'onboarding', [
        step('onboarding-1.1', 'in-progress', { endedAt: null }),
        step('onboarding-1.2', 'not-tested'),
      ]),
      kase('payments-1', 'payments', [step('payments-1.1', 'not-tested')]),
    ],
    {
      phase: 'certification',
      completedAt: null,
      passed: false,
      current: { caseId: 'onboarding-1', stepId: 'onboarding-1.1' },
    },
  );
}

async function identify(page: Page): Promise<void> {
  page.type('clientSystemName', 'Till Pro');
  page.type('clientId', 'client-123');
  page.type('clientSystemVersion', '2.3.17');
  await page.submit('identification-form');
}

describe('the certification page', () => {
  it('starts at identification and refuses a version that is not Major.Minor.Build', async () => {
    const page = await openPage(fakeService(running()).routes);
    expect(page.$('view-identification').hidden).toBe(false);
    expect(page.text('page-title')).toBe('Integrator and client info');

    page.type('clientSystemName', 'Till Pro');
    page.type('clientId', 'client-123');
    page.type('clientSystemVersion', '2.3');
    await page.submit('identification-form');

    expect(page.$('view-selection').hidden).toBe(true);
    expect(page.$('clientSystemVersion').getAttribute('aria-invalid')).toBe('true');
    expect(page.text('clientSystemVersion-error')).toMatch(/Major\.Minor\.Build/);
    expect(page.$('clientSystemVersion').getAttribute('aria-describedby')).toBe(
      'version-hint clientSystemVersion-error',
    );
  });

  it('offers the sections with onboarding fixed, and starts a session with those selected', async () => {
    const service = fakeService(running());
    const page = await openPage(service.routes);
    await identify(page);

    expect(page.$('view-selection').hidden).toBe(false);
    const inputs = [...page.$('section-options').querySelectorAll('input')];
    expect(inputs.map((i) => [i.value, i.checked, i.disabled])).toEqual([
      ['onboarding', true, true],
      ['payments', false, false],
    ]);
    expect(page.text('section-payments-blurb')).toBe(
      '2 cases. Test cases to certify handling of the payment flows.',
    );

    inputs[1]!.checked = true;
    await page.submit('selection-form');

    expect(page.calls.at(-1)).toEqual({
      method: 'POST',
      path: `${API}/sessions`,
      body: {
        identification: {
          clientSystemName: 'Till Pro',
          clientId: 'client-123',
          clientSystemVersion: '2.3.17',
          merchantVat: 'DK90000028',
          callbackAlias: null,
          callbackUrl: null,
        },
        sections: ['onboarding', 'payments'],
      },
    });
    expect(page.$('view-certification').hidden).toBe(false);
    expect(page.location.hash).toBe('#session=session-1');
  });

  it('shows what to do now, each case with its steps, and polls every second until completed', async () => {
    const service = fakeService(running());
    const page = await openPage(service.routes, '#session=session-1');

    expect(page.text('client-config')).toContain(
      'API base URL http://127.0.0.1:8080/pos-self-certification-api/pos/v10',
    );
    expect(page.text('client-config')).toContain('merchantBrandId MPPOSCERT1');
    expect(page.text('current-step')).toContain('Now: Case onboarding-1, Step onboarding-1.1');
    expect(page.text('current-step')).toContain('Do on your client Do onboarding-1.1 on the client');
    expect(page.text('cases')).toContain('Case 1: Case onboarding-1');
    expect(page.text('cases')).toContain('In progress Step onboarding-1.1');
    expect(page.$('proceed').disabled).toBe(true);
    expect(page.pending(1000)).toBe(1);

    service.current = failedSession();
    await page.advance(1000);
    await page.advance(50);

    expect(page.text('cases')).toContain(
      'A new idempotency key on retry: <script>alert("x")</script> & more',
    );
    expect(page.$('cases').querySelector('script')).toBeNull();
    expect(page.text('live')).toContain('Create a PoS <b>(500)</b>: Failed');
    expect(page.text('current-step')).toContain('Certification completed');
    expect(page.$('proceed').disabled).toBe(false);
    expect(page.pending(1000)).toBe(0);
  });

  it('reads a catalogue given as a flat list of cases', async () => {
    const service = fakeService(running());
    const page = await openPage((call) =>
      call.path === `${API}/catalogue`
        ? { status: 200, body: { cases: running().cases } }
        : service.routes(call),
    );
    await identify(page);

    expect(page.text('section-onboarding-blurb')).toMatch(/^1 cases\. .*\(mandatory\)$/);
    expect(page.text('section-payments-blurb')).toMatch(/^1 cases\./);
    expect(page.$('section-options').querySelectorAll('input').length).toBe(2);
  });

  it('approves a passed session: certificate download, report, and the certificate ready to verify', async () => {
    const service = fakeService(passedSession());
    const page = await openPage(service.routes, '#session=session-1');
    await page.click('proceed');

    expect(page.text('page-title')).toBe('Certification completed');
    const download = page.$('approval-result').querySelector('a[download$=".json"]')!;
    expect(download.getAttribute('href')).toBe(`${API}/sessions/session-1/certificate`);
    expect(download.getAttribute('download')).toBe('certificate-Till_Pro-2.3.17.json');
    const report = page.$('approval-result').querySelector('a[target="_blank"]')!;
    expect(report.getAttribute('href')).toBe(`${API}/sessions/session-1/report`);
    expect(JSON.parse(page.$('verify-input').value)).toEqual(CERTIFICATE);
    expect(page.location.hash).toBe('#session=session-1&view=approval');

    page.type('verify-version', '2.4.0');
    await page.submit('verify-form');
    expect(page.calls.at(-1)).toMatchObject({ method: 'POST', path: `${API}/verify`, body: CERTIFICATE });
    expect(page.text('verify-result')).toContain('Valid: signed by this service.');
    expect(page.text('verify-result')).toContain('It does not cover version 2.4.0');
  });

  it('explains a failed session and gives no certificate', async () => {
    const page = await openPage(fakeService(failedSession()).routes, '#session=session-1&view=approval');

    expect(page.text('page-title')).toBe('Certification not passed');
    expect(page.text('approval-result')).toContain('A new idempotency key on retry');
    expect(page.$('approval-result').querySelector('a[download$=".json"]')).toBeNull();
  });

  it('shows why a pasted certificate is not valid', async () => {
    const service = fakeService(passedSession());
    service.verdict = { valid: false, reason: 'The signature does not match the certificate' };
    const page = await openPage(service.routes, '#view=approval');

    page.type('verify-input', '{ not json');
    await page.submit('verify-form');
    expect(page.text('verify-result')).toMatch(/^Not valid: this is not JSON/);

    page.type('verify-input', JSON.stringify(CERTIFICATE));
    await page.submit('verify-form');
    expect(page.text('verify-result')).toBe('Not valid: The signature does not match the certificate');
  });

  it('restarts the certification and invokes the callback when one is configured', async () => {
    const withCallback = running();
    const service = fakeService({
      ...withCallback,
      identification: { ...withCallback.identification, callbackUrl: 'http://127.0.0.1:9/notify' },
    });
    const page = await openPage(service.routes, '#session=session-1');

    expect(page.$('invoke-callback').disabled).toBe(false);
    await page.click('invoke-callback');
    expect(page.text('action-status')).toBe('Callback delivered (HTTP 200).');

    await page.click('restart');
    expect(page.calls.at(-1)).toMatchObject({ method: 'POST', path: `${API}/sessions/session-1/restart` });
    expect(page.text('action-status')).toBe('Certification restarted.');
    expect(page.$('invoke-callback').disabled).toBe(true);
  });

  it('finds the earlier sessions of a client id and opens one', async () => {
    const page = await openPage(fakeService(running()).routes);
    page.type('clientId', 'client-123');
    await page.click('find-sessions');

    expect(page.text('session-list')).toContain('Till Pro 2.3.17, started');
    expect(page.text('session-list')).toContain('in progress');
    page.$('session-list').querySelector('button')!.click();
    await page.settle();
    expect(page.$('view-certification').hidden).toBe(false);
  });
});
