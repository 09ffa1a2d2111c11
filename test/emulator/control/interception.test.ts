import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness.js';
import { listen, recordingSleep, send } from './support.js';

let harness: Harness;
afterEach(async () => harness.close());

const addFault = async (rule: Record<string, unknown>) => {
  const response = await harness.api('POST', '/emulator/faults', rule);
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string };
};

describe('fault injection', () => {
  it('answers a status fault at once with an API error body and commits nothing', async () => {
    harness = await startHarness();
    const { posId } = await harness.createPos();
    await addFault({ method: 'POST', path: '/pos/v10/payments', action: { kind: 'status', status: 500 } });

    const response = await harness.create('/pos/v10/payments', {
      posId,
      orderId: 'o-1',
      amount: 10,
      currencyCode: 'DKK',
      plannedCaptureDelay: 'None',
    });

    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      code: '2000',
      message: 'Internal server error',
      correlationId: expect.any(String),
    });
    const active = await harness.api('GET', `/pos/v10/payments?posId=${posId}`);
    expect(active.json()).toEqual({ paymentIds: [] });
  });

  it('faults exactly the nth and the following `times` matching calls', async () => {
    harness = await startHarness();
    const { posId } = await harness.createPos();
    await addFault({
      method: 'GET',
      path: '/pos/v10/pointofsales/*',
      nth: 2,
      times: 2,
      action: { kind: 'status', status: 503, code: '2001' },
    });

    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await harness.api('GET', `/pos/v10/pointofsales/${posId}`)).statusCode);

    expect(statuses).toEqual([200, 503, 503, 200, 200]);
    const faults = (await harness.api('GET', '/emulator/faults')).json() as { faults: unknown[] };
    expect(faults.faults).toEqual([expect.objectContaining({ matched: 5, fired: 2, exhausted: true })]);
  });

  it('matches any method with * and a path glob with **, but never a control-plane path', async () => {
    harness = await startHarness();
    await addFault({ method: '*', path: '/**', times: 100, action: { kind: 'status', status: 502 } });

    expect((await harness.api('GET', '/pos/v10/stores')).statusCode).toBe(502);
    expect((await harness.api('DELETE', '/pos/v10/pointofsales/abc')).statusCode).toBe(502);
    expect((await harness.api('GET', '/emulator/health')).statusCode).toBe(200);
    expect((await harness.api('GET', '/EMULATOR/clock')).statusCode).toBe(200);
  });

  it('covers the user simulation and the integrator authentication too', async () => {
    harness = await startHarness();
    await addFault({
      method: 'POST',
      path: '/pos/app/usersimulation/*',
      action: { kind: 'status', status: 500 },
    });
    await addFault({
      method: 'POST',
      path: '/integrator-authentication/connect/token',
      action: { kind: 'status', status: 503 },
    });

    expect((await harness.user('checkin', { beaconId: 'x', phoneNumber: '+4520031801' })).statusCode).toBe(
      500,
    );
    await expect(harness.token()).rejects.toThrow(/503/);
  });

  it('waits through the injected sleep and then answers normally for a delay fault', async () => {
    const sleeper = recordingSleep();
    harness = await startHarness({ sleep: sleeper.sleep });
    const { posId } = await harness.createPos();
    await addFault({ method: 'GET', path: '/pos/v10/pointofsales/*', action: { kind: 'delay', ms: 2500 } });

    const response = await harness.api('GET', `/pos/v10/pointofsales/${posId}`);

    expect(response.statusCode).toBe(200);
    expect(sleeper.calls).toEqual([2500]);
  });

  it('commits the capture and drops the response when the rule says drop', async () => {
    harness = await startHarness();
    const { posId, beaconId } = await harness.createPos();
    const paymentId = await harness.reservedPayment(posId, beaconId);
    await addFault({ method: 'POST', path: '/pos/v10/payments/*/capture', action: { kind: 'drop' } });
    const baseUrl = await listen(harness);

    const outcome = await send(baseUrl, 'POST', `/pos/v10/payments/${paymentId}/capture`, harness.headers(), {
      amount: 100,
    });

    expect(outcome).toEqual({ error: expect.objectContaining({ code: 'ECONNRESET' }) });
    expect((await harness.payment(paymentId))['status']).toBe('Captured');
  });

  it('resets the connection before anything runs when the rule says refuse', async () => {
    harness = await startHarness();
    const { posId } = await harness.createPos();
    await addFault({ method: 'POST', path: '/pos/v10/payments', action: { kind: 'refuse' } });
    const baseUrl = await listen(harness);
    const body = {
      posId,
      orderId: 'o-refused',
      amount: 10,
      currencyCode: 'DKK',
      plannedCaptureDelay: 'None',
    };

    const outcome = await send(
      baseUrl,
      'POST',
      '/pos/v10/payments',
      harness.headers({ 'x-mobilepay-idempotency-key': 'k-refused' }),
      body,
    );

    expect(outcome).toEqual({ error: expect.objectContaining({ code: 'ECONNRESET' }) });
    expect((await harness.api('GET', `/pos/v10/payments?posId=${posId}`)).json()).toEqual({ paymentIds: [] });
  });
});

describe('faults asked for by the client in x-emulator-fault', () => {
  it('answers with the status and code of the header', async () => {
    harness = await startHarness();
    const response = await harness.api(
      'GET',
      '/pos/v10/stores',
      undefined,
      harness.headers({ 'x-emulator-fault': 'status=500;code=2001' }),
    );
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: '2001' });
  });

  it('delays by the header through the injected sleep', async () => {
    const sleeper = recordingSleep();
    harness = await startHarness({ sleep: sleeper.sleep });
    const response = await harness.api(
      'GET',
      '/pos/v10/stores',
      undefined,
      harness.headers({ 'x-emulator-fault': 'delay=2500' }),
    );
    expect(response.statusCode).toBe(200);
    expect(sleeper.calls).toEqual([2500]);
  });

  it('takes precedence over rules, which neither see nor count the call', async () => {
    harness = await startHarness();
    await addFault({ method: 'GET', path: '/pos/v10/stores', action: { kind: 'status', status: 503 } });
    const faulted = await harness.api(
      'GET',
      '/pos/v10/stores',
      undefined,
      harness.headers({ 'x-emulator-fault': 'status=418' }),
    );
    expect(faulted.statusCode).toBe(418);
    expect((await harness.api('GET', '/pos/v10/stores')).statusCode).toBe(503);
  });

  it('drops the response of a committed create on a real socket', async () => {
    harness = await startHarness();
    const baseUrl = await listen(harness);
    const headers = harness.headers({ 'x-emulator-fault': 'drop', 'x-mobilepay-idempotency-key': 'k-drop' });
    const body = {
      merchantPosId: 'till-dropped',
      storeId: '7b1e4c2a-9d3f-4e5a-8b6c-100000010001',
      name: 'Till',
      supportedBeaconTypes: ['QR'],
    };

    const outcome = await send(baseUrl, 'POST', '/pos/v10/pointofsales', headers, body);

    expect('error' in outcome).toBe(true);
    const found = await harness.api('GET', '/pos/v10/pointofsales?merchantPosId=till-dropped');
    expect(found.json()).toEqual({ posIds: [expect.any(String)] });
  });

  it('refuses the connection on a real socket', async () => {
    harness = await startHarness();
    const baseUrl = await listen(harness);
    const outcome = await send(
      baseUrl,
      'GET',
      '/pos/v10/stores',
      harness.headers({ 'x-emulator-fault': 'refuse' }),
    );
    expect(outcome).toEqual({ error: expect.objectContaining({ code: 'ECONNRESET' }) });
  });

  it('answers 400 to a malformed header instead of guessing', async () => {
    harness = await startHarness();
    const response = await harness.api(
      'GET',
      '/pos/v10/stores',
      undefined,
      harness.headers({ 'x-emulator-fault': 'explode' }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ message: expect.stringMatching(/x-emulator-fault/) });
  });
});
