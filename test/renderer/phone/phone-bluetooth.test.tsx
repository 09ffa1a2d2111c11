// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PhoneWindow } from '../../../src/renderer/phone/phone-window.js';
import type { FakeBridge } from '../fake-bridge.js';
import { makePhone, makePhoneRadio, T0 } from '../fixtures.js';
import { emit, installFakeBridge } from '../harness.js';

function setup(configure: (fake: FakeBridge) => void = () => undefined) {
  const fake = installFakeBridge();
  fake.answer('phoneCheckIn', (args) =>
    makePhone({
      phoneNumber: args.phoneNumber,
      checkedIn: {
        beaconId: args.beaconId,
        posId: 'pos-1',
        posName: 'Till 1',
        storeName: 'Nørrebro',
        brandName: 'Kaffebar',
      },
      lastAction: { kind: 'checked-in', at: T0 },
    }),
  );
  configure(fake);
  const user = userEvent.setup();
  render(<PhoneWindow decodeQr={async () => null} />);
  return { fake, user };
}

describe('phone simulator over Bluetooth', () => {
  it('finds the till nearby and checks in by Bluetooth as the picked test user', async () => {
    const { fake, user } = setup();
    await user.selectOptions(await screen.findByTestId('phone-user-picker'), '+4520031805');
    expect(screen.queryByTestId('phone-ble-checkin')).toBeNull();
    await user.click(screen.getByTestId('phone-ble-find'));
    expect(fake.calls('phoneDiscover')).toEqual([{}]);
    const found = await screen.findByTestId('phone-ble-found');
    expect(found.textContent).toContain('Till 1');
    expect(found.textContent).toContain('123456789012345');
    expect(found.textContent).toContain('-63 dBm');
    expect(found.textContent).toContain('≈ 3.0 m');
    await user.click(screen.getByTestId('phone-ble-checkin'));
    expect(fake.calls('phoneCheckIn')).toEqual([
      { phoneNumber: '+4520031805', beaconId: '123456789012345', via: 'ble' },
    ]);
    const confirmation = await screen.findByTestId('phone-checkin-confirmation');
    expect(confirmation.textContent).toContain('Kaffebar');
    expect(confirmation.textContent).toContain('Nørrebro');
  });

  it('says why no till was found, and offers no check-in', async () => {
    const { user } = setup((fake) =>
      fake.answer(
        'phoneDiscover',
        makePhoneRadio({
          discovery: {
            kind: 'not-found',
            reason: 'No till was heard within 3 s: walk closer to the counter.',
          },
        }),
      ),
    );
    await user.click(await screen.findByTestId('phone-ble-find'));
    expect((await screen.findByTestId('phone-ble-not-found')).textContent).toBe(
      'No till was heard within 3 s: walk closer to the counter.',
    );
    expect(screen.queryByTestId('phone-ble-checkin')).toBeNull();
  });

  it('shows the radio’s notices', async () => {
    setup((fake) =>
      fake.answer(
        'phoneRadioGet',
        makePhoneRadio({
          radios: [],
          distanceM: null,
          notices: [
            {
              level: 'warning',
              code: 'virtual-radio-unavailable',
              message: 'The virtual radio is not running.',
              action: 'Set the till’s hardware mode to Auto or Virtual only.',
            },
          ],
        }),
      ),
    );
    const notice = await screen.findByTestId('phone-ble-notices-item');
    expect(notice.textContent).toContain('The virtual radio is not running.');
    expect(notice.textContent).toContain('Set the till’s hardware mode');
    expect(screen.getByTestId('phone-ble-radio').textContent).toBe('This phone has no radio.');
    expect(screen.queryByTestId('phone-distance')).toBeNull();
  });

  it('walks the phone away from the counter with the distance slider', async () => {
    const { fake } = setup();
    const slider = await screen.findByTestId('phone-distance');
    expect(screen.getByTestId('phone-distance-value').textContent).toBe('3.0 m');
    fireEvent.change(slider, { target: { value: '20' } });
    fireEvent.keyUp(slider, { key: 'ArrowRight' });
    expect(fake.calls('phoneSetDistance')).toEqual([{ meters: 20 }]);
    expect(await screen.findByText('20.0 m')).toBeTruthy();
  });

  it('follows the radio the host pushes', async () => {
    const { fake } = setup();
    await screen.findByTestId('phone-distance');
    emit(fake, { kind: 'phone-radio', radio: makePhoneRadio({ distanceM: 8.5 }) });
    expect(screen.getByTestId('phone-distance-value').textContent).toBe('8.5 m');
  });

  it('shows a failed search in the till’s words', async () => {
    const { user } = setup((fake) =>
      fake.refuse('phoneDiscover', { code: 'bridge', apiCode: null, message: 'x' }),
    );
    await user.click(await screen.findByTestId('phone-ble-find'));
    expect((await screen.findByTestId('phone-ble-error')).textContent).toContain('The till did not answer');
  });
});
