import { describe, expect, it } from 'vitest';
import { parseAdvertisement } from '../../src/hardware/ad-structures.js';
import { adoptBeacon, beaconIdOf } from '../../src/hardware/beacon-adoption.js';
import { decodeBeaconFrame } from '../../src/hardware/beacon-formats.js';
import { buildAdvertisement, buildScanResponse } from '../../src/hardware/ble-profile.js';
import type { BeaconFrame, BeaconSighting } from '../../src/hardware/types.js';

const bytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));
/** An iBeacon advertisement: flags, then Apple's manufacturer data (0x004C, type 0x02, length 0x15). */
const iBeacon = (uuid: string, major: string, minor: string): Uint8Array =>
  bytes(`020106 1aff 4c00 0215 ${uuid.replace(/-/g, '')} ${major} ${minor} c5`);
/** An Eddystone-UID advertisement: the 0xFEAA service UUID and its service data, frame type 0x00. */
const eddystone = (namespace: string, instance: string, tail = '0000'): Uint8Array => {
  const data = `aafe 00 ee ${namespace} ${instance} ${tail}`.replace(/\s/g, '');
  return bytes(`020106 0303aafe ${(data.length / 2 + 1).toString(16).padStart(2, '0')}16 ${data}`);
};
const sighting = (frame: BeaconFrame, id = 'ble:aa:bb:cc:dd:ee:01'): BeaconSighting => ({
  id,
  transport: 'ble',
  address: id.slice(4),
  frame,
  localName: null,
  rssi: -60,
  estimatedDistanceM: 1,
  firstSeenAt: 0,
  lastSeenAt: 0,
});
const frameOf = (adv: Uint8Array, rsp: Uint8Array | null = null): BeaconFrame | null =>
  decodeBeaconFrame(parseAdvertisement(adv, rsp));

describe('beacon formats', () => {
  it('reads our profile, with the name from the scan response', () => {
    const content = parseAdvertisement(
      buildAdvertisement('123456789012345'),
      buildScanResponse('Checkout 1'),
    );
    expect(decodeBeaconFrame(content)).toEqual({
      kind: 'pos-sim',
      beaconId: '123456789012345',
      idKind: 'fifteen-digits',
      version: 1,
      measuredPower: -59,
    });
    expect(content.localName).toBe('Checkout 1');
  });

  it('reads an iBeacon: proximity UUID, major, minor and measured power', () => {
    expect(frameOf(iBeacon('E2C56DB5-DFFB-48D2-B060-D0F5A71096E0', '0001', '00ff'))).toEqual({
      kind: 'ibeacon',
      uuid: 'e2c56db5-dffb-48d2-b060-d0f5a71096e0',
      major: 1,
      minor: 255,
      measuredPower: -59,
    });
  });

  it('reads an Eddystone-UID with or without the two reserved bytes', () => {
    const expected = {
      kind: 'eddystone-uid',
      namespace: 'edd1ebeac04e5defa017',
      instance: '0123456789ab',
      txPowerAt0m: -18,
    };
    expect(frameOf(eddystone('edd1ebeac04e5defa017', '0123456789ab'))).toEqual(expected);
    expect(frameOf(eddystone('edd1ebeac04e5defa017', '0123456789ab', ''))).toEqual(expected);
  });

  it('lists nothing for other advertisements: Eddystone-URL, other Apple frames, plain devices', () => {
    expect(frameOf(bytes('020106 0303aafe 0c16 aafe 10 ee 03 6578616d706c65'))).toBeNull();
    expect(frameOf(bytes('020106 0aff 4c00 1005 0b1c 3a5e 12'))).toBeNull();
    expect(frameOf(bytes('020106 0909 4b6579626f617264'))).toBeNull();
    expect(frameOf(bytes(''))).toBeNull();
  });
});

describe('taking a nearby beacon as the beaconId', () => {
  it('takes our profile’s beaconId as is', () => {
    const frame = frameOf(buildAdvertisement('123456789012345'))!;
    expect(adoptBeacon(sighting(frame), [])).toMatchObject({ kind: 'adopted', beaconId: '123456789012345' });
  });

  it('maps an iBeacon to its proximity UUID and says major/minor are dropped', () => {
    const frame = frameOf(iBeacon('E2C56DB5-DFFB-48D2-B060-D0F5A71096E0', '0001', '0002'))!;
    const adoption = adoptBeacon(sighting(frame), [sighting(frame)]);
    expect(adoption).toMatchObject({ kind: 'adopted', beaconId: 'e2c56db5-dffb-48d2-b060-d0f5a71096e0' });
    expect(adoption.kind === 'adopted' && adoption.note).toMatch(/major 1 and minor 2 are not part of it/);
  });

  it('refuses an iBeacon whose UUID other beacons nearby share', () => {
    const mine = sighting(frameOf(iBeacon('E2C56DB5-DFFB-48D2-B060-D0F5A71096E0', '0001', '0002'))!);
    const other = sighting(
      frameOf(iBeacon('E2C56DB5-DFFB-48D2-B060-D0F5A71096E0', '0001', '0003'))!,
      'ble:aa:bb:cc:dd:ee:02',
    );
    const adoption = adoptBeacon(mine, [mine, other]);
    expect(adoption.kind).toBe('refused');
    expect(adoption.kind === 'refused' && adoption.reason).toMatch(
      /2 iBeacons nearby share the proximity UUID/,
    );
  });

  it('maps an Eddystone-UID namespace and instance to one GUID', () => {
    const frame = frameOf(eddystone('edd1ebeac04e5defa017', '0123456789ab'))!;
    expect(beaconIdOf(frame)).toBe('edd1ebea-c04e-5def-a017-0123456789ab');
    expect(adoptBeacon(sighting(frame), [])).toMatchObject({
      kind: 'adopted',
      beaconId: 'edd1ebea-c04e-5def-a017-0123456789ab',
    });
  });

  it('refuses all-zero ids', () => {
    const zeroIBeacon = frameOf(iBeacon('00000000-0000-0000-0000-000000000000', '0000', '0000'))!;
    const zeroEddystone = frameOf(eddystone('00000000000000000000', '000000000000'))!;
    for (const frame of [zeroIBeacon, zeroEddystone])
      expect(adoptBeacon(sighting(frame), []).kind).toBe('refused');
  });
});
