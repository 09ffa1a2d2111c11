import { toBuffer } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQrPng, parseBeaconQr, scanBeaconQr } from '../../src/customer/qr-scan.js';
import { renderBeaconQr } from '../../src/hardware/qr.js';

const GUID = 'cd851cd7-8398-4a03-83c1-391a2f5cb71c';

describe('parseBeaconQr', () => {
  it('reads the beaconId of the documented payload, a GUID or 15 digits', () => {
    expect(parseBeaconQr(`mobilepaypos://pos?id=${GUID}&source=qr`)).toBe(GUID);
    expect(parseBeaconQr('mobilepaypos://pos?id=123456789012345&source=qr')).toBe('123456789012345');
  });

  it('matches the scheme without case, and hands the beaconId back in lowercase', () => {
    expect(parseBeaconQr(`MobilePayPOS://pos?id=${GUID.toUpperCase()}&source=qr`)).toBe(GUID);
  });

  it('refuses anything else: other schemes, shapes, parameters and ids', () => {
    for (const payload of [
      `https://pos?id=${GUID}&source=qr`,
      `mobilepaypos://pos?id=${GUID}`,
      `mobilepaypos://pos?id=${GUID}&source=nfc`,
      `mobilepaypos://pos?source=qr&id=${GUID}`,
      `mobilepaypos://POS?id=${GUID}&source=qr`,
      'mobilepaypos://pos?id=12345&source=qr',
      'mobilepaypos://pos?id=not-a-guid-at-all-no-no-no-no-no-no-no&source=qr',
      '',
    ])
      expect(parseBeaconQr(payload), payload).toBeNull();
  });
});

describe('decodeQrPng', () => {
  it("reads the display's QR image as a data URL or as bytes", async () => {
    const dataUrl = await renderBeaconQr(GUID);
    const bytes = Buffer.from(dataUrl.split(',')[1]!, 'base64');

    expect(decodeQrPng(dataUrl)).toBe(`mobilepaypos://pos?id=${GUID}&source=qr`);
    expect(decodeQrPng(bytes)).toBe(`mobilepaypos://pos?id=${GUID}&source=qr`);
  });

  it('answers null for an image without a QR code, and refuses what is not a PNG data URL', async () => {
    const blank = await toBuffer('x', { width: 64, color: { dark: '#ffffffff', light: '#ffffffff' } });

    expect(decodeQrPng(blank)).toBeNull();
    expect(() => decodeQrPng('data:image/jpeg;base64,AAAA')).toThrow(/data:image\/png;base64 URL/);
  });
});

describe('scanBeaconQr', () => {
  it('gives the beaconId of a PoS code and null for any other QR code', async () => {
    const other = `data:image/png;base64,${(await toBuffer('https://example.com')).toString('base64')}`;

    expect(scanBeaconQr(await renderBeaconQr('123456789012345'))).toBe('123456789012345');
    expect(scanBeaconQr(other)).toBeNull();
  });
});
