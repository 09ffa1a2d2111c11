// Adapter states in words a tester can act on: noble's and bleno's state strings and the errors
// their loading throws, each with the reason and the platform's remedy (docs/hardware-lab.md).
import type { AdapterState } from './types.js';

/** The platform remedies, by the state they fix. */
export function platformHints(platform: NodeJS.Platform = process.platform): {
  readonly unauthorized: string;
  readonly poweredOff: string;
  readonly unsupported: string;
  readonly noBluetooth: string;
} {
  switch (platform) {
    case 'linux':
      return {
        unauthorized:
          'Give Node (or the Electron binary) raw Bluetooth access: sudo setcap cap_net_raw+eip $(eval readlink -f $(which node)); ' +
          'to advertise, stop bluetoothd (sudo systemctl stop bluetooth) and bring the adapter up (sudo hciconfig hci0 up).',
        poweredOff:
          'Turn the adapter on: sudo rfkill unblock bluetooth && sudo hciconfig hci0 up (or bluetoothctl power on).',
        unsupported:
          'The adapter does not do Bluetooth Low Energy (HCI 4.0 or later): pick another one with NOBLE_HCI_DEVICE_ID / BLENO_HCI_DEVICE_ID (hciconfig lists them).',
        noBluetooth:
          'Use a machine with a Bluetooth 4.0+ adapter (in a container, share the host network and the hci device), or the virtual radio; the QR code always works.',
      };
    case 'win32':
      return {
        unauthorized:
          'Run from an account that may use the USB dongle, with the WinUSB driver installed on it (Zadig).',
        poweredOff: 'Turn Bluetooth on in Settings > Bluetooth & devices, or plug the dongle back in.',
        unsupported:
          'Advertising needs a dedicated USB dongle from the supported list with the WinUSB driver (install it with Zadig); Windows then no longer uses that dongle itself.',
        noBluetooth:
          'Plug in a supported Bluetooth 4.0+ USB dongle and give it the WinUSB driver with Zadig, or use the virtual radio; the QR code always works.',
      };
    case 'darwin':
      return {
        unauthorized:
          'Allow Bluetooth for this app (or the terminal running it) in System Settings > Privacy & Security > Bluetooth, then restart it.',
        poweredOff: 'Turn Bluetooth on in Control Center or System Settings > Bluetooth.',
        unsupported:
          'CoreBluetooth lets an app advertise only a name and service UUIDs, not manufacturer data: the beacon cannot be advertised on macOS; scanning works (iBeacon frames are hidden by macOS).',
        noBluetooth: 'Use a Mac with Bluetooth LE, or the virtual radio; the QR code always works.',
      };
    default:
      return {
        unauthorized: 'Give this process access to the Bluetooth adapter.',
        poweredOff: 'Turn the Bluetooth adapter on.',
        unsupported: 'This platform has no supported Bluetooth LE stack for noble/bleno.',
        noBluetooth: 'Use the virtual radio; the QR code always works.',
      };
  }
}

const ready: AdapterState = { kind: 'powered-on', reason: 'The adapter is on.', action: null, detail: null };

/** The state of an adapter as noble or bleno name it ('poweredOn', 'unauthorized', ...). */
export function fromStackState(
  state: string,
  role: 'advertiser' | 'scanner',
  platform: NodeJS.Platform = process.platform,
): AdapterState {
  const hints = platformHints(platform);
  switch (state) {
    case 'poweredOn':
      return ready;
    case 'poweredOff':
      return {
        kind: 'powered-off',
        reason: 'The Bluetooth adapter is off.',
        action: hints.poweredOff,
        detail: state,
      };
    case 'unauthorized':
      return {
        kind: 'unauthorized',
        reason: `This program may not use the Bluetooth adapter to ${role === 'advertiser' ? 'advertise' : 'scan'}.`,
        action: hints.unauthorized,
        detail: state,
      };
    case 'unsupported':
      return {
        kind: 'unsupported',
        reason: 'The Bluetooth adapter does not support Bluetooth Low Energy.',
        action: hints.unsupported,
        detail: state,
      };
    case 'resetting':
      return {
        kind: 'resetting',
        reason: 'The adapter is resetting.',
        action: 'Wait a moment.',
        detail: state,
      };
    default:
      return {
        kind: 'unknown',
        reason: 'Waiting for the adapter to report its state.',
        action: 'Wait a moment.',
        detail: state,
      };
  }
}

/** The state when noble or bleno cannot even be loaded: the error says why. */
export function fromLoadError(error: unknown, platform: NodeJS.Platform = process.platform): AdapterState {
  const hints = platformHints(platform);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const detail = code ? `${code}: ${message}` : message;
  if (code === 'EAFNOSUPPORT' || /Address family not supported/i.test(message))
    return {
      kind: 'unsupported',
      reason: 'This system has no Bluetooth support.',
      action: hints.noBluetooth,
      detail,
    };
  if (code === 'EPERM' || code === 'EACCES')
    return {
      kind: 'unauthorized',
      reason: 'This program may not open the Bluetooth adapter.',
      action: hints.unauthorized,
      detail,
    };
  if (code === 'EBUSY')
    return {
      kind: 'unauthorized',
      reason: 'Another program (usually bluetoothd) holds the Bluetooth adapter.',
      action: hints.unauthorized,
      detail,
    };
  if (code === 'ENODEV' || /No compatible USB Bluetooth|No such device/i.test(message))
    return {
      kind: 'unsupported',
      reason: 'No Bluetooth adapter was found.',
      action: hints.noBluetooth,
      detail,
    };
  if (
    code === 'MODULE_NOT_FOUND' ||
    code === 'ERR_DLOPEN_FAILED' ||
    /\.node\b|NODE_MODULE_VERSION/.test(message)
  )
    return {
      kind: 'unsupported',
      reason: 'The Bluetooth modules are missing or not built for this runtime.',
      action: 'Rebuild them for this Node or Electron (npm rebuild, or electron-builder install-app-deps).',
      detail,
    };
  if (/Unsupported platform/i.test(message))
    return {
      kind: 'unsupported',
      reason: `noble/bleno do not support ${platform}.`,
      action: hints.noBluetooth,
      detail,
    };
  return {
    kind: 'unknown',
    reason: 'The Bluetooth stack failed to start.',
    action: hints.noBluetooth,
    detail,
  };
}

/** The state of a radio that is not in use for a role (e.g. macOS cannot advertise our profile). */
export function unavailable(reason: string, action: string, detail: string | null = null): AdapterState {
  return { kind: 'unsupported', reason, action, detail };
}

/** The virtual radio's adapter: always on. */
export const VIRTUAL_ADAPTER: AdapterState = {
  kind: 'powered-on',
  reason: 'The virtual radio is on.',
  action: null,
  detail: null,
};

export const POWERED_ON = ready;
