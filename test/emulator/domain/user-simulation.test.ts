// The sandbox user simulation and what the PoS sees of a check-in (reference: docs/development-guide/
// test.mdx, docs/pos-management.md "Preventing checkin before payment", docs/best-practices.md "Polling").
import { afterEach, describe, expect, it } from 'vitest';
import { demoClient, startHarness, users, type Harness } from '../harness.js';
import { capture, expectError, expectOk, paymentStatus, refundId, useHarness } from './support.js';

async function checkInState(h: Harness, posId: string): Promise<Record<string, unknown>> {
  const response = await h.api('GET', `/pos/v10/pointofsales/${posId}/checkin`);
  expect(response.statusCode).toBe(200);
  return response.json() as Record<string, unknown>;
}

describe('user simulation', () => {
  const harness = useHarness();

  describe('check-in as the PoS sees it', () => {
    it('reports nobody checked in, with the default poll delay of 1000 ms', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      expect(await checkInState(h, posId)).toEqual({ isUserCheckedIn: false, pollDelayInMs: 1000 });
    });

    it("reports the Storebox user's customer and receipt tokens", async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.storebox }));
      const state = await checkInState(h, posId);
      expect(state).toMatchObject({ isUserCheckedIn: true, loyaltyIds: [], pollDelayInMs: 1000 });
      expect(state['customerToken']).toMatch(/^\w+$/);
      expect(state['customerReceiptToken']).toMatch(/^\w+$/);
    });

    it('reports an empty receipt token for the credit card user', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      expect(await checkInState(h, posId)).toMatchObject({ isUserCheckedIn: true, customerReceiptToken: '' });
    });

    it("reports the loyalty user's loyalty ids, also once the user is paired with a payment", async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.loyalty }));
      const waiting = await checkInState(h, posId);
      expect(waiting['loyaltyIds']).toEqual([expect.any(String)]);
      await h.initiate(posId);
      expect(await checkInState(h, posId)).toEqual(waiting);
    });

    it('accepts a phone number written with spaces', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      expectOk(await h.user('checkin', { beaconId, phoneNumber: '+45 20 03 18 01' }));
      expect(await checkInState(h, posId)).toMatchObject({ isUserCheckedIn: true });
    });
  });

  describe('a PoS that requires a payment before check-in', () => {
    it('refuses a check-in while no payment is active (1901)', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos({ requirePaymentBeforeCheckin: true });
      expectError(await h.user('checkin', { beaconId, phoneNumber: users.credit }), 409, '1901');
      expect(await checkInState(h, posId)).toMatchObject({ isUserCheckedIn: false });
    });

    it('accepts the check-in once a payment is initiated, issuing the payment to the user', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos({ requirePaymentBeforeCheckin: true });
      const paymentId = await h.initiate(posId);
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      expect(await paymentStatus(h, paymentId)).toBe('IssuedToUser');
    });
  });

  describe('accepting and cancelling', () => {
    it('reserves the amount when the user accepts, and answers a retried accept with 200', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const paymentId = await h.reservedPayment(posId, beaconId);
      expectOk(await h.user('acceptpayment', { beaconId, phoneNumber: users.credit }));
      expect(await paymentStatus(h, paymentId)).toBe('Reserved');
    });

    it('refuses an accept when no payment is issued to that user (1902)', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      expectError(await h.user('acceptpayment', { beaconId, phoneNumber: users.credit }), 409, '1902');
      await h.initiate(posId);
      expectError(await h.user('acceptpayment', { beaconId, phoneNumber: users.debit }), 409, '1902');
    });

    it('refuses a debit card on a payment that disallows debit cards (1903); the payment stays with the user', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const paymentId = await h.initiate(posId, { restrictions: { debitCardDisallowed: true } });
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.debit }));
      expectError(await h.user('acceptpayment', { beaconId, phoneNumber: users.debit }), 409, '1903');
      expect(await h.payment(paymentId)).toMatchObject({
        status: 'IssuedToUser',
        restrictions: { debitCardDisallowed: true },
      });
    });

    it('refuses a credit card on a payment that disallows credit cards (1903), but takes a debit card', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const restrictions = { creditCardDisallowed: true, debitCardDisallowed: false };
      const paymentId = await h.initiate(posId, { restrictions });
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      expectError(await h.user('acceptpayment', { beaconId, phoneNumber: users.credit }), 409, '1903');
      expect(await h.payment(paymentId)).toMatchObject({ status: 'IssuedToUser', restrictions });
      expectOk(await h.user('cancelpaymentbyuser', { beaconId }));
      const second = await h.initiate(posId, { restrictions });
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.debit }));
      expectOk(await h.user('acceptpayment', { beaconId, phoneNumber: users.debit }));
      expect(await paymentStatus(h, second)).toBe('Reserved');
    });

    it('refuses a second customer while another is paired with the payment (1904)', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      await h.initiate(posId);
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      expectError(await h.user('checkin', { beaconId, phoneNumber: users.debit }), 409, '1904');
    });

    it('lets a newer check-in take over one still waiting for a payment', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.debit }));
      const paymentId = await h.initiate(posId);
      expectOk(await h.user('acceptpayment', { beaconId, phoneNumber: users.debit }));
      expect(await paymentStatus(h, paymentId)).toBe('Reserved');
    });

    it('moves the payment to CancelledByUser when the user cancels it', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const paymentId = await h.initiate(posId);
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      expectOk(await h.user('cancelpaymentbyuser', { beaconId }));
      expect(await paymentStatus(h, paymentId)).toBe('CancelledByUser');
    });

    it('answers a retried cancel by the user like the first one', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const paymentId = await h.initiate(posId);
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      expectOk(await h.user('cancelpaymentbyuser', { beaconId }));
      expectOk(await h.user('cancelpaymentbyuser', { beaconId }));
      expect(await paymentStatus(h, paymentId)).toBe('CancelledByUser');
    });

    it('refuses a cancel by the user when no payment is issued (1905)', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      expectError(await h.user('cancelpaymentbyuser', { beaconId }), 409, '1905');
      await h.initiate(posId);
      expectError(await h.user('cancelpaymentbyuser', { beaconId }), 409, '1905');
    });
  });

  describe('requests the simulation cannot serve', () => {
    it('answers 404 for a beacon no active PoS uses, including the beacon of a deleted PoS', async () => {
      const h = harness();
      const unknown = await h.user('checkin', { beaconId: '123456789012345', phoneNumber: users.credit });
      expect(unknown.statusCode).toBe(404);
      const { posId, beaconId } = await h.createPos();
      expectOk(await h.api('DELETE', `/pos/v10/pointofsales/${posId}`));
      expect((await h.user('checkin', { beaconId, phoneNumber: users.credit })).statusCode).toBe(404);
    });

    it('refuses a phone number that is not a sandbox test user (1099)', async () => {
      const h = harness();
      const { beaconId } = await h.createPos();
      expectError(await h.user('checkin', { beaconId, phoneNumber: '+4512345678' }), 400, '1099');
    });

    it('answers 401 without the client id and secret', async () => {
      const response = await harness().app.inject({
        method: 'POST',
        url: '/pos/app/usersimulation/checkin',
        headers: { 'x-ibm-client-id': demoClient.clientId, 'x-ibm-client-secret': 'wrong' },
        payload: { beaconId: '123456789012345', phoneNumber: users.credit },
      });
      expect(response.statusCode).toBe(401);
    });
  });
});

describe('the poll delay', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
  });

  it('is configurable and reported on check-ins, payments and refunds', async () => {
    h = await startHarness({ pollDelayMs: 250 });
    const { posId, beaconId } = await h.createPos();
    expect(await checkInState(h, posId)).toEqual({ isUserCheckedIn: false, pollDelayInMs: 250 });
    const paymentId = await h.reservedPayment(posId, beaconId);
    expect((await h.payment(paymentId))['pollDelayInMs']).toBe(250);
    expectOk(await capture(h, paymentId, 100));
    const refund = await h.api('GET', `/pos/v10/refunds/${await refundId(h, paymentId, 10)}`);
    expect(refund.json()).toMatchObject({ pollDelayInMs: 250 });
  });
});
