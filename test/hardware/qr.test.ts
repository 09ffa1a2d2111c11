import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeQrPng } from '../../src/customer/qr-scan.js';
import { BEACON_QR_SIZE_PX, renderBeaconQr } from '../../src/hardware/qr.js';

const GUID = 'CD851CD7-8398-4A03-83C1-391A2F5CB71C';

function png(dataUrl: string): PNG {
  return PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
}

describe('the beacon QR code', () => {
  it('encodes the lowercase documented payload built from the beaconId', async () => {
    const image = await renderBeaconQr(GUID);

    expect(image).toMatch(/^data:image\/png;base64,/);
    expect(decodeQrPng(image)).toBe(`mobilepaypos://pos?id=${GUID.toLowerCase()}&source=qr`);
  });

  it('is large enough to scan across a counter, black on white with a white quiet zone', async () => {
    const image = png(await renderBeaconQr(GUID));
    const pixel = (x: number, y: number) => image.data.readUInt32BE((y * image.width + x) * 4);
    const white = 0xffffffff;

    expect([image.width, image.height]).toEqual([BEACON_QR_SIZE_PX, BEACON_QR_SIZE_PX]);
    // The quiet zone: 4 modules of a version 4 code (41 modules across 512 px) are about 49 px.
    for (let i = 0; i < BEACON_QR_SIZE_PX; i += 7) {
      for (const band of [0, 20, 40]) {
        expect(pixel(i, band)).toBe(white);
        expect(pixel(band, i)).toBe(white);
        expect(pixel(i, BEACON_QR_SIZE_PX - 1 - band)).toBe(white);
      }
    }
    const colours = new Set<number>();
    for (let y = 0; y < image.height; y += 3)
      for (let x = 0; x < image.width; x += 3) colours.add(pixel(x, y));
    expect([...colours].sort()).toEqual([0x000000ff, white]);
  });

  it('also renders a 15-digit beaconId, and refuses anything that is not a beaconId', async () => {
    expect(decodeQrPng(await renderBeaconQr('123456789012345'))).toBe(
      'mobilepaypos://pos?id=123456789012345&source=qr',
    );
    await expect(renderBeaconQr('pos-1')).rejects.toThrow(/GUID or 15 digits/);
  });
});
