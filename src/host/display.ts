// The customer display: the beacon's QR code, the amount and where the sale is, derived from the
// PoS, the till's current payment and the check-in. Every change is announced once; the QR image
// is rendered once per beaconId.
import type { DisplayPhase, DisplayState, PaymentView, PosView } from '../shared/bridge/index.js';
import { renderBeaconQr } from '../hardware/qr.js';
import { beaconQrPayload } from '../shared/pos-v10/formats.js';

/** What the display is derived from. */
export interface DisplayInputs {
  readonly pos: PosView | null;
  readonly storeName: string | null;
  /** The till's current payment. */
  readonly payment: PaymentView | null;
  /** A customer is checked in at the PoS (from the check-in watch). */
  readonly checkedIn: boolean;
}

export const closedDisplay: DisplayState = {
  phase: 'closed',
  beaconId: null,
  qrPayload: null,
  qrImage: null,
  amount: null,
  currencyCode: null,
  posName: null,
  storeName: null,
};

/** The phase the customer sees for a PoS, its current payment and the check-in. */
export function displayPhase(inputs: DisplayInputs): DisplayPhase {
  const { pos, payment, checkedIn } = inputs;
  if (pos === null || pos.posId === null || pos.beaconId === null) return 'closed';
  const waiting = checkedIn ? 'checked-in' : 'idle';
  if (payment === null) return waiting;
  switch (payment.status) {
    case 'Refused':
    case 'Prepared':
      return waiting;
    case 'Paired':
      return 'checked-in';
    case 'Unknown':
    case 'Initiated':
    case 'IssuedToUser':
      return 'awaiting-customer';
    case 'Reserved':
      return 'reserved';
    case 'Captured':
      return 'thanks';
    case 'CancelledByUser':
    case 'CancelledByClient':
    case 'CancelledByMobilePay':
    case 'ExpiredAndCancelled':
      return 'cancelled';
  }
}

/** The amount on the screen: the captured amount after a (partial) capture, else the payment's. */
function shownAmount(payment: PaymentView | null): number | null {
  if (payment === null || payment.status === 'Refused') return null;
  return payment.status === 'Captured' ? (payment.capturedAmount ?? payment.amount) : payment.amount;
}

/** Keeps the display's state and announces each change through `onChange`. */
export class CustomerDisplay {
  private state: DisplayState = closedDisplay;
  private text = JSON.stringify(closedDisplay);
  private readonly images = new Map<string, Promise<string | null>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly onChange: (state: DisplayState) => void,
    private readonly render: (beaconId: string) => Promise<string> = renderBeaconQr,
  ) {}

  current(): DisplayState {
    return this.state;
  }

  /** Derives the state from `inputs` (in call order) and announces it when it changed. */
  update(inputs: DisplayInputs): Promise<DisplayState> {
    const next = this.queue.then(() => this.apply(inputs));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async apply(inputs: DisplayInputs): Promise<DisplayState> {
    const phase = displayPhase(inputs);
    const beaconId = phase === 'closed' ? null : (inputs.pos?.beaconId ?? null);
    const payment = inputs.payment;
    const next: DisplayState = {
      phase,
      beaconId,
      qrPayload: beaconId === null ? null : beaconQrPayload(beaconId),
      qrImage: beaconId === null ? null : await this.image(beaconId),
      amount: shownAmount(payment),
      currencyCode: shownAmount(payment) === null ? null : (payment?.currencyCode ?? null),
      posName: inputs.pos?.posName ?? null,
      storeName: inputs.storeName,
    };
    const text = JSON.stringify(next);
    if (text !== this.text) {
      this.state = next;
      this.text = text;
      this.onChange(next);
    }
    return this.state;
  }

  /** The QR image of a beacon, rendered once (the last few beacons are kept). */
  private image(beaconId: string): Promise<string | null> {
    const key = beaconId.toLowerCase();
    let image = this.images.get(key);
    if (image === undefined) {
      image = this.render(key).catch(() => null);
      this.images.set(key, image);
      if (this.images.size > 4) this.images.delete(this.images.keys().next().value!);
    }
    return image;
  }
}
