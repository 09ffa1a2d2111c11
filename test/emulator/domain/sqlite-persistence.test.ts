// The SQLite persistence behind `pos-sim emulator --data FILE`: documents round-trip, commands are
// atomic, and an emulator restarted on the same file carries on where the last one stopped.
import Database from 'better-sqlite3';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../../../src/emulator/build-emulator.js';
import { MINUTE, type VirtualClock } from '../../../src/emulator/clock.js';
import type { Persistence } from '../../../src/emulator/domain/persistence.js';
import { SQLITE_SCHEMA_VERSION, sqlitePersistence } from '../../../src/emulator/domain/sqlite-persistence.js';
import { DEMO_STORE_ID, DEMO_VAT, demoClient, users } from '../harness.js';

let dir: string;
let file: string;
const opened: Persistence[] = [];
const open = (path = file): Persistence => {
  const persistence = sqlitePersistence(path);
  opened.push(persistence);
  return persistence;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pos-sim-sqlite-'));
  file = join(dir, 'state', 'emulator.db');
});
afterEach(() => {
  for (const persistence of opened.splice(0)) persistence.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sqlite persistence', () => {
  it('creates the file and its missing parent directory, with the schema version recorded', () => {
    open().close();
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('loads back what was put, in first-stored order, after a reopen', () => {
    const first = open();
    first.put('payment', 'p1', { paymentId: 'p1', status: 'Initiated', amount: 12.5 });
    first.put('meta', 'signing-key', { privateKeyPem: 'x' });
    first.put('payment', 'p1', { paymentId: 'p1', status: 'Reserved', amount: 12.5 });
    first.put('refund', 'r1', { refundId: 'r1' });
    first.remove('refund', 'r1');
    first.close();

    expect(open().loadAll()).toEqual([
      { kind: 'payment', id: 'p1', doc: { paymentId: 'p1', status: 'Reserved', amount: 12.5 } },
      { kind: 'meta', id: 'signing-key', doc: { privateKeyPem: 'x' } },
    ]);
  });

  it('keeps documents of different kinds with the same id apart', () => {
    const persistence = open();
    persistence.put('payment', 'same', { a: 1 });
    persistence.put('refund', 'same', { b: 2 });
    expect(persistence.loadAll().map((d) => d.kind)).toEqual(['payment', 'refund']);
  });

  it('rolls back every write of a transaction that throws', () => {
    const persistence = open();
    persistence.put('store', 's1', { v: 1 });
    expect(() =>
      persistence.transaction(() => {
        persistence.put('store', 's1', { v: 2 });
        persistence.put('payment', 'p1', {});
        throw new Error('the command failed');
      }),
    ).toThrow('the command failed');
    expect(persistence.loadAll()).toEqual([{ kind: 'store', id: 's1', doc: { v: 1 } }]);
  });

  it('runs a nested transaction inside the outer one, which commits or rolls back as a whole', () => {
    const persistence = open();
    const result = persistence.transaction(() => {
      persistence.put('payment', 'p1', {});
      return persistence.transaction(() => {
        persistence.put('payment', 'p2', {});
        return 'inner result';
      });
    });
    expect(result).toBe('inner result');
    expect(() =>
      persistence.transaction(() => {
        persistence.transaction(() => persistence.put('payment', 'p3', {}));
        throw new Error('outer failed');
      }),
    ).toThrow('outer failed');
    expect(persistence.loadAll().map((d) => d.id)).toEqual(['p1', 'p2']);
  });

  it('clears every document on reset', () => {
    const persistence = open();
    persistence.put('payment', 'p1', {});
    persistence.put('meta', 'm', {});
    persistence.clear();
    expect(persistence.loadAll()).toEqual([]);
  });

  it('refuses a file written by a newer schema, naming the file', () => {
    const newer = join(dir, 'newer.db');
    const db = new Database(newer);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => open(newer)).toThrow(/newer\.db.*newer version/);
  });
});

/** A PoS client of the demo integrator talking to an emulator through inject(). */
function clientOf(app: FastifyInstance, token: string) {
  const headers = {
    authorization: `Bearer ${token}`,
    'x-ibm-client-id': demoClient.clientId,
    'x-mobilepay-merchant-vat-number': DEMO_VAT,
    'x-mobilepay-client-system-name': 'Persistence test PoS',
    'x-mobilepay-client-system-version': '1.0.0',
  };
  const call = async (method: InjectOptions['method'], url: string, body?: object, key?: string) => {
    const extra = key === undefined ? {} : { 'x-mobilepay-idempotency-key': key };
    const response = await app.inject({
      method,
      url,
      headers: { ...headers, ...extra },
      ...(body ? { payload: body } : {}),
    });
    return {
      status: response.statusCode,
      body: (response.body === '' ? {} : response.json()) as Record<string, unknown>,
    };
  };
  const user = async (action: string, body: object) =>
    app.inject({
      method: 'POST',
      url: `/pos/app/usersimulation/${action}`,
      headers: { 'x-ibm-client-id': demoClient.clientId, 'x-ibm-client-secret': demoClient.clientSecret },
      payload: body,
    });
  return { call, user };
}

async function tokenFrom(app: FastifyInstance): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/integrator-authentication/connect/token',
    headers: {
      'x-ibm-client-id': demoClient.clientId,
      authorization: `Basic ${Buffer.from(`${demoClient.clientId}:${demoClient.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: `grant_type=client_credentials&merchant_vat=${DEMO_VAT}`,
  });
  expect(response.statusCode).toBe(200);
  return (response.json() as { access_token: string }).access_token;
}

describe('an emulator on a sqlite file', () => {
  const emulatorOn = async (path: string): Promise<FastifyInstance> => {
    const app = buildEmulator({ clock: 'virtual', persistence: sqlitePersistence(path) });
    await app.ready();
    return app;
  };

  it('keeps a captured payment, its refund, the PoS, idempotency keys, tokens and the clock across a restart', async () => {
    const first = await emulatorOn(file);
    const token = await tokenFrom(first);
    const before = clientOf(first, token);

    const merchantPosId = 'till-restart-1';
    const pos = await before.call(
      'POST',
      '/pos/v10/pointofsales',
      {
        merchantPosId,
        storeId: DEMO_STORE_ID,
        name: 'Till 1',
        supportedBeaconTypes: ['QR'],
      },
      'pos-key-1',
    );
    expect(pos.status).toBe(200);
    const posId = pos.body['posId'] as string;
    const beaconId = (await before.call('GET', `/pos/v10/pointofsales/${posId}`)).body['beaconId'] as string;

    const paymentBody = {
      posId,
      orderId: 'order-restart-1',
      amount: 100,
      currencyCode: 'DKK',
      plannedCaptureDelay: 'None',
    };
    const initiated = await before.call('POST', '/pos/v10/payments', paymentBody, 'payment-key-1');
    expect(initiated.status).toBe(200);
    const paymentId = initiated.body['paymentId'] as string;
    expect((await before.user('checkin', { beaconId, phoneNumber: users.credit })).statusCode).toBe(200);
    expect((await before.user('acceptpayment', { beaconId, phoneNumber: users.credit })).statusCode).toBe(
      200,
    );
    expect((await before.call('GET', `/pos/v10/payments/${paymentId}`)).body['status']).toBe('Reserved');
    expect(
      (await before.call('POST', `/pos/v10/payments/${paymentId}/capture`, { amount: 100 })).status,
    ).toBe(200);

    const refundBody = { paymentId, refundOrderId: 'refund-restart-1', amount: 40, currencyCode: 'DKK' };
    const refund = await before.call('POST', '/pos/v10/refunds', refundBody, 'refund-key-1');
    expect(refund.status).toBe(200);
    const refundId = refund.body['refundId'] as string;

    const clock = first.emulator.clock as VirtualClock;
    clock.advance(10 * MINUTE); // less than the token lifetime (1 hour), so the old token is still valid
    first.emulator.sweep();
    const stoppedAt = clock.now();
    await first.close();

    const second = await emulatorOn(file);
    try {
      const after = clientOf(second, token);
      expect(second.emulator.clock.now()).toBe(stoppedAt);

      const payment = await after.call('GET', `/pos/v10/payments/${paymentId}`);
      expect(payment.status).toBe(200);
      expect(payment.body).toMatchObject({ paymentId, posId, status: 'Captured', amount: 100 });

      const refunded = await after.call('GET', `/pos/v10/refunds/${refundId}`);
      expect(refunded.status).toBe(200);
      expect(refunded.body).toMatchObject({ refundId, paymentId, amount: 40, currencyCode: 'DKK' });

      const found = await after.call('GET', `/pos/v10/pointofsales?merchantPosId=${merchantPosId}`);
      expect(found).toEqual({ status: 200, body: { posIds: [posId] } });

      const retried = await after.call('POST', '/pos/v10/payments', paymentBody, 'payment-key-1');
      expect(retried).toEqual({ status: 200, body: { paymentId } });
    } finally {
      await second.close();
    }
  });

  it('keeps a virtual clock that was never advanced where it stood, so a restart cancels nothing', async () => {
    const first = await emulatorOn(file);
    const stoodAt = first.emulator.clock.now();
    await first.close();
    const second = await emulatorOn(file);
    try {
      expect(second.emulator.clock.now()).toBe(stoodAt);
    } finally {
      await second.close();
    }
  });

  it('starts from the seed again after a reset, keeping the signing key', async () => {
    const first = await emulatorOn(file);
    const token = await tokenFrom(first);
    const created = await clientOf(first, token).call(
      'POST',
      '/pos/v10/pointofsales',
      {
        merchantPosId: 'till-reset-1',
        storeId: DEMO_STORE_ID,
        name: 'Till 1',
        supportedBeaconTypes: ['QR'],
      },
      'pos-key-reset',
    );
    expect(created.status).toBe(200);
    first.emulator.reset();
    await first.close();

    const second = await emulatorOn(file);
    try {
      const found = await clientOf(second, token).call(
        'GET',
        '/pos/v10/pointofsales?merchantPosId=till-reset-1',
      );
      expect(found).toEqual({ status: 200, body: { posIds: [] } });
    } finally {
      await second.close();
    }
  });
});
