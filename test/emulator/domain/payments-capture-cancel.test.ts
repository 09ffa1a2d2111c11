// Capturing and cancelling payments, and who may touch a payment (reference: docs/payment-flows/
// partial-capture.md, cancel-flows.md, docs/api-errors.mdx "Payments").
import { describe, expect, it } from 'vitest';
import { users } from '../harness.js';
import {
  asOtherIntegrator,
  asOtherMerchant,
  cancel,
  capture,
  expectError,
  expectOk,
  paymentStatus,
  useHarness,
} from './support.js';

const harness = useHarness();

async function reserved(phoneNumber: string = users.credit, amount = 100): Promise<string> {
  const h = harness();
  const { posId, beaconId } = await h.createPos();
  return h.reservedPayment(posId, beaconId, phoneNumber, amount);
}

describe('capturing a payment', () => {
  it('captures the full amount of a reservation, which says partial capture is possible', async () => {
    const h = harness();
    const paymentId = await reserved();
    expect(await h.payment(paymentId)).toMatchObject({ status: 'Reserved', partialCapturePossible: true });
    expectOk(await capture(h, paymentId, 100));
    const payment = await h.payment(paymentId);
    expect(payment['status']).toBe('Captured');
    expect(payment).not.toHaveProperty('partialCapturePossible');
  });

  it('captures part of the amount when partial capture is possible', async () => {
    const h = harness();
    const paymentId = await reserved(users.credit, 100);
    expectOk(await capture(h, paymentId, 60.5));
    expect(await paymentStatus(h, paymentId)).toBe('Captured');
  });

  it('answers a retried capture with the same amount with 200', async () => {
    const h = harness();
    const paymentId = await reserved();
    expectOk(await capture(h, paymentId, 40));
    expectOk(await capture(h, paymentId, 40));
  });

  it('refuses a second capture with a different amount (1307)', async () => {
    const h = harness();
    const paymentId = await reserved();
    expectOk(await capture(h, paymentId, 40));
    expectError(await capture(h, paymentId, 100), 409, '1307');
  });

  it('refuses to capture a payment that is not reserved (1304)', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const paymentId = await h.initiate(posId);
    expectError(await capture(h, paymentId, 100), 409, '1304');
    expectOk(await cancel(h, paymentId));
    expectError(await capture(h, paymentId, 100), 409, '1304');
  });

  it('refuses to capture more than was reserved (1305)', async () => {
    const h = harness();
    const paymentId = await reserved(users.credit, 100);
    expectError(await capture(h, paymentId, 100.01), 409, '1305');
  });

  it('refuses an invalid capture amount (1102)', async () => {
    const h = harness();
    const paymentId = await reserved();
    expectError(await capture(h, paymentId, 0), 400, '1102');
    expectError(await h.api('POST', `/pos/v10/payments/${paymentId}/capture`, {}), 400, '1102');
  });

  it('refuses a partial capture for the test user whose card allows none (1308), but captures in full', async () => {
    const h = harness();
    const paymentId = await reserved(users.noPartialCapture, 100);
    expect(await h.payment(paymentId)).toMatchObject({ status: 'Reserved', partialCapturePossible: false });
    expectError(await capture(h, paymentId, 50), 409, '1308');
    expectOk(await capture(h, paymentId, 100));
  });
});

describe('cancelling a payment', () => {
  it('cancels a payment waiting for a customer, and answers a retried cancel with 200', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const paymentId = await h.initiate(posId);
    expectOk(await cancel(h, paymentId));
    expectOk(await cancel(h, paymentId));
    expect(await paymentStatus(h, paymentId)).toBe('CancelledByClient');
  });

  it('cancels a payment issued to the customer and a reserved payment', async () => {
    const h = harness();
    const { posId, beaconId } = await h.createPos();
    const issued = await h.initiate(posId);
    expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
    expectOk(await cancel(h, issued));
    const reservation = await h.reservedPayment(posId, beaconId);
    expectOk(await cancel(h, reservation));
    expect(await paymentStatus(h, issued)).toBe('CancelledByClient');
    expect(await paymentStatus(h, reservation)).toBe('CancelledByClient');
  });

  it('refuses to cancel a captured payment (1300)', async () => {
    const h = harness();
    const paymentId = await reserved();
    expectOk(await capture(h, paymentId, 100));
    expectError(await cancel(h, paymentId), 409, '1300');
  });

  it('refuses to cancel a payment the customer cancelled (1300)', async () => {
    const h = harness();
    const { posId, beaconId } = await h.createPos();
    const paymentId = await h.initiate(posId);
    expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
    expectOk(await h.user('cancelpaymentbyuser', { beaconId }));
    expectError(await cancel(h, paymentId), 409, '1300');
  });
});

describe('who may touch a payment', () => {
  it("refuses another integrator's query, capture, cancel and refund (1401)", async () => {
    const h = harness();
    const paymentId = await reserved();
    const other = await asOtherIntegrator(h);
    expectError(await h.api('GET', `/pos/v10/payments/${paymentId}`, undefined, other), 403, '1401');
    expectError(
      await h.api('POST', `/pos/v10/payments/${paymentId}/capture`, { amount: 100 }, other),
      403,
      '1401',
    );
    expectError(await h.api('POST', `/pos/v10/payments/${paymentId}/cancel`, undefined, other), 403, '1401');
    expect(await paymentStatus(h, paymentId)).toBe('Reserved');
  });

  it('refuses to show a payment created on behalf of another merchant (1411)', async () => {
    const h = harness();
    const paymentId = await reserved();
    expectError(
      await h.api('GET', `/pos/v10/payments/${paymentId}`, undefined, asOtherMerchant(h)),
      403,
      '1411',
    );
  });

  it('refuses to capture a payment created on behalf of another merchant (1407)', async () => {
    const h = harness();
    const paymentId = await reserved();
    const response = await h.api(
      'POST',
      `/pos/v10/payments/${paymentId}/capture`,
      { amount: 100 },
      asOtherMerchant(h),
    );
    expectError(response, 403, '1407');
  });

  it('refuses to cancel a payment created on behalf of another merchant (1408)', async () => {
    const h = harness();
    const paymentId = await reserved();
    const response = await h.api(
      'POST',
      `/pos/v10/payments/${paymentId}/cancel`,
      undefined,
      asOtherMerchant(h),
    );
    expectError(response, 403, '1408');
    expect(await paymentStatus(h, paymentId)).toBe('Reserved');
  });
});
