// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PhoneWindow } from '../../../src/renderer/phone/phone-window.js';
import type { QrImageDecoder } from '../../../src/renderer/phone/scan-qr.js';
import { makeDisplay, makePhone, T0 } from '../fixtures.js';
import { emit, installFakeBridge } from '../harness.js';

const checkedIn = makePhone({
  phoneNumber: '+4520031805',
  checkedIn: {
    beaconId: '123456789012345',
    posId: 'pos-1',
    posName: 'Till 1',
    storeName: 'Nørrebro',
    brandName: 'Kaffebar',
  },
  lastAction: { kind: 'checked-in', at: T0 },
});
const asked = {
  ...checkedIn,
  pending: { amount: 125.5, currencyCode: 'DKK' as const, status: 'IssuedToUser' as const },
};

function setup(
  decode = vi.fn<QrImageDecoder>(async () => 'mobilepaypos://pos?id=123456789012345&source=qr'),
) {
  const fake = installFakeBridge();
  fake.answer('phoneCheckIn', checkedIn);
  const user = userEvent.setup();
  render(<PhoneWindow decodeQr={decode} />);
  return { fake, user, decode };
}

describe('phone simulator', () => {
  it('picks a test user and checks in by scanning the displayed QR code', async () => {
    const { fake, user, decode } = setup();
    const picker = await screen.findByTestId('phone-user-picker');
    await screen.findByText(/\+4520031805/);
    await user.selectOptions(picker, '+4520031805');
    await user.click(screen.getByTestId('phone-scan'));
    expect(decode).toHaveBeenCalledWith(makeDisplay().qrImage);
    expect(fake.calls('phoneCheckIn')).toEqual([
      { phoneNumber: '+4520031805', beaconId: '123456789012345', via: 'qr' },
    ]);
    const confirmation = await screen.findByTestId('phone-checkin-confirmation');
    expect(confirmation.textContent).toContain('Kaffebar');
    expect(confirmation.textContent).toContain('Nørrebro');
    expect(confirmation.textContent).toContain('Till 1');
  });

  it('says why a scan found nothing', async () => {
    const { fake, user } = setup(vi.fn<QrImageDecoder>(async () => null));
    await screen.findByText(/\+4520031801/);
    await user.click(screen.getByTestId('phone-scan'));
    expect((await screen.findByTestId('phone-scan-problem')).textContent).toMatch(/No QR code was found/);
    expect(fake.calls('phoneCheckIn')).toEqual([]);
  });

  it('shows the amount of a pending payment and accepts it', async () => {
    const { fake, user } = setup();
    await screen.findByText(/\+4520031801/);
    emit(fake, { kind: 'phone', phone: asked });
    expect(screen.getByTestId('phone-pending-amount').textContent).toBe('125.50 DKK');
    await user.click(screen.getByTestId('phone-accept'));
    expect(fake.calls('phoneAccept')).toEqual([{}]);
  });

  it('declines a pending payment', async () => {
    const { fake, user } = setup();
    fake.answer('phoneGet', asked);
    await user.click(await screen.findByTestId('phone-decline'));
    expect(fake.calls('phoneDecline')).toEqual([{}]);
  });

  it('lets a paired customer only decline until the cashier readies the amount', async () => {
    const { fake } = setup();
    fake.answer('phoneGet', {
      ...checkedIn,
      pending: { amount: null, currencyCode: null, status: 'Paired' },
    });
    expect(await screen.findByTestId('phone-decline')).toBeTruthy();
    expect(screen.getByTestId('phone-accept')).toHaveProperty('disabled', true);
    expect(screen.getByTestId('phone-pending-amount').textContent).toBe('Amount follows');
  });

  it('turns auto-accept on with a delay and off again', async () => {
    const { fake, user } = setup();
    await screen.findByText(/\+4520031801/);
    await user.click(screen.getByTestId('phone-auto-accept'));
    await user.selectOptions(screen.getByTestId('phone-auto-accept-seconds'), '10');
    await user.click(screen.getByTestId('phone-auto-accept'));
    expect(fake.calls('phoneAutoAccept')).toEqual([{ seconds: 3 }, { seconds: 10 }, { seconds: null }]);
  });
});
