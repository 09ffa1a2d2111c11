// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { usePosStore } from '../../../src/renderer/stores/pos-store.js';
import { makePos, makeStore } from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

const pos = () => usePosStore.getState();
const input = {
  storeId: 'store-1',
  posName: 'Till 1',
  merchantPosId: 'till-1',
  beaconId: '123456789012345',
  supportedBeaconTypes: ['QR' as const],
  callbackAlias: null,
  requirePaymentBeforeCheckin: false,
};

describe('pos store', () => {
  it('knows after loading that the till is not onboarded', async () => {
    const fake = installFakeBridge();
    fake.answer('posGet', null);
    await pos().load();
    expect(pos()).toMatchObject({ loaded: true, pos: null });
  });

  it('finds stores by brand and location', async () => {
    const fake = installFakeBridge();
    fake.answer('posFindStores', [makeStore()]);
    await pos().findStores({ by: 'location', merchantBrandId: 'MPPOS12345', merchantLocationId: '00001' });
    expect(fake.calls('posFindStores')).toEqual([
      { by: 'location', merchantBrandId: 'MPPOS12345', merchantLocationId: '00001' },
    ]);
    expect(pos().stores).toHaveLength(1);
  });

  it('onboards and offboards through the bridge', async () => {
    const fake = installFakeBridge();
    expect(await pos().onboard(input)).toBe(true);
    expect(fake.calls('posOnboard')).toEqual([input]);
    expect(pos().pos?.posId).toBe('pos-1');
    expect(await pos().offboard()).toBe(true);
    expect(pos().pos).toBeNull();
  });

  it('keeps the PoS when the API refuses onboarding', async () => {
    const fake = installFakeBridge();
    fake.refuse('posOnboard', {
      apiCode: '1202',
      message: 'A point of sale with that BeaconId already exist',
    });
    expect(await pos().onboard(input)).toBe(false);
    expect(pos().error?.apiCode).toBe('1202');
  });

  it('forgets the check-in when the PoS changes', () => {
    pos().receivePos(makePos());
    pos().receiveCheckin({ posId: 'pos-1', isUserCheckedIn: true, loyaltyIds: ['L1'] });
    pos().receivePos(makePos({ posId: 'pos-2' }));
    expect(pos().checkin).toBeNull();
  });
});
