import { describe, expect, it } from 'vitest';
import { DEFAULT_POS_NAME, DEMO_STORE_ID } from '../../src/host/default-pos.js';
import type { BridgeArgs } from '../../src/shared/bridge/index.js';
import { startTestHost, tempDataDir } from './support.js';

const aarhus = '7b1e4c2a-9d3f-4e5a-8b6c-100000010002';

const wizard = (over: Partial<BridgeArgs['posOnboard']> = {}): BridgeArgs['posOnboard'] => ({
  storeId: aarhus,
  posName: 'Aarhus till',
  merchantPosId: 'aarhus-1',
  beaconId: '123456789012345',
  supportedBeaconTypes: ['QR'],
  callbackAlias: null,
  requirePaymentBeforeCheckin: false,
  ...over,
});

describe('the PoS set-up', () => {
  it("finds the merchant's stores by VAT and by brand and location, with their addresses", async () => {
    const t = await startTestHost();

    const byVat = await t.call('posFindStores', { by: 'vat' });
    const byLocation = await t.call('posFindStores', {
      by: 'location',
      merchantBrandId: 'POSDK12345',
      merchantLocationId: '10002',
    });

    expect(byVat.map((store) => store.storeId)).toContain(DEMO_STORE_ID);
    expect(byLocation).toEqual([
      {
        storeId: aarhus,
        storeName: 'Demo Kaffebar Aarhus',
        brandName: 'Demo Kaffebar',
        merchantBrandId: 'POSDK12345',
        merchantLocationId: '10002',
        address: 'Ryesgade 3, 8000 Aarhus C',
      },
    ]);
  });

  it('replaces the demo PoS with the configured one and shows its beacon on the display', async () => {
    const t = await startTestHost();
    const before = await t.call('posGet');

    const pos = await t.call('posOnboard', wizard());

    expect(pos).toMatchObject({ storeId: aarhus, posName: 'Aarhus till', beaconId: '123456789012345' });
    expect(pos.posId).not.toBe(before!.posId);
    await t.waitFor((e) => e.kind === 'pos' && e.pos?.posId === pos.posId);
    await t.waitFor((e) => e.kind === 'display' && e.display.beaconId === '123456789012345');
    expect((await t.call('displayGet')).storeName).toBe('Demo Kaffebar Aarhus');
  });

  it('checks an unchanged configuration instead of re-creating it', async () => {
    const t = await startTestHost();
    const first = await t.call('posOnboard', wizard());

    expect((await t.call('posOnboard', wizard())).posId).toBe(first.posId);
  });

  it('offboards the PoS, closes the display, and stays offboarded after a restart', async () => {
    const dataDir = tempDataDir();
    const t = await startTestHost({ dataDir });

    const gone = await t.call('posOffboard');
    await t.waitFor((e) => e.kind === 'display' && e.display.phase === 'closed');
    await t.stop();
    const again = await startTestHost({ dataDir });

    expect(gone).toMatchObject({ posId: null, posName: DEFAULT_POS_NAME });
    expect(await again.call('posGet')).toMatchObject({ posId: null });
    expect((await again.call('displayGet')).phase).toBe('closed');
    expect((await again.fail('paymentStart', { amount: 1, currencyCode: 'DKK' })).code).toBe('no-pos');
  });

  it('refuses to change the PoS while a payment is in progress', async () => {
    const t = await startTestHost();
    await t.call('paymentStart', { amount: 5, currencyCode: 'DKK' });

    expect((await t.fail('posOnboard', wizard())).code).toBe('busy');
    expect((await t.fail('posOffboard')).code).toBe('busy');
  });
});
