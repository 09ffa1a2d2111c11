// Integrator authentication as the client lives it (docs/authentication.md): one token, reused,
// replaced before it expires on the client's own clock, and replaced once when the API says 401.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PosClient } from '../../../src/terminal/api/pos-client.js';
import { TerminalApiError } from '../../../src/terminal/api/errors.js';
import { refreshTime } from '../../../src/terminal/api/token-provider.js';
import type { PosClientConfig } from '../../../src/terminal/api/config.js';
import {
  DEMO_STORE_ID,
  FakeTime,
  demoConfig,
  fakeDeps,
  recorder,
  startSandbox,
  type Sandbox,
} from './support.js';

const TOKEN_PATH = '/integrator-authentication/connect/token';
const STORE_PATH = `/pos/v10/stores/${DEMO_STORE_ID}`;
const HOUR_S = 3600;

let sandbox: Sandbox;
let time: FakeTime;
let log: ReturnType<typeof recorder>;

function clientWith(overrides: Partial<PosClientConfig> = {}): PosClient {
  return new PosClient(demoConfig(sandbox.url, { onExchange: log.listener, ...overrides }), fakeDeps(time));
}

/** Moves both clocks: the emulator's (which judges expiry) and the client's (which decides refreshes). */
async function advanceBoth(seconds: number): Promise<void> {
  await sandbox.advanceClock(seconds);
  time.advance(seconds * 1000);
}

beforeEach(async () => {
  sandbox = await startSandbox();
  time = new FakeTime('held');
  log = recorder();
});

afterEach(async () => {
  await sandbox.close();
});

describe('token refresh timing', () => {
  it('replaces a token when less than 10% of its life or 60 s is left, but never before half its life', () => {
    expect(refreshTime(0, 3_600_000)).toBe(3_240_000);
    expect(refreshTime(0, 300_000)).toBe(240_000);
    expect(refreshTime(0, 60_000)).toBe(30_000);
  });
});

describe('PoS client authentication', () => {
  it('asks for a client-credentials token with Basic credentials, the client id and the merchant VAT', async () => {
    const client = clientWith();

    const token = await client.getToken();

    expect(token).toMatchObject({
      tokenType: 'Bearer',
      obtainedAt: time.nowMs,
      expiresAt: time.nowMs + HOUR_S * 1000,
      refreshAt: time.nowMs + HOUR_S * 900,
    });
    const [request] = await sandbox.requestsTo('POST', TOKEN_PATH);
    expect(request).toMatchObject({
      status: 200,
      headers: {
        authorization: 'Basic [redacted]',
        'x-ibm-client-id': demoConfig('').clientId,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: { grant_type: 'client_credentials', merchant_vat: 'DK12345678' },
    });
  });

  it('leaves merchant_vat out when the token is not to be bound to the merchant, and still works', async () => {
    const client = clientWith({ bindTokenToMerchant: false });
    expect((await client.getStore(DEMO_STORE_ID)).storeId).toBe(DEMO_STORE_ID);
    const [request] = await sandbox.requestsTo('POST', TOKEN_PATH);
    expect(request!.body).toEqual({ grant_type: 'client_credentials' });
  });

  it('reuses one token for every call, and asks once for concurrent callers', async () => {
    const client = clientWith();
    await Promise.all([1, 2, 3, 4].map(() => client.getStore(DEMO_STORE_ID)));
    await client.getStoreIds();
    expect(await sandbox.requestsTo('POST', TOKEN_PATH)).toHaveLength(1);
  });

  it('replaces the token shortly before it expires, so the API never sees an expired one', async () => {
    const client = clientWith();
    await client.getStore(DEMO_STORE_ID);
    await advanceBoth(3200);
    await client.getStore(DEMO_STORE_ID);
    expect(await sandbox.requestsTo('POST', TOKEN_PATH)).toHaveLength(1);

    await advanceBoth(100); // 3300 s: less than 10% of the hour is left
    await client.getStore(DEMO_STORE_ID);

    expect(await sandbox.requestsTo('POST', TOKEN_PATH)).toHaveLength(2);
    const calls = await sandbox.requestsTo('GET', STORE_PATH);
    expect(calls.map((e) => e.status)).toEqual([200, 200, 200]);
    expect(calls[2]!.headers['authorization']).not.toBe(calls[1]!.headers['authorization']);
  });

  it('keeps the current token when its early replacement fails, as it has not expired yet', async () => {
    const client = clientWith();
    await client.getStore(DEMO_STORE_ID);
    await advanceBoth(3300);
    await sandbox.addFault({
      method: 'POST',
      path: TOKEN_PATH,
      times: 3,
      action: { kind: 'status', status: 503 },
    });

    expect((await client.getStore(DEMO_STORE_ID)).storeId).toBe(DEMO_STORE_ID);
    await client.getStore(DEMO_STORE_ID);

    expect((await sandbox.requestsTo('POST', TOKEN_PATH)).map((e) => e.status)).toEqual([
      200, 503, 503, 503, 200,
    ]);
  });

  it('takes a fresh token once when the API answers 401, and repeats the call', async () => {
    const client = clientWith();
    await client.getStore(DEMO_STORE_ID);
    await sandbox.advanceClock(HOUR_S + 60); // expired for the emulator; the client's clock does not know
    log.events.length = 0;

    expect((await client.getStore(DEMO_STORE_ID)).storeId).toBe(DEMO_STORE_ID);

    expect(log.events.map((e) => [new URL(e.url).pathname, e.status, e.attempt])).toEqual([
      [STORE_PATH, 401, 1],
      [TOKEN_PATH, 200, 1],
      [STORE_PATH, 200, 2],
    ]);
  });

  it('repeats the call after a single 401 from a fault rule', async () => {
    const client = clientWith();
    const posIds = await client.findPosIds({ storeId: DEMO_STORE_ID });
    await sandbox.addFault({
      method: 'GET',
      path: '/pos/v10/pointofsales',
      action: { kind: 'status', status: 401 },
    });

    expect(await client.findPosIds({ storeId: DEMO_STORE_ID })).toEqual(posIds);
    expect((await sandbox.requestsTo('POST', TOKEN_PATH)).length).toBe(2);
  });

  it('fails with pos.unauthorized when the fresh token is refused too', async () => {
    const client = clientWith();
    await sandbox.addFault({
      method: 'GET',
      path: STORE_PATH,
      times: 2,
      action: { kind: 'status', status: 401 },
    });

    const error = await client.getStore(DEMO_STORE_ID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TerminalApiError);
    expect(error).toMatchObject({ code: 'pos.unauthorized', status: 401, attempts: 2, retryable: false });
    expect(await sandbox.requestsTo('GET', STORE_PATH)).toHaveLength(2);
    expect(await sandbox.requestsTo('POST', TOKEN_PATH)).toHaveLength(2);
  });

  it('reports refused integrator credentials as pos.unauthorized without retrying', async () => {
    const client = clientWith({ clientSecret: 'not-the-secret' });

    const error = await client.getStoreIds().catch((e: unknown) => e);

    expect(error).toMatchObject({
      code: 'pos.unauthorized',
      status: 401,
      attempts: 1,
      method: 'POST',
      path: TOKEN_PATH,
      apiMessage: 'client authentication failed',
    });
    expect(await sandbox.requestsTo('POST', TOKEN_PATH)).toHaveLength(1);
    expect(await sandbox.requestsTo('GET', '/pos/v10/stores')).toEqual([]);
  });
});
