import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_STORE_ID, startHarness, users, type Harness } from '../harness.js';

let harness: Harness;
afterEach(async () => harness.close());

/** A payment captured for its full amount (100.00 DKK unless given). */
async function capturedPayment(amount = 100): Promise<string> {
  const { posId, beaconId } = await harness.createPos();
  const paymentId = await harness.reservedPayment(posId, beaconId, users.credit, amount);
  const capture = await harness.api('POST', `/pos/v10/payments/${paymentId}/capture`, { amount });
  expect(capture.statusCode).toBe(200);
  return paymentId;
}

const refund = (paymentId: string, amount: number) =>
  harness.create('/pos/v10/refunds', {
    paymentId,
    refundOrderId: `refund-${amount}`,
    amount,
    currencyCode: 'DKK',
  });

describe('cancellation by MobilePay', () => {
  it('cancels an active payment, which the client then sees as CancelledByMobilePay', async () => {
    harness = await startHarness();
    const { posId } = await harness.createPos();
    const paymentId = await harness.initiate(posId);

    const response = await harness.api('POST', `/emulator/payments/${paymentId}/cancel-by-mobilepay`);

    expect(response.json()).toEqual({ paymentId, status: 'CancelledByMobilePay' });
    expect((await harness.payment(paymentId))['status']).toBe('CancelledByMobilePay');
  });

  it('answers 409 for a payment that is no longer active and 404 for an unknown one', async () => {
    harness = await startHarness();
    const { posId, beaconId } = await harness.createPos();
    const paymentId = await harness.reservedPayment(posId, beaconId);

    const reserved = await harness.api('POST', `/emulator/payments/${paymentId}/cancel-by-mobilepay`);
    expect(reserved.statusCode).toBe(409);
    expect(reserved.json()).toMatchObject({ message: expect.stringMatching(/Reserved/) });
    expect((await harness.payment(paymentId))['status']).toBe('Reserved');
    expect(
      (
        await harness.api(
          'POST',
          '/emulator/payments/8a2c6f0e-1d3b-4c5a-9e7f-0b1c2d3e4f50/cancel-by-mobilepay',
        )
      ).statusCode,
    ).toBe(404);
  });

  it('cancels a reserved refund once, then answers 409', async () => {
    harness = await startHarness();
    const paymentId = await capturedPayment();
    const refundId = ((await refund(paymentId, 10)).json() as { refundId: string }).refundId;

    const first = await harness.api('POST', `/emulator/refunds/${refundId}/cancel-by-mobilepay`);
    const second = await harness.api('POST', `/emulator/refunds/${refundId}/cancel-by-mobilepay`);

    expect(first.json()).toEqual({ refundId, status: 'CancelledByMobilePay' });
    expect(second.statusCode).toBe(409);
    expect((await harness.api('GET', `/pos/v10/refunds/${refundId}`)).json()).toMatchObject({
      status: 'CancelledByMobilePay',
    });
  });
});

describe('store balance', () => {
  it('sets the available balance so that a larger refund fails with 1368', async () => {
    harness = await startHarness();
    const paymentId = await capturedPayment(100);

    const set = await harness.api('PUT', `/emulator/stores/${DEMO_STORE_ID}/balance`, {
      currencyCode: 'DKK',
      amount: 5,
    });
    expect(set.json()).toEqual({ storeId: DEMO_STORE_ID, currencyCode: 'DKK', amount: 5 });

    const tooMuch = await refund(paymentId, 10);
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json()).toMatchObject({ code: '1368' });
    expect((await refund(paymentId, 5)).statusCode).toBe(200);
  });

  it('shows the balance in the state snapshot and forgets it on reset', async () => {
    harness = await startHarness();
    await harness.api('PUT', `/emulator/stores/${DEMO_STORE_ID}/balance`, {
      currencyCode: 'EUR',
      amount: 12.5,
    });
    const storeIn = async () =>
      (
        (await harness.api('GET', '/emulator/state')).json() as {
          stores: { storeId: string; balance: unknown }[];
        }
      ).stores.find((s) => s.storeId === DEMO_STORE_ID);
    expect((await storeIn())?.balance).toEqual({ DKK: 0, EUR: 12.5 });
    await harness.api('POST', '/emulator/reset');
    expect((await storeIn())?.balance).toEqual({ DKK: 0, EUR: 0 });
  });

  it('answers 404 for an unknown store and 400 for a bad body', async () => {
    harness = await startHarness();
    const unknown = await harness.api(
      'PUT',
      '/emulator/stores/00000000-0000-4000-8000-000000000000/balance',
      { currencyCode: 'DKK', amount: 1 },
    );
    expect(unknown.statusCode).toBe(404);
    expect(
      (
        await harness.api('PUT', `/emulator/stores/${DEMO_STORE_ID}/balance`, {
          currencyCode: 'SEK',
          amount: 1,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await harness.api('PUT', `/emulator/stores/${DEMO_STORE_ID}/balance`, {
          currencyCode: 'DKK',
          amount: -1,
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('callbacks', () => {
  it('points an alias at a URL and lists it', async () => {
    harness = await startHarness();
    const put = await harness.api('PUT', '/emulator/callbacks/till-hook', {
      url: 'http://127.0.0.1:9999/checkin',
    });
    expect(put.json()).toEqual({ alias: 'till-hook', url: 'http://127.0.0.1:9999/checkin' });
    expect((await harness.api('GET', '/emulator/callbacks')).json()).toEqual({
      callbacks: [{ alias: 'till-hook', url: 'http://127.0.0.1:9999/checkin' }],
    });
    expect(harness.app.emulator.core.state.callbacks.get('till-hook')).toBe('http://127.0.0.1:9999/checkin');
  });

  it('answers 400 to something that is not an http(s) URL', async () => {
    harness = await startHarness();
    expect((await harness.api('PUT', '/emulator/callbacks/till-hook', { url: 'not a url' })).statusCode).toBe(
      400,
    );
    expect(
      (await harness.api('PUT', '/emulator/callbacks/till-hook', { url: 'ftp://example.com/x' })).statusCode,
    ).toBe(400);
  });
});

describe('looking around', () => {
  it('lists the sandbox test users', async () => {
    harness = await startHarness();
    const { testUsers } = (await harness.api('GET', '/emulator/test-users')).json() as {
      testUsers: { phoneNumber: string }[];
    };
    expect(testUsers.map((u) => u.phoneNumber)).toEqual(expect.arrayContaining(Object.values(users)));
  });

  it('shows points of sale, payments, refunds and check-ins in the state snapshot', async () => {
    harness = await startHarness();
    const { posId, beaconId } = await harness.createPos();
    await harness.user('checkin', { beaconId, phoneNumber: users.debit });
    const paymentId = await harness.initiate(posId);

    const state = (await harness.api('GET', '/emulator/state')).json() as Record<string, unknown[]>;

    expect(state['pointsOfSale']).toEqual([expect.objectContaining({ posId, beaconId })]);
    expect(state['payments']).toEqual([expect.objectContaining({ paymentId, posId })]);
    expect(state['refunds']).toEqual([]);
    expect(state).toHaveProperty('checkIns');
  });
});

describe('beacon lookup (what the customer sees after scanning)', () => {
  it('names the point of sale, store and brand of an active beacon, in any case', async () => {
    harness = await startHarness();
    const { posId, beaconId } = await harness.createPos({ name: 'Till 7' });

    const found = await harness.api('GET', `/emulator/beacons/${beaconId.toUpperCase()}`);

    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({
      beaconId,
      posId,
      posName: 'Till 7',
      storeName: 'Demo Kaffebar Nørreport',
      brandName: 'Demo Kaffebar',
    });
  });

  it('answers 404 with code 1000 for a beacon no active point of sale carries', async () => {
    harness = await startHarness();
    const { posId, beaconId } = await harness.createPos();
    expect((await harness.api('DELETE', `/pos/v10/pointofsales/${posId}`)).statusCode).toBe(200);

    const gone = await harness.api('GET', `/emulator/beacons/${beaconId}`);
    const unknown = await harness.api('GET', '/emulator/beacons/123456789012345');

    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: '1000' });
    expect(unknown.statusCode).toBe(404);
  });
});
