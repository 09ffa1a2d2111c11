// Refunds of captured payments (reference: docs/payment-flows/refunds.md, cancel-flows.md "Cancelling
// Refunds", docs/api-errors.mdx "Refunds"). Time rules (24 hours, 90 days) are in time-rules.test.ts.
import { describe, expect, it } from 'vitest';
import { DEMO_VAT, users } from '../harness.js';
import {
  asOtherIntegrator,
  capture,
  capturedPayment,
  expectError,
  expectOk,
  refund,
  refundId,
  refundStatus,
  useHarness,
} from './support.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('refunds', () => {
  const harness = useHarness();
  const refundAction = (id: string, action: 'capture' | 'cancel', headers?: Record<string, string>) =>
    harness().api('POST', `/pos/v10/refunds/${id}/${action}`, undefined, headers);

  it('refunds a captured payment in several parts up to the captured amount', async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h, { amount: 100 });
    const first = await refundId(h, paymentId, 30);
    const second = await refundId(h, paymentId, 70);
    const response = await h.api('GET', `/pos/v10/refunds/${first}`);
    expect(response.json()).toMatchObject({
      refundId: first,
      paymentId,
      amount: 30,
      currencyCode: 'DKK',
      pollDelayInMs: 1000,
    });
    expect(await refundStatus(h, second)).toBe('Reserved');
  });

  it('refuses refunds that together exceed the captured amount (1367)', async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h, { amount: 100 });
    await refundId(h, paymentId, 60);
    expectError(await refund(h, paymentId, 40.01), 409, '1367');
  });

  it('measures the limit against the captured amount, not the reserved one (1367)', async () => {
    const h = harness();
    const { posId, beaconId } = await h.createPos();
    const paymentId = await h.reservedPayment(posId, beaconId, users.credit, 100);
    expectOk(await capture(h, paymentId, 60));
    expectError(await refund(h, paymentId, 60.01), 409, '1367');
    expectOk(await refundAction(await refundId(h, paymentId, 60), 'capture'));
  });

  it('no longer counts a cancelled refund against the limit', async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h, { amount: 100 });
    expectOk(await refundAction(await refundId(h, paymentId, 100), 'cancel'));
    expect((await refund(h, paymentId, 100)).statusCode).toBe(200);
  });

  it('refuses a refund in another currency than the payment (1365)', async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h, { amount: 100, currencyCode: 'EUR' });
    expectError(await refund(h, paymentId, 10, { currencyCode: 'DKK' }), 409, '1365');
    expect((await refund(h, paymentId, 10, { currencyCode: 'EUR' })).statusCode).toBe(200);
  });

  it('refuses to refund a payment that is not captured (1354)', async () => {
    const h = harness();
    const { posId, beaconId } = await h.createPos();
    const paymentId = await h.reservedPayment(posId, beaconId);
    expectError(await refund(h, paymentId, 10), 409, '1354');
  });

  it('refuses to refund a payment that does not exist (1001)', async () => {
    expectError(await refund(harness(), UNKNOWN_ID, 10), 409, '1001');
  });

  it.each([
    ['an invalid amount (1102)', { amount: 0 }, '1102'],
    ['an empty refundOrderId (1114)', { refundOrderId: '' }, '1114'],
    ['a refundOrderId of 37 characters (1114)', { refundOrderId: 'r'.repeat(37) }, '1114'],
    ['a paymentId that is not a GUID (1099)', { paymentId: 'payment-1' }, '1099'],
  ])('refuses %s', async (_name, overrides, code) => {
    const h = harness();
    const { paymentId } = await capturedPayment(h);
    expectError(await refund(h, paymentId, 10, overrides), 400, code);
  });

  it('captures a reserved refund, and answers a retried capture with 200', async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h);
    const id = await refundId(h, paymentId, 10);
    expectOk(await refundAction(id, 'capture'));
    expectOk(await refundAction(id, 'capture'));
    expect(await refundStatus(h, id)).toBe('Captured');
  });

  it('refuses to cancel a captured refund (1352)', async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h);
    const id = await refundId(h, paymentId, 10);
    expectOk(await refundAction(id, 'capture'));
    expectError(await refundAction(id, 'cancel'), 409, '1352');
  });

  it('cancels a reserved refund, and answers a retried cancel with 200', async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h);
    const id = await refundId(h, paymentId, 10);
    expectOk(await refundAction(id, 'cancel'));
    expectOk(await refundAction(id, 'cancel'));
    expect(await refundStatus(h, id)).toBe('CancelledByClient');
  });

  it('refuses to capture a cancelled refund (1351)', async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h);
    const id = await refundId(h, paymentId, 10);
    expectOk(await refundAction(id, 'cancel'));
    expectError(await refundAction(id, 'capture'), 409, '1351');
  });

  it('answers 404 when capturing a refund that does not exist (1004)', async () => {
    expectError(await refundAction(UNKNOWN_ID, 'capture'), 404, '1004');
  });

  it('finds a lost refundId again by the paymentId', async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h);
    const ids = [await refundId(h, paymentId, 10), await refundId(h, paymentId, 20)];
    const response = await h.api('GET', `/pos/v10/refunds?paymentId=${paymentId}`);
    expect((response.json() as { refundIds: string[] }).refundIds.sort()).toEqual(ids.sort());
  });

  it('refuses a refund query without a paymentId (1110)', async () => {
    expectError(await harness().api('GET', '/pos/v10/refunds'), 400, '1110');
  });

  it("refuses another integrator's refund of the payment (1401)", async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h);
    const response = await h.create(
      '/pos/v10/refunds',
      { paymentId, refundOrderId: 'r-1', amount: 10, currencyCode: 'DKK' },
      undefined,
      await asOtherIntegrator(h),
    );
    expectError(response, 403, '1401');
  });

  it("refuses to show, capture or cancel another integrator's refund (1402)", async () => {
    const h = harness();
    const { paymentId } = await capturedPayment(h);
    const id = await refundId(h, paymentId, 10);
    const other = await asOtherIntegrator(h);
    expectError(await h.api('GET', `/pos/v10/refunds/${id}`, undefined, other), 403, '1402');
    expectError(await refundAction(id, 'capture', other), 403, '1402');
    expectError(await refundAction(id, 'cancel', other), 403, '1402');
    const listed = await h.api('GET', `/pos/v10/refunds?paymentId=${paymentId}`, undefined, other);
    expect(listed.json()).toEqual({ refundIds: [] });
  });
});

// The store balance is its opening balance + captures - refunds that are not cancelled. Each payment's
// refunds are capped by its captured amount (1367 is checked first), so with an opening balance of 0 the
// balance always covers a refund the cap allows: 1368 cannot be reached through the public API alone.
// A store that starts in debt (a negative opening balance, as after fees or chargebacks) shows the rule.
describe('refunds and the store balance', () => {
  const STORE_IN_DEBT = '7b1e4c2a-9d3f-4e5a-8b6c-1000000100d0';
  const harness = useHarness({
    config: {
      merchants: [
        {
          vat: DEMO_VAT,
          name: 'Demo Kaffebar ApS',
          merchantId: '3f6e8a2c-1b4d-4c9e-9a7f-5d2b8c1e0a03',
          stores: [
            {
              storeId: STORE_IN_DEBT,
              storeName: 'Demo Kaffebar in debt',
              brandName: 'Demo Kaffebar',
              merchantBrandId: 'POSDK12345',
              merchantLocationId: '10009',
              openingBalance: { DKK: -50, EUR: 0 },
            },
          ],
        },
      ],
    },
  });

  it('refuses a refund the store balance cannot cover (1368), and allows one it can', async () => {
    const h = harness();
    const { posId, beaconId } = await h.createPos({ storeId: STORE_IN_DEBT });
    const paymentId = await h.reservedPayment(posId, beaconId, users.credit, 100);
    expectOk(await capture(h, paymentId, 100));
    expectError(await refund(h, paymentId, 60), 409, '1368');
    await refundId(h, paymentId, 30);
    expectError(await refund(h, paymentId, 20.01), 409, '1368');
    expect((await refund(h, paymentId, 20)).statusCode).toBe(200);
  });
});
