// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CheckoutWindow, tabFromHash } from '../../../src/renderer/checkout/checkout-window.js';
import {
  connectedCertification,
  makeFailure,
  makeHardware,
  makePos,
  passedSession,
  T0,
} from '../fixtures.js';
import { emit, installFakeBridge } from '../harness.js';

function setup() {
  const fake = installFakeBridge();
  const user = userEvent.setup();
  render(<CheckoutWindow />);
  return { fake, user };
}

describe('checkout window', () => {
  it('loads the app, the PoS and the current payment and names the till in the header', async () => {
    const { fake } = setup();
    expect((await screen.findByTestId('header-pos')).textContent).toContain('Till 1 (till-1)');
    for (const name of [
      'appInfo',
      'settingsGet',
      'posGet',
      'paymentCurrent',
      'hardwareGet',
      'certificationGet',
    ] as const)
      expect(fake.calls(name), name).toHaveLength(1);
  });

  it('has the nine sections as tabs, operable with the arrow keys', async () => {
    const { user } = setup();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      'Checkout',
      'Prepared payment',
      'Refunds',
      'PoS setup',
      'Beacon',
      'Transactions',
      'HTTP log',
      'Certification',
      'Settings',
    ]);
    await user.click(screen.getByTestId('tab-checkout'));
    await user.keyboard('{ArrowRight}');
    expect(screen.getByTestId('tab-prepared').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByTestId('tab-prepared'));
    await user.keyboard('{End}');
    expect(screen.getByTestId('tabpanel-settings')).toBeTruthy();
    expect(window.location.hash).toBe('#settings');
  });

  it('opens straight on the tab the URL hash names', () => {
    window.location.hash = '#log';
    setup();
    expect(screen.getByTestId('tab-log').getAttribute('aria-selected')).toBe('true');
    expect(tabFromHash('#nonsense')).toBe('checkout');
  });

  it('opens the customer display and the phone simulator', async () => {
    const { fake, user } = setup();
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    fake.answer('windowOpen', (args) => ({ opened: false, url: `/${args.window}` }));
    await user.click(screen.getByTestId('open-customer-display'));
    await user.click(screen.getByTestId('open-phone'));
    expect(fake.calls('windowOpen')).toEqual([{ window: 'customer' }, { window: 'phone' }]);
    expect(open.mock.calls).toEqual([
      ['/customer', '_blank'],
      ['/phone', '_blank'],
    ]);
  });

  it('shows what the host did on its own, and its errors with their codes', async () => {
    const { fake } = setup();
    await screen.findByTestId('header-pos');
    emit(fake, {
      kind: 'notice',
      at: T0,
      topic: 'recovery',
      message: 'Cancelled the unfinished payment order-7',
    });
    emit(fake, {
      kind: 'error',
      at: T0,
      topic: 'sweeper',
      error: makeFailure({ apiCode: '1300', message: 'x' }),
    });
    const notices = screen.getAllByTestId('notice').map((notice) => notice.textContent);
    expect(notices[0]).toContain('Cancelled the unfinished payment order-7');
    expect(notices[1]).toContain('The payment can no longer be cancelled (1300)');
  });

  it('follows a PoS change pushed by the host', async () => {
    const { fake } = setup();
    await screen.findByText(/Till 1/);
    emit(fake, { kind: 'pos', pos: makePos({ posName: 'Till 2', merchantPosId: 'till-2' }) });
    expect(screen.getByTestId('header-pos').textContent).toContain('Till 2 (till-2)');
  });

  describe('beacon chip', () => {
    it('says the till advertises its beacon, and which radio carries it', async () => {
      const { fake } = setup();
      const chip = await screen.findByTestId('beacon-chip');
      await vi.waitFor(() => expect(chip.textContent).toBe('Virtual BLE: advertising'));
      emit(fake, {
        kind: 'hardware',
        hardware: makeHardware({
          state: {
            advertising: { kind: 'advertising', beaconId: '123456789012345', posName: 'Till 1', on: ['ble'] },
          },
        }),
      });
      expect(chip.textContent).toBe('BLE: advertising');
      expect(chip.dataset.tone).toBe('ok');
    });

    it('says QR only when no radio carries the beacon id, with a warning when advertising failed', async () => {
      const { fake } = setup();
      const chip = await screen.findByTestId('beacon-chip');
      emit(fake, {
        kind: 'hardware',
        hardware: makeHardware({ state: { mode: 'off', radios: [], advertising: { kind: 'idle' } } }),
      });
      expect(chip.textContent).toBe('QR only');
      expect(chip.dataset.tone).toBe('neutral');
      emit(fake, {
        kind: 'hardware',
        hardware: makeHardware({
          state: {
            advertising: {
              kind: 'failed',
              beaconId: '123456789012345',
              posName: 'Till 1',
              reason: 'The adapter was switched off',
            },
          },
        }),
      });
      expect(chip.textContent).toBe('QR only');
      expect(chip.dataset.tone).toBe('warning');
    });

    it('opens the Beacon tab', async () => {
      const { user } = setup();
      await user.click(await screen.findByTestId('beacon-chip'));
      expect(screen.getByTestId('tab-beacon').getAttribute('aria-selected')).toBe('true');
      expect(window.location.hash).toBe('#beacon');
      expect(await screen.findByTestId('hardware-screen')).toBeTruthy();
    });
  });

  describe('certification chip', () => {
    it('is absent while the till is on its own settings', async () => {
      setup();
      await screen.findByTestId('beacon-chip');
      await vi.waitFor(() => expect(screen.queryByTestId('certification-chip')).toBeNull());
    });

    it('appears while the till is being certified, with the verdict once there is one', async () => {
      const { fake } = setup();
      await screen.findByTestId('beacon-chip');
      emit(fake, { kind: 'certification', certification: connectedCertification() });
      const chip = screen.getByTestId('certification-chip');
      expect(chip.textContent).toBe('Certifying');
      expect(chip.title).toContain('http://127.0.0.1:8080/pos-self-certification-api');
      emit(fake, {
        kind: 'certification',
        certification: connectedCertification({ session: passedSession() }),
      });
      expect(screen.getByTestId('certification-chip').textContent).toBe('Certifying: passed');
      expect(screen.getByTestId('certification-chip').dataset.passed).toBe('true');
    });

    it('shows at start-up when the host is already linked to a session, and opens the tab', async () => {
      const fake = installFakeBridge();
      fake.answer('certificationGet', connectedCertification());
      const user = userEvent.setup();
      render(<CheckoutWindow />);
      await user.click(await screen.findByTestId('certification-chip'));
      expect(screen.getByTestId('tab-certification').getAttribute('aria-selected')).toBe('true');
      expect(window.location.hash).toBe('#certification');
      expect(await screen.findByTestId('cert-current-step')).toBeTruthy();
      // The window's load already answered: the tab does not ask again.
      expect(fake.calls('certificationGet')).toHaveLength(1);
    });
  });
});
