// Timeouts and backoff of the PoS client (api-principles.md, "Handling Timeouts", "Retrying
// requests"), against the real emulator: its delay faults are held, the client's clock is fake.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PosClient } from '../../../src/terminal/api/pos-client.js';
import {
  FakeTime,
  demoConfig,
  fakeDeps,
  newPos,
  paymentRequest,
  recorder,
  rejection,
  startSandbox,
  type Sandbox,
} from './support.js';
import type { PosClientConfig } from '../../../src/terminal/api/config.js';

let sandbox: Sandbox;
let time: FakeTime;
let log: ReturnType<typeof recorder>;

function clientWith(overrides: Partial<PosClientConfig> = {}): PosClient {
  return new PosClient(demoConfig(sandbox.url, { onExchange: log.listener, ...overrides }), fakeDeps(time));
}

beforeEach(async () => {
  sandbox = await startSandbox();
  time = new FakeTime('held');
  log = recorder();
});

afterEach(async () => {
  await sandbox.close();
});

describe('PoS client timeouts and backoff', () => {
  it('reuses the idempotency key when the first initiate times out, and exactly one payment exists', async () => {
    const client = clientWith();
    const { posId } = await newPos(client);
    await sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/payments',
      action: { kind: 'delay', ms: 2500 },
    });
    // The emulator holds the first initiate; the client's 2 s timeout expires while it waits.
    sandbox.held.onHold = () => time.expireTimeouts();

    const { paymentId } = await client.initiatePayment(paymentRequest(posId), 'initiate-key-1');

    // The emulator logs a request when it answers; the abandoned first attempt is seen in the
    // client's own exchange events (the retry in both).
    const initiates = log.events.filter((e) => e.method === 'POST' && e.url.endsWith('/pos/v10/payments'));
    expect(initiates.map((e) => [e.attempt, e.error?.kind ?? e.status])).toEqual([
      [1, 'timeout'],
      [2, 200],
    ]);
    expect(initiates.map((e) => e.requestHeaders['x-mobilepay-idempotency-key'])).toEqual([
      'initiate-key-1',
      'initiate-key-1',
    ]);
    expect(initiates[0]!.requestBody).toEqual(initiates[1]!.requestBody);
    expect(time.timeoutsAsked[time.timeoutsAsked.length - 1]).toBe(2000);
    expect(time.backoffs).toHaveLength(1);

    const served = await sandbox.requestsTo('POST', '/pos/v10/payments');
    expect(served.at(-1)).toMatchObject({
      status: 200,
      responseBody: { paymentId },
      headers: { 'x-mobilepay-idempotency-key': 'initiate-key-1' },
    });
    expect(await client.findPaymentIds({ posId })).toEqual([paymentId]);
  });

  it('gives up with pos.timeout when every attempt times out', async () => {
    const client = clientWith({ retries: 1 });
    const { posId } = await newPos(client);
    await sandbox.addFault({
      method: 'GET',
      path: '/pos/v10/pointofsales/*',
      times: 2,
      action: { kind: 'delay', ms: 1000 },
    });
    sandbox.held.onHold = () => time.expireTimeouts();

    const error = await rejection(client.getPos(posId));

    expect(error).toMatchObject({ code: 'pos.timeout', retryable: true, attempts: 2, method: 'GET' });
    expect(error.status).toBeUndefined();
    expect(time.timeoutsAsked.slice(-2)).toEqual([500, 500]);
  });

  it('waits longer between later retries, with jitter from the injected randomness', async () => {
    const client = clientWith({ retries: 4, backoff: { baseMs: 100, maxMs: 1000 } });
    await client.getToken();
    await sandbox.addFault({
      method: 'GET',
      path: '/pos/v10/stores',
      times: 4,
      action: { kind: 'status', status: 502 },
    });

    await client.getStoreIds();

    expect(time.backoffs).toHaveLength(4);
    const ceilings = [100, 200, 400, 800];
    time.backoffs.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(ceilings[i]! / 2);
      expect(ms).toBeLessThanOrEqual(ceilings[i]!);
    });
  });

  it('waits 0.5 s for a GET and 2 s for a POST unless configured otherwise', async () => {
    const client = clientWith({ timeouts: { readMs: 300, writeMs: 1500 } });
    const { posId } = await newPos(client);
    time.timeoutsAsked.length = 0;
    await client.getPos(posId);
    await client.deletePos(posId);
    expect(time.timeoutsAsked).toEqual([300, 1500]);
    const defaults = clientWith();
    await defaults.getStoreIds();
    expect(time.timeoutsAsked.slice(-1)).toEqual([500]);
  });
});
