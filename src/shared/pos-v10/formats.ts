// Field formats of PoS v10 (reference: docs/input-and-output-formats.md), shared by the emulator and the terminal.

/** Latin-1 letters and signs the API accepts on top of printable ASCII (which it accepts in full). */
const EXTRA_VALID_CHARACTERS =
  'æÆøØåÅäÄöÖšŠžŽâÂàÀáÁãÃéÉêÊëËèÈíÍîÎïÏìÌüÜûÛùÙúÚôÔòÒóÓõÕÿýÝñÑ¦¯¨´×«»ðþçß¤ÇµÐÞ±°ªº©§¶¼½¾¬®¢£¥¡¿¹²³';

const extraValid = new Set(EXTRA_VALID_CHARACTERS);

/** True when every character is in the API's valid character set (printable ASCII incl. space, plus the listed extras). */
export function hasOnlyValidCharacters(value: string): boolean {
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e) continue;
    if (!extraValid.has(ch)) return false;
  }
  return true;
}

/** A string of 1..max valid characters (length counted in characters, not bytes). */
export function isValidText(value: unknown, max: number, { allowEmpty = false } = {}): value is string {
  if (typeof value !== 'string') return false;
  const length = [...value].length;
  if (length > max || (!allowEmpty && length === 0)) return false;
  return hasOnlyValidCharacters(value);
}

export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const FIFTEEN_DIGITS_PATTERN = /^[0-9]{15}$/;
/** Merchant VAT: country prefix DK or FI and 8 digits, e.g. DK12345678. */
export const VAT_PATTERN = /^(DK|FI)[0-9]{8}$/;
/** Client system version Major.Minor.Build, e.g. 2.1.1. */
export const CLIENT_VERSION_PATTERN = /^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})$/;
/** merchantBrandId: MPPOS, POSDK or POSFI followed by five letters or digits. */
export const MERCHANT_BRAND_ID_PATTERN = /^(MPPOS|POSDK|POSFI)[A-Za-z0-9]{5}$/;

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID_PATTERN.test(value);
}

/** A beaconId is either a GUID or exactly 15 digits. */
export function isValidBeaconId(value: unknown): value is string {
  return typeof value === 'string' && (GUID_PATTERN.test(value) || FIFTEEN_DIGITS_PATTERN.test(value));
}

export function isValidVat(value: unknown): value is string {
  return typeof value === 'string' && VAT_PATTERN.test(value);
}

export function isValidClientVersion(value: unknown): value is string {
  return typeof value === 'string' && CLIENT_VERSION_PATTERN.test(value);
}

/** merchantLocationId: exactly 5 valid characters. */
export function isValidMerchantLocationId(value: unknown): value is string {
  return isValidText(value, 5) && [...value].length === 5;
}

/** A valid positive amount: a finite JSON number above zero with at most two decimals. */
export function isValidAmount(value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return false;
  return Math.abs(Math.round(value * 100) - value * 100) < 1e-6 && value <= 1e12;
}

/** Amounts in minor units (øre / cents), so sums never drift. */
export function toMinorUnits(amount: number): number {
  return Math.round(amount * 100);
}

export function fromMinorUnits(minor: number): number {
  return minor / 100;
}

/** The QR payload for a beacon: always lowercase and built from the beaconId, never the posId. */
export function beaconQrPayload(beaconId: string): string {
  return `mobilepaypos://pos?id=${beaconId.toLowerCase()}&source=qr`;
}

export const CURRENCY_CODES = ['DKK', 'EUR'] as const;
export const PLANNED_CAPTURE_DELAYS = ['None', 'LessThan24Hours', 'LessThan14Days'] as const;
export const BEACON_TYPES = ['QR', 'NFC', 'Bluetooth'] as const;
/** Beacon types removed in 2020; creating a PoS with them is refused. */
export const LEGACY_BEACON_TYPES = [
  'BluetoothOther',
  'BluetoothMP1',
  'BluetoothMP2',
  'BluetoothMP3',
  'BluetoothMP4',
] as const;
