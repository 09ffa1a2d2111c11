// The phone's camera: reads the QR code out of the customer display's image and accepts it only as
// a MobilePay point of sale (reference: create-qr-codes.md): exactly
// `mobilepaypos://pos?id=<beaconId>&source=qr`, the beaconId a GUID or 15 digits. The scheme is
// matched without case, as URL schemes are; everything else must be as documented.
import jsQrModule from 'jsqr';
import { PNG } from 'pngjs';
import { isValidBeaconId } from '../shared/pos-v10/formats.js';

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { readonly data: string } | null;

/** jsqr is CommonJS with a `default` property; Node and bundlers hand it over differently. */
const jsQr: JsQr =
  typeof jsQrModule === 'function'
    ? (jsQrModule as unknown as JsQr)
    : (jsQrModule as unknown as { default: JsQr }).default;

const DATA_URL = /^data:image\/png;base64,/i;
const SCHEME = 'mobilepaypos';
const REST = /^\/\/pos\?id=([^&]+)&source=qr$/;

/** The beaconId a scanned QR payload carries (lowercase), or null when it is not a PoS code. */
export function parseBeaconQr(payload: string): string | null {
  const text = payload.trim();
  const colon = text.indexOf(':');
  if (colon < 0 || text.slice(0, colon).toLowerCase() !== SCHEME) return null;
  const id = REST.exec(text.slice(colon + 1))?.[1];
  if (id === undefined || !isValidBeaconId(id)) return null;
  return id.toLowerCase();
}

/** The PNG's bytes from a `data:image/png;base64,...` URL or a buffer. */
function pngBytes(image: string | Uint8Array): Buffer {
  if (typeof image !== 'string') return Buffer.from(image);
  if (!DATA_URL.test(image)) throw new TypeError('expected a data:image/png;base64 URL');
  return Buffer.from(image.replace(DATA_URL, ''), 'base64');
}

/** The text of the QR code in a PNG (data URL or bytes), or null when none can be read. */
export function decodeQrPng(image: string | Uint8Array): string | null {
  const png = PNG.sync.read(pngBytes(image));
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength);
  return jsQr(pixels, png.width, png.height)?.data ?? null;
}

/** What the phone's camera makes of an image: the beaconId of a MobilePay PoS code, or null. */
export function scanBeaconQr(image: string | Uint8Array): string | null {
  const payload = decodeQrPng(image);
  return payload === null ? null : parseBeaconQr(payload);
}
