// This project's own BLE profile for a PoS beacon (docs/ble-profile.md). MobilePay never published
// its Bluetooth protocols; this is the simulator's emulation profile, not MobilePay's. The
// advertisement carries the beaconId in manufacturer-specific data under the test company id 0xFFFF;
// the scan response carries the check-in GATT service UUID and the PoS name. Pure functions only.
import { FIFTEEN_DIGITS_PATTERN, GUID_PATTERN } from '../shared/pos-v10/formats.js';
import { AD_TYPE, joinAdStructures, parseAdvertisement, uuidToAir } from './ad-structures.js';
import type { BeaconFrame } from './types.js';

/** The profile's constants, byte for byte as docs/ble-profile.md lists them. */
export const BLE_PROFILE = {
  /** Bluetooth SIG company id 0xFFFF: reserved for tests, never assigned to a company. */
  companyId: 0xffff,
  /** "PS" (PoS simulator): tells our frames from other 0xFFFF test traffic. */
  marker: [0x50, 0x53] as const,
  version: 1,
  idKind: { guid: 0x01, fifteenDigits: 0x02 } as const,
  /** RSSI at 1 m the advertisement announces (a typical beacon's calibrated power). */
  measuredPower: -59,
  serviceUuid: '5897de47-0001-4cf4-b5ba-2cbb671b4384',
  checkInCharacteristicUuid: '5897de47-0002-4cf4-b5ba-2cbb671b4384',
  beaconIdCharacteristicUuid: '5897de47-0003-4cf4-b5ba-2cbb671b4384',
  /** Manufacturer data length: company 2 + marker 2 + version 1 + kind 1 + id 16 + power 1. */
  manufacturerDataLength: 23,
  /** What is left for the name in the 31-byte scan response after the 128-bit service UUID. */
  maxNameBytes: 11,
} as const;

/** The largest advertising or scan response payload of legacy (BLE 4.x) advertising. */
export const MAX_LEGACY_PAYLOAD = 31;

/** Decoding an advertisement against the profile: our beacon, or why it is not one. */
export type ProfileDecode =
  | (Extract<BeaconFrame, { kind: 'pos-sim' }> & { readonly ok: true })
  | { readonly ok: false; readonly reason: string };

/** The 16-byte id field: a GUID as its 128-bit UUID (big-endian), 15 digits as packed BCD + 0xF. */
export function encodeBeaconId(beaconId: string): { readonly idKind: number; readonly bytes: Uint8Array } {
  if (GUID_PATTERN.test(beaconId))
    return {
      idKind: BLE_PROFILE.idKind.guid,
      bytes: Uint8Array.from(Buffer.from(beaconId.replace(/-/g, ''), 'hex')),
    };
  if (FIFTEEN_DIGITS_PATTERN.test(beaconId)) {
    const bytes = new Uint8Array(16);
    const nibbles = [...beaconId].map(Number).concat(0xf);
    for (let i = 0; i < 8; i++) bytes[i] = ((nibbles[2 * i] ?? 0) << 4) | (nibbles[2 * i + 1] ?? 0);
    return { idKind: BLE_PROFILE.idKind.fifteenDigits, bytes };
  }
  throw new RangeError(`a beaconId is a GUID or 15 digits, not "${beaconId}"`);
}

/** The beaconId in a 16-byte id field, lowercase; null when the field breaks the encoding. */
export function decodeBeaconId(idKind: number, bytes: Uint8Array): string | null {
  if (bytes.length !== 16) return null;
  if (idKind === BLE_PROFILE.idKind.guid) {
    const hex = Buffer.from(bytes).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  if (idKind !== BLE_PROFILE.idKind.fifteenDigits) return null;
  if (bytes.slice(8).some((b) => b !== 0)) return null;
  const nibbles = [...bytes.slice(0, 8)].flatMap((b) => [b >> 4, b & 0x0f]);
  if (nibbles[15] !== 0x0f || nibbles.slice(0, 15).some((n) => n > 9)) return null;
  return nibbles.slice(0, 15).join('');
}

/** The advertising data (28 bytes): flags, then our manufacturer-specific data. */
export function buildAdvertisement(
  beaconId: string,
  measuredPower: number = BLE_PROFILE.measuredPower,
): Uint8Array {
  const { idKind, bytes } = encodeBeaconId(beaconId);
  const company = [BLE_PROFILE.companyId & 0xff, BLE_PROFILE.companyId >> 8];
  const power = measuredPower < 0 ? measuredPower + 256 : measuredPower;
  return joinAdStructures([
    { type: AD_TYPE.flags, data: Uint8Array.of(0x06) },
    {
      type: AD_TYPE.manufacturerData,
      data: Uint8Array.from([
        ...company,
        ...BLE_PROFILE.marker,
        BLE_PROFILE.version,
        idKind,
        ...bytes,
        power,
      ]),
    },
  ]);
}

/** The scan response: the check-in service UUID, then the PoS name (shortened to fit 31 bytes). */
export function buildScanResponse(posName: string): Uint8Array {
  const encoder = new TextEncoder();
  let name = posName.trim();
  while (encoder.encode(name).length > BLE_PROFILE.maxNameBytes) name = [...name].slice(0, -1).join('');
  const shortened = name !== posName.trim();
  return joinAdStructures([
    { type: AD_TYPE.complete128, data: uuidToAir(BLE_PROFILE.serviceUuid) },
    ...(name.length > 0
      ? [{ type: shortened ? AD_TYPE.shortenedName : AD_TYPE.completeName, data: encoder.encode(name) }]
      : []),
  ]);
}

/** The value of the beaconId characteristic: the lowercase beaconId in UTF-8. */
export function beaconIdValue(beaconId: string): Uint8Array {
  return new TextEncoder().encode(beaconId.toLowerCase());
}

/** Reads manufacturer data (company id first, as noble gives it) as a frame of our profile. */
export function decodeProfile(manufacturerData: Uint8Array | null): ProfileDecode {
  if (manufacturerData === null) return { ok: false, reason: 'no manufacturer data' };
  const data = Buffer.from(manufacturerData);
  if (data.length < 4 || data.readUInt16LE(0) !== BLE_PROFILE.companyId)
    return { ok: false, reason: 'not company id 0xFFFF' };
  if (data[2] !== BLE_PROFILE.marker[0] || data[3] !== BLE_PROFILE.marker[1])
    return { ok: false, reason: 'no "PS" profile marker' };
  if (data[4] !== BLE_PROFILE.version)
    return { ok: false, reason: `profile version ${data[4] ?? '?'} is not 1` };
  if (data.length !== BLE_PROFILE.manufacturerDataLength)
    return { ok: false, reason: `manufacturer data of ${data.length} bytes, not 23` };
  const idKind = data[5] ?? 0;
  const beaconId = decodeBeaconId(idKind, data.subarray(6, 22));
  if (beaconId === null)
    return { ok: false, reason: `id field does not decode (kind 0x${idKind.toString(16)})` };
  return {
    ok: true,
    kind: 'pos-sim',
    beaconId,
    idKind: idKind === BLE_PROFILE.idKind.guid ? 'guid' : 'fifteen-digits',
    version: BLE_PROFILE.version,
    measuredPower: data.readInt8(22),
  };
}

/** Decodes raw advertising data as our profile (the virtual radio and tests work on raw bytes). */
export function decodeProfileAdvertisement(advertisement: Uint8Array): ProfileDecode {
  return decodeProfile(parseAdvertisement(advertisement).manufacturerData);
}
