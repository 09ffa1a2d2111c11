// Every PoS v10 endpoint through the client, against the real emulator: the documented happy
// paths (authentication, stores, points of sale, payments, prepared payments, refunds) and the
// headers the API requires on every call, read back from the emulator's request log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PosClient } from '../../../src/terminal/api/pos-client.js';
import { UserSimulationClient } from '../../../src/terminal/api/user-simulation-client.js';
import { isApiError } from '../../../src/terminal/api/errors.js';
import {
  CREDIT_USER,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_STORE_ID,
  DEMO_VAT,
  FakeTime,
  demoConfig,
  fakeDeps,
  newKey,
  newPos,
  paymentRequest,
  reservedPayment,
  startSandbox,
  type Sandbox,
} from './support.js';

const CREATING_POSTS = new Set([
  '/pos/v10/pointofsales',
  '/pos/v10/payments',
  '/pos/v10/payments/prepare',
  '/pos/v10/refunds',
]);

let sandbox: Sandbox;
let client: PosClient;
let users: UserSimulationClient;

beforeEach(async () => {
  sandbox = await startSandbox();
  const time = new FakeTime('held');
  client = new PosClient(demoConfig(sandbox.url), fakeDeps(time));
  users = new UserSimulationClient(
    { apiBaseUrl: sandbox.url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    fakeDeps(time),
  );
});

afterEach(async () => {
  await sandbox.close();
});

describe('PoS client', () => {
  it('gets an access token for the demo integrator', async () => {
    const token = await client.getToken();
    expect(token.accessToken.split('.')).toHaveLength(3);
    expect(token.scope).toBe('integrator_scope');
  });

  it('finds the stores of the merchant by VAT, and one store by brand and location', async () => {
    const ids = await client.getStoreIds();
    expect(ids).toContain(DEMO_STORE_ID);
    expect(await client.getStoreIds({ merchantBrandId: 'POSDK12345', merchantLocationId: '10001' })).toEqual([
      DEMO_STORE_ID,
    ]);
    const detailed = await client.getStoresDetailed();
    expect(detailed.map((s) => s.storeId)).toEqual(ids);
    expect(
      await client.getStoresDetailed({ merchantBrandId: 'POSDK12345', merchantLocationId: '10001' }),
    ).toEqual([expect.objectContaining({ storeId: DEMO_STORE_ID, merchantLocationId: '10001' })]);
    expect(await client.getStore(DEMO_STORE_ID)).toMatchObject({
      storeId: DEMO_STORE_ID,
      merchantBrandId: 'POSDK12345',
      merchantLocationId: '10001',
    });
  });

  it('creates, finds, reads and deletes a point of sale', async () => {
    const { posId } = await client.createPos(
      {
        merchantPosId: 'till-7',
        storeId: DEMO_STORE_ID,
        name: 'Till 7',
        supportedBeaconTypes: ['QR', 'Bluetooth'],
      },
      newKey('create-pos'),
    );
    const pos = await client.getPos(posId);
    expect(pos).toMatchObject({
      posId,
      merchantPosId: 'till-7',
      storeId: DEMO_STORE_ID,
      name: 'Till 7',
      supportedBeaconTypes: ['QR', 'Bluetooth'],
      requirePaymentBeforeCheckin: false,
    });
    expect(await client.findPosIds({ storeId: DEMO_STORE_ID })).toEqual([posId]);
    expect(await client.findPosIds({ merchantPosId: 'till-7' })).toEqual([posId]);
    expect(await client.findPosIds({ beaconId: pos.beaconId, storeId: DEMO_STORE_ID })).toEqual([posId]);
    expect(await client.getCheckIn(posId)).toMatchObject({ isUserCheckedIn: false, pollDelayInMs: 1000 });

    await client.deletePos(posId);

    expect(await client.findPosIds({ storeId: DEMO_STORE_ID })).toEqual([]);
    const gone = await client.getPos(posId).catch((e: unknown) => e);
    expect(gone).toMatchObject({
      code: 'pos.api',
      status: 404,
      apiCode: '1000',
      apiErrorName: 'PosNotFound',
    });
  });

  it('sees a checked-in customer at the point of sale', async () => {
    const { posId, beaconId } = await newPos(client);
    await users.checkIn({ beaconId, phoneNumber: CREDIT_USER });
    expect(await client.getCheckIn(posId)).toMatchObject({ isUserCheckedIn: true });
  });

  it('takes an initiated payment through check-in and acceptance to capture', async () => {
    const { posId, beaconId } = await newPos(client);
    const request = paymentRequest(posId, 42.5);
    const { paymentId } = await client.initiatePayment(request, newKey('initiate'));
    expect(await client.getPayment(paymentId)).toMatchObject({
      paymentId,
      posId,
      orderId: request.orderId,
      amount: 42.5,
      currencyCode: 'DKK',
      status: 'Initiated',
      pollDelayInMs: 1000,
    });

    await users.checkIn({ beaconId, phoneNumber: CREDIT_USER });
    expect((await client.getPayment(paymentId)).status).toBe('IssuedToUser');
    await users.acceptPayment({ beaconId, phoneNumber: CREDIT_USER });
    expect(await client.getPayment(paymentId)).toMatchObject({
      status: 'Reserved',
      partialCapturePossible: true,
    });
    expect(await client.findPaymentIds({ posId })).toEqual([paymentId]);

    await client.capturePayment(paymentId, { amount: 42.5 });

    expect((await client.getPayment(paymentId)).status).toBe('Captured');
    expect(await client.findPaymentIds({ orderId: request.orderId, state: 'Captured' })).toEqual([paymentId]);
    expect(await client.findPaymentIds({ posId })).toEqual([]);
  });

  it('prepares a payment, readies it with the amount, and cancels it', async () => {
    const { posId } = await newPos(client);
    const { paymentId } = await client.preparePayment(
      { posId, orderId: 'order-prepared' },
      newKey('prepare'),
    );
    expect((await client.getPayment(paymentId)).status).toBe('Prepared');

    await client.readyPayment(paymentId, {
      amount: 25,
      currencyCode: 'DKK',
      plannedCaptureDelay: 'None',
      restrictions: { debitCardDisallowed: true },
    });
    expect(await client.getPayment(paymentId)).toMatchObject({
      status: 'Initiated',
      amount: 25,
      restrictions: { debitCardDisallowed: true },
    });

    await client.cancelPayment(paymentId);
    expect((await client.getPayment(paymentId)).status).toBe('CancelledByClient');
  });

  it('refunds a captured payment and captures the refund; cancels a second one', async () => {
    const { paymentId } = await reservedPayment(client, users, 100);
    await client.capturePayment(paymentId, { amount: 100 });

    const { refundId } = await client.createRefund(
      { paymentId, refundOrderId: 'refund-1', amount: 30, currencyCode: 'DKK' },
      newKey('refund'),
    );
    expect(await client.getRefund(refundId)).toMatchObject({
      refundId,
      paymentId,
      refundOrderId: 'refund-1',
      amount: 30,
      status: 'Reserved',
    });
    await client.captureRefund(refundId);
    expect((await client.getRefund(refundId)).status).toBe('Captured');

    const second = await client.createRefund(
      { paymentId, refundOrderId: 'refund-2', amount: 20, currencyCode: 'DKK' },
      newKey('refund'),
    );
    await client.cancelRefund(second.refundId);
    expect((await client.getRefund(second.refundId)).status).toBe('CancelledByClient');
    expect([...(await client.findRefundIds(paymentId))].sort()).toEqual([refundId, second.refundId].sort());

    const tooMuch = await client
      .createRefund(
        { paymentId, refundOrderId: 'refund-3', amount: 80, currencyCode: 'DKK' },
        newKey('refund'),
      )
      .catch((e: unknown) => e);
    expect(isApiError(tooMuch, 'RefundAmountTooHigh')).toBe(true);
  });

  it('sends the documented headers on every call, and the idempotency key on the creating POSTs only', async () => {
    const { posId, beaconId } = await newPos(client);
    await client.findPosIds({ storeId: DEMO_STORE_ID });
    await client.getCheckIn(posId);
    const { paymentId } = await client.initiatePayment(paymentRequest(posId), 'initiate-key-1');
    await users.checkIn({ beaconId, phoneNumber: CREDIT_USER });
    await users.acceptPayment({ beaconId, phoneNumber: CREDIT_USER });
    await client.getPayment(paymentId);
    await client.findPaymentIds({ posId });
    await client.capturePayment(paymentId, { amount: 100 });
    const refund = { paymentId, amount: 10, currencyCode: 'DKK' } as const;
    const first = await client.createRefund({ ...refund, refundOrderId: 'r-1' }, 'refund-key-1');
    await client.getRefund(first.refundId);
    await client.findRefundIds(paymentId);
    await client.captureRefund(first.refundId);
    const second = await client.createRefund({ ...refund, refundOrderId: 'r-2' }, 'refund-key-2');
    await client.cancelRefund(second.refundId);
    const prepared = await client.preparePayment({ posId, orderId: 'o-2' }, 'prepare-key-1');
    await client.readyPayment(prepared.paymentId, {
      amount: 5,
      currencyCode: 'DKK',
      plannedCaptureDelay: 'None',
    });
    await client.cancelPayment(prepared.paymentId);
    await client.getStoreIds();
    await client.getStoresDetailed();
    await client.getStore(DEMO_STORE_ID);
    await client.deletePos(posId);

    const calls = (await sandbox.requests()).filter((e) => e.url.startsWith('/pos/v10/'));
    const endpoints = new Set(
      calls.map((e) => `${e.method} ${e.url.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}')}`),
    );
    expect(endpoints.size).toBe(20); // every endpoint of pos.yaml
    for (const call of calls) {
      const path = call.url.split('?')[0]!;
      expect(call.status, `${call.method} ${call.url}`).toBe(200);
      expect(call.headers, `${call.method} ${call.url}`).toMatchObject({
        authorization: expect.stringMatching(/^Bearer …/),
        'x-ibm-client-id': DEMO_CLIENT_ID,
        'x-mobilepay-merchant-vat-number': DEMO_VAT,
        'x-mobilepay-client-system-name': 'PoS Simulator tests',
        'x-mobilepay-client-system-version': '1.2.3',
      });
      const creating = call.method === 'POST' && CREATING_POSTS.has(path);
      expect(call.headers['x-mobilepay-idempotency-key'] !== undefined, `${call.method} ${path}`).toBe(
        creating,
      );
    }
    const keys = calls.map((e) => e.headers['x-mobilepay-idempotency-key']).filter((k) => k !== undefined);
    expect(keys.slice(1)).toEqual(['initiate-key-1', 'refund-key-1', 'refund-key-2', 'prepare-key-1']);
  });
});
