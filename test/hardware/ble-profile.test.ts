import { describe, expect, it } from 'vitest';
import {
  BLE_PROFILE,
  MAX_LEGACY_PAYLOAD,
  buildAdvertisement,
  buildScanResponse,
  decodeBeaconId,
  decodeProfile,
  decodeProfileAdvertisement,
  encodeBeaconId,
} from '../../src/hardware/ble-profile.js';
import { parseAdvertisement, splitAdStructures } from '../../src/hardware/ad-structures.js';

const GUID = 'CD851CD7-8398-4A03-83C1-391A2F5CB71C';
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const bytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

/** A deterministic stream of ids (a linear congruential generator), for many round trips. */
function* ids(count: number): Generator<string> {
  let seed = 20240611;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < count; i++) {
    const digits = Array.from({ length: 15 }, () => next() % 10).join('');
    const guidHex = Array.from({ length: 32 }, () => (next() % 16).toString(16)).join('');
    yield digits;
    yield `${guidHex.slice(0, 8)}-${guidHex.slice(8, 12)}-${guidHex.slice(12, 16)}-${guidHex.slice(16, 20)}-${guidHex.slice(20)}`;
  }
}

describe('ble profile', () => {
  it('advertises a GUID beaconId as its 128-bit UUID, byte for byte as documented', () => {
    expect(hex(buildAdvertisement(GUID))).toBe(
      '020106' + '18ff' + 'ffff' + '5053' + '01' + '01' + 'cd851cd783984a0383c1391a2f5cb71c' + 'c5',
    );
  });

  it('encodes a 15-digit beaconId as packed BCD closed by 0xF, zero-padded to 16 bytes', () => {
    expect(hex(buildAdvertisement('123456789012345'))).toBe(
      '020106' + '18ff' + 'ffff' + '5053' + '01' + '02' + '123456789012345f0000000000000000' + 'c5',
    );
  });

  it('carries a GUID through encode and decode, lowercase whatever the case it was given in', () => {
    for (const id of [GUID, GUID.toLowerCase(), 'cD851cd7-8398-4a03-83C1-391A2F5CB71c']) {
      const decoded = decodeProfileAdvertisement(buildAdvertisement(id));
      expect(decoded).toEqual({
        ok: true,
        kind: 'pos-sim',
        beaconId: GUID.toLowerCase(),
        idKind: 'guid',
        version: 1,
        measuredPower: -59,
      });
    }
    expect(hex(buildAdvertisement(GUID))).toBe(hex(buildAdvertisement(GUID.toLowerCase())));
  });

  it('carries a 15-digit beaconId through encode and decode, leading zeros included', () => {
    for (const id of ['123456789012345', '000000000000001', '999999999999999', '100000000000000']) {
      const decoded = decodeProfileAdvertisement(buildAdvertisement(id));
      expect(decoded.ok && decoded.beaconId).toBe(id);
      expect(decoded.ok && decoded.idKind).toBe('fifteen-digits');
    }
  });

  it('round-trips a thousand generated beaconIds of both kinds', () => {
    for (const id of ids(500)) {
      const { idKind, bytes: field } = encodeBeaconId(id);
      expect(decodeBeaconId(idKind, field)).toBe(id.toLowerCase());
    }
  });

  it('keeps the advertisement and the scan response within the 31 bytes of legacy advertising', () => {
    expect(buildAdvertisement(GUID)).toHaveLength(28);
    expect(buildAdvertisement('123456789012345')).toHaveLength(28);
    for (const name of ['', 'Checkout 1', 'A very long point of sale name', 'Kasse æøå ÆØÅ ééé']) {
      expect(buildScanResponse(name).length).toBeLessThanOrEqual(MAX_LEGACY_PAYLOAD);
    }
  });

  it('puts the check-in service UUID and the PoS name in the scan response', () => {
    const content = parseAdvertisement(buildAdvertisement(GUID), buildScanResponse('Checkout 1'));
    expect(content.serviceUuids).toEqual([BLE_PROFILE.serviceUuid.replace(/-/g, '')]);
    expect(content.localName).toBe('Checkout 1');
    expect(splitAdStructures(buildScanResponse('Checkout 1')).map((s) => s.type)).toEqual([0x07, 0x09]);
  });

  it('shortens a long name on a character boundary and marks it as shortened', () => {
    const structures = splitAdStructures(buildScanResponse('Kasse æøå i butikken'));
    const name = structures.find((s) => s.type === 0x08);
    expect(Buffer.from(name!.data).toString('utf8')).toBe('Kasse æø'); // å would make 12 bytes
    expect(name!.data.length).toBeLessThanOrEqual(BLE_PROFILE.maxNameBytes);
  });

  it('refuses to encode what is not a beaconId', () => {
    for (const bad of [
      '',
      '12345678901234',
      '1234567890123456',
      'not-a-guid',
      'CD851CD7-8398-4A03-83C1-391A2F5CB71',
      '12345678901234a',
    ])
      expect(() => buildAdvertisement(bad)).toThrow(RangeError);
  });

  it('rejects foreign data: other companies, no marker, other versions, wrong lengths, broken ids', () => {
    const ours = bytes('ffff 5053 01 02 123456789012345f0000000000000000 c5');
    expect(decodeProfile(ours).ok).toBe(true);
    const variant = (at: number, value: number): Uint8Array =>
      Uint8Array.from(ours, (b, i) => (i === at ? value : b));
    const cases: [string, Uint8Array | null][] = [
      ['no manufacturer data', null],
      ['iBeacon (Apple)', bytes('4c00 0215 cd851cd783984a0383c1391a2f5cb71c 0001 0002 c5')],
      ['another company', variant(0, 0x59)],
      ['another profile on 0xFFFF', variant(2, 0x41)],
      ['a newer version', variant(4, 0x02)],
      ['an unknown id kind', variant(5, 0x03)],
      ['a digit above 9', variant(7, 0x3a)],
      ['no 0xF closing nibble', variant(13, 0x50)],
      ['padding that is not zero', variant(20, 0x01)],
      ['truncated', ours.slice(0, 22)],
      ['too long', Uint8Array.from([...ours, 0])],
    ];
    for (const [what, data] of cases) expect(decodeProfile(data).ok, what).toBe(false);
  });

  it('ignores malformed advertising data instead of throwing', () => {
    for (const junk of [bytes(''), bytes('00'), bytes('ff'), bytes('1aff ffff 50'), bytes('0201')])
      expect(decodeProfileAdvertisement(junk).ok).toBe(false);
  });
});
