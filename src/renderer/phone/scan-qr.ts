// The phone's camera, simulated: decode the customer display's QR image in the browser (data URL ->
// Image -> canvas -> ImageData -> jsQR) and read the beaconId from the MobilePay link it carries.
// The decoder is injectable: jsdom has no canvas, so component tests pass a fake one.

/** Decodes a QR image (a PNG data URL) to its text; null when no QR code is found. */
export type QrImageDecoder = (dataUrl: string) => Promise<string | null>;

/** What one scan found: the beaconId, or why there is none in words for the tester. */
export type ScanResult =
  | { readonly ok: true; readonly beaconId: string; readonly text: string }
  | { readonly ok: false; readonly problem: string };

const BEACON_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9]{15})$/i;

/** The beaconId of a `mobilepaypos://pos?id=<beaconId>&source=qr` link; null for anything else. */
export function parseBeaconLink(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol.toLowerCase() !== 'mobilepaypos:') return null;
  // `mobilepaypos://pos?...`: browsers put "pos" in the host of a special-less scheme URL.
  const target = (url.host || url.pathname.replace(/^\/+/, '')).toLowerCase();
  if (target !== 'pos') return null;
  const id = url.searchParams.get('id');
  return id !== null && BEACON_ID.test(id) ? id : null;
}

/** Loads a data URL into an image element, resolved once decoded. */
function loadImage(dataUrl: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the QR image could not be loaded'));
    image.src = dataUrl;
  });
}

/** The browser decoder: draws the image on a canvas and runs jsQR over its pixels. */
export const decodeQrInBrowser: QrImageDecoder = async (dataUrl) => {
  const [{ default: jsQR }, image] = await Promise.all([import('jsqr'), loadImage(dataUrl)]);
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('this browser cannot draw on a canvas');
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
};

/** Scans the display's QR image for a beaconId; never throws. */
export async function scanBeaconId(
  qrImage: string | null,
  decode: QrImageDecoder = decodeQrInBrowser,
): Promise<ScanResult> {
  if (qrImage === null)
    return { ok: false, problem: 'The customer display shows no QR code (is the till set up?).' };
  let text: string | null;
  try {
    text = await decode(qrImage);
  } catch (error) {
    return {
      ok: false,
      problem: `The QR code could not be read: ${error instanceof Error ? error.message : String(error)}.`,
    };
  }
  if (text === null) return { ok: false, problem: 'No QR code was found in the picture.' };
  const beaconId = parseBeaconLink(text);
  if (beaconId === null) return { ok: false, problem: `This is not a MobilePay PoS code: ${text}` };
  return { ok: true, beaconId, text };
}
