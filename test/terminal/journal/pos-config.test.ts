// The PoS configuration: one record, validated, created at MobilePay through a journalled createPos
// call whose answer stores the posId, and a posId that never outlives the settings it was created with.
import { describe, expect, it } from 'vitest';
import type { PosConfigInput } from '../../../src/terminal/journal/index.js';
import { codeOf, fakeDeps, open, T0, tempDir } from './support.js';

const config: PosConfigInput = {
  storeId: 'store-1',
  merchantPosId: 'till-1',
  posName: 'Till 1',
  beaconId: null,
  supportedBeaconTypes: ['QR', 'Bluetooth'],
  callbackAlias: null,
  requirePaymentBeforeCheckin: false,
  merchantVat: 'DK12345678',
};

describe('PoS configuration', () => {
  it('saves one configuration and reads it back', () => {
    const journal = open(tempDir());
    expect(journal.posConfig.get()).toBeNull();
    const saved = journal.posConfig.save(config);
    expect(saved).toEqual({ ...config, posId: null, assignedBeaconId: null, updatedAt: T0 });
    expect(journal.posConfig.get()).toEqual(saved);
  });

  it('refuses a VAT number or beaconId the API would refuse', () => {
    const journal = open(tempDir());
    expect(codeOf(() => journal.posConfig.save({ ...config, merchantVat: 'SE123' }))).toBe('invalid_input');
    expect(codeOf(() => journal.posConfig.save({ ...config, beaconId: 'beacon' }))).toBe('invalid_input');
    expect(journal.posConfig.get()).toBeNull();
  });

  it('journals createPos from the saved configuration, and the answer stores the posId', () => {
    const journal = open(tempDir());
    expect(codeOf(() => journal.posConfig.beginCreate())).toBe('invalid_state');
    journal.posConfig.save({ ...config, callbackAlias: 'alias-1' });
    const { intent } = journal.posConfig.beginCreate();
    expect(intent).toMatchObject({ kind: 'createPos', subject: 'till-1', recordId: null });
    expect(intent.body).toEqual({
      merchantPosId: 'till-1',
      storeId: 'store-1',
      name: 'Till 1',
      callbackAlias: 'alias-1',
      supportedBeaconTypes: ['QR', 'Bluetooth'],
      requirePaymentBeforeCheckin: false,
    });
    expect(journal.posConfig.beginCreate()).toMatchObject({ resumed: true, intent: { id: intent.id } });
    journal.intents.markSent(intent.id);
    journal.intents.acknowledge(intent.id, { kind: 'createPos', posId: 'pos-1' });
    expect(journal.posConfig.get()?.posId).toBe('pos-1');
  });

  it('records the generated beaconId, keeps the posId on an unchanged save and forgets it on a change', () => {
    const deps = fakeDeps();
    const journal = open(tempDir(), deps);
    journal.posConfig.save(config);
    const withPos = journal.posConfig.setPos({ posId: 'pos-1', beaconId: '123456789012345' });
    expect(withPos).toMatchObject({ posId: 'pos-1', assignedBeaconId: '123456789012345', beaconId: null });
    deps.advance(1);
    expect(journal.posConfig.save({ ...config })).toMatchObject({ posId: 'pos-1', updatedAt: T0 + 1 });
    expect(journal.posConfig.save({ ...config, posName: 'Till One' })).toMatchObject({
      posId: null,
      assignedBeaconId: null,
    });
    journal.posConfig.setPos({ posId: 'pos-2', beaconId: null });
    expect(journal.posConfig.clearPos()).toMatchObject({ posId: null });
  });
});
