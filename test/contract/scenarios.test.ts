// Contract scenarios: the documented flows of PoS v10, end to end on the emulator. Every response
// they cause (including those inside harness helpers) is validated against pos.yaml; each scenario
// ends with zero violations.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DAY, MINUTE } from '../../src/emulator/clock.js';
import {
  DEMO_STORE_ID,
  OTHER_MERCHANT_STORE_ID,
  demoClient,
  startHarness,
  users,
} from '../emulator/harness.js';
import { advanceClock, codeOf, describeContract } from './contract-suite.js';

describeContract('contract: store lookup', (scenario) => {
  it('finds the merchant stores by VAT, by brand and location, in detail and by id, and 404s the rest', async () => {
    const { h, violations } = scenario();
    const byVat = await h.api('GET', '/pos/v10/stores');
    expect(byVat.json()).toEqual({ storeIds: expect.arrayContaining([DEMO_STORE_ID]) });
    const byBrand = await h.api('GET', '/pos/v10/stores?merchantBrandId=POSDK12345&merchantLocationId=10001');
    expect(byBrand.json()).toEqual({ storeIds: [DEMO_STORE_ID] });
    const detailed = await h.api('GET', '/pos/v10/stores/detailed');
    expect(detailed.statusCode).toBe(200);
    const detailedByBrand = await h.api(
      'GET',
      '/pos/v10/stores/detailed?merchantBrandId=POSDK12345&merchantLocationId=10001',
    );
    expect(detailedByBrand.json()).toEqual([expect.objectContaining({ storeId: DEMO_STORE_ID })]);
    const byId = await h.api('GET', `/pos/v10/stores/${DEMO_STORE_ID}`);
    expect(byId.json()).toMatchObject({ storeId: DEMO_STORE_ID, merchantBrandId: 'POSDK12345' });
    expect((await h.api('GET', `/pos/v10/stores/${OTHER_MERCHANT_STORE_ID}`)).statusCode).toBe(404);
    expect((await h.api('GET', `/pos/v10/stores/${randomUUID()}`)).statusCode).toBe(404);
    expect(violations).toEqual([]);
  });
});

describeContract('contract: PoS onboarding', (scenario) => {
  it('creates PoSes with a generated and with a 15-digit beaconId, finds them and polls check-in', async () => {
    const { h, violations } = scenario();
    const generated = await h.createPos({ merchantPosId: 'till-generated' });
    expect(generated.beaconId).toMatch(/^[0-9a-f-]{36}$/);
    const fifteen = await h.createPos({
      merchantPosId: 'till-fifteen',
      beaconId: '123456789012345',
      supportedBeaconTypes: ['QR', 'Bluetooth'],
    });
    const pos = await h.api('GET', `/pos/v10/pointofsales/${fifteen.posId}`);
    expect(pos.json()).toMatchObject({
      posId: fifteen.posId,
      beaconId: '123456789012345',
      storeId: DEMO_STORE_ID,
    });
    expect((await h.api('GET', '/pos/v10/pointofsales?merchantPosId=till-fifteen')).json()).toEqual({
      posIds: [fifteen.posId],
    });
    expect((await h.api('GET', `/pos/v10/pointofsales?beaconId=${generated.beaconId}`)).json()).toEqual({
      posIds: [generated.posId],
    });
    const byStore = (await h.api('GET', `/pos/v10/pointofsales?storeId=${DEMO_STORE_ID}`)).json() as {
      posIds: string[];
    };
    expect(byStore.posIds).toEqual(expect.arrayContaining([generated.posId, fifteen.posId]));

    const before = await h.api('GET', `/pos/v10/pointofsales/${generated.posId}/checkin`);
    expect(before.json()).toMatchObject({ isUserCheckedIn: false });
    expect(
      (await h.user('checkin', { beaconId: generated.beaconId, phoneNumber: users.storebox })).statusCode,
    ).toBe(200);
    const after = await h.api('GET', `/pos/v10/pointofsales/${generated.posId}/checkin`);
    expect(after.json()).toMatchObject({ isUserCheckedIn: true, loyaltyIds: [] });
    expect(violations).toEqual([]);
  });

  it('deletes a PoS, after which it is 404 and no longer found by query', async () => {
    const { h, violations } = scenario();
    const { posId } = await h.createPos({ merchantPosId: 'till-to-delete' });
    expect((await h.api('DELETE', `/pos/v10/pointofsales/${posId}`)).statusCode).toBe(200);
    expect((await h.api('GET', `/pos/v10/pointofsales/${posId}`)).statusCode).toBe(404);
    expect((await h.api('GET', `/pos/v10/pointofsales/${posId}/checkin`)).statusCode).toBe(404);
    expect((await h.api('GET', '/pos/v10/pointofsales?merchantPosId=till-to-delete')).json()).toEqual({
      posIds: [],
    });
    expect(violations).toEqual([]);
  });
});

describeContract('contract: payment flow', (scenario) => {
  it('pairs a customer who checked in before the initiate, reserves, and captures partially', async () => {
    const { h, violations } = scenario();
    const { posId, beaconId } = await h.createPos();
    await h.user('checkin', { beaconId, phoneNumber: users.credit });
    const paymentId = await h.initiate(posId, { amount: 100, merchantPaymentLabel: 'Coffee' });
    expect(await h.payment(paymentId)).toMatchObject({ status: 'IssuedToUser' });
    expect((await h.user('acceptpayment', { beaconId, phoneNumber: users.credit })).statusCode).toBe(200);
    expect(await h.payment(paymentId)).toMatchObject({ status: 'Reserved', partialCapturePossible: true });
    expect((await h.api('GET', `/pos/v10/payments?posId=${posId}`)).json()).toEqual({
      paymentIds: [paymentId],
    });
    expect((await h.api('POST', `/pos/v10/payments/${paymentId}/capture`, { amount: 60.5 })).statusCode).toBe(
      200,
    );
    expect(await h.payment(paymentId)).toMatchObject({ status: 'Captured' });
    expect((await h.api('POST', `/pos/v10/payments/${paymentId}/capture`, { amount: 60.5 })).statusCode).toBe(
      200,
    );
    expect((await h.api('GET', `/pos/v10/payments?posId=${posId}&state=Captured`)).json()).toEqual({
      paymentIds: [paymentId],
    });
    expect(violations).toEqual([]);
  });

  it('issues an initiated payment to the customer who checks in afterwards, and captures it in full', async () => {
    const { h, violations } = scenario();
    const { posId, beaconId } = await h.createPos();
    const paymentId = await h.initiate(posId, {
      amount: 100,
      orderId: 'order-full',
      restrictions: { debitCardDisallowed: true },
    });
    expect(await h.payment(paymentId)).toMatchObject({ status: 'Initiated' });
    await h.user('checkin', { beaconId, phoneNumber: users.storebox });
    expect(await h.payment(paymentId)).toMatchObject({ status: 'IssuedToUser' });
    await h.user('acceptpayment', { beaconId, phoneNumber: users.storebox });
    expect(await h.payment(paymentId)).toMatchObject({ status: 'Reserved' });
    expect((await h.api('GET', '/pos/v10/payments?orderId=order-full')).json()).toEqual({
      paymentIds: [paymentId],
    });
    expect((await h.api('POST', `/pos/v10/payments/${paymentId}/capture`, { amount: 100 })).statusCode).toBe(
      200,
    );
    expect(await h.payment(paymentId)).toMatchObject({ status: 'Captured' });
    expect(violations).toEqual([]);
  });
});

describeContract('contract: cancellation', (scenario) => {
  it('cancels by the client, and a second cancel answers 200 again', async () => {
    const { h, violations } = scenario();
    const { posId } = await h.createPos();
    const paymentId = await h.initiate(posId);
    expect((await h.api('POST', `/pos/v10/payments/${paymentId}/cancel`)).statusCode).toBe(200);
    expect(await h.payment(paymentId)).toMatchObject({ status: 'CancelledByClient' });
    expect((await h.api('POST', `/pos/v10/payments/${paymentId}/cancel`)).statusCode).toBe(200);
    expect(violations).toEqual([]);
  });

  it('is cancelled by the user in the app', async () => {
    const { h, violations } = scenario();
    const { posId, beaconId } = await h.createPos();
    const paymentId = await h.initiate(posId);
    await h.user('checkin', { beaconId, phoneNumber: users.debit });
    expect((await h.user('cancelpaymentbyuser', { beaconId })).statusCode).toBe(200);
    expect(await h.payment(paymentId)).toMatchObject({ status: 'CancelledByUser' });
    expect(violations).toEqual([]);
  });

  it('refuses to cancel an expired reservation or a payment MobilePay cancelled for inactivity (409 1300)', async () => {
    const { h, violations } = scenario();
    const { posId, beaconId } = await h.createPos();
    const reserved = await h.reservedPayment(posId, beaconId);
    await advanceClock(h, 7 * DAY + 1);
    expect(await h.payment(reserved)).toMatchObject({ status: 'ExpiredAndCancelled' });
    const cancelExpired = await h.api('POST', `/pos/v10/payments/${reserved}/cancel`);
    expect([cancelExpired.statusCode, codeOf(cancelExpired)]).toEqual([409, '1300']);
    const idle = await h.initiate(posId);
    await advanceClock(h, 5 * MINUTE + 1);
    expect(await h.payment(idle)).toMatchObject({ status: 'CancelledByMobilePay' });
    expect((await h.api('POST', `/pos/v10/payments/${idle}/cancel`)).statusCode).toBe(409);
    expect(violations).toEqual([]);
  });
});

describeContract('contract: prepared payment', (scenario) => {
  it('pairs the loyalty user on check-in, is readied with restrictions, accepted and captured', async () => {
    const { h, violations } = scenario();
    const { posId, beaconId } = await h.createPos();
    const paymentId = await h.prepare(posId);
    expect(await h.payment(paymentId)).toMatchObject({ status: 'Prepared', amount: null });
    await h.user('checkin', { beaconId, phoneNumber: users.loyalty });
    const paired = await h.payment(paymentId);
    expect(paired).toMatchObject({ status: 'Paired', loyaltyIds: [expect.any(String)] });
    const checkIn = await h.api('GET', `/pos/v10/pointofsales/${posId}/checkin`);
    expect(checkIn.json()).toMatchObject({ isUserCheckedIn: true, loyaltyIds: paired['loyaltyIds'] });
    const ready = await h.api('POST', `/pos/v10/payments/${paymentId}/ready`, {
      amount: 42.75,
      currencyCode: 'DKK',
      plannedCaptureDelay: 'LessThan24Hours',
      merchantPaymentLabel: 'Loyalty basket',
      restrictions: { debitCardDisallowed: true, creditCardDisallowed: false },
    });
    expect(ready.statusCode).toBe(200);
    expect(await h.payment(paymentId)).toMatchObject({ status: 'IssuedToUser', amount: 42.75 });
    await h.user('acceptpayment', { beaconId, phoneNumber: users.loyalty });
    expect(
      (await h.api('POST', `/pos/v10/payments/${paymentId}/capture`, { amount: 42.75 })).statusCode,
    ).toBe(200);
    expect(await h.payment(paymentId)).toMatchObject({ status: 'Captured' });
    expect(violations).toEqual([]);
  });
});

describeContract('contract: refunds', (scenario) => {
  const refund = (paymentId: string, amount: number) => ({
    paymentId,
    refundOrderId: `refund-${amount}`,
    amount,
    currencyCode: 'DKK',
  });

  it('refunds a captured payment several times, capturing one refund and cancelling another', async () => {
    const { h, violations } = scenario();
    const { posId, beaconId } = await h.createPos();
    const paymentId = await h.reservedPayment(posId, beaconId, users.credit, 100);
    await h.api('POST', `/pos/v10/payments/${paymentId}/capture`, { amount: 100 });

    const first = (await h.create('/pos/v10/refunds', refund(paymentId, 30))).json() as { refundId: string };
    expect((await h.api('GET', `/pos/v10/refunds/${first.refundId}`)).json()).toMatchObject({
      status: 'Reserved',
      amount: 30,
    });
    expect((await h.api('POST', `/pos/v10/refunds/${first.refundId}/capture`)).statusCode).toBe(200);
    expect((await h.api('GET', `/pos/v10/refunds/${first.refundId}`)).json()).toMatchObject({
      status: 'Captured',
    });

    const second = (await h.create('/pos/v10/refunds', refund(paymentId, 20))).json() as { refundId: string };
    expect((await h.api('POST', `/pos/v10/refunds/${second.refundId}/cancel`)).statusCode).toBe(200);
    expect((await h.api('GET', `/pos/v10/refunds/${second.refundId}`)).json()).toMatchObject({
      status: 'CancelledByClient',
    });

    const third = (await h.create('/pos/v10/refunds', refund(paymentId, 70))).json() as { refundId: string };
    expect((await h.api('GET', `/pos/v10/refunds?paymentId=${paymentId}`)).json()).toEqual({
      refundIds: expect.arrayContaining([first.refundId, second.refundId, third.refundId]),
    });
    await advanceClock(h, DAY);
    expect((await h.api('GET', `/pos/v10/refunds/${third.refundId}`)).json()).toMatchObject({
      status: 'ExpiredAndCaptured',
    });
    expect(violations).toEqual([]);
  });
});

/** The token response of docs/authentication.md: exactly these four fields (the endpoint is not in pos.yaml). */
const documentedTokenResponse = z.strictObject({
  access_token: z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/),
  expires_in: z.number().int().positive(),
  token_type: z.literal('Bearer'),
  scope: z.string().min(1),
});

describe('contract: integrator authentication', () => {
  it('answers a client-credentials token request with the documented access_token, expires_in, token_type and scope', async () => {
    const h = await startHarness();
    try {
      const response = await h.app.inject({
        method: 'POST',
        url: '/integrator-authentication/connect/token',
        headers: {
          'x-ibm-client-id': demoClient.clientId,
          authorization: `Basic ${Buffer.from(`${demoClient.clientId}:${demoClient.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: 'grant_type=client_credentials&merchant_vat=DK12345678',
      });
      expect(response.statusCode).toBe(200);
      const parsed = documentedTokenResponse.safeParse(response.json());
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
