// How the PoS client lives by the API's rules for failure (api-principles.md, "Error Handling"),
// proven against the real emulator on a loopback port with its fault rules and request log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PosClient } from '../../../src/terminal/api/pos-client.js';
import { UserSimulationClient } from '../../../src/terminal/api/user-simulation-client.js';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  FakeTime,
  demoConfig,
  fakeDeps,
  newKey,
  newPos,
  paymentRequest,
  recorder,
  rejection,
  reservedPayment,
  startSandbox,
  type Sandbox,
} from './support.js';
import type { PosClientConfig } from '../../../src/terminal/api/config.js';

const CAPTURE_PATH = /^\/pos\/v10\/payments\/[^/]+\/capture$/;

let sandbox: Sandbox;
let time: FakeTime;
let users: UserSimulationClient;
let log: ReturnType<typeof recorder>;

function clientWith(overrides: Partial<PosClientConfig> = {}): PosClient {
  return new PosClient(demoConfig(sandbox.url, { onExchange: log.listener, ...overrides }), fakeDeps(time));
}

beforeEach(async () => {
  sandbox = await startSandbox();
  time = new FakeTime('held');
  log = recorder();
  users = new UserSimulationClient(
    { apiBaseUrl: sandbox.url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    fakeDeps(time),
  );
});

afterEach(async () => {
  await sandbox.close();
});

describe('PoS client, when the network or the server fails', () => {
  it('gets the same paymentId back when the answer of a committed initiate is lost', async () => {
    const client = clientWith();
    const { posId } = await newPos(client);
    await sandbox.addFault({ method: 'POST', path: '/pos/v10/payments', action: { kind: 'drop' } });

    const { paymentId } = await client.initiatePayment(paymentRequest(posId), 'initiate-key-2');

    const served = await sandbox.requestsTo('POST', '/pos/v10/payments');
    expect(served.map((e) => [e.status, e.headers['x-mobilepay-idempotency-key']])).toEqual([
      [null, 'initiate-key-2'],
      [200, 'initiate-key-2'],
    ]);
    // The dropped first attempt created the payment; the retry was answered from the idempotency store.
    expect(served.map((e) => e.responseBody)).toEqual([{ paymentId }, { paymentId }]);
    expect(await client.findPaymentIds({ posId })).toEqual([paymentId]);
  });

  it('retries a capture answered with 500, and the payment is captured once', async () => {
    const client = clientWith();
    const { paymentId } = await reservedPayment(client, users, 100);
    await sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/payments/*/capture',
      action: { kind: 'status', status: 500 },
    });

    await client.capturePayment(paymentId, { amount: 100 });

    const captures = await sandbox.requestsTo('POST', CAPTURE_PATH);
    expect(captures.map((e) => e.status)).toEqual([500, 200]);
    expect(captures.map((e) => e.body)).toEqual([{ amount: 100 }, { amount: 100 }]);
    expect((await client.getPayment(paymentId)).status).toBe('Captured');
    expect(time.backoffs).toHaveLength(1);
  });

  it('retries a committed capture whose answer was lost, and the emulator answers 200 without capturing twice', async () => {
    const client = clientWith();
    const { paymentId } = await reservedPayment(client, users, 100);
    await sandbox.addFault({ method: 'POST', path: '/pos/v10/payments/*/capture', action: { kind: 'drop' } });

    await client.capturePayment(paymentId, { amount: 60 });

    const captures = await sandbox.requestsTo('POST', CAPTURE_PATH);
    expect(captures.map((e) => e.status)).toEqual([null, 200]);
    expect(captures[0]!.fault?.action).toEqual({ kind: 'drop' });
    const attempts = log.events.filter((e) => /\/capture$/.test(e.url));
    expect(attempts.map((e) => e.error?.kind ?? e.status)).toEqual(['network', 200]);
    expect((await client.getPayment(paymentId)).status).toBe('Captured');
    expect(await sandbox.storedPayment(paymentId)).toMatchObject({ status: 'Captured', capturedAmount: 60 });
  });

  it('retries a refused connection and then gets through', async () => {
    const client = clientWith();
    const { posId } = await newPos(client);
    await sandbox.addFault({ method: 'GET', path: '/pos/v10/pointofsales/*', action: { kind: 'refuse' } });

    log.events.length = 0;
    expect((await client.getPos(posId)).posId).toBe(posId);
    expect(log.events.filter((e) => e.url.endsWith(posId)).map((e) => e.error?.kind ?? e.status)).toEqual([
      'network',
      200,
    ]);
  });

  it('does not retry a 4xx: one request, and the API code in the error', async () => {
    const client = clientWith();
    const { posId } = await newPos(client);
    await client.initiatePayment(paymentRequest(posId), newKey());

    const error = await rejection(client.initiatePayment(paymentRequest(posId), 'second-initiate'));

    expect(error.toJSON()).toMatchObject({
      code: 'pos.api',
      apiCode: '1301',
      apiErrorName: 'PaymentAlreadyActive',
      status: 409,
      retryable: false,
      attempts: 1,
      method: 'POST',
      path: '/pos/v10/payments',
    });
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const sent = (await sandbox.requestsTo('POST', '/pos/v10/payments')).filter(
      (e) => e.headers['x-mobilepay-idempotency-key'] === 'second-initiate',
    );
    expect(sent).toHaveLength(1);
    expect(time.backoffs).toEqual([]);
  });

  it('retries a 5xx exactly `retries` times, then fails with retryable=true', async () => {
    const client = clientWith({ retries: 3 });
    const { paymentId } = await reservedPayment(client, users);
    await sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/payments/*/capture',
      times: 10,
      action: { kind: 'status', status: 503, code: '2000' },
    });

    const error = await rejection(client.capturePayment(paymentId, { amount: 100 }));

    expect(error).toMatchObject({
      code: 'pos.server',
      status: 503,
      apiCode: '2000',
      retryable: true,
      attempts: 4,
    });
    expect(await sandbox.requestsTo('POST', CAPTURE_PATH)).toHaveLength(4);
    expect(time.backoffs).toHaveLength(3);
    expect((await client.getPayment(paymentId)).status).toBe('Reserved');
  });

  it('never retries more than 5 times, whatever it is configured to', async () => {
    const client = clientWith({ retries: 9 });
    const { posId } = await newPos(client);
    await sandbox.addFault({
      method: 'GET',
      path: '/pos/v10/pointofsales/*/checkin',
      times: 20,
      action: { kind: 'status', status: 500 },
    });

    const error = await rejection(client.getCheckIn(posId));

    expect(error).toMatchObject({ code: 'pos.server', attempts: 6 });
    expect(await sandbox.requestsTo('GET', /\/checkin$/)).toHaveLength(6);
  });

  it('reports a body that does not match the wire schema as pos.bad-response', async () => {
    const client = clientWith();
    const { paymentId } = await reservedPayment(client, users);
    await sandbox.addFault({
      method: 'GET',
      path: '/pos/v10/payments/*',
      action: { kind: 'status', status: 200, code: '9999', message: 'not a payment' },
    });

    const error = await rejection(client.getPayment(paymentId));

    expect(error).toMatchObject({ code: 'pos.bad-response', status: 200, retryable: false, attempts: 1 });
    expect(error.message).toMatch(/does not match the PoS v10 schema/);
  });

  it('checks a request against the wire schema and does not send it when it does not match', async () => {
    const client = clientWith();
    const bad = { ...paymentRequest('some-pos'), currencyCode: 'SEK' } as unknown as ReturnType<
      typeof paymentRequest
    >;

    const error = await rejection(client.initiatePayment(bad, newKey()));
    const noKey = await rejection(client.initiatePayment(paymentRequest('some-pos'), ''));

    expect(error).toMatchObject({ code: 'pos.invalid-request', attempts: 0 });
    expect(noKey.message).toMatch(/idempotency key/);
    expect(await sandbox.requestsTo('POST', '/pos/v10/payments')).toEqual([]);
  });
});
