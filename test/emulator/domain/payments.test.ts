// The payment flow: initiate, one active payment per PoS, and finding payments again (reference:
// docs/payment-flows/payment-flow.md, payment-flow-error-handling.md, docs/best-practices.md "Order IDs").
import { describe, expect, it } from 'vitest';
import { INACTIVE_STORE_ID, freshKey, users } from '../harness.js';
import {
  asOtherIntegrator,
  cancel,
  capture,
  expectError,
  expectOk,
  findPayments,
  paymentStatus,
  useHarness,
} from './support.js';

const harness = useHarness();

const paymentBody = (posId: string, overrides: Record<string, unknown> = {}) => ({
  posId,
  orderId: `order-${freshKey()}`,
  amount: 100,
  currencyCode: 'DKK',
  plannedCaptureDelay: 'None',
  ...overrides,
});

describe('payments', () => {
  describe('initiate', () => {
    it('starts Initiated when nobody is checked in, and goes to IssuedToUser when a customer checks in', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const paymentId = await h.initiate(posId);
      expect(await paymentStatus(h, paymentId)).toBe('Initiated');
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      expect(await paymentStatus(h, paymentId)).toBe('IssuedToUser');
    });

    it('issues the payment to a customer who checked in before it was initiated', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      const paymentId = await h.initiate(posId);
      expect(await paymentStatus(h, paymentId)).toBe('IssuedToUser');
    });

    it('answers GET with the request, the poll delay and no partialCapturePossible before Reserved', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      const paymentId = await h.initiate(posId, {
        orderId: 'order-42',
        amount: 12.5,
        currencyCode: 'EUR',
        merchantPaymentLabel: 'Table 7',
        plannedCaptureDelay: 'LessThan24Hours',
      });
      const payment = await h.payment(paymentId);
      expect(payment).toMatchObject({
        paymentId,
        posId,
        orderId: 'order-42',
        amount: 12.5,
        currencyCode: 'EUR',
        merchantPaymentLabel: 'Table 7',
        plannedCaptureDelay: 'LessThan24Hours',
        status: 'Initiated',
        pollDelayInMs: 1000,
      });
      expect(payment).not.toHaveProperty('partialCapturePossible');
    });

    it('refuses a PoS that does not exist (1000)', async () => {
      const response = await harness().create(
        '/pos/v10/payments',
        paymentBody('00000000-0000-4000-8000-000000000000'),
      );
      expectError(response, 409, '1000');
    });

    it.each([
      ['a posId that is not a GUID (1099)', { posId: 'till-1' }, '1099'],
      ['a currency other than DKK and EUR (1099)', { currencyCode: 'SEK' }, '1099'],
      ['a missing plannedCaptureDelay (1099)', { plannedCaptureDelay: undefined }, '1099'],
      ['an amount of zero (1102)', { amount: 0 }, '1102'],
      ['a negative amount (1102)', { amount: -5 }, '1102'],
      ['an amount with three decimals (1102)', { amount: 1.005 }, '1102'],
      ['an amount given as a string (1102)', { amount: '100' }, '1102'],
      ['an empty orderId (1113)', { orderId: '' }, '1113'],
      ['an orderId of 37 characters (1113)', { orderId: 'o'.repeat(37) }, '1113'],
      ['a merchantPaymentLabel of 37 characters (1117)', { merchantPaymentLabel: 'l'.repeat(37) }, '1117'],
    ])('refuses %s', async (_name, overrides, code) => {
      const h = harness();
      const { posId } = await h.createPos();
      expectError(await h.create('/pos/v10/payments', paymentBody(posId, overrides)), 400, code);
    });

    it('refuses a body that is not valid JSON (1099)', async () => {
      const h = harness();
      const headers = h.headers({
        'content-type': 'application/json',
        'x-mobilepay-idempotency-key': freshKey(),
      });
      expectError(await h.api('POST', '/pos/v10/payments', '{"posId": "', headers), 400, '1099');
    });

    it('refuses a PoS whose store is not activated (1204)', async () => {
      const h = harness();
      const { posId } = await h.createPos({ storeId: INACTIVE_STORE_ID });
      expectError(await h.create('/pos/v10/payments', paymentBody(posId)), 409, '1204');
    });

    it('refuses a PoS created by another integrator (1400)', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      const response = await h.create(
        '/pos/v10/payments',
        paymentBody(posId),
        freshKey(),
        await asOtherIntegrator(h),
      );
      expectError(response, 403, '1400');
    });
  });

  describe('one active payment per PoS', () => {
    it('refuses a second payment while one is active (1301)', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      await h.initiate(posId);
      expectError(await h.create('/pos/v10/payments', paymentBody(posId)), 409, '1301');
      expectError(await h.create('/pos/v10/payments/prepare', { posId, orderId: 'order-2' }), 409, '1301');
    });

    it('allows the next payment once the previous one is Reserved', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const first = await h.reservedPayment(posId, beaconId);
      const second = await h.initiate(posId);
      expect(await paymentStatus(h, first)).toBe('Reserved');
      expect(await paymentStatus(h, second)).toBe('Initiated');
    });

    it('allows the next payment once the previous one is cancelled', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      const first = await h.initiate(posId);
      expectOk(await cancel(h, first));
      expect(await paymentStatus(h, await h.initiate(posId))).toBe('Initiated');
    });

    it('recovers from 1301 by finding the active payment by posId and orderId, cancelling it and initiating again', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      const lost = await h.initiate(posId, { orderId: 'order-7' });
      expectError(
        await h.create('/pos/v10/payments', paymentBody(posId, { orderId: 'order-7' })),
        409,
        '1301',
      );
      const found = await findPayments(h, `posId=${posId}&orderId=order-7`);
      expect(found).toEqual([lost]);
      expectOk(await cancel(h, found[0]!));
      expect(await paymentStatus(h, await h.initiate(posId, { orderId: 'order-7' }))).toBe('Initiated');
    });
  });

  describe('finding payments', () => {
    it('refuses a query without posId or orderId (1109)', async () => {
      expectError(await harness().api('GET', '/pos/v10/payments'), 400, '1109');
      expectError(await harness().api('GET', '/pos/v10/payments?state=Captured'), 400, '1109');
    });

    it('lists the active and reserved payments of a PoS, and with state=Captured only the captured ones', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const captured = await h.reservedPayment(posId, beaconId);
      expectOk(await capture(h, captured, 100));
      const cancelled = await h.initiate(posId);
      expectOk(await cancel(h, cancelled));
      const reserved = await h.reservedPayment(posId, beaconId);
      const active = await h.initiate(posId);
      expect((await findPayments(h, `posId=${posId}`)).sort()).toEqual([reserved, active].sort());
      expect(await findPayments(h, `posId=${posId}&state=Captured`)).toEqual([captured]);
    });

    it('maps an orderId to the latest payment that carried it', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      const older = await h.initiate(posId, { orderId: 'order-9' });
      expectOk(await cancel(h, older));
      const latest = await h.initiate(posId, { orderId: 'order-9' });
      expect(await findPayments(h, 'orderId=order-9')).toEqual([latest]);
      expect(await findPayments(h, `posId=${posId}&orderId=order-9`)).toEqual([latest]);
    });

    it('finds a captured payment by orderId and state=Captured, to refund it after losing its paymentId', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const paymentId = await h.initiate(posId, { orderId: 'order-11' });
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      expectOk(await h.user('acceptpayment', { beaconId, phoneNumber: users.credit }));
      expect(await findPayments(h, 'orderId=order-11&state=Captured')).toEqual([]);
      expectOk(await capture(h, paymentId, 100));
      expect(await findPayments(h, 'orderId=order-11&state=Captured')).toEqual([paymentId]);
    });

    it('reads the posId filter case-insensitively, like every GUID of the API', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      const paymentId = await h.initiate(posId, { orderId: 'order-12' });
      expect(await findPayments(h, `posId=${posId.toUpperCase()}`)).toEqual([paymentId]);
      expect(await findPayments(h, `posId=${posId.toUpperCase()}&orderId=order-12`)).toEqual([paymentId]);
    });

    it("never lists another integrator's payments", async () => {
      const h = harness();
      const { posId } = await h.createPos();
      await h.initiate(posId, { orderId: 'order-13' });
      const other = await asOtherIntegrator(h);
      for (const query of [`posId=${posId}`, 'orderId=order-13']) {
        const response = await h.api('GET', `/pos/v10/payments?${query}`, undefined, other);
        expect(response.json()).toEqual({ paymentIds: [] });
      }
    });

    it('refuses a posId filter that is not a GUID (1099)', async () => {
      expectError(await harness().api('GET', '/pos/v10/payments?posId=till-1'), 400, '1099');
    });

    it('answers 404 for a payment that does not exist', async () => {
      const response = await harness().api('GET', '/pos/v10/payments/00000000-0000-4000-8000-000000000000');
      expect(response.statusCode).toBe(404);
    });
  });
});
