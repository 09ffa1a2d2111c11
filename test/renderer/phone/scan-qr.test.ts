// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { parseBeaconLink, scanBeaconId } from '../../../src/renderer/phone/scan-qr.js';

const image = 'data:image/png;base64,iVBORw0KGgo=';

describe('scanning the QR code', () => {
  it('reads the beaconId of a MobilePay PoS link', () => {
    expect(parseBeaconLink('mobilepaypos://pos?id=123456789012345&source=qr')).toBe('123456789012345');
    expect(parseBeaconLink('mobilepaypos://pos?id=6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d&source=qr')).toBe(
      '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    );
  });

  it('refuses links of other schemes, targets or malformed ids', () => {
    expect(parseBeaconLink('https://pos?id=123456789012345')).toBeNull();
    expect(parseBeaconLink('mobilepaypos://other?id=123456789012345')).toBeNull();
    expect(parseBeaconLink('mobilepaypos://pos?id=12345')).toBeNull();
    expect(parseBeaconLink('not a url')).toBeNull();
  });

  it('decodes the image with the injected decoder and returns the beaconId', async () => {
    const seen: string[] = [];
    const result = await scanBeaconId(image, async (dataUrl) => {
      seen.push(dataUrl);
      return 'mobilepaypos://pos?id=123456789012345&source=qr';
    });
    expect(seen).toEqual([image]);
    expect(result).toEqual({
      ok: true,
      beaconId: '123456789012345',
      text: 'mobilepaypos://pos?id=123456789012345&source=qr',
    });
  });

  it('says why when there is no image, no code, a foreign code or a decoder failure', async () => {
    expect(await scanBeaconId(null, async () => 'x')).toMatchObject({ ok: false, problem: /no QR code/ });
    expect(await scanBeaconId(image, async () => null)).toMatchObject({
      ok: false,
      problem: /No QR code was found/,
    });
    expect(await scanBeaconId(image, async () => 'https://example.com')).toMatchObject({
      ok: false,
      problem: /not a MobilePay PoS code/,
    });
    const broken = await scanBeaconId(image, async () => {
      throw new Error('bad pixels');
    });
    expect(broken).toMatchObject({ ok: false, problem: /bad pixels/ });
  });
});
