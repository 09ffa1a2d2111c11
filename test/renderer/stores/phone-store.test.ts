// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { usePhoneStore } from '../../../src/renderer/stores/phone-store.js';
import { makeDisplay, makePhone } from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

const phone = () => usePhoneStore.getState();
const link = 'mobilepaypos://pos?id=123456789012345&source=qr';

describe('phone store', () => {
  it('loads the test users and picks the first one', async () => {
    installFakeBridge();
    await phone().load();
    expect(phone().users).toHaveLength(2);
    expect(phone().selected).toBe('+4520031801');
  });

  it('prefers the number the phone already checked in with', async () => {
    const fake = installFakeBridge();
    fake.answer('phoneGet', makePhone({ phoneNumber: '+4520031805' }));
    await phone().load();
    expect(phone().selected).toBe('+4520031805');
  });

  it('scans the displayed QR code and checks in at its beacon', async () => {
    const fake = installFakeBridge();
    phone().select('+4520031801');
    const decoded: string[] = [];
    const ok = await phone().scanAndCheckIn(async (image) => {
      decoded.push(image);
      return link;
    });
    expect(ok).toBe(true);
    expect(decoded).toEqual([makeDisplay().qrImage]);
    expect(fake.calls('phoneCheckIn')).toEqual([
      { phoneNumber: '+4520031801', beaconId: '123456789012345', via: 'qr' },
    ]);
  });

  it('says why when the display shows no QR code, and does not check in', async () => {
    const fake = installFakeBridge();
    fake.answer('displayGet', makeDisplay({ qrImage: null, phase: 'closed' }));
    phone().select('+4520031801');
    expect(await phone().scanAndCheckIn(async () => link)).toBe(false);
    expect(phone().scanProblem).toMatch(/no QR code/);
    expect(fake.calls('phoneCheckIn')).toEqual([]);
  });

  it('asks for a test user before scanning', async () => {
    installFakeBridge();
    expect(await phone().scanAndCheckIn(async () => link)).toBe(false);
    expect(phone().scanProblem).toMatch(/Pick a test user/);
  });

  it('accepts, declines and sets auto-accept through the bridge', async () => {
    const fake = installFakeBridge();
    await phone().accept();
    await phone().decline();
    await phone().setAutoAccept(5);
    expect(fake.calls('phoneAccept')).toHaveLength(1);
    expect(fake.calls('phoneDecline')).toHaveLength(1);
    expect(fake.calls('phoneAutoAccept')).toEqual([{ seconds: 5 }]);
    expect(phone().phone?.autoAcceptSeconds).toBe(5);
  });

  it('checks in by Bluetooth at the beacon the radio heard', async () => {
    const fake = installFakeBridge();
    phone().select('+4520031801');
    expect(await phone().checkInByBluetooth('123456789012345')).toBe(true);
    expect(fake.calls('phoneCheckIn')).toEqual([
      { phoneNumber: '+4520031801', beaconId: '123456789012345', via: 'ble' },
    ]);
  });

  it('asks for a test user before checking in by Bluetooth', async () => {
    const fake = installFakeBridge();
    expect(await phone().checkInByBluetooth('123456789012345')).toBe(false);
    expect(phone().scanProblem).toBe('Pick a test user first.');
    expect(fake.calls('phoneCheckIn')).toEqual([]);
  });
});
