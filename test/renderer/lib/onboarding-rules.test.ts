// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isValidBeaconId } from '../../../src/shared/pos-v10/formats.js';
import {
  beaconIdFor,
  newDigitsBeaconId,
  newGuidBeaconId,
  onboardProblem,
} from '../../../src/renderer/lib/onboarding-rules.js';

const input = {
  storeId: 'store-1',
  posName: 'Till 1',
  merchantPosId: 'till-1',
  beaconId: '123456789012345',
  supportedBeaconTypes: ['QR' as const],
  callbackAlias: null,
  requirePaymentBeforeCheckin: false,
};

describe('onboarding rules', () => {
  it('generates a GUID beacon id that MobilePay accepts', () => {
    expect(isValidBeaconId(newGuidBeaconId())).toBe(true);
  });

  it('generates fifteen digits from the random bytes it is given', () => {
    const id = newDigitsBeaconId((bytes) => bytes.map((_, index) => index + 10));
    expect(id).toBe('012345678901234');
    expect(isValidBeaconId(id)).toBe(true);
  });

  it('keeps a typed id as typed', () => {
    expect(beaconIdFor('typed', 'my-id')).toBe('my-id');
    expect(beaconIdFor('digits', '')).toMatch(/^[0-9]{15}$/);
  });

  it('accepts a complete onboarding', () => {
    expect(onboardProblem(input)).toBeNull();
  });

  it('asks for the store, the names, a valid beacon id and a beacon type', () => {
    expect(onboardProblem({ ...input, storeId: '' })).toMatch(/pick the store/);
    expect(onboardProblem({ ...input, posName: ' ' })).toMatch(/name/);
    expect(onboardProblem({ ...input, merchantPosId: '' })).toMatch(/merchant PoS id/);
    expect(onboardProblem({ ...input, beaconId: '12345' })).toMatch(/GUID or 15 digits/);
    expect(onboardProblem({ ...input, supportedBeaconTypes: [] })).toMatch(/beacon type/);
  });
});
