// Idempotency keys on the creating POSTs (reference: docs/api-principles.md "Error handling",
// docs/api-errors.mdx 1306): a retry with the same key gets the first answer and creates nothing new.
import { describe, expect, it } from 'vitest';
import { HOUR } from '../../../src/emulator/clock.js';
import { DEMO_STORE_ID, freshKey } from '../harness.js';
import {
  asOtherIntegrator,
  cancel,
  capturedPayment,
  expectError,
  findPayments,
  refreshToken,
  useHarness,
} from './support.js';

const harness = useHarness();

const posBody = {
  merchantPosId: 'till-1',
  storeId: DEMO_STORE_ID,
  name: 'Till 1',
  supportedBeaconTypes: ['QR'],
};
const paymentBody = (posId: string, overrides: Record<string, unknown> = {}) => ({
  posId,
  orderId: 'order-1',
  amount: 100,
  currencyCode: 'DKK',
  plannedCaptureDelay: 'None',
  ...overrides,
});

async function posCount(headers?: Record<string, string>): Promise<number> {
  const response = await harness().api(
    'GET',
    `/pos/v10/pointofsales?storeId=${DEMO_STORE_ID}`,
    undefined,
    headers,
  );
  return (response.json() as { posIds: string[] }).posIds.length;
}

describe('idempotency keys', () => {
  it('answers a retried PoS creation with the same posId and creates no second PoS', async () => {
    const h = harness();
    const key = freshKey();
    const first = await h.create('/pos/v10/pointofsales', posBody, key);
    const retry = await h.create('/pos/v10/pointofsales', posBody, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(await posCount()).toBe(1);
  });

  it('treats a retry that lists the same fields in another order as the same request', async () => {
    const h = harness();
    const key = freshKey();
    const first = await h.create('/pos/v10/pointofsales', posBody, key);
    const { supportedBeaconTypes, name, storeId, merchantPosId } = posBody;
    const reordered = await h.create(
      '/pos/v10/pointofsales',
      { supportedBeaconTypes, name, storeId, merchantPosId },
      key,
    );
    expect(reordered.json()).toEqual(first.json());
  });

  it('answers a retried initiate with the same paymentId and leaves one payment on the PoS', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const key = freshKey();
    const first = await h.create('/pos/v10/payments', paymentBody(posId), key);
    const retry = await h.create('/pos/v10/payments', paymentBody(posId), key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(await findPayments(h, `posId=${posId}`)).toEqual([
      (first.json() as { paymentId: string }).paymentId,
    ]);
  });

  it('answers a retried prepare with the same paymentId', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const key = freshKey();
    const first = await h.create('/pos/v10/payments/prepare', { posId, orderId: 'order-1' }, key);
    const retry = await h.create('/pos/v10/payments/prepare', { posId, orderId: 'order-1' }, key);
    expect(retry.json()).toEqual(first.json());
  });

  it('answers a retried refund with the same refundId and records one refund', async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h);
    const body = { paymentId, refundOrderId: 'refund-1', amount: 10, currencyCode: 'DKK' };
    const key = freshKey();
    const first = await h.create('/pos/v10/refunds', body, key);
    const retry = await h.create('/pos/v10/refunds', body, key);
    expect(retry.json()).toEqual(first.json());
    const listed = await h.api('GET', `/pos/v10/refunds?paymentId=${paymentId}`);
    expect(listed.json()).toEqual({ refundIds: [(first.json() as { refundId: string }).refundId] });
  });

  it('refuses the same key with a different body (1306)', async () => {
    const h = harness();
    const { posId, paymentId } = await capturedPayment(h);
    const key = freshKey();
    expect((await h.create('/pos/v10/pointofsales', posBody, key)).statusCode).toBe(200);
    const otherPos = { ...posBody, merchantPosId: 'till-2' };
    expectError(await h.create('/pos/v10/pointofsales', otherPos, key), 409, '1306');

    expect((await h.create('/pos/v10/payments', paymentBody(posId), key)).statusCode).toBe(200);
    expectError(await h.create('/pos/v10/payments', paymentBody(posId, { amount: 101 }), key), 409, '1306');

    const refund = { paymentId, refundOrderId: 'refund-1', amount: 10, currencyCode: 'DKK' };
    expect((await h.create('/pos/v10/refunds', refund, key)).statusCode).toBe(200);
    expectError(await h.create('/pos/v10/refunds', { ...refund, amount: 11 }, key), 409, '1306');
  });

  it('does not burn a key on a request refused for its content', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const key = freshKey();
    expectError(await h.create('/pos/v10/payments', paymentBody(posId, { amount: 0 }), key), 400, '1102');
    expect((await h.create('/pos/v10/payments', paymentBody(posId), key)).statusCode).toBe(200);
  });

  it('does not burn a key on a payment refused while another was active (1301)', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const active = await h.initiate(posId);
    const key = freshKey();
    expectError(await h.create('/pos/v10/payments', paymentBody(posId), key), 409, '1301');
    expect((await cancel(h, active)).statusCode).toBe(200);
    const retry = await h.create('/pos/v10/payments', paymentBody(posId), key);
    expect(retry.statusCode).toBe(200);
    expect((retry.json() as { paymentId: string }).paymentId).not.toBe(active);
  });

  it('keeps keys apart between integrators', async () => {
    const h = harness();
    const key = freshKey();
    const mine = await h.create('/pos/v10/pointofsales', posBody, key);
    const other = await asOtherIntegrator(h);
    const theirs = await h.create('/pos/v10/pointofsales', posBody, key, other);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json()).not.toEqual(mine.json());
    expect(await posCount()).toBe(1);
    expect(await posCount(other)).toBe(1);
  });

  it('keeps keys apart between endpoints', async () => {
    const h = harness();
    const key = freshKey();
    const pos = await h.create('/pos/v10/pointofsales', posBody, key);
    const { posId } = pos.json() as { posId: string };
    expect((await h.create('/pos/v10/payments', paymentBody(posId), key)).statusCode).toBe(200);
  });

  it('remembers a key for 24 hours and forgets it after that', async () => {
    const h = harness();
    const { posId } = await h.createPos();
    const key = freshKey();
    const first = await h.create('/pos/v10/payments', paymentBody(posId), key);
    h.clock.advance(24 * HOUR);
    await refreshToken(h);
    expect((await h.create('/pos/v10/payments', paymentBody(posId), key)).json()).toEqual(first.json());
    h.clock.advance(1 * HOUR);
    await refreshToken(h);
    const later = await h.create('/pos/v10/payments', paymentBody(posId), key);
    expect(later.statusCode).toBe(200);
    expect(later.json()).not.toEqual(first.json());
    expect(await findPayments(h, 'orderId=order-1')).toEqual([
      (later.json() as { paymentId: string }).paymentId,
    ]);
  });

  it('requires a key on creating requests (1164)', async () => {
    const h = harness();
    expectError(await h.api('POST', '/pos/v10/pointofsales', posBody), 400, '1164');
    expect(await posCount()).toBe(0);
  });
});
