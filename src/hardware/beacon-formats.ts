// The three beacon formats the scanner lists: this project's profile (ble-profile.ts), Apple's
// iBeacon (manufacturer data of company 0x004C, type 0x02, length 0x15) and Google's Eddystone-UID
// (service data of 0xFEAA, frame type 0x00). Anything else is not a beacon for us.
import { decodeProfile } from './ble-profile.js';
import type { AdvertisementContent, BeaconFrame } from './types.js';

const APPLE_COMPANY_ID = 0x004c;
const IBEACON_TYPE = 0x02;
const IBEACON_LENGTH = 0x15;
const EDDYSTONE_SERVICE = 'feaa';
const EDDYSTONE_UID_FRAME = 0x00;
/** Eddystone's ranging data is the power at 0 m; a receiver 1 m away sees about 41 dB less. */
export const EDDYSTONE_LOSS_AT_1M_DB = 41;

/** A 16-byte UUID as the lowercase 8-4-4-4-12 string. */
export function formatUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** An iBeacon frame in manufacturer data (company id first), or null. */
export function decodeIBeacon(manufacturerData: Uint8Array | null): BeaconFrame | null {
  if (manufacturerData === null || manufacturerData.length !== 25) return null;
  const data = Buffer.from(manufacturerData);
  if (data.readUInt16LE(0) !== APPLE_COMPANY_ID || data[2] !== IBEACON_TYPE || data[3] !== IBEACON_LENGTH)
    return null;
  return {
    kind: 'ibeacon',
    uuid: formatUuid(data.subarray(4, 20)),
    major: data.readUInt16BE(20),
    minor: data.readUInt16BE(22),
    measuredPower: data.readInt8(24),
  };
}

/** An Eddystone-UID frame in the 0xFEAA service data (18 bytes, or 20 with the reserved tail), or null. */
export function decodeEddystoneUid(serviceData: AdvertisementContent['serviceData']): BeaconFrame | null {
  const entry = serviceData.find((d) => d.uuid.toLowerCase() === EDDYSTONE_SERVICE);
  if (entry === undefined) return null;
  const data = Buffer.from(entry.data);
  if ((data.length !== 18 && data.length !== 20) || data[0] !== EDDYSTONE_UID_FRAME) return null;
  return {
    kind: 'eddystone-uid',
    txPowerAt0m: data.readInt8(1),
    namespace: data.subarray(2, 12).toString('hex'),
    instance: data.subarray(12, 18).toString('hex'),
  };
}

/** The beacon an advertisement carries, in the order ours, iBeacon, Eddystone-UID; null for none. */
export function decodeBeaconFrame(content: AdvertisementContent): BeaconFrame | null {
  const ours = decodeProfile(content.manufacturerData);
  if (ours.ok) {
    const { ok: _ok, ...frame } = ours;
    return frame;
  }
  return decodeIBeacon(content.manufacturerData) ?? decodeEddystoneUid(content.serviceData);
}

/** The RSSI at 1 m a frame announces, for the distance estimate. */
export function measuredPowerOf(frame: BeaconFrame): number {
  switch (frame.kind) {
    case 'pos-sim':
    case 'ibeacon':
      return frame.measuredPower;
    case 'eddystone-uid':
      return frame.txPowerAt0m - EDDYSTONE_LOSS_AT_1M_DB;
  }
}

/** A short label for lists: "iBeacon 1f…/1/2". */
export function describeFrame(frame: BeaconFrame): string {
  switch (frame.kind) {
    case 'pos-sim':
      return `PoS beacon ${frame.beaconId}`;
    case 'ibeacon':
      return `iBeacon ${frame.uuid} major ${frame.major} minor ${frame.minor}`;
    case 'eddystone-uid':
      return `Eddystone-UID ${frame.namespace}/${frame.instance}`;
  }
}
