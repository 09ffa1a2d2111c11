// Advertising data as it is on the air: a run of AD structures (length, type, data). The virtual
// radio and the virtual HCI carry raw bytes; this reads them into the same shape noble reports, so
// one decoder serves every radio (Core Specification Supplement, part A).
import type { AdvertisementContent } from './types.js';

/** AD types this project writes or reads. */
export const AD_TYPE = {
  flags: 0x01,
  incomplete16: 0x02,
  complete16: 0x03,
  incomplete128: 0x06,
  complete128: 0x07,
  shortenedName: 0x08,
  completeName: 0x09,
  txPower: 0x0a,
  serviceData16: 0x16,
  manufacturerData: 0xff,
} as const;

/** One AD structure: its type and data (without the length and type bytes). */
export interface AdStructure {
  readonly type: number;
  readonly data: Uint8Array;
}

/** Splits advertising data into AD structures; a malformed tail (zero length, overrun) ends the list. */
export function splitAdStructures(bytes: Uint8Array): AdStructure[] {
  const structures: AdStructure[] = [];
  let i = 0;
  while (i < bytes.length) {
    const length = bytes[i] ?? 0;
    if (length === 0 || i + 1 + length > bytes.length) break;
    structures.push({ type: bytes[i + 1] ?? 0, data: bytes.slice(i + 2, i + 1 + length) });
    i += 1 + length;
  }
  return structures;
}

/** Joins AD structures back into advertising data. */
export function joinAdStructures(structures: readonly AdStructure[]): Uint8Array {
  const out: number[] = [];
  for (const { type, data } of structures) out.push(data.length + 1, type, ...data);
  return Uint8Array.from(out);
}

/** A UUID stored little-endian on the air, as lowercase hex without dashes (noble's form). */
export function uuidFromAir(bytes: Uint8Array): string {
  return Buffer.from(bytes).reverse().toString('hex');
}

/** A UUID (with or without dashes) in the air's little-endian byte order. */
export function uuidToAir(uuid: string): Uint8Array {
  return Uint8Array.from(Buffer.from(uuid.replace(/-/g, ''), 'hex').reverse());
}

/** Reads an advertisement and its scan response into the shape noble reports. */
export function parseAdvertisement(
  advertisement: Uint8Array,
  scanResponse: Uint8Array | null = null,
): AdvertisementContent {
  let manufacturerData: Uint8Array | null = null;
  let localName: string | null = null;
  let txPowerLevel: number | null = null;
  const serviceData: { uuid: string; data: Uint8Array }[] = [];
  const serviceUuids: string[] = [];
  const structures = [
    ...splitAdStructures(advertisement),
    ...splitAdStructures(scanResponse ?? new Uint8Array()),
  ];
  for (const { type, data } of structures) {
    switch (type) {
      case AD_TYPE.incomplete16:
      case AD_TYPE.complete16:
        for (let j = 0; j + 2 <= data.length; j += 2) serviceUuids.push(uuidFromAir(data.slice(j, j + 2)));
        break;
      case AD_TYPE.incomplete128:
      case AD_TYPE.complete128:
        for (let j = 0; j + 16 <= data.length; j += 16) serviceUuids.push(uuidFromAir(data.slice(j, j + 16)));
        break;
      case AD_TYPE.shortenedName:
      case AD_TYPE.completeName:
        localName = Buffer.from(data).toString('utf8');
        break;
      case AD_TYPE.txPower:
        if (data.length >= 1) txPowerLevel = Buffer.from(data).readInt8(0);
        break;
      case AD_TYPE.serviceData16:
        if (data.length >= 2) serviceData.push({ uuid: uuidFromAir(data.slice(0, 2)), data: data.slice(2) });
        break;
      case AD_TYPE.manufacturerData:
        manufacturerData = data;
        break;
      default:
        break;
    }
  }
  return { manufacturerData, serviceData, serviceUuids: [...new Set(serviceUuids)], localName, txPowerLevel };
}
