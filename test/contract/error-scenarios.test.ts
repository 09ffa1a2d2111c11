// Contract scenarios for the documented error responses (400, 401, 403, 404, 409): each error has the
// documented code and its body the documented shape (ErrorResponse, or ErrorResponseV2 with `origin`
// on refunds). 500s are left to the fault-injection tests.
import { randomUUID } from 'node:crypto';
import type { HTTPMethods } from 'fastify';
import { expect, it } from 'vitest';
import { INACTIVE_STORE_ID, demoClient, OTHER_MERCHANT_STORE_ID, users } from '../emulator/harness.js';
import { codeOf, describeContract, otherIntegratorHeaders } from './contract-suite.js';

const payment = (posId: string, amount: unknown = 100) => ({
  posId,
  orderId: `order-${randomUUID().slice(0, 8)}`,
  amount,
  currencyCode: 'DKK',
  plannedCaptureDelay: 'None',
});

describeContract('contract: 400 and 401 errors', (scenario) => {
  it('answers header and field errors with their codes: 1153, 1164, 1102, 1099, 1100, 1109, 1121, 1122', async () => {
    const { h, violations } = scenario();
    const { posId } = await h.createPos();
    const { 'x-mobilepay-client-system-version': _version, ...withoutVersion } = h.headers();
    const noVersion = await h.api('GET', `/pos/v10/payments?posId=${posId}`, undefined, withoutVersion);
    expect([noVersion.statusCode, codeOf(noVersion)]).toEqual([400, '1153']);
    const noKey = await h.api('POST', '/pos/v10/payments', payment(posId));
    expect([noKey.statusCode, codeOf(noKey)]).toEqual([400, '1164']);
    for (const amount of [-5, 0, 1.234, '100']) {
      const invalid = await h.create('/pos/v10/payments', payment(posId, amount));
      expect([invalid.statusCode, codeOf(invalid)]).toEqual([400, '1102']);
    }
    const notJson = await h.app.inject({
      method: 'POST',
      url: '/pos/v10/payments',
      headers: {
        ...h.headers(),
        'x-mobilepay-idempotency-key': 'k-json',
        'content-type': 'application/json',
      },
      payload: '{"posId":',
    });
    expect([notJson.statusCode, codeOf(notJson)]).toEqual([400, '1099']);
    const badBeacon = await h.create('/pos/v10/pointofsales', {
      merchantPosId: 'till-x',
      storeId: INACTIVE_STORE_ID,
      name: 'Till',
      beaconId: '12345',
      supportedBeaconTypes: ['QR'],
    });
    expect([badBeacon.statusCode, codeOf(badBeacon)]).toEqual([400, '1100']);
    expect(codeOf(await h.api('GET', '/pos/v10/payments'))).toBe('1109');
    expect(codeOf(await h.api('GET', '/pos/v10/pointofsales'))).toBe('1121');
    expect(codeOf(await h.api('GET', '/pos/v10/stores?merchantBrandId=POSDK12345'))).toBe('1122');
    expect(codeOf(await h.api('GET', '/pos/v10/stores/detailed?merchantLocationId=10001'))).toBe('1122');
    expect(violations).toEqual([]);
  });

  it('answers refund field errors in the refund error shape, with origin', async () => {
    const { h, violations } = scenario();
    const invalid = await h.create('/pos/v10/refunds', {
      paymentId: randomUUID(),
      refundOrderId: 'r-1',
      amount: -1,
      currencyCode: 'DKK',
    });
    expect(invalid.json()).toMatchObject({ code: '1102', origin: 'PoS' });
    const noFilter = await h.api('GET', '/pos/v10/refunds');
    expect([noFilter.statusCode, codeOf(noFilter)]).toEqual([400, '1110']);
    expect(violations).toEqual([]);
  });

  it('answers 401 to a call without a bearer token and to a user simulation with a wrong secret', async () => {
    const { h, violations } = scenario();
    const { authorization: _token, ...anonymous } = h.headers();
    expect((await h.api('GET', `/pos/v10/payments/${randomUUID()}`, undefined, anonymous)).statusCode).toBe(
      401,
    );
    expect((await h.api('GET', `/pos/v10/refunds/${randomUUID()}`, undefined, anonymous)).statusCode).toBe(
      401,
    );
    const { beaconId } = await h.createPos();
    const wrongSecret = await h.app.inject({
      method: 'POST',
      url: '/pos/app/usersimulation/checkin',
      headers: { 'x-ibm-client-id': demoClient.clientId, 'x-ibm-client-secret': 'not-the-secret' },
      payload: { beaconId, phoneNumber: users.credit },
    });
    expect(wrongSecret.statusCode).toBe(401);
    expect(violations).toEqual([]);
  });
});

describeContract('contract: 403 errors', (scenario) => {
  it('keeps another integrator away from PoSes, payments and refunds (1400, 1401, 1402)', async () => {
    const { h, violations } = scenario();
    const { posId, beaconId } = await h.createPos();
    const paymentId = await h.reservedPayment(posId, beaconId);
    await h.api('POST', `/pos/v10/payments/${paymentId}/capture`, { amount: 100 });
    const { refundId } = (
      await h.create('/pos/v10/refunds', { paymentId, refundOrderId: 'r-1', amount: 10, currencyCode: 'DKK' })
    ).json() as { refundId: string };
    const other = await otherIntegratorHeaders(h);
    const expectations: [HTTPMethods, string, unknown, string][] = [
      ['GET', `/pos/v10/pointofsales/${posId}`, undefined, '1400'],
      ['GET', `/pos/v10/pointofsales/${posId}/checkin`, undefined, '1400'],
      ['DELETE', `/pos/v10/pointofsales/${posId}`, undefined, '1400'],
      ['GET', `/pos/v10/payments/${paymentId}`, undefined, '1401'],
      ['POST', `/pos/v10/payments/${paymentId}/capture`, { amount: 100 }, '1401'],
      ['POST', `/pos/v10/payments/${paymentId}/cancel`, undefined, '1401'],
      ['GET', `/pos/v10/refunds/${refundId}`, undefined, '1402'],
      ['POST', `/pos/v10/refunds/${refundId}/cancel`, undefined, '1402'],
    ];
    for (const [method, url, body, code] of expectations) {
      const response = await h.api(method, url, body, other);
      expect([method, url, response.statusCode, codeOf(response)]).toEqual([method, url, 403, code]);
    }
    const initiate = await h.create('/pos/v10/payments', payment(posId), undefined, other);
    expect([initiate.statusCode, codeOf(initiate)]).toEqual([403, '1400']);
    const refund = await h.create(
      '/pos/v10/refunds',
      { paymentId, refundOrderId: 'r-2', amount: 1, currencyCode: 'DKK' },
      undefined,
      other,
    );
    expect(refund.json()).toMatchObject({ code: '1401', origin: 'PoS' });
    expect(violations).toEqual([]);
  });

  it("keeps a merchant away from another merchant's store and PoSes (1403, 1410, 1411)", async () => {
    const { h, violations } = scenario();
    const foreignStore = await h.create('/pos/v10/pointofsales', {
      merchantPosId: 'till-fi',
      storeId: OTHER_MERCHANT_STORE_ID,
      name: 'Till',
      supportedBeaconTypes: ['QR'],
    });
    expect([foreignStore.statusCode, codeOf(foreignStore)]).toEqual([403, '1403']);
    const { posId } = await h.createPos();
    const paymentId = await h.initiate(posId);
    const finnish = h.headers({ 'x-mobilepay-merchant-vat-number': 'FI12345678' });
    expect(codeOf(await h.api('GET', `/pos/v10/pointofsales/${posId}`, undefined, finnish))).toBe('1410');
    expect(codeOf(await h.api('GET', `/pos/v10/payments/${paymentId}`, undefined, finnish))).toBe('1411');
    expect(codeOf(await h.api('POST', `/pos/v10/payments/${paymentId}/cancel`, undefined, finnish))).toBe(
      '1408',
    );
    expect(violations).toEqual([]);
  });
});

describeContract('contract: 404 errors', (scenario) => {
  it('answers 404 for payments, PoSes, stores and refunds that do not exist', async () => {
    const { h, violations } = scenario();
    const unknown = randomUUID();
    const calls: [HTTPMethods, string, unknown][] = [
      ['GET', `/pos/v10/payments/${unknown}`, undefined],
      ['POST', `/pos/v10/payments/${unknown}/capture`, { amount: 1 }],
      ['POST', `/pos/v10/payments/${unknown}/cancel`, undefined],
      [
        'POST',
        `/pos/v10/payments/${unknown}/ready`,
        { amount: 1, currencyCode: 'DKK', plannedCaptureDelay: 'None' },
      ],
      ['GET', `/pos/v10/pointofsales/${unknown}`, undefined],
      ['DELETE', `/pos/v10/pointofsales/${unknown}`, undefined],
      ['GET', `/pos/v10/pointofsales/${unknown}/checkin`, undefined],
      ['GET', `/pos/v10/stores/${unknown}`, undefined],
      ['GET', `/pos/v10/refunds/${unknown}`, undefined],
      ['POST', `/pos/v10/refunds/${unknown}/capture`, undefined],
      ['POST', `/pos/v10/refunds/${unknown}/cancel`, undefined],
    ];
    for (const [method, url, body] of calls)
      expect([method, url, (await h.api(method, url, body)).statusCode]).toEqual([method, url, 404]);
    expect(violations).toEqual([]);
  });
});

describeContract('contract: 409 errors', (scenario) => {
  it('refuses a second active payment (1301), a reused idempotency key (1306) and PoSes that clash (1200, 1202)', async () => {
    const { h, violations } = scenario();
    const { posId, beaconId } = await h.createPos({ merchantPosId: 'till-clash' });
    await h.initiate(posId);
    const second = await h.create('/pos/v10/payments', payment(posId));
    expect([second.statusCode, codeOf(second)]).toEqual([409, '1301']);
    await h.create(
      '/pos/v10/pointofsales',
      { merchantPosId: 'till-key', storeId: INACTIVE_STORE_ID, name: 'Till', supportedBeaconTypes: ['QR'] },
      'pos-key',
    );
    const reused = await h.create(
      '/pos/v10/pointofsales',
      { merchantPosId: 'till-key-2', storeId: INACTIVE_STORE_ID, name: 'Till', supportedBeaconTypes: ['QR'] },
      'pos-key',
    );
    expect([reused.statusCode, codeOf(reused)]).toEqual([409, '1306']);
    const sameMerchantPosId = await h.create('/pos/v10/pointofsales', {
      merchantPosId: 'till-clash',
      storeId: INACTIVE_STORE_ID,
      name: 'Till',
      supportedBeaconTypes: ['QR'],
    });
    expect([sameMerchantPosId.statusCode, codeOf(sameMerchantPosId)]).toEqual([409, '1200']);
    const sameBeacon = await h.create('/pos/v10/pointofsales', {
      merchantPosId: 'till-beacon',
      storeId: INACTIVE_STORE_ID,
      name: 'Till',
      beaconId,
      supportedBeaconTypes: ['QR'],
    });
    expect([sameBeacon.statusCode, codeOf(sameBeacon)]).toEqual([409, '1202']);
    expect(violations).toEqual([]);
  });

  it('refuses captures that do not fit the reservation (1304, 1305, 1307, 1308) and readies of unprepared payments (1303)', async () => {
    const { h, violations } = scenario();
    const { posId, beaconId } = await h.createPos();
    const initiated = await h.initiate(posId);
    expect(codeOf(await h.api('POST', `/pos/v10/payments/${initiated}/capture`, { amount: 100 }))).toBe(
      '1304',
    );
    expect(
      codeOf(
        await h.api('POST', `/pos/v10/payments/${initiated}/ready`, {
          amount: 100,
          currencyCode: 'DKK',
          plannedCaptureDelay: 'None',
        }),
      ),
    ).toBe('1303');
    await h.api('POST', `/pos/v10/payments/${initiated}/cancel`);
    const reserved = await h.reservedPayment(posId, beaconId, users.noPartialCapture, 100);
    const over = await h.api('POST', `/pos/v10/payments/${reserved}/capture`, { amount: 100.01 });
    expect([over.statusCode, codeOf(over)]).toEqual([409, '1305']);
    expect(codeOf(await h.api('POST', `/pos/v10/payments/${reserved}/capture`, { amount: 50 }))).toBe('1308');
    await h.api('POST', `/pos/v10/payments/${reserved}/capture`, { amount: 100 });
    expect(codeOf(await h.api('POST', `/pos/v10/payments/${reserved}/capture`, { amount: 99 }))).toBe('1307');
    expect(violations).toEqual([]);
  });

  it('refuses refunds above the captured amount (1367) and of payments not captured (1354), with origin', async () => {
    const { h, violations } = scenario();
    const { posId, beaconId } = await h.createPos();
    const paymentId = await h.reservedPayment(posId, beaconId, users.credit, 100);
    const notCaptured = await h.create('/pos/v10/refunds', {
      paymentId,
      refundOrderId: 'r-0',
      amount: 10,
      currencyCode: 'DKK',
    });
    expect(notCaptured.json()).toMatchObject({ code: '1354', origin: 'PoS' });
    await h.api('POST', `/pos/v10/payments/${paymentId}/capture`, { amount: 80 });
    await h.create('/pos/v10/refunds', { paymentId, refundOrderId: 'r-1', amount: 50, currencyCode: 'DKK' });
    const tooHigh = await h.create('/pos/v10/refunds', {
      paymentId,
      refundOrderId: 'r-2',
      amount: 30.01,
      currencyCode: 'DKK',
    });
    expect([tooHigh.statusCode, tooHigh.json()]).toEqual([
      409,
      expect.objectContaining({ code: '1367', origin: 'PoS' }),
    ]);
    expect(violations).toEqual([]);
  });

  it('refuses payments on an unknown PoS (1000) and on a store that is not activated (1204)', async () => {
    const { h, violations } = scenario();
    const unknownPos = await h.create('/pos/v10/payments/prepare', {
      posId: randomUUID(),
      orderId: 'order-1',
    });
    expect([unknownPos.statusCode, codeOf(unknownPos)]).toEqual([409, '1000']);
    const { posId } = await h.createPos({ storeId: INACTIVE_STORE_ID });
    const refused = await h.create('/pos/v10/payments', payment(posId));
    expect([refused.statusCode, codeOf(refused)]).toEqual([409, '1204']);
    expect(violations).toEqual([]);
  });
});
