import { afterEach, describe, expect, it } from 'vitest';
import { createBlePhone, type BlePhone } from '../../src/customer/ble-phone.js';
import { createBeaconHardware, type BeaconHardware } from '../../src/hardware/beacon-hardware.js';
import type { CheckInEvent } from '../../src/hardware/types.js';
import { createMemoryMedium, type RadioMedium } from '../../src/hardware/virtual-radio/memory-medium.js';

const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of closing.splice(0).reverse()) await thing.close();
});

async function tillOn(
  medium: RadioMedium,
  beaconId: string,
  name: string,
  distanceM = 0.5,
): Promise<BeaconHardware> {
  const till = await createBeaconHardware({
    mode: 'virtual',
    virtual: { medium, distanceM, advIntervalMs: 20 },
  });
  closing.push(till);
  await till.startAdvertising(beaconId, name);
  return till;
}
async function phoneOn(medium: RadioMedium, distanceM = 0.5): Promise<BlePhone> {
  const phone = await createBlePhone({ virtual: { medium, distanceM }, nonce: () => 513 });
  closing.push(phone);
  return phone;
}

describe('ble phone', () => {
  it('checks in over the virtual radio and the till is told at once', async () => {
    const medium = createMemoryMedium();
    const till = await tillOn(medium, 'CD851CD7-8398-4A03-83C1-391A2F5CB71C', 'Checkout 1');
    const checkIns: CheckInEvent[] = [];
    till.onCheckIn((event) => checkIns.push(event));
    const phone = await phoneOn(medium);
    expect(phone.state()).toMatchObject({
      radios: [{ transport: 'virtual', scanner: { kind: 'powered-on' } }],
      notices: [],
    });

    const result = await phone.checkIn({ phoneId: '+45 12 34 56 78', withinMs: 2000 });
    expect(result).toMatchObject({
      kind: 'checked-in',
      beaconId: 'cd851cd7-8398-4a03-83c1-391a2f5cb71c',
      transport: 'virtual',
      rssi: -59,
    });
    expect(checkIns).toEqual([
      expect.objectContaining({
        beaconId: 'cd851cd7-8398-4a03-83c1-391a2f5cb71c',
        phoneId: '+4512345678',
        nonce: 513,
        transport: 'virtual',
      }),
    ]);
  });

  it('finds the till advertising the wanted beaconId among several, and the strongest otherwise', async () => {
    const medium = createMemoryMedium();
    await tillOn(medium, '111111111111111', 'Near', 0.5);
    await tillOn(medium, '222222222222222', 'Far', 3);
    const phone = await phoneOn(medium);
    const wanted = await phone.discover({ beaconId: '222222222222222', withinMs: 2000 });
    expect(wanted).toMatchObject({
      kind: 'found',
      beaconId: '222222222222222',
      sighting: { localName: 'Far' },
    });
    const any = await phone.discover({ withinMs: 2000 });
    expect(any.kind === 'found' && any.sighting.localName).toMatch(/Near|Far/);
    expect(phone.state().scanning).toBe(false);
  });

  it('fails with the reason when the till is out of range or absent', async () => {
    const medium = createMemoryMedium();
    await tillOn(medium, '111111111111111', 'Checkout 1');
    const phone = await phoneOn(medium, 300); // 300.5 m away: below the -100 dBm sensitivity
    expect(await phone.checkIn({ phoneId: '4512345678', withinMs: 100 })).toEqual({
      kind: 'failed',
      beaconId: null,
      reason: 'No till heard within 100 ms.',
    });
    phone.setDistance(1);
    expect(
      await phone.checkIn({ phoneId: '4512345678', beaconId: '999999999999999', withinMs: 100 }),
    ).toMatchObject({
      kind: 'failed',
      reason: 'No till advertising 999999999999999 heard within 100 ms.',
    });
    expect((await phone.checkIn({ phoneId: '4512345678', withinMs: 2000 })).kind).toBe('checked-in');
  });

  it('refuses a phone id that does not fit the token before using the radio', async () => {
    const phone = await phoneOn(createMemoryMedium());
    expect(await phone.checkIn({ phoneId: '12345678901234567890' })).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/1 to 16 ASCII/),
    });
  });

  it('has no radio in off mode and says to scan the QR code', async () => {
    const phone = await createBlePhone({ mode: 'off' });
    closing.push(phone);
    expect(phone.state().notices).toEqual([
      expect.objectContaining({
        code: 'qr-only',
        message: 'The phone has no radio: scan the QR code instead.',
      }),
    ]);
    expect(await phone.checkIn({ phoneId: '45' })).toMatchObject({
      kind: 'failed',
      reason: 'The phone has no radio.',
    });
  });
});
