import { afterEach, describe, expect, it } from 'vitest';
import { virtualClock } from '../../../src/emulator/clock.js';
import {
  MAX_LOGGED_BODY_CHARS,
  RequestLog,
  type RequestLogEntry,
} from '../../../src/emulator/control/request-log.js';
import { EventBus, type EmulatorEvent } from '../../../src/emulator/events.js';
import { demoClient, otherClient, startHarness, type Harness } from '../harness.js';

let harness: Harness;
afterEach(async () => harness?.close());

const requests = async (query = ''): Promise<RequestLogEntry[]> => {
  const response = await harness.api('GET', `/emulator/requests${query}`);
  expect(response.statusCode).toBe(200);
  return (response.json() as { requests: RequestLogEntry[] }).requests;
};

describe('request log', () => {
  it('records each request with its headers, body, answer and timing', async () => {
    harness = await startHarness();
    const { posId } = await harness.createPos({ name: 'Logged till' });
    const entry = (await requests()).find((r) => r.method === 'POST' && r.url === '/pos/v10/pointofsales')!;

    expect(entry).toMatchObject({
      at: harness.clock.now(),
      headers: expect.objectContaining({ 'x-ibm-client-id': demoClient.clientId }),
      body: expect.objectContaining({ name: 'Logged till' }),
      status: 200,
      responseBody: { posId },
    });
    expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    expect(entry.fault).toBeUndefined();
  });

  it('redacts the bearer token to its last four characters and hides the client secret', async () => {
    harness = await startHarness();
    const token = await harness.token();
    await harness.api('GET', '/pos/v10/stores', undefined, {
      ...harness.headers(),
      authorization: `Bearer ${token}`,
    });
    await harness.user('checkin', { beaconId: 'nobody', phoneNumber: '+4520031801' });

    const log = await requests();
    const stores = log.find((r) => r.url === '/pos/v10/stores')!;
    const checkIn = log.find((r) => r.url.endsWith('/checkin'))!;
    expect(stores.headers['authorization']).toBe(`Bearer …${token.slice(-4)}`);
    expect(checkIn.headers['x-ibm-client-secret']).toBe('[redacted]');
    const text = JSON.stringify(log);
    expect(text).not.toContain(token);
    expect(text).not.toContain(demoClient.clientSecret);
  });

  it('keeps the access token and client credentials of the token endpoint out of the log', async () => {
    harness = await startHarness();
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: demoClient.clientId,
      client_secret: demoClient.clientSecret,
    });
    const response = await harness.app.inject({
      method: 'POST',
      url: '/integrator-authentication/connect/token',
      headers: {
        'x-ibm-client-id': demoClient.clientId,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form.toString(),
    });
    const token = (response.json() as { access_token: string }).access_token;

    const log = await requests();
    const text = JSON.stringify(log);
    expect(text).not.toContain(token);
    expect(text).not.toContain(demoClient.clientSecret);
    expect(log.at(-1)).toMatchObject({
      body: { client_secret: '[redacted]' },
      responseBody: { access_token: `…${token.slice(-4)}` },
    });
    expect(log[0]!.headers['authorization']).toBe('Basic [redacted]');
  });

  it('leaves control-plane requests out', async () => {
    harness = await startHarness();
    await harness.api('GET', '/emulator/health');
    await harness.api('GET', '/emulator/clock');
    expect((await requests()).map((r) => r.url)).toEqual(['/integrator-authentication/connect/token']);
  });

  it('records the fault and a null status for a refused request', async () => {
    harness = await startHarness();
    await expect(
      harness.api('GET', '/pos/v10/stores', undefined, harness.headers({ 'x-emulator-fault': 'refuse' })),
    ).rejects.toThrow();
    expect((await requests()).at(-1)).toMatchObject({
      url: '/pos/v10/stores',
      status: null,
      fault: { source: 'header', action: { kind: 'refuse' }, label: 'refuse' },
    });
  });

  it('still shows the body of a request that a status fault answered before the handler', async () => {
    harness = await startHarness();
    const body = { posId: 'p', orderId: 'o-1', amount: 10, currencyCode: 'DKK', plannedCaptureDelay: 'None' };
    await harness.create(
      '/pos/v10/payments',
      body,
      'key-1',
      harness.headers({ 'x-emulator-fault': 'status=500' }),
    );
    expect((await requests()).at(-1)).toMatchObject({
      body,
      status: 500,
      headers: expect.objectContaining({ 'x-mobilepay-idempotency-key': 'key-1' }),
      responseBody: { code: '2000' },
      fault: { source: 'header', label: 'status=500' },
    });
  });

  it('filters by client id, pages forward with since and limits to the most recent', async () => {
    harness = await startHarness();
    const otherToken = await harness.token({ client: otherClient, merchantVat: 'DK12345678' });
    await harness.api('GET', '/pos/v10/stores');
    await harness.api(
      'GET',
      '/pos/v10/stores',
      undefined,
      harness.headers({ authorization: `Bearer ${otherToken}`, 'x-ibm-client-id': otherClient.clientId }),
    );
    await harness.api('GET', '/pos/v10/stores/detailed');

    const all = await requests();
    expect(all.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect((await requests(`?clientId=${otherClient.clientId.toUpperCase()}`)).map((r) => r.id)).toEqual([
      2, 4,
    ]);
    expect((await requests('?since=2&limit=2')).map((r) => r.id)).toEqual([3, 4]);
    expect((await requests('?limit=2')).map((r) => r.id)).toEqual([4, 5]);
    expect((await harness.api('GET', '/emulator/requests?limit=zero')).statusCode).toBe(400);
  });

  it('keeps only the newest requests when full, and is emptied by DELETE', async () => {
    harness = await startHarness({ requestLogSize: 2 });
    for (let i = 0; i < 3; i += 1) await harness.api('GET', '/pos/v10/stores');
    expect((await requests()).map((r) => r.id)).toEqual([3, 4]);

    expect((await harness.api('DELETE', '/emulator/requests')).statusCode).toBe(204);
    expect(await requests()).toEqual([]);
    await harness.api('GET', '/pos/v10/stores');
    expect((await requests()).map((r) => r.id)).toEqual([5]);
  });

  it('announces every request on the event bus', async () => {
    harness = await startHarness();
    const seen: EmulatorEvent[] = [];
    harness.app.emulator.events.subscribe((event) => seen.push(event));
    await harness.api(
      'GET',
      '/pos/v10/stores',
      undefined,
      harness.headers({ 'x-emulator-fault': 'status=503' }),
    );
    expect(seen).toEqual([
      {
        kind: 'request',
        at: harness.clock.now(),
        id: 2,
        method: 'GET',
        url: '/pos/v10/stores',
        status: 503,
        durationMs: expect.any(Number),
        fault: 'status=503',
      },
    ]);
  });

  it('cuts huge response bodies', () => {
    const log = new RequestLog(5, virtualClock(0), new EventBus());
    const record = log.begin('GET', '/big', {}, null);
    record.payload = 'x'.repeat(MAX_LOGGED_BODY_CHARS + 10);
    log.finish(record, 200, undefined);
    const body = log.list()[0]!.responseBody as string;
    expect(body.startsWith('x'.repeat(MAX_LOGGED_BODY_CHARS))).toBe(true);
    expect(body.endsWith('…[truncated 10 chars]')).toBe(true);
  });
});
