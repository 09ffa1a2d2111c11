// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CheckoutWindow } from '../../../src/renderer/checkout/checkout-window.js';
import { HardwareScreen } from '../../../src/renderer/checkout/hardware-screen.js';
import { useHardwareStore } from '../../../src/renderer/stores/hardware-store.js';
import { usePosStore } from '../../../src/renderer/stores/pos-store.js';
import type { FakeBridge } from '../fake-bridge.js';
import { makeHardware, makePos, makeSighting, makeStore, T0 } from '../fixtures.js';
import { emit, installFakeBridge } from '../harness.js';

function setup(configure: (fake: FakeBridge) => void = () => undefined) {
  const fake = installFakeBridge();
  configure(fake);
  const user = userEvent.setup();
  const onOpenSetup = vi.fn();
  render(<HardwareScreen onOpenSetup={onOpenSetup} />);
  return { fake, user, onOpenSetup };
}

const eddystone = makeSighting({
  id: 'virtual:02:00:00:00:00:09',
  transport: 'virtual',
  address: '02:00:00:00:00:09',
  frame: {
    kind: 'eddystone-uid',
    namespace: 'edd1ebeac04e5defa017',
    instance: '0000000000a1',
    txPowerAt0m: -20,
  },
  localName: null,
  rssi: -80,
  estimatedDistanceM: null,
  lastSeenAt: T0 + 4000,
});

describe('beacon hardware panel', () => {
  it('says the machine has no Bluetooth, why, and what to do about it', async () => {
    setup();
    const adapter = await screen.findByTestId('hardware-bluetooth');
    expect(adapter.dataset.kind).toBe('unsupported');
    expect(adapter.textContent).toContain('Not supported');
    expect(screen.getByTestId('hardware-bluetooth-reason').textContent).toBe(
      'This system has no Bluetooth support',
    );
    expect(screen.getByTestId('hardware-bluetooth-action').textContent).toContain(
      'Plug in a Bluetooth LE adapter',
    );
    expect(screen.getByTestId('hardware-bluetooth-detail').textContent).toBe('EAFNOSUPPORT');
  });

  it('shows the notices first, each with its level and what to do', async () => {
    setup((fake) =>
      fake.answer(
        'hardwareGet',
        makeHardware({
          state: {
            notices: [
              {
                level: 'warning',
                code: 'qr-only',
                message: 'Customers can only scan the QR code.',
                action: 'Switch the adapter on.',
              },
            ],
          },
        }),
      ),
    );
    const notice = await screen.findByTestId('hardware-notices-item');
    expect(notice.dataset.level).toBe('warning');
    expect(notice.dataset.code).toBe('qr-only');
    expect(notice.textContent).toContain('Customers can only scan the QR code.');
    expect(notice.textContent).toContain('Switch the adapter on.');
    const screenEl = screen.getByTestId('hardware-screen');
    expect(screenEl.firstElementChild).toBe(screen.getByTestId('hardware-notices'));
  });

  it('lists the radios in use and what the till advertises on them', async () => {
    setup();
    const radio = await screen.findByTestId('hardware-radio');
    expect(radio.dataset.transport).toBe('virtual');
    expect(radio.textContent).toContain('02:00:00:00:00:01');
    expect(radio.textContent).toContain('on the air');
    expect(screen.getByTestId('hardware-virtual-radio').textContent).toContain('memory #1');
    expect(screen.getByTestId('hardware-beacon').textContent).toContain('123456789012345');
    expect(screen.getByTestId('hardware-advertising').textContent).toBe('On the air by virtual radio');
  });

  it('says why there is nothing to advertise', async () => {
    setup((fake) =>
      fake.answer(
        'hardwareGet',
        makeHardware({
          beacon: null,
          beaconNote: 'The PoS does not list Bluetooth among its beacon types.',
          state: { advertising: { kind: 'idle' } },
        }),
      ),
    );
    expect((await screen.findByTestId('hardware-beacon')).textContent).toBe(
      'The PoS does not list Bluetooth among its beacon types.',
    );
    expect(screen.getByTestId('hardware-advertising').textContent).toBe('Not advertising');
  });

  it('switches the mode', async () => {
    const { fake, user } = setup();
    await user.click(await screen.findByTestId('hardware-mode-virtual'));
    expect(fake.calls('hardwareSetMode')).toEqual([{ mode: 'virtual' }]);
    expect(screen.getByTestId('hardware-mode-virtual')).toHaveProperty('checked', true);
  });

  it('turns the advertising of its own beacon off and on', async () => {
    const { fake, user } = setup();
    const toggle = await screen.findByTestId('hardware-advertise');
    expect(toggle).toHaveProperty('checked', true);
    await user.click(toggle);
    expect(fake.calls('hardwareAdvertise')).toEqual([{ on: false }]);
    expect(toggle).toHaveProperty('checked', false);
    await user.click(toggle);
    expect(fake.calls('hardwareAdvertise')).toEqual([{ on: false }, { on: true }]);
  });

  it('warns when the configured beacon is not heard, and checks again', async () => {
    const { fake, user } = setup((fake) =>
      fake.answer(
        'hardwareGet',
        makeHardware({
          advertise: false,
          state: {
            advertising: { kind: 'idle' },
            presence: {
              kind: 'missing',
              beaconId: '123456789012345',
              waitedMs: 5000,
              warning: 'Beacon 123456789012345 was not heard within 5 s: is it switched on?',
            },
          },
        }),
      ),
    );
    const presence = await screen.findByTestId('hardware-presence');
    expect(presence.dataset.kind).toBe('missing');
    expect(presence.textContent).toContain('was not heard within 5 s');
    await user.click(screen.getByTestId('hardware-check-presence'));
    expect(fake.calls('hardwareCheckPresence')).toEqual([{}]);
  });

  it('tells the host the virtual radio’s distance once the slider is let go', async () => {
    const { fake } = setup();
    const slider = await screen.findByTestId('hardware-distance');
    expect(slider.getAttribute('min')).toBe('0');
    expect(slider.getAttribute('max')).toBe('30');
    expect(slider.getAttribute('step')).toBe('0.5');
    fireEvent.change(slider, { target: { value: '7' } });
    fireEvent.change(slider, { target: { value: '12.5' } });
    expect(screen.getByTestId('hardware-distance-value').textContent).toBe('12.5 m');
    expect(fake.calls('hardwareSetDistance')).toEqual([]);
    fireEvent.pointerUp(slider);
    expect(fake.calls('hardwareSetDistance')).toEqual([{ meters: 12.5 }]);
    await vi.waitFor(() => expect(useHardwareStore.getState().hardware?.state.distanceM).toBe(12.5));
    expect(screen.getByTestId('hardware-distance-value').textContent).toBe('12.5 m');
  });

  it('has no distance slider without a virtual radio', async () => {
    setup((fake) =>
      fake.answer('hardwareGet', makeHardware({ state: { distanceM: null, virtualRadio: null } })),
    );
    await screen.findByTestId('hardware-screen');
    expect(screen.queryByTestId('hardware-distance')).toBeNull();
  });

  it('scans, and lists the beacons a hardware event reports with their signal and age', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0 + 10_000);
    const { fake, user } = setup();
    expect((await screen.findByTestId('hardware-beacons-empty')).textContent).toMatch(/Scanning is off/);
    await user.click(screen.getByTestId('hardware-scan'));
    expect(fake.calls('hardwareScan')).toEqual([{ on: true }]);
    expect(screen.getByTestId('hardware-beacons-empty').textContent).toMatch(/no beacon heard yet/);

    emit(fake, {
      kind: 'hardware',
      hardware: makeHardware({ state: { scanning: true }, beacons: [makeSighting(), eddystone] }),
    });
    const rows = screen.getAllByTestId('hardware-beacon-row');
    expect(rows.map((row) => row.dataset.frame)).toEqual(['ibeacon', 'eddystone-uid']);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cells(rows[0] as HTMLElement).slice(0, 6)).toEqual([
      'iBeacon',
      'f7826da6-4fa2-4e98-8024-bc5b71e0893e · major 1 · minor 42',
      '-67 dBm',
      '≈ 2.4 m',
      'Kontakt',
      '1 s ago',
    ]);
    expect(cells(rows[1] as HTMLElement).slice(0, 6)).toEqual([
      'Eddystone-UID (virtual)',
      'edd1ebeac04e5defa017 · 0000000000a1',
      '-80 dBm',
      '—',
      '—',
      '6 s ago',
    ]);
  });

  it('reads a beacon’s id for the PoS setup and offers to open it', async () => {
    const { fake, user, onOpenSetup } = setup((fake) =>
      fake.answer('hardwareGet', makeHardware({ beacons: [makeSighting()] })),
    );
    await user.click(await screen.findByTestId('hardware-use-beacon'));
    expect(fake.calls('hardwareUseBeacon')).toEqual([{ sightingId: 'ble:c0:ff:ee:00:00:01' }]);
    const adoption = await screen.findByTestId('hardware-adoption');
    expect(adoption.dataset.kind).toBe('adopted');
    expect(adoption.textContent).toContain('f7826da6-4fa2-4e98-8024-bc5b71e0893e');
    expect(screen.getByTestId('hardware-adoption-note').textContent).toBe(
      'The PoS setup takes this beacon id when the till is onboarded.',
    );
    expect(useHardwareStore.getState().adoptedBeaconId).toBe('f7826da6-4fa2-4e98-8024-bc5b71e0893e');
    await user.click(screen.getByTestId('hardware-open-setup'));
    expect(onOpenSetup).toHaveBeenCalledOnce();
  });

  it('says why a beacon cannot be the till’s beacon id', async () => {
    const { fake, user } = setup((fake) => {
      fake.answer('hardwareGet', makeHardware({ beacons: [eddystone] }));
      fake.answer('hardwareUseBeacon', {
        kind: 'refused',
        sightingId: eddystone.id,
        reason: 'An Eddystone-UID is neither a GUID nor 15 digits.',
      });
    });
    await user.click(await screen.findByTestId('hardware-use-beacon'));
    const adoption = await screen.findByTestId('hardware-adoption');
    expect(adoption.dataset.kind).toBe('refused');
    expect(screen.getByTestId('hardware-adoption-reason').textContent).toBe(
      'An Eddystone-UID is neither a GUID nor 15 digits.',
    );
    expect(screen.queryByTestId('hardware-open-setup')).toBeNull();
    expect(useHardwareStore.getState().adoptedBeaconId).toBeNull();
    expect(fake.calls('hardwareUseBeacon')).toHaveLength(1);
  });

  it('shows a refused call in the till’s words, with the code', async () => {
    const { fake, user } = setup();
    fake.refuse('hardwareScan', { code: 'bridge', apiCode: null, message: 'socket closed' });
    await user.click(await screen.findByTestId('hardware-scan'));
    const failure = await screen.findByTestId('error-message');
    expect(failure.textContent).toContain('The till did not answer; try again (bridge)');
  });
});

describe('use as beaconId, end to end in the checkout window', () => {
  it('prefills the onboarding wizard with the beacon’s id, and forgets it once onboarded', async () => {
    const fake = installFakeBridge();
    fake.answer('posGet', makePos({ posId: null }));
    fake.answer('hardwareGet', makeHardware({ beacons: [makeSighting()] }));
    fake.answer('posFindStores', [makeStore()]);
    const user = userEvent.setup();
    window.location.hash = '#beacon';
    render(<CheckoutWindow />);
    await user.click(await screen.findByTestId('hardware-use-beacon'));
    await user.click(await screen.findByTestId('hardware-open-setup'));
    expect(screen.getByTestId('tab-pos').getAttribute('aria-selected')).toBe('true');
    const field = (await screen.findByTestId('onboard-beacon-id')) as HTMLInputElement;
    expect(field.value).toBe('f7826da6-4fa2-4e98-8024-bc5b71e0893e');
    expect(screen.getByTestId('onboard-beacon-mode-typed')).toHaveProperty('checked', true);
    expect(screen.getByTestId('onboard-beacon-adopted')).toBeTruthy();

    await user.click(screen.getByTestId('onboard-find-stores'));
    await user.click((await screen.findAllByTestId('onboard-store-option'))[0] as HTMLElement);
    await user.click(screen.getByTestId('onboard-submit'));
    expect(fake.calls('posOnboard')[0]?.beaconId).toBe('f7826da6-4fa2-4e98-8024-bc5b71e0893e');
    await vi.waitFor(() => expect(useHardwareStore.getState().adoptedBeaconId).toBeNull());
    expect(usePosStore.getState().pos?.posId).toBe('pos-1');
  });
});
