import { describe, expect, it } from 'vitest';
import {
  MAX_CHECK_IN_TOKEN_BYTES,
  decodeCheckInToken,
  encodeCheckInToken,
} from '../../src/hardware/check-in-token.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('check-in token', () => {
  it('is version, length-prefixed phone id and nonce, as documented', () => {
    expect(hex(encodeCheckInToken({ phoneId: '4512345678', nonce: 0x1234 }))).toBe(
      '010a' + '34353132333435363738' + '1234',
    );
  });

  it('round-trips and fits one ATT write at the default MTU', () => {
    for (const token of [
      { phoneId: '+4512345678', nonce: 0 },
      { phoneId: '1234567890123456', nonce: 65535 },
      { phoneId: 'x', nonce: 7 },
    ]) {
      const encoded = encodeCheckInToken(token);
      expect(encoded.length).toBeLessThanOrEqual(MAX_CHECK_IN_TOKEN_BYTES);
      expect(decodeCheckInToken(encoded)).toEqual({ ok: true, token });
    }
  });

  it('refuses to encode ids that are empty, too long or not ASCII, and bad nonces', () => {
    for (const phoneId of ['', '12345678901234567', 'telefon æ', 'tab\there'])
      expect(() => encodeCheckInToken({ phoneId, nonce: 1 })).toThrow(RangeError);
    for (const nonce of [-1, 65536, 1.5])
      expect(() => encodeCheckInToken({ phoneId: '45', nonce })).toThrow(RangeError);
  });

  it('rejects written values that are not a token', () => {
    const cases = [
      '',
      '01',
      '020234351234',
      '0103343512',
      '01023435123456',
      '0102340012',
      '01' + '11'.repeat(20),
    ];
    for (const value of cases) expect(decodeCheckInToken(Buffer.from(value, 'hex')).ok, value).toBe(false);
  });
});
