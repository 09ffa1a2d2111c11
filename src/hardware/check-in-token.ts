// The check-in token a phone writes to our GATT check-in characteristic (docs/ble-profile.md): a
// version byte, the phone's id (printable ASCII, 1 to 16 bytes, length-prefixed) and a 16-bit nonce,
// at most 20 bytes so it fits one ATT write at the default MTU of 23. This project's format, not
// MobilePay's.

export const CHECK_IN_TOKEN_VERSION = 0x01;
export const MAX_PHONE_ID_BYTES = 16;
/** Version 1 + length 1 + phone id 16 + nonce 2: one ATT Write Request at MTU 23. */
export const MAX_CHECK_IN_TOKEN_BYTES = 20;

/** What a check-in token says. */
export interface CheckInToken {
  /** The phone's id: in the simulator the test user's phone number. */
  readonly phoneId: string;
  /** Tells repeated writes of one check-in (same nonce) from a new check-in. */
  readonly nonce: number;
}

export type CheckInTokenDecode =
  { readonly ok: true; readonly token: CheckInToken } | { readonly ok: false; readonly reason: string };

const printable = (code: number): boolean => code >= 0x20 && code <= 0x7e;

/** The token's bytes; throws RangeError for an id that is empty, too long or not printable ASCII. */
export function encodeCheckInToken(token: CheckInToken): Uint8Array {
  const id = Buffer.from(token.phoneId, 'latin1');
  if (
    id.length === 0 ||
    id.length > MAX_PHONE_ID_BYTES ||
    ![...id].every(printable) ||
    id.toString('latin1') !== token.phoneId
  )
    throw new RangeError(`a phone id is 1 to ${MAX_PHONE_ID_BYTES} printable ASCII characters`);
  if (!Number.isInteger(token.nonce) || token.nonce < 0 || token.nonce > 0xffff)
    throw new RangeError('a nonce is an integer from 0 to 65535');
  const out = Buffer.alloc(id.length + 4);
  out[0] = CHECK_IN_TOKEN_VERSION;
  out[1] = id.length;
  id.copy(out, 2);
  out.writeUInt16BE(token.nonce, id.length + 2);
  return Uint8Array.from(out);
}

/** Reads a written value as a check-in token, or says why it is not one. */
export function decodeCheckInToken(value: Uint8Array): CheckInTokenDecode {
  const data = Buffer.from(value);
  if (data.length < 5) return { ok: false, reason: `${data.length} bytes is too short for a check-in token` };
  if (data.length > MAX_CHECK_IN_TOKEN_BYTES)
    return { ok: false, reason: `${data.length} bytes is too long` };
  if (data[0] !== CHECK_IN_TOKEN_VERSION) return { ok: false, reason: `token version ${data[0]} is not 1` };
  const length = data[1] ?? 0;
  if (length < 1 || length > MAX_PHONE_ID_BYTES || data.length !== length + 4)
    return { ok: false, reason: 'the phone id length does not match the token' };
  const id = data.subarray(2, 2 + length);
  if (![...id].every(printable)) return { ok: false, reason: 'the phone id is not printable ASCII' };
  return { ok: true, token: { phoneId: id.toString('latin1'), nonce: data.readUInt16BE(2 + length) } };
}
