// The beacon's QR code as the customer display shows it (reference: create-qr-codes.md): the
// lowercase payload `mobilepaypos://pos?id=<beaconId>&source=qr`, built from the beaconId (never the
// posId), rendered as a PNG large enough to scan across a counter.
import { toDataURL } from 'qrcode';
import { beaconQrPayload, isValidBeaconId } from '../shared/pos-v10/formats.js';

/**
 * Side of the image in pixels. A GUID payload is a version 4 code (33 modules + 2 x 4 quiet zone =
 * 41), so 512 px gives about 12 px per module: on a customer display that is a code of 10-15 cm,
 * which phones read from about 3 m (the usual rule of thumb: distance / 10 to distance / 20).
 */
export const BEACON_QR_SIZE_PX = 512;
/** The quiet zone the QR standard asks for around the code, in modules. */
export const BEACON_QR_QUIET_ZONE = 4;

/** The QR code of a beacon as a PNG data URL (error correction M, black on white, quiet zone). */
export async function renderBeaconQr(beaconId: string): Promise<string> {
  if (!isValidBeaconId(beaconId))
    throw new RangeError(`a beaconId is a GUID or 15 digits, not "${beaconId}"`);
  return toDataURL(beaconQrPayload(beaconId), {
    type: 'image/png',
    errorCorrectionLevel: 'M',
    margin: BEACON_QR_QUIET_ZONE,
    width: BEACON_QR_SIZE_PX,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
}
