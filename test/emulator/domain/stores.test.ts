// Stores (reference: docs/pos-management.md "Onboarding", docs/api-errors.mdx "Stores").
import { describe, expect, it } from 'vitest';
import { DEMO_STORE_ID, INACTIVE_STORE_ID, OTHER_MERCHANT_STORE_ID } from '../harness.js';
import { asOtherMerchant, expectError, useHarness } from './support.js';

const harness = useHarness();

async function storeIds(query = '', headers?: Record<string, string>): Promise<string[]> {
  const response = await harness().api('GET', `/pos/v10/stores${query}`, undefined, headers);
  expect(response.statusCode).toBe(200);
  return (response.json() as { storeIds: string[] }).storeIds;
}

describe('stores', () => {
  it('lists every store of the merchant named by the VAT header, activated or not', async () => {
    const ids = await storeIds();
    expect(ids).toContain(DEMO_STORE_ID);
    expect(ids).toContain(INACTIVE_STORE_ID);
    expect(ids).not.toContain(OTHER_MERCHANT_STORE_ID);
    expect(await storeIds('', asOtherMerchant(harness()))).toEqual([OTHER_MERCHANT_STORE_ID]);
  });

  it('finds the one store of a merchantBrandId and merchantLocationId', async () => {
    expect(await storeIds('?merchantBrandId=POSDK12345&merchantLocationId=10001')).toEqual([DEMO_STORE_ID]);
    expect(await storeIds('?merchantBrandId=POSDK12345&merchantLocationId=99999')).toEqual([]);
  });

  it('answers the details of a store of the merchant', async () => {
    const response = await harness().api('GET', `/pos/v10/stores/${DEMO_STORE_ID}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      storeId: DEMO_STORE_ID,
      merchantBrandId: 'POSDK12345',
      merchantLocationId: '10001',
      brandName: 'Demo Kaffebar',
      storeName: 'Demo Kaffebar Nørreport',
    });
  });

  it("treats another merchant's store as unknown (404)", async () => {
    const response = await harness().api('GET', `/pos/v10/stores/${OTHER_MERCHANT_STORE_ID}`);
    expect(response.statusCode).toBe(404);
    expect(
      (await harness().api('GET', '/pos/v10/stores/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
  });

  it('refuses a merchantBrandId without a merchantLocationId and vice versa (1122)', async () => {
    const h = harness();
    expectError(await h.api('GET', '/pos/v10/stores?merchantBrandId=POSDK12345'), 400, '1122');
    expectError(await h.api('GET', '/pos/v10/stores?merchantLocationId=10001'), 400, '1122');
  });

  it('refuses a merchantBrandId that is not MPPOS/POSDK/POSFI and five characters (1119)', async () => {
    const response = await harness().api(
      'GET',
      '/pos/v10/stores?merchantBrandId=ACME12345&merchantLocationId=10001',
    );
    expectError(response, 400, '1119');
  });

  it('refuses a merchantLocationId that is not exactly five characters (1120)', async () => {
    const response = await harness().api(
      'GET',
      '/pos/v10/stores?merchantBrandId=POSDK12345&merchantLocationId=1001',
    );
    expectError(response, 400, '1120');
  });
});
