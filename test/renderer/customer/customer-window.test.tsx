// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CustomerWindow } from '../../../src/renderer/customer/customer-window.js';
import { makeDisplay } from '../fixtures.js';
import { emit, installFakeBridge } from '../harness.js';

function setup(display = makeDisplay()) {
  const fake = installFakeBridge();
  fake.answer('displayGet', display);
  render(<CustomerWindow />);
  return fake;
}

describe('customer display', () => {
  it('shows the beacon QR code as an image with a text alternative', async () => {
    setup();
    const qr = (await screen.findByTestId('customer-qr')) as HTMLImageElement;
    expect(qr.getAttribute('src')).toBe(makeDisplay().qrImage);
    expect(qr.alt).toMatch(/MobilePay QR code/);
    expect(screen.getByTestId('customer-phase').textContent).toBe('Scan to pay with MobilePay');
    expect(screen.getByTestId('customer-place').textContent).toBe('Nørrebro · Till 1');
  });

  it('shows the amount big while the customer confirms, and announces the state', async () => {
    const fake = setup();
    await screen.findByTestId('customer-qr');
    emit(fake, {
      kind: 'display',
      display: makeDisplay({ phase: 'awaiting-customer', amount: 125.5, currencyCode: 'DKK' }),
    });
    expect(screen.getByTestId('customer-amount').textContent).toBe('125.50 DKK');
    expect(screen.getByTestId('customer-phase').textContent).toBe('Confirm the payment in MobilePay');
    expect(screen.getByTestId('customer-phase').getAttribute('aria-live')).toBe('polite');
  });

  it('thanks the customer after capture', async () => {
    const fake = setup();
    await screen.findByTestId('customer-qr');
    emit(fake, {
      kind: 'display',
      display: makeDisplay({ phase: 'thanks', amount: 125.5, currencyCode: 'DKK' }),
    });
    expect(screen.getByTestId('customer-thanks').textContent).toBe('Thank you!');
    expect(screen.queryByTestId('customer-qr')).toBeNull();
    expect(screen.getByTestId('customer-window').dataset.phase).toBe('thanks');
  });

  it('says the till is closed when there is no PoS and no QR code', async () => {
    setup(
      makeDisplay({
        phase: 'closed',
        qrImage: null,
        qrPayload: null,
        beaconId: null,
        posName: null,
        storeName: null,
      }),
    );
    expect((await screen.findByTestId('customer-phase')).textContent).toBe('This till is closed');
    expect(screen.getByTestId('customer-no-qr')).toBeTruthy();
    expect(screen.queryByTestId('customer-amount')).toBeNull();
  });

  it('has words for a cancelled payment', async () => {
    const fake = setup();
    await screen.findByTestId('customer-qr');
    emit(fake, { kind: 'display', display: makeDisplay({ phase: 'cancelled' }) });
    expect(screen.getByTestId('customer-phase').textContent).toBe('The payment was cancelled');
  });
});
