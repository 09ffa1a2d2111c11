// The certification service's JSON API (/certification/api) and the API under test it serves
// (/pos-self-certification-api): sessions, restart, callback, catalogue, approval, and the
// attribution of a client's calls to its session.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../../src/shared/certification.js';
import { demoClient, startHarness, type Harness } from '../harness.js';

const identification = {
  clientSystemName: 'Till Pro',
  clientId: demoClient.clientId,
  clientSystemVersion: '2.3.17',
  merchantVat: 'DK90000028',
  callbackAlias: 'till-pro',
  callbackUrl: 'http://127.0.0.1:9/mobilepay/checkin',
};

let h: Harness;
let notified: { url: string; body: unknown }[];
beforeEach(async () => {
  notified = [];
  const fakeFetch = (async (url: string, init: RequestInit) => {
    notified.push({ url, body: JSON.parse(String(init.body)) });
    return new Response(null, { status: 200 });
  }) as typeof fetch;
  h = await startHarness({ notifications: { fetch: fakeFetch } });
});
afterEach(async () => h.close());

async function api(method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await h.app.inject({
    method,
    url: `/certification/api${url}`,
    ...(payload ? { payload } : {}),
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> & SessionView };
}

async function start(sections: readonly string[] = ['payments']): Promise<SessionView> {
  const { status, body } = await api('POST', '/sessions', { identification, sections });
  expect(status).toBe(201);
  return body;
}

/** Headers of the identified client acting for the certification merchant. */
async function certifiedHeaders(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const token = await h.token({ merchantVat: 'DK90000028' });
  return {
    authorization: `Bearer ${token}`,
    'x-ibm-client-id': demoClient.clientId,
    'x-mobilepay-merchant-vat-number': 'DK90000028',
    'x-mobilepay-client-system-name': 'Till Pro',
    'x-mobilepay-client-system-version': '2.3.17',
    ...extra,
  };
}

const storeLookup = '/pos/v10/stores?merchantBrandId=MPPOSCERT1&merchantLocationId=00001';

describe('sessions', () => {
  it('start with onboarding added, the store lookup current and the API base on this host', async () => {
    const session = await start(['refunds']);
    expect(session).toMatchObject({
      sections: ['onboarding', 'refunds'],
      phase: 'certification',
      current: { caseId: 'onboarding-1', stepId: 'onboarding-1.1' },
      apiBaseUrl: 'http://localhost:80/pos-self-certification-api',
      pollDelayMs: 1000,
      passed: false,
    });
    expect(session.cases.at(-1)).toMatchObject({ id: 'conduct', status: 'in-progress' });
    expect(session.cases[0]!.steps[0]).toMatchObject({
      status: 'in-progress',
      action: { do: 'find-store', merchantBrandId: 'MPPOSCERT1', merchantLocationId: '00001' },
    });
  });

  it('refuse an identification they cannot work with, naming the field', async () => {
    const bad = await api('POST', '/sessions', {
      identification: { ...identification, clientSystemVersion: '2.3' },
      sections: [],
    });
    expect(bad).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('identification.clientSystemVersion') },
    });
    const vat = await api('POST', '/sessions', {
      identification: { ...identification, merchantVat: 'DK12345678' },
    });
    expect(vat.body.message).toContain('DK90000028 or FI90000040');
    const unknown = await api('POST', '/sessions', {
      identification: { ...identification, clientId: 'nobody' },
    });
    expect(unknown).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('not a client registered') },
    });
    expect((await api('POST', '/sessions', { identification, sections: ['bogus'] })).status).toBe(400);
  });

  it('judge the calls through the certification base, not those to /pos/v10', async () => {
    const session = await start();
    const headers = await certifiedHeaders();
    await h.app.inject({ method: 'GET', url: storeLookup, headers });
    expect((await api('GET', `/sessions/${session.id}`)).body.current?.stepId).toBe('onboarding-1.1');
    const answer = await h.app.inject({
      method: 'GET',
      url: `/pos-self-certification-api${storeLookup}`,
      headers,
    });
    expect(answer.json()).toEqual({ storeIds: ['0c1d2e3f-4a5b-4c6d-8e7f-900000000028'] });
    const view = (await api('GET', `/sessions/${session.id}`)).body;
    expect(view.current?.stepId).toBe('onboarding-1.2');
    expect(view.cases[0]!.steps[0]).toMatchObject({ status: 'passed' });
  });

  it('attribute a call to the session of its client id even without a version header', async () => {
    const session = await start();
    const { 'x-mobilepay-client-system-version': _omitted, ...headers } = await certifiedHeaders();
    const answer = await h.app.inject({
      method: 'GET',
      url: `/pos-self-certification-api${storeLookup}`,
      headers,
    });
    expect(answer.statusCode).toBe(400);
    const conduct = (await api('GET', `/sessions/${session.id}`)).body.cases.at(-1)!;
    expect(conduct.steps[0]).toMatchObject({
      status: 'failed',
      reason: 'GET /pos/v10/stores had no x-mobilepay-client-system-version header',
    });
  });

  it('are listed per client, newest first, and 404 when unknown', async () => {
    const first = await start();
    const second = await start(['refunds']);
    const listed = (await api('GET', `/sessions?clientId=${demoClient.clientId.toUpperCase()}`))
      .body as unknown as {
      sessions: SessionView[];
    };
    expect(listed.sessions.map((s) => s.id)).toEqual([second.id, first.id]);
    expect((await api('GET', '/sessions?clientId=someone-else')).body).toEqual({ sessions: [] });
    expect((await api('GET', '/sessions/no-such-session')).status).toBe(404);
  });

  it('restart as a fresh session with the same identification and sections; the old one stops judging', async () => {
    const old = await start(['refunds']);
    const restarted = await api('POST', `/sessions/${old.id}/restart`);
    expect(restarted.status).toBe(201);
    expect(restarted.body.id).not.toBe(old.id);
    expect(restarted.body).toMatchObject({ identification, sections: ['onboarding', 'refunds'] });
    await h.app.inject({
      method: 'GET',
      url: `/pos-self-certification-api${storeLookup}`,
      headers: await certifiedHeaders(),
    });
    expect((await api('GET', `/sessions/${old.id}`)).body.current?.stepId).toBe('onboarding-1.1');
    expect((await api('GET', `/sessions/${restarted.body.id}`)).body.current?.stepId).toBe('onboarding-1.2');
  });
});

describe('invoke callback', () => {
  it('POSTs the notification service body to the identified callback URL and tells what it answered', async () => {
    const session = await start();
    const result = await api('POST', `/sessions/${session.id}/callback`);
    expect(result.body).toEqual({ delivered: true, status: 200, error: null });
    expect(notified).toEqual([
      {
        url: identification.callbackUrl,
        body: {
          MerchantId: '3f6e8a2c-1b4d-4c9e-9a7f-5d2b8c1e0a01',
          MerchantBrandId: 'MPPOSCERT1',
          MerchantLocationId: '00001',
          MerchantPosId: '',
          PosId: '',
        },
      },
    ]);
  });

  it('is 409 when the identification has no callback URL', async () => {
    const { body } = await api('POST', '/sessions', {
      identification: { ...identification, callbackUrl: null },
    });
    expect((await api('POST', `/sessions/${body.id}/callback`)).status).toBe(409);
  });
});

describe('the catalogue and the approval step', () => {
  it('shows every section with its cases and steps without a session', async () => {
    const { body } = await api('GET', '/catalogue');
    const sections = body['sections'] as unknown as {
      id: string;
      mandatory: boolean;
      cases: { id: string; steps: unknown[] }[];
    }[];
    expect(sections.map((s) => [s.id, s.mandatory])).toEqual([
      ['onboarding', true],
      ['payments', false],
      ['prepared-payments', false],
      ['payments-with-restrictions', false],
      ['prepared-payments-with-restrictions', false],
      ['refunds', false],
      ['loyalty', false],
    ]);
    expect(sections[0]!.cases.map((c) => c.id)).toEqual([
      'onboarding-1',
      'onboarding-2',
      'onboarding-3',
      'conduct',
    ]);
    expect(sections.flatMap((s) => s.cases).every((c) => c.steps.length > 0)).toBe(true);
  });

  it('refuses a certificate while steps have not passed', async () => {
    const session = await start();
    const certificate = await api('GET', `/sessions/${session.id}/certificate`);
    expect(certificate).toMatchObject({
      status: 409,
      body: { message: expect.stringContaining('still running') },
    });
  });

  it('serves its public key, the same after a reset, and refuses a certificate it did not sign', async () => {
    const key = (await api('GET', '/public-key')).body;
    expect(key).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    await h.app.inject({ method: 'POST', url: '/emulator/reset' });
    expect((await api('GET', '/public-key')).body).toEqual(key);
    expect((await api('POST', '/verify', { certificate: {} })).body).toMatchObject({ valid: false });
  });
});

describe('the API under test', () => {
  it('is the emulator API, logged with its prefix and with the token endpoint secrets redacted', async () => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: demoClient.clientId,
      client_secret: demoClient.clientSecret,
    });
    const token = await h.app.inject({
      method: 'POST',
      url: '/pos-self-certification-api/integrator-authentication/connect/token',
      headers: {
        'x-ibm-client-id': demoClient.clientId,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form.toString(),
    });
    expect(token.statusCode).toBe(200);
    const logged = h.app.emulatorControl.requests.list({ limit: 1 })[0]!;
    expect(logged.url).toBe('/pos-self-certification-api/integrator-authentication/connect/token');
    expect(JSON.stringify(logged)).not.toContain(demoClient.clientSecret);
    expect(JSON.stringify(logged)).not.toContain((token.json() as { access_token: string }).access_token);
  });

  it('does not serve anything else under the prefix, and never logs the certification API', async () => {
    const before = h.app.emulatorControl.requests.list().length;
    expect(
      (await h.app.inject({ method: 'GET', url: '/pos-self-certification-api/emulator/state' })).statusCode,
    ).toBe(404);
    await api('GET', '/catalogue');
    expect(
      h.app.emulatorControl.requests
        .list()
        .map((r) => r.url)
        .slice(before),
    ).toEqual(['/pos-self-certification-api/emulator/state']);
  });
});
