// The prepared payment flow: Prepared -> Paired -> ready -> IssuedToUser -> Reserved (reference:
// docs/payment-flows/prepared-payment-flow.md, img/pos-prepared-payment-states.png).
import { describe, expect, it } from 'vitest';
import { INACTIVE_STORE_ID, users } from '../harness.js';
import {
  asOtherIntegrator,
  asOtherMerchant,
  cancel,
  expectError,
  expectOk,
  paymentStatus,
  useHarness,
} from './support.js';

const harness = useHarness();

const readyBody = (overrides: Record<string, unknown> = {}) => ({
  amount: 75,
  currencyCode: 'DKK',
  plannedCaptureDelay: 'None',
  ...overrides,
});

async function ready(paymentId: string, body: unknown = readyBody(), headers?: Record<string, string>) {
  return harness().api('POST', `/pos/v10/payments/${paymentId}/ready`, body, headers);
}

describe('prepared payments', () => {
  it('walks Prepared -> Paired (with the loyalty ids) -> IssuedToUser on ready -> Reserved on accept', async () => {
    const h = harness();
    const { posId, beaconId } = await h.createPos();
    const paymentId = await h.prepare(posId);
    expect(await h.payment(paymentId)).toMatchObject({ status: 'Prepared', amount: null, loyaltyIds: null });
    expectOk(await h.user('checkin', { beaconId, phoneNumber: users.loyalty }));
    const paired = await h.payment(paymentId);
    expect(paired['status']).toBe('Paired');
    expect(paired['loyaltyIds']).toEqual([expect.any(String)]);
    expect(paired['customerToken']).toEqual(expect.any(String));
    expectOk(await ready(paymentId, readyBody({ amount: 70 })));
    expect(await h.payment(paymentId)).toMatchObject({
      status: 'IssuedToUser',
      amount: 70,
      currencyCode: 'DKK',
    });
    expectOk(await h.user('acceptpayment', { beaconId, phoneNumber: users.loyalty }));
    expect(await paymentStatus(h, paymentId)).toBe('Reserved');
  });

  it('pairs a prepared payment at once with a customer who checked in before it was prepared', async () => {
    const h = harness();
    const { posId, beaconId } = await h.createPos();
    expectOk(await h.user('checkin', { beaconId, phoneNumber: users.loyalty }));
    expect(await paymentStatus(h, await h.prepare(posId))).toBe('Paired');
  });

  it('goes Prepared -> Initiated when readied before anyone checks in, then IssuedToUser on check-in', async () => {
    const h = harness();
    const { posId, beaconId } = await h.createPos();
    const paymentId = await h.prepare(posId);
    expectOk(await ready(paymentId));
    expect(await paymentStatus(h, paymentId)).toBe('Initiated');
    expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
    expect(await paymentStatus(h, paymentId)).toBe('IssuedToUser');
  });

  it('answers a ready retried with the same body with 200', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const paymentId = await h.prepare(posId);
    const body = readyBody({ merchantPaymentLabel: 'Basket 3', restrictions: { debitCardDisallowed: true } });
    expectOk(await ready(paymentId, body));
    expectOk(await ready(paymentId, body));
    expect(await h.payment(paymentId)).toMatchObject({
      status: 'Initiated',
      merchantPaymentLabel: 'Basket 3',
      restrictions: { debitCardDisallowed: true },
    });
  });

  it('refuses to ready a payment of the initiate flow (1303)', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const paymentId = await h.initiate(posId, { amount: 75 });
    expectError(await ready(paymentId), 409, '1303');
  });

  it('refuses a second ready with another amount (1303)', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const paymentId = await h.prepare(posId);
    expectOk(await ready(paymentId));
    expectError(await ready(paymentId, readyBody({ amount: 80 })), 409, '1303');
  });

  it('refuses to ready a cancelled prepared payment (1303)', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const paymentId = await h.prepare(posId);
    expectOk(await cancel(h, paymentId));
    expectError(await ready(paymentId), 409, '1303');
  });

  it.each([
    ['an invalid amount (1102)', { amount: -1 }, '1102'],
    ['a merchantPaymentLabel of 37 characters (1117)', { merchantPaymentLabel: 'l'.repeat(37) }, '1117'],
    ['an unknown currency (1099)', { currencyCode: 'NOK' }, '1099'],
  ])('refuses a ready with %s', async (_name, overrides, code) => {
    const h = harness();
    const { posId } = await h.createPos();
    const paymentId = await h.prepare(posId);
    expectError(await ready(paymentId, readyBody(overrides)), 400, code);
    expect(await paymentStatus(h, paymentId)).toBe('Prepared');
  });

  it('lets the client cancel while Prepared and while Paired', async () => {
    const h = harness();
    const { posId, beaconId } = await h.createPos();
    const prepared = await h.prepare(posId);
    expectOk(await cancel(h, prepared));
    expect(await paymentStatus(h, prepared)).toBe('CancelledByClient');
    const paired = await h.prepare(posId);
    expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
    expectOk(await cancel(h, paired));
    expect(await paymentStatus(h, paired)).toBe('CancelledByClient');
  });

  it('lets the customer cancel a Paired payment', async () => {
    const h = harness();
    const { posId, beaconId } = await h.createPos();
    const paymentId = await h.prepare(posId);
    expectOk(await h.user('checkin', { beaconId, phoneNumber: users.credit }));
    expectOk(await h.user('cancelpaymentbyuser', { beaconId }));
    expect(await paymentStatus(h, paymentId)).toBe('CancelledByUser');
  });

  it('refuses an orderId that is not 1 to 36 valid characters (1113)', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    expectError(await h.create('/pos/v10/payments/prepare', { posId, orderId: '' }), 400, '1113');
  });

  it('refuses to prepare on a PoS whose store is not activated (1204)', async () => {
    const h = harness();
    const { posId } = await h.createPos({ storeId: INACTIVE_STORE_ID });
    expectError(await h.create('/pos/v10/payments/prepare', { posId, orderId: 'order-1' }), 409, '1204');
  });

  it('refuses to ready a payment prepared on behalf of another merchant (1406)', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const paymentId = await h.prepare(posId);
    expectError(await ready(paymentId, readyBody(), asOtherMerchant(h)), 403, '1406');
  });

  it('refuses to ready a payment prepared by another integrator (1401)', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const paymentId = await h.prepare(posId);
    expectError(await ready(paymentId, readyBody(), await asOtherIntegrator(h)), 403, '1401');
  });

  it('answers 404 when readying a payment that does not exist', async () => {
    const response = await ready('00000000-0000-4000-8000-000000000000');
    expect(response.statusCode).toBe(404);
  });
});
