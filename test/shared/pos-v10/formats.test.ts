// Specification of the PoS v10 field formats (docs/input-and-output-formats.md), which the emulator
// enforces and the terminal checks before it sends anything.
import { describe, expect, it } from 'vitest';
import {
  MERCHANT_BRAND_ID_PATTERN,
  beaconQrPayload,
  fromMinorUnits,
  hasOnlyValidCharacters,
  isGuid,
  isValidAmount,
  isValidBeaconId,
  isValidClientVersion,
  isValidMerchantLocationId,
  isValidText,
  isValidVat,
  toMinorUnits,
} from '../../../src/shared/pos-v10/formats.js';

/** The "Valid characters" list of the reference, line by line, beyond 0-9, a-z, A-Z and space. */
const LISTED_LETTERS = 'æÆøØåÅ' + 'äÄöÖšŠžŽâÂàÀáÁãÃéÉêÊëËèÈíÍîÎïÏìÌüÜûÛùÙúÚôÔòÒóÓõÕÿýÝñÑ';
const LISTED_ASCII_SIGNS = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const LISTED_LATIN1_SIGNS = '¦¯¨´×' + '«»ðþçß¤ÇµÐÞ±°ªº©§¶¼½¾¬®¢£¥¡¿¹²³';

const printableAscii = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i));

describe('valid characters', () => {
  it('accepts every printable ASCII character, space included', () => {
    for (const ch of printableAscii) expect(hasOnlyValidCharacters(ch), JSON.stringify(ch)).toBe(true);
  });

  it('accepts every listed Danish, Finnish and other Latin-1 letter', () => {
    for (const ch of LISTED_LETTERS) expect(hasOnlyValidCharacters(ch), ch).toBe(true);
  });

  it('accepts every listed sign', () => {
    for (const ch of LISTED_ASCII_SIGNS + LISTED_LATIN1_SIGNS)
      expect(hasOnlyValidCharacters(ch), ch).toBe(true);
  });

  it('accepts a realistic Danish and Finnish text', () => {
    expect(hasOnlyValidCharacters('Kaffe & kage, 2 × 25,50 kr. «Æblegrød» på Østerbro')).toBe(true);
    expect(hasOnlyValidCharacters('Pullat ja kahvi, Hämeenlinna, Šiauliai, Žilina')).toBe(true);
  });

  it.each([
    ['the euro sign', '€'],
    ['a check mark', '✓'],
    ['a Chinese character', '中'],
    ['an emoji', '😀'],
    ['a tab', '\t'],
    ['a newline', '\n'],
    ['a carriage return', '\r'],
    ['NUL', '\u0000'],
    ['DEL', '\u007f'],
    ['a C1 control character', '\u0085'],
    ['a no-break space', '\u00a0'],
    ['a soft hyphen', '\u00ad'],
    ['a middle dot', '·'],
    ['a division sign', '÷'],
    ['an en dash', '–'],
    ['a typographic apostrophe', '’'],
    ['a letter outside Latin-1 such as Polish ł', 'ł'],
    ['a decomposed é (e + combining acute)', 'e\u0301'],
  ])('refuses %s', (_name, ch) => {
    expect(hasOnlyValidCharacters(`ok ${ch} ok`)).toBe(false);
  });

  it('accepts the empty string as containing no invalid character', () => {
    expect(hasOnlyValidCharacters('')).toBe(true);
  });
});

describe('valid text (isValidText)', () => {
  it('accepts 1 to max valid characters', () => {
    expect(isValidText('a', 36)).toBe(true);
    expect(isValidText('a'.repeat(36), 36)).toBe(true);
    expect(isValidText('a'.repeat(37), 36)).toBe(false);
  });

  it('counts characters, not UTF-8 bytes', () => {
    const danish = 'æøå'.repeat(12);
    expect(Buffer.byteLength(danish)).toBe(72);
    expect(isValidText(danish, 36)).toBe(true);
    expect(isValidText(`${danish}æ`, 36)).toBe(false);
  });

  it('refuses the empty string unless it is allowed', () => {
    expect(isValidText('', 36)).toBe(false);
    expect(isValidText('', 36, { allowEmpty: true })).toBe(true);
  });

  it('refuses text with an invalid character', () => {
    expect(isValidText('order€1', 36)).toBe(false);
  });

  it.each([null, undefined, 42, ['a'], { a: 1 }])('refuses the non-string %j', (value) => {
    expect(isValidText(value, 36)).toBe(false);
  });
});

describe('GUIDs and beaconIds', () => {
  it('accepts GUIDs in either case', () => {
    expect(isGuid('a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b')).toBe(true);
    expect(isGuid('A3F1C2D4-5B6E-4F70-8A9B-0C1D2E3F4A5B')).toBe(true);
  });

  it.each([
    'a3f1c2d45b6e4f708a9b0c1d2e3f4a5b',
    '{a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b}',
    'g3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b',
    '',
  ])('refuses %j as a GUID', (value) => {
    expect(isGuid(value)).toBe(false);
  });

  it('accepts a beaconId of exactly 15 digits (a physical device)', () => {
    expect(isValidBeaconId('123456789012345')).toBe(true);
  });

  it('accepts a GUID beaconId (a QR-only PoS)', () => {
    expect(isValidBeaconId('a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b')).toBe(true);
  });

  it.each([
    ['14 digits', '12345678901234'],
    ['16 digits', '1234567890123456'],
    ['15 characters with a letter', '12345678901234a'],
    ['a GUID with non-hex characters', 'z3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5x'],
    ['a GUID without hyphens', 'a3f1c2d45b6e4f708a9b0c1d2e3f4a5b'],
    ['an empty string', ''],
  ])('refuses a beaconId of %s', (_case, value) => {
    expect(isValidBeaconId(value)).toBe(false);
  });

  it('refuses a numeric beaconId that is not a string', () => {
    expect(isValidBeaconId(123456789012345)).toBe(false);
  });
});

describe('merchant VAT numbers', () => {
  it.each(['DK12345678', 'FI12345678', 'DK90000028'])('accepts %s (DK or FI and 8 digits)', (vat) => {
    expect(isValidVat(vat)).toBe(true);
  });

  it.each([
    'DK1234',
    'DK1234567',
    'DK123456789',
    'SE12345678',
    'DK-12345678',
    'DK 12345678',
    'DK1234567X',
    '12345678',
    ' DK12345678',
    '',
  ])('refuses %j', (vat) => {
    expect(isValidVat(vat)).toBe(false);
  });
});

describe('client system versions', () => {
  it.each(['2.1.1', '0.0.0', '1.0.0', '10.20.300'])('accepts %s (Major.Minor.Build)', (version) => {
    expect(isValidClientVersion(version)).toBe(true);
  });

  it.each(['1.2', '1.2.3.4', 'v1.2.3', '', '1.2.x', '1..3', '-1.2.3', '1.2.3-beta', ' 1.2.3', '1.2.3 '])(
    'refuses %j',
    (version) => {
      expect(isValidClientVersion(version)).toBe(false);
    },
  );
});

describe('merchantBrandId and merchantLocationId', () => {
  it.each(['MPPOSCERT1', 'POSDK12345', 'POSFI12345', 'MPPOS12345'])(
    'accepts the merchantBrandId %s',
    (brandId) => {
      expect(MERCHANT_BRAND_ID_PATTERN.test(brandId)).toBe(true);
    },
  );

  it.each(['MPPOS1234', 'POSDK123456', 'POSSE12345', 'POS12345', 'XPPOS12345', ''])(
    'refuses the merchantBrandId %j',
    (brandId) => {
      expect(MERCHANT_BRAND_ID_PATTERN.test(brandId)).toBe(false);
    },
  );

  it.each(['10001', '00001', 'ABCDE', 'æøå12'])(
    'accepts the merchantLocationId %j (exactly 5 valid characters)',
    (locationId) => {
      expect(isValidMerchantLocationId(locationId)).toBe(true);
    },
  );

  it.each(['1000', '100011', '', '1000€', '10 0÷'])('refuses the merchantLocationId %j', (locationId) => {
    expect(isValidMerchantLocationId(locationId)).toBe(false);
  });
});

describe('amounts', () => {
  it.each([0.01, 0.29, 1.1, 12.5, 19.99, 100, 1234.56])(
    'accepts %s (positive, at most two decimals)',
    (amount) => {
      expect(isValidAmount(amount)).toBe(true);
    },
  );

  it.each([
    ['zero', 0],
    ['a negative amount', -1],
    ['a negative cent', -0.01],
    ['three decimals', 1.005],
    ['three decimals (12.345)', 12.345],
    ['less than a cent', 0.001],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a string', '12.5'],
    ['null', null],
  ])('refuses %s', (_case, amount) => {
    expect(isValidAmount(amount)).toBe(false);
  });

  it('converts to and from minor units without drifting', () => {
    expect([0.29, 1.1, 19.99, 12.5, 0.01].map(toMinorUnits)).toEqual([29, 110, 1999, 1250, 1]);
    expect(fromMinorUnits(1999)).toBe(19.99);
    expect(fromMinorUnits(toMinorUnits(0.1) + toMinorUnits(0.2))).toBe(0.3);
  });
});

describe('the beacon QR payload', () => {
  it('carries the beaconId in lowercase with source=qr', () => {
    expect(beaconQrPayload('A3F1C2D4-5B6E-4F70-8A9B-0C1D2E3F4A5B')).toBe(
      'mobilepaypos://pos?id=a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b&source=qr',
    );
  });

  it('carries a 15-digit beaconId unchanged', () => {
    expect(beaconQrPayload('123456789012345')).toBe('mobilepaypos://pos?id=123456789012345&source=qr');
  });

  it('is entirely lowercase', () => {
    const payload = beaconQrPayload('ABCDEF12-3456-4789-8ABC-DEF012345678');
    expect(payload).toBe(payload.toLowerCase());
  });
});
