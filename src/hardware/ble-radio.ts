// The Radio seam on a real Bluetooth adapter: bleno advertises, noble scans and writes, each loaded
// only for the roles asked for. Loading never throws; a missing stack is an adapter state. noble and
// bleno cannot be unloaded: close() stops them and lets go of their events (docs/hardware-lab.md).
import { platformHints, unavailable } from './adapter-state.js';
import { createBleCentral } from './ble-central.js';
import { loadBleno, loadNoble, type BleStackOptions } from './ble-loader.js';
import { createBlePeripheral } from './ble-peripheral.js';
import type { AdapterState, Radio, RadioStatus } from './types.js';

export interface BleRadioOptions extends BleStackOptions {
  /** Load bleno (the till advertises). Default true. */
  readonly advertise?: boolean;
  /** Load noble (scan, and write check-ins as a phone). Default true. */
  readonly scan?: boolean;
}

const notAsked: AdapterState = {
  kind: 'unsupported',
  reason: 'Not used here.',
  action: 'Nothing to do.',
  detail: null,
};

/** Opens the BLE radio; look at status() to know whether it works. */
export function createBleRadio(options: BleRadioOptions = {}): Radio {
  const platform = options.platform ?? process.platform;
  const peripheral = createBlePeripheral(
    options.advertise === false
      ? { ok: false, state: notAsked }
      : platform === 'darwin'
        ? {
            ok: false,
            state: unavailable('macOS cannot advertise this beacon.', platformHints('darwin').unsupported),
          }
        : loadBleno(options),
    platform,
  );
  const central = createBleCentral(
    options.scan === false ? { ok: false, state: notAsked } : loadNoble(options),
    platform,
  );
  const listeners = new Set<(status: RadioStatus) => void>();
  const status = (): RadioStatus => ({
    transport: 'ble',
    address: peripheral.address() ?? central.address(),
    advertiser: options.advertise === false ? null : peripheral.state(),
    scanner: options.scan === false ? null : central.state(),
    advertising: peripheral.advertising(),
    scanning: central.scanning(),
  });
  const changed = (): void => {
    const now = status();
    for (const listener of [...listeners]) listener(now);
  };
  const offPeripheral = peripheral.onChange(changed);
  const offCentral = central.onChange(changed);
  return {
    transport: 'ble',
    status,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    advertise: (frame, onCheckIn) => peripheral.advertise(frame, onCheckIn),
    stopAdvertising: () => peripheral.stop(),
    startScanning: (onReport) => central.startScanning(onReport),
    stopScanning: () => central.stopScanning(),
    writeCheckIn: (address, token) => central.writeCheckIn(address, token),
    setDistance: () => undefined,
    close: async () => {
      offPeripheral();
      offCentral();
      listeners.clear();
      await Promise.all([peripheral.close(), central.close()]);
    },
  };
}
