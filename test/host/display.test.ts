import { describe, expect, it } from 'vitest';
import { CustomerDisplay, displayPhase, type DisplayInputs } from '../../src/host/display.js';
import type { DisplayState, PaymentView, PosView } from '../../src/shared/bridge/index.js';

const pos: PosView = {
  posId: 'pos-1',
  storeId: 'store-1',
  merchantPosId: 'till-1',
  posName: 'Checkout 1',
  beaconId: 'CD851CD7-8398-4A03-83C1-391A2F5CB71C',
  supportedBeaconTypes: ['QR'],
  callbackAlias: null,
  requirePaymentBeforeCheckin: false,
  merchantVat: 'DK12345678',
};

function payment(status: PaymentView['status'], extra: Partial<PaymentView> = {}): PaymentView {
  return { status, amount: 25, currencyCode: 'DKK', capturedAmount: null, ...extra } as PaymentView;
}

const inputs = (over: Partial<DisplayInputs> = {}): DisplayInputs => ({
  pos,
  storeName: 'Nørreport',
  payment: null,
  checkedIn: false,
  ...over,
});

describe('the customer display phase', () => {
  it('is closed without an onboarded PoS with a beacon', () => {
    expect(displayPhase(inputs({ pos: null }))).toBe('closed');
    expect(displayPhase(inputs({ pos: { ...pos, posId: null } }))).toBe('closed');
  });

  it('follows the sale from idle to thanks, or to cancelled', () => {
    const phases = (
      ['Prepared', 'Paired', 'Initiated', 'IssuedToUser', 'Reserved', 'Captured', 'CancelledByUser'] as const
    ).map((status) => displayPhase(inputs({ payment: payment(status) })));

    expect(displayPhase(inputs())).toBe('idle');
    expect(displayPhase(inputs({ checkedIn: true }))).toBe('checked-in');
    expect(phases).toEqual([
      'idle',
      'checked-in',
      'awaiting-customer',
      'awaiting-customer',
      'reserved',
      'thanks',
      'cancelled',
    ]);
    expect(displayPhase(inputs({ payment: payment('Refused') }))).toBe('idle');
  });
});

describe('the customer display', () => {
  it('renders the QR once per beacon, lowercase, and announces only changes', async () => {
    const rendered: string[] = [];
    const announced: DisplayState[] = [];
    const display = new CustomerDisplay(
      (state) => announced.push(state),
      async (beaconId) => {
        rendered.push(beaconId);
        return `data:image/png;base64,${beaconId}`;
      },
    );

    await display.update(inputs());
    await display.update(inputs());
    await display.update(inputs({ payment: payment('Initiated') }));

    expect(rendered).toEqual(['cd851cd7-8398-4a03-83c1-391a2f5cb71c']);
    expect(announced.map((state) => state.phase)).toEqual(['idle', 'awaiting-customer']);
    expect(display.current()).toMatchObject({
      qrPayload: 'mobilepaypos://pos?id=cd851cd7-8398-4a03-83c1-391a2f5cb71c&source=qr',
      amount: 25,
      currencyCode: 'DKK',
      posName: 'Checkout 1',
      storeName: 'Nørreport',
    });
  });

  it('shows the captured amount after a partial capture, and no QR when closed', async () => {
    const display = new CustomerDisplay(
      () => undefined,
      async () => 'data:image/png;base64,x',
    );

    const thanks = await display.update(inputs({ payment: payment('Captured', { capturedAmount: 20 }) }));
    const closed = await display.update(inputs({ pos: null }));

    expect(thanks).toMatchObject({ phase: 'thanks', amount: 20 });
    expect(closed).toMatchObject({ phase: 'closed', qrImage: null, qrPayload: null, beaconId: null });
  });
});
