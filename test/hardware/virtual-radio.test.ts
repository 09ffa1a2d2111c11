import { afterEach, describe, expect, it } from 'vitest';
import { beaconIdValue, buildAdvertisement, buildScanResponse } from '../../src/hardware/ble-profile.js';
import { decodeBeaconFrame } from '../../src/hardware/beacon-formats.js';
import { encodeCheckInToken, decodeCheckInToken } from '../../src/hardware/check-in-token.js';
import { rssiAtDistance } from '../../src/hardware/path-loss.js';
import type { AdvertisementReport, AdvertisingFrame, Radio } from '../../src/hardware/types.js';
import { createMemoryMedium } from '../../src/hardware/virtual-radio/memory-medium.js';
import { createVirtualRadio } from '../../src/hardware/virtual-radio/virtual-radio.js';
import { eventually } from './support/eventually.js';

const BEACON = '123456789012345';
const frame = (beaconId: string, name: string): AdvertisingFrame => ({
  advertisement: buildAdvertisement(beaconId),
  scanResponse: buildScanResponse(name),
  beaconIdValue: beaconIdValue(beaconId),
});
const radios: Radio[] = [];
afterEach(async () => {
  await Promise.all(radios.splice(0).map((radio) => radio.close()));
});

async function pair(tillAt = 0.5, phoneAt = 0.5): Promise<{ till: Radio; phone: Radio }> {
  const medium = createMemoryMedium();
  const till = createVirtualRadio(await medium.join(), {
    address: 'c0:00:00:00:00:01',
    distanceM: tillAt,
    advIntervalMs: 20,
  });
  const phone = createVirtualRadio(await medium.join(), {
    address: 'c0:00:00:00:00:02',
    distanceM: phoneAt,
    advIntervalMs: 20,
  });
  radios.push(till, phone);
  return { till, phone };
}

describe('virtual radio', () => {
  it('follows the log-distance path-loss model: -59 dBm at 1 m, 20 dB less per decade', () => {
    expect([1, 2, 10, 100].map((d) => rssiAtDistance(d))).toEqual([-59, -65, -79, -99]);
    expect(rssiAtDistance(0)).toBe(-39); // clamped to 0.1 m
  });

  it('carries the advertisement’s real bytes to a scanner in the same process', async () => {
    const { till, phone } = await pair();
    await till.advertise(frame(BEACON, 'Checkout 1'), () => 0);
    const heard: AdvertisementReport[] = [];
    await phone.startScanning((report) => heard.push(report));
    const report = await eventually(() => heard[0], 'an advertisement');
    expect(report).toMatchObject({
      transport: 'virtual',
      address: 'c0:00:00:00:00:01',
      rssi: -59,
      connectable: true,
    });
    expect(decodeBeaconFrame(report.content)).toMatchObject({ kind: 'pos-sim', beaconId: BEACON });
    expect(report.content.localName).toBe('Checkout 1');
  });

  it('changes the RSSI with the distance and loses the beacon out of range', async () => {
    const { till, phone } = await pair();
    await till.advertise(frame(BEACON, 'Checkout 1'), () => 0);
    let last: AdvertisementReport | null = null;
    await phone.startScanning((report) => (last = report));
    await eventually(() => last?.rssi === -59, 'the beacon at 1 m');
    phone.setDistance(9.5); // 10 m apart
    await eventually(() => last?.rssi === -79, 'the beacon at 10 m');
    phone.setDistance(500);
    const before = last;
    await new Promise((resolve) => setTimeout(resolve, 100)); // five advertising intervals
    last = null;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(before).not.toBeNull();
    expect(last).toBeNull();
  });

  it('delivers a check-in write to the advertiser’s handler and its answer back', async () => {
    const { till, phone } = await pair();
    const written: { token: unknown; from: string }[] = [];
    await till.advertise(frame(BEACON, 'Checkout 1'), (token, from) => {
      written.push({ token: decodeCheckInToken(token), from });
      return 0;
    });
    let heard = false;
    await phone.startScanning(() => (heard = true));
    await eventually(() => heard, 'the till');
    const result = await phone.writeCheckIn(
      'c0:00:00:00:00:01',
      encodeCheckInToken({ phoneId: '4512345678', nonce: 1 }),
    );
    expect(result).toEqual({ ok: true });
    expect(written).toEqual([
      { token: { ok: true, token: { phoneId: '4512345678', nonce: 1 } }, from: 'c0:00:00:00:00:02' },
    ]);
  });

  it('answers a refused token with its ATT error, and a stopped advertiser with "not connectable"', async () => {
    const { till, phone } = await pair();
    await till.advertise(frame(BEACON, 'Checkout 1'), () => 0x80);
    let heard = false;
    await phone.startScanning(() => (heard = true));
    await eventually(() => heard, 'the till');
    expect(await phone.writeCheckIn('c0:00:00:00:00:01', Uint8Array.of(1))).toEqual({
      ok: false,
      reason: 'the peripheral refused the write (ATT error 0x80)',
    });
    await till.stopAdvertising();
    expect(await phone.writeCheckIn('c0:00:00:00:00:01', Uint8Array.of(1))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not advertising/),
    });
    expect(await phone.writeCheckIn('c0:00:00:00:00:99', Uint8Array.of(1))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/nothing heard/),
    });
  });

  it('stops sending and hearing once closed', async () => {
    const { till, phone } = await pair();
    await till.advertise(frame(BEACON, 'Checkout 1'), () => 0);
    let count = 0;
    await phone.startScanning(() => count++);
    await eventually(() => count > 0, 'a first advertisement');
    await till.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const after = count;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(count).toBe(after);
    expect(till.status().advertising).toBe(false);
  });
});
