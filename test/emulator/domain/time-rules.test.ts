// The rules that follow time, on the emulator's virtual clock (reference: docs/payment-flows/payment-flow.md
// "7 days", refunds.md "24 hours" and "90 days"; src/emulator/options.ts for the inactivity timeouts).
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../../src/emulator/clock.js';
import type { StateEvent } from '../../../src/emulator/events.js';
import { users } from '../harness.js';
import {
  capture,
  capturedPayment,
  expectError,
  expectOk,
  paymentStatus,
  refreshToken,
  refund,
  refundId,
  refundStatus,
  useHarness,
} from './support.js';

describe('time rules', () => {
  const harness = useHarness();

  /** Moves the virtual clock and takes a token that is valid at the new time. */
  async function advance(ms: number): Promise<void> {
    harness().clock.advance(ms);
    await refreshToken(harness());
  }

  describe('reservations', () => {
    it('expire exactly 7 days after the customer accepted (ExpiredAndCancelled)', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const paymentId = await h.reservedPayment(posId, beaconId);
      await advance(7 * DAY - 1);
      expect(await paymentStatus(h, paymentId)).toBe('Reserved');
      await advance(1);
      expect(await paymentStatus(h, paymentId)).toBe('ExpiredAndCancelled');
      expectError(await capture(h, paymentId, 100), 409, '1304');
    });

    it('announce their deadline in paymentExpiresAt: 7 days after the accept', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const paymentId = await h.initiate(posId);
      const waiting = await h.payment(paymentId);
      expect(waiting['paymentExpiresAt']).toBe(new Date(h.clock.now() + 5 * MINUTE).toISOString());
      await advance(1 * MINUTE);
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      expectOk(await h.user('acceptpayment', { beaconId, phoneNumber: users.credit }));
      const reserved = await h.payment(paymentId);
      expect(reserved['paymentExpiresAt']).toBe(new Date(h.clock.now() + 7 * DAY).toISOString());
    });

    it('are expired by the sweep even when nobody polls', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const paymentId = await h.reservedPayment(posId, beaconId);
      const seen: StateEvent[] = [];
      const unsubscribe = h.app.emulator.events.subscribe((e) => {
        if (e.kind === 'state') seen.push(e);
      });
      h.clock.advance(7 * DAY);
      h.app.emulator.sweep();
      unsubscribe();
      expect(seen).toContainEqual(
        expect.objectContaining({
          entity: 'payment',
          id: paymentId,
          from: 'Reserved',
          to: 'ExpiredAndCancelled',
        }),
      );
    });
  });

  describe('payments waiting for a customer', () => {
    it('are cancelled by MobilePay after 5 minutes in Initiated, which frees the PoS', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      const paymentId = await h.initiate(posId);
      await advance(5 * MINUTE - 1);
      expect(await paymentStatus(h, paymentId)).toBe('Initiated');
      await advance(1);
      expect(await paymentStatus(h, paymentId)).toBe('CancelledByMobilePay');
      expect(await paymentStatus(h, await h.initiate(posId))).toBe('Initiated');
    });

    it('are cancelled by MobilePay after 5 minutes in IssuedToUser, counted from the check-in', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const paymentId = await h.initiate(posId);
      await advance(4 * MINUTE);
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      await advance(4 * MINUTE);
      expect(await paymentStatus(h, paymentId)).toBe('IssuedToUser');
      await advance(1 * MINUTE);
      expect(await paymentStatus(h, paymentId)).toBe('CancelledByMobilePay');
      expectError(await h.user('acceptpayment', { beaconId, phoneNumber: users.credit }), 409, '1902');
    });

    it('are cancelled by MobilePay after 5 minutes in Prepared', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      const paymentId = await h.prepare(posId);
      await advance(5 * MINUTE);
      expect(await paymentStatus(h, paymentId)).toBe('CancelledByMobilePay');
      expect(await paymentStatus(h, await h.prepare(posId))).toBe('Prepared');
    });
  });

  describe('check-ins', () => {
    it('lapse 5 minutes after the customer checked in without a payment', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
      await advance(5 * MINUTE - 1);
      const waiting = await h.api('GET', `/pos/v10/pointofsales/${posId}/checkin`);
      expect(waiting.json()).toMatchObject({ isUserCheckedIn: true });
      await advance(1);
      const lapsed = await h.api('GET', `/pos/v10/pointofsales/${posId}/checkin`);
      expect(lapsed.json()).toMatchObject({ isUserCheckedIn: false });
      expect(await paymentStatus(h, await h.initiate(posId))).toBe('Initiated');
    });
  });

  describe('refunds', () => {
    it('are captured automatically 24 hours after they were reserved (ExpiredAndCaptured)', async () => {
      const h = harness();
      const { paymentId } = await capturedPayment(h);
      const id = await refundId(h, paymentId, 10);
      expect(await refundStatus(h, id)).toBe('Reserved');
      await advance(24 * HOUR - 1);
      expect(await refundStatus(h, id)).toBe('Reserved');
      await advance(1);
      expect(await refundStatus(h, id)).toBe('ExpiredAndCaptured');
      expectOk(await h.api('POST', `/pos/v10/refunds/${id}/capture`));
      expectError(await h.api('POST', `/pos/v10/refunds/${id}/cancel`), 409, '1352');
    });

    it('are possible up to 90 days after the capture', async () => {
      const h = harness();
      const { paymentId } = await capturedPayment(h);
      await advance(90 * DAY);
      expect((await refund(h, paymentId, 10)).statusCode).toBe(200);
    });

    it('are refused once the payment was captured more than 90 days ago (1366)', async () => {
      const h = harness();
      const { paymentId } = await capturedPayment(h);
      await advance(91 * DAY);
      expectError(await refund(h, paymentId, 10), 409, '1366');
    });
  });

  describe('access tokens', () => {
    it('expire after their lifetime of one hour (401), and a new token works again', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      h.clock.advance(HOUR);
      expect((await h.api('GET', `/pos/v10/pointofsales/${posId}`)).statusCode).toBe(401);
      await refreshToken(h);
      expect((await h.api('GET', `/pos/v10/pointofsales/${posId}`)).statusCode).toBe(200);
    });
  });
});

describe('refunds with a reserve delay', () => {
  const harness = useHarness({ timing: { refundReserveDelayMs: 2000 } });

  it('stay Initiated until reserved and cannot be captured before (1351), but can be cancelled', async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h);
    const id = await refundId(h, paymentId, 10);
    expect(await refundStatus(h, id)).toBe('Initiated');
    expectError(await h.api('POST', `/pos/v10/refunds/${id}/capture`), 409, '1351');
    h.clock.advance(2000);
    expect(await refundStatus(h, id)).toBe('Reserved');
    expectOk(await h.api('POST', `/pos/v10/refunds/${id}/capture`));
    const second = await refundId(h, paymentId, 10);
    expectOk(await h.api('POST', `/pos/v10/refunds/${second}/cancel`));
    expect(await refundStatus(h, second)).toBe('CancelledByClient');
  });
});
