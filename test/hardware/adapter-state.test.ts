import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fromLoadError, fromStackState, platformHints } from '../../src/hardware/adapter-state.js';
import { createBeaconHardware, type BeaconHardware } from '../../src/hardware/beacon-hardware.js';
import { loadBleno, loadNoble } from '../../src/hardware/ble-loader.js';
import { createMemoryMedium } from '../../src/hardware/virtual-radio/memory-medium.js';

/** A socket module that fails the way the native one does on a kernel without AF_BLUETOOTH. */
class NoBluetoothSocket {
  constructor() {
    throw Object.assign(new Error('EAFNOSUPPORT, Address family not supported by protocol'), {
      code: 'EAFNOSUPPORT',
    });
  }
}
/** This kernel has no Bluetooth at all (as on the build machine): the real stacks throw EAFNOSUPPORT. */
const kernelWithoutBluetooth = process.platform === 'linux' && !existsSync('/sys/class/bluetooth');

let hardware: BeaconHardware | null = null;
afterEach(async () => {
  await hardware?.close();
  hardware = null;
});

describe('adapter state', () => {
  it('turns EAFNOSUPPORT at load into "this system has no Bluetooth support"', () => {
    for (const load of [loadNoble, loadBleno]) {
      const result = load({ hciSocket: NoBluetoothSocket, platform: 'linux' });
      expect(result).toEqual({
        ok: false,
        state: {
          kind: 'unsupported',
          reason: 'This system has no Bluetooth support.',
          action: platformHints('linux').noBluetooth,
          detail: 'EAFNOSUPPORT: EAFNOSUPPORT, Address family not supported by protocol',
        },
      });
    }
  });

  it.runIf(kernelWithoutBluetooth)('loads the real noble and bleno on this machine without throwing', () => {
    for (const load of [loadNoble, loadBleno]) {
      const result = load();
      expect(result.ok).toBe(false);
      expect(!result.ok && result.state).toMatchObject({
        kind: 'unsupported',
        reason: 'This system has no Bluetooth support.',
      });
    }
  });

  it.runIf(kernelWithoutBluetooth)(
    'falls back to QR only in ble mode, with the reason and a visible notice',
    async () => {
      hardware = await createBeaconHardware({ mode: 'ble' });
      const state = await hardware.startAdvertising('123456789012345', 'Checkout 1');
      expect(state.bluetooth).toMatchObject({
        kind: 'unsupported',
        reason: 'This system has no Bluetooth support.',
      });
      expect(state.advertising).toMatchObject({
        kind: 'failed',
        reason: expect.stringMatching(/no Bluetooth support/),
      });
      expect(state.notices).toEqual([
        expect.objectContaining({
          level: 'warning',
          code: 'qr-only',
          message: 'This system has no Bluetooth support. Customers check in with the QR code.',
        }),
      ]);
      expect((await hardware.startScanning()).scanning).toBe(false);
      expect(hardware.beacons()).toEqual([]);
      expect(await hardware.checkPresence('123456789012345', 10)).toMatchObject({ kind: 'unavailable' });
    },
  );

  it.runIf(kernelWithoutBluetooth)(
    'falls back to the virtual radio in auto mode and says real phones use the QR code',
    async () => {
      hardware = await createBeaconHardware({ mode: 'auto', virtual: { medium: createMemoryMedium() } });
      const state = await hardware.startAdvertising('123456789012345', 'Checkout 1');
      expect(state.radios.map((r) => r.transport)).toEqual(['virtual']);
      expect(state.advertising).toMatchObject({ kind: 'advertising', on: ['virtual'] });
      expect(state.bluetooth?.kind).toBe('unsupported');
      expect(state.notices[0]).toMatchObject({
        code: 'virtual-only',
        message: expect.stringMatching(/no Bluetooth support.*virtual radio only.*QR code/),
      });
    },
  );

  it('says the beacon is off in off mode, and advertises nowhere', async () => {
    hardware = await createBeaconHardware({ mode: 'off' });
    const state = await hardware.startAdvertising('123456789012345', 'Checkout 1');
    expect(state.radios).toEqual([]);
    expect(state.bluetooth).toBeNull();
    expect(state.advertising.kind).toBe('failed');
    expect(state.notices).toEqual([expect.objectContaining({ level: 'info', code: 'off' })]);
  });

  it('maps every state noble and bleno report, each with its reason and what to do', () => {
    expect(fromStackState('poweredOn', 'advertiser')).toMatchObject({ kind: 'powered-on', action: null });
    expect(fromStackState('poweredOff', 'scanner', 'linux')).toMatchObject({
      kind: 'powered-off',
      action: expect.stringContaining('hciconfig hci0 up'),
    });
    expect(fromStackState('unauthorized', 'advertiser', 'linux').action).toContain(
      'sudo setcap cap_net_raw+eip $(eval readlink -f $(which node))',
    );
    expect(fromStackState('unauthorized', 'advertiser', 'linux').action).toContain(
      'sudo systemctl stop bluetooth',
    );
    expect(fromStackState('unsupported', 'scanner', 'linux').action).toContain('NOBLE_HCI_DEVICE_ID');
    expect(fromStackState('resetting', 'scanner').kind).toBe('resetting');
    expect(fromStackState('unknown', 'scanner').kind).toBe('unknown');
  });

  it('gives Windows the WinUSB/Zadig remedy and macOS its CoreBluetooth limits', () => {
    expect(fromStackState('unsupported', 'advertiser', 'win32').action).toMatch(/WinUSB.*Zadig/);
    expect(
      fromLoadError(Object.assign(new Error('No compatible USB Bluetooth 4.0 device found!'), {}), 'win32')
        .action,
    ).toMatch(/Zadig/);
    expect(platformHints('darwin').unsupported).toMatch(/CoreBluetooth.*manufacturer data/);
    expect(fromStackState('unauthorized', 'scanner', 'darwin').action).toMatch(
      /Privacy & Security > Bluetooth/,
    );
  });

  it('names missing permissions, a busy adapter, no adapter and unbuilt modules', () => {
    const error = (code: string, message = code): Error => Object.assign(new Error(message), { code });
    expect(fromLoadError(error('EPERM'), 'linux').kind).toBe('unauthorized');
    expect(fromLoadError(error('EBUSY'), 'linux').reason).toMatch(/bluetoothd/);
    expect(fromLoadError(error('ENODEV'), 'linux').reason).toBe('No Bluetooth adapter was found.');
    expect(fromLoadError(error('ERR_DLOPEN_FAILED'), 'linux').action).toMatch(/rebuild/i);
    expect(fromLoadError(new Error('something else'), 'linux')).toMatchObject({
      kind: 'unknown',
      detail: 'something else',
    });
  });
});
