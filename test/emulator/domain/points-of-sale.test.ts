// Points of sale (reference: docs/pos-management.md, docs/input-and-output-formats.md, docs/api-errors.mdx).
import { describe, expect, it } from 'vitest';
import { GUID_PATTERN } from '../../../src/shared/pos-v10/formats.js';
import { DEMO_STORE_ID, OTHER_MERCHANT_STORE_ID, freshKey } from '../harness.js';
import {
  asOtherIntegrator,
  asOtherMerchant,
  capture,
  expectError,
  expectOk,
  paymentStatus,
  useHarness,
} from './support.js';

const harness = useHarness();

const posBody = (overrides: Record<string, unknown> = {}) => ({
  merchantPosId: `till-${freshKey()}`,
  storeId: DEMO_STORE_ID,
  name: 'Till 1',
  supportedBeaconTypes: ['QR'],
  ...overrides,
});

async function posIds(query: string, headers?: Record<string, string>): Promise<string[]> {
  const response = await harness().api('GET', `/pos/v10/pointofsales?${query}`, undefined, headers);
  expect(response.statusCode).toBe(200);
  return (response.json() as { posIds: string[] }).posIds;
}

describe('points of sale', () => {
  describe('creation', () => {
    it('generates a GUID beaconId when the client sends none or null', async () => {
      const h = harness();
      const absent = await h.createPos();
      const nulled = await h.createPos({ beaconId: null });
      expect(absent.beaconId).toMatch(GUID_PATTERN);
      expect(nulled.beaconId).toMatch(GUID_PATTERN);
      expect(absent.beaconId).not.toBe(nulled.beaconId);
    });

    it('accepts the 15-digit beaconId of a physical device', async () => {
      const { beaconId } = await harness().createPos({ beaconId: '123456789012345' });
      expect(beaconId).toBe('123456789012345');
    });

    it('answers GET with what was created, requirePaymentBeforeCheckin false by default', async () => {
      const h = harness();
      const body = posBody({ callbackAlias: 'shop-1', supportedBeaconTypes: ['QR', 'Bluetooth'] });
      const { posId } = (await h.create('/pos/v10/pointofsales', body)).json() as { posId: string };
      const pos = (await h.api('GET', `/pos/v10/pointofsales/${posId}`)).json() as Record<string, unknown>;
      expect(pos).toMatchObject({
        posId,
        merchantPosId: body.merchantPosId,
        storeId: DEMO_STORE_ID,
        name: 'Till 1',
        callbackAlias: 'shop-1',
        supportedBeaconTypes: ['QR', 'Bluetooth'],
        requirePaymentBeforeCheckin: false,
      });
    });

    it('refuses a beaconId that is neither a GUID nor 15 digits (1100)', async () => {
      const response = await harness().create('/pos/v10/pointofsales', posBody({ beaconId: '12345' }));
      expectError(response, 400, '1100');
    });

    it('refuses a beaconId that an active PoS already uses, whatever its case (1202)', async () => {
      const h = harness();
      const beaconId = 'A7B69D37-6753-4E94-AFC3-EF5DAB04B7F4';
      await h.createPos({ beaconId });
      const response = await h.create('/pos/v10/pointofsales', posBody({ beaconId: beaconId.toLowerCase() }));
      expectError(response, 409, '1202');
    });

    it("refuses a beaconId that another integrator's active PoS uses: beaconIds are global (1202)", async () => {
      const h = harness();
      const { beaconId } = await h.createPos();
      const other = await asOtherIntegrator(h);
      expectError(
        await h.create('/pos/v10/pointofsales', posBody({ beaconId }), freshKey(), other),
        409,
        '1202',
      );
    });

    it('lets a beaconId be used again once its PoS is deleted', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos({ beaconId: '123456789012345' });
      expectOk(await h.api('DELETE', `/pos/v10/pointofsales/${posId}`));
      const again = await h.createPos({ beaconId });
      expect(again.beaconId).toBe(beaconId);
      expect(again.posId).not.toBe(posId);
    });

    it('refuses a second active PoS with the same merchantPosId for the integrator and merchant (1200)', async () => {
      const h = harness();
      await h.createPos({ merchantPosId: 'till-1' });
      expectError(await h.create('/pos/v10/pointofsales', posBody({ merchantPosId: 'till-1' })), 409, '1200');
    });

    it('lets another integrator use the same merchantPosId', async () => {
      const h = harness();
      await h.createPos({ merchantPosId: 'till-1' });
      const other = await h.create(
        '/pos/v10/pointofsales',
        posBody({ merchantPosId: 'till-1' }),
        freshKey(),
        await asOtherIntegrator(h),
      );
      expect(other.statusCode).toBe(200);
    });

    it('lets the same integrator use the merchantPosId again for another merchant', async () => {
      const h = harness();
      await h.createPos({ merchantPosId: 'till-1' });
      const body = posBody({ merchantPosId: 'till-1', storeId: OTHER_MERCHANT_STORE_ID });
      expect((await h.create('/pos/v10/pointofsales', body, freshKey(), asOtherMerchant(h))).statusCode).toBe(
        200,
      );
    });

    it('lets the merchantPosId be used again once its PoS is deleted', async () => {
      const h = harness();
      const { posId } = await h.createPos({ merchantPosId: 'till-1' });
      expectOk(await h.api('DELETE', `/pos/v10/pointofsales/${posId}`));
      expect((await h.create('/pos/v10/pointofsales', posBody({ merchantPosId: 'till-1' }))).statusCode).toBe(
        200,
      );
    });

    it('refuses a store that does not exist (1002)', async () => {
      const response = await harness().create(
        '/pos/v10/pointofsales',
        posBody({ storeId: '00000000-0000-4000-8000-000000000000' }),
      );
      expectError(response, 409, '1002');
    });

    it("refuses another merchant's store (1403)", async () => {
      const response = await harness().create(
        '/pos/v10/pointofsales',
        posBody({ storeId: OTHER_MERCHANT_STORE_ID }),
      );
      expectError(response, 403, '1403');
    });

    it.each([
      ['an empty merchantPosId (1111)', { merchantPosId: '' }, '1111'],
      ['a merchantPosId of 37 characters (1111)', { merchantPosId: 'x'.repeat(37) }, '1111'],
      ['a name with an invalid character (1112)', { name: 'Till \u{1F600}' }, '1112'],
      ['a missing name (1112)', { name: undefined }, '1112'],
      ['a callbackAlias of 37 characters (1116)', { callbackAlias: 'a'.repeat(37) }, '1116'],
      ['a calibrationType that is not an integer (1118)', { calibrationType: 'strong' }, '1118'],
      [
        "the legacy beacon type 'BluetoothMP1' (1099)",
        { supportedBeaconTypes: ['QR', 'BluetoothMP1'] },
        '1099',
      ],
      ['a beacon type listed twice (1099)', { supportedBeaconTypes: ['QR', 'QR'] }, '1099'],
      ['no beacon types (1099)', { supportedBeaconTypes: [] }, '1099'],
      ['a storeId that is not a GUID (1099)', { storeId: 'store-1' }, '1099'],
    ])('refuses %s', async (_name, overrides, code) => {
      expectError(await harness().create('/pos/v10/pointofsales', posBody(overrides)), 400, code);
    });

    it('refuses a body that is not valid JSON (1099)', async () => {
      const h = harness();
      const headers = h.headers({
        'content-type': 'application/json',
        'x-mobilepay-idempotency-key': freshKey(),
      });
      expectError(await h.api('POST', '/pos/v10/pointofsales', '{"merchantPosId": ', headers), 400, '1099');
    });
  });

  describe('lookup', () => {
    it('finds a PoS by merchantPosId, by beaconId and by storeId', async () => {
      const h = harness();
      const first = await h.createPos({ merchantPosId: 'till-1' });
      const second = await h.createPos({ merchantPosId: 'till-2', beaconId: '123456789012345' });
      expect(await posIds('merchantPosId=till-1')).toEqual([first.posId]);
      expect(await posIds('beaconId=123456789012345')).toEqual([second.posId]);
      expect(await posIds(`beaconId=${first.beaconId.toUpperCase()}`)).toEqual([first.posId]);
      expect((await posIds(`storeId=${DEMO_STORE_ID}`)).sort()).toEqual([first.posId, second.posId].sort());
      expect(await posIds(`storeId=${DEMO_STORE_ID}&merchantPosId=till-2`)).toEqual([second.posId]);
      expect(await posIds('merchantPosId=till-3')).toEqual([]);
    });

    it('refuses a query without storeId, beaconId or merchantPosId (1121)', async () => {
      expectError(await harness().api('GET', '/pos/v10/pointofsales'), 400, '1121');
    });

    it("never lists another integrator's PoSes", async () => {
      const h = harness();
      const { beaconId } = await h.createPos({ merchantPosId: 'till-1' });
      const other = await asOtherIntegrator(h);
      expect(await posIds('merchantPosId=till-1', other)).toEqual([]);
      expect(await posIds(`beaconId=${beaconId}`, other)).toEqual([]);
      expect(await posIds(`storeId=${DEMO_STORE_ID}`, other)).toEqual([]);
    });
  });

  describe('deletion', () => {
    it('makes the PoS unknown (404) and unlisted; a retried delete still answers 200', async () => {
      const h = harness();
      const { posId } = await h.createPos({ merchantPosId: 'till-1' });
      expectOk(await h.api('DELETE', `/pos/v10/pointofsales/${posId}`));
      expectOk(await h.api('DELETE', `/pos/v10/pointofsales/${posId}`));
      expect((await h.api('GET', `/pos/v10/pointofsales/${posId}`)).statusCode).toBe(404);
      expect((await h.api('GET', `/pos/v10/pointofsales/${posId}/checkin`)).statusCode).toBe(404);
      expect(await posIds('merchantPosId=till-1')).toEqual([]);
    });

    it('refuses new payments on a deleted PoS (1000)', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      expectOk(await h.api('DELETE', `/pos/v10/pointofsales/${posId}`));
      const response = await h.create('/pos/v10/payments', {
        posId,
        orderId: 'order-1',
        amount: 10,
        currencyCode: 'DKK',
        plannedCaptureDelay: 'None',
      });
      expectError(response, 409, '1000');
    });

    it('still lets a reserved payment of the deleted PoS be captured', async () => {
      const h = harness();
      const { posId, beaconId } = await h.createPos();
      const paymentId = await h.reservedPayment(posId, beaconId);
      expectOk(await h.api('DELETE', `/pos/v10/pointofsales/${posId}`));
      expectOk(await capture(h, paymentId, 100));
      expect(await paymentStatus(h, paymentId)).toBe('Captured');
    });

    it('has MobilePay cancel a payment still waiting for a customer', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      const paymentId = await h.initiate(posId);
      expectOk(await h.api('DELETE', `/pos/v10/pointofsales/${posId}`));
      expect(await paymentStatus(h, paymentId)).toBe('CancelledByMobilePay');
    });
  });

  describe('isolation', () => {
    it("refuses to show, delete or poll another integrator's PoS (1400)", async () => {
      const h = harness();
      const { posId } = await h.createPos();
      const other = await asOtherIntegrator(h);
      expectError(await h.api('GET', `/pos/v10/pointofsales/${posId}`, undefined, other), 403, '1400');
      expectError(await h.api('DELETE', `/pos/v10/pointofsales/${posId}`, undefined, other), 403, '1400');
      expectError(
        await h.api('GET', `/pos/v10/pointofsales/${posId}/checkin`, undefined, other),
        403,
        '1400',
      );
    });

    it('refuses to show a PoS created on behalf of another merchant (1410)', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      expectError(
        await h.api('GET', `/pos/v10/pointofsales/${posId}`, undefined, asOtherMerchant(h)),
        403,
        '1410',
      );
    });

    it('refuses to delete a PoS created on behalf of another merchant (1409)', async () => {
      const h = harness();
      const { posId } = await h.createPos();
      const response = await h.api('DELETE', `/pos/v10/pointofsales/${posId}`, undefined, asOtherMerchant(h));
      expectError(response, 403, '1409');
      expect((await h.api('GET', `/pos/v10/pointofsales/${posId}`)).statusCode).toBe(200);
    });
  });
});
