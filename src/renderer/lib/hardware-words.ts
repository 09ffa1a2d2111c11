// The beacon hardware in words: modes, adapter states, radios, what is advertised, the presence
// check, beacon frames, signal and age of a sighting, and the header chip's one-line summary. Pure
// functions of the host's views, so the panel, the chip and the phone say the same things.
import type {
  AdapterState,
  AdvertisingState,
  BeaconFrame,
  HardwareMode,
  HardwareView,
  PresenceState,
  RadioTransport,
} from '../../shared/bridge/index.js';

/** The mode choices as the panel offers them. */
export const modeWords: Readonly<Record<HardwareMode, string>> = {
  auto: 'Auto',
  ble: 'Bluetooth only',
  virtual: 'Virtual only',
  off: 'Off',
};

/** An adapter state in one or two words; the host's reason says the rest. */
export const adapterKindWords: Readonly<Record<AdapterState['kind'], string>> = {
  'powered-on': 'On',
  'powered-off': 'Switched off',
  unsupported: 'Not supported',
  unauthorized: 'Not permitted',
  resetting: 'Resetting',
  unknown: 'Starting',
};

export const transportWords: Readonly<Record<RadioTransport, string>> = {
  ble: 'Bluetooth',
  virtual: 'virtual radio',
};

/** The three beacon formats the scanner decodes. */
export const frameKindWords: Readonly<Record<BeaconFrame['kind'], string>> = {
  'pos-sim': 'Ours',
  ibeacon: 'iBeacon',
  'eddystone-uid': 'Eddystone-UID',
};

/** The frame's identity as a hardware lab reads it off its beacon's label. */
export function frameIdText(frame: BeaconFrame): string {
  switch (frame.kind) {
    case 'pos-sim':
      return frame.beaconId;
    case 'ibeacon':
      return `${frame.uuid} · major ${frame.major} · minor ${frame.minor}`;
    case 'eddystone-uid':
      return `${frame.namespace} · ${frame.instance}`;
  }
}

/** "≈ 2.5 m"; a dash when the signal gave no estimate. */
export function distanceText(meters: number | null): string {
  if (meters === null) return '—';
  return `≈ ${meters < 10 ? meters.toFixed(1) : Math.round(meters)} m`;
}

/** "4 s ago", "3 min ago": how long since a beacon was heard (never negative on a skewed clock). */
export function agoText(at: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  return seconds < 120 ? `${seconds} s ago` : `${Math.floor(seconds / 60)} min ago`;
}

/** What the advertising of the PoS's own beacon is doing. */
export function advertisingText(advertising: AdvertisingState): string {
  switch (advertising.kind) {
    case 'idle':
      return 'Not advertising';
    case 'advertising':
      return advertising.on.length === 0
        ? 'Waiting for a radio: nothing is on the air yet'
        : `On the air by ${advertising.on.map((transport) => transportWords[transport]).join(' and ')}`;
    case 'failed':
      return `Advertising failed: ${advertising.reason}`;
  }
}

/** The start-up presence check of the configured beacon. */
export function presenceText(presence: PresenceState): string {
  switch (presence.kind) {
    case 'unchecked':
      return 'Not checked yet';
    case 'checking':
      return `Listening for ${presence.beaconId}…`;
    case 'present':
      return `Heard ${presence.beaconId} (${presence.rssi} dBm)`;
    case 'missing':
      return presence.warning;
    case 'unavailable':
      return `Cannot check: ${presence.reason}`;
  }
}

/** The header chip: how a customer can find this till right now, and whether that needs a look. */
export interface BeaconChipStatus {
  readonly text: string;
  readonly tone: 'ok' | 'neutral' | 'warning';
}

/** One line for the header; QR only whenever no radio carries the beaconId. */
export function beaconChip(view: HardwareView | null): BeaconChipStatus {
  if (view === null) return { text: 'Beacon: …', tone: 'neutral' };
  const { advertising, presence } = view.state;
  if (advertising.kind === 'advertising') {
    if (advertising.on.includes('ble')) return { text: 'BLE: advertising', tone: 'ok' };
    if (advertising.on.includes('virtual')) return { text: 'Virtual BLE: advertising', tone: 'ok' };
    return { text: 'BLE: waiting for a radio', tone: 'warning' };
  }
  // A beacon in the room carries the beaconId: the chip says whether the till hears it.
  if (!view.advertise && view.beacon !== null) {
    if (presence.kind === 'present') return { text: 'BLE: beacon heard', tone: 'ok' };
    if (presence.kind === 'missing') return { text: 'BLE: beacon missing', tone: 'warning' };
  }
  return { text: 'QR only', tone: advertising.kind === 'failed' ? 'warning' : 'neutral' };
}
