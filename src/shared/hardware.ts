// The beacon hardware's data as the host, the bridge and the screens see it: modes, adapter states
// with their reasons, advertising, the start-up presence check, beacons heard nearby. Plain readonly
// data tagged by `kind`; src/hardware implements it (and re-exports it), the renderer shows it.

/** Which radios the host asks for: real BLE when present (auto), only BLE, only the virtual radio, none. */
export type HardwareMode = 'auto' | 'ble' | 'virtual' | 'off';

/** The two ways a beacon reaches the air: a real Bluetooth adapter or the software medium. */
export type RadioTransport = 'ble' | 'virtual';

/** Adapter states as noble and bleno report them, plus ours; each says why and what to do. */
export type AdapterState =
  | { readonly kind: 'powered-on'; readonly reason: string; readonly action: null; readonly detail: null }
  | {
      readonly kind: 'unknown' | 'resetting' | 'unsupported' | 'unauthorized' | 'powered-off';
      readonly reason: string;
      /** What the tester can do about it, with the platform's commands. */
      readonly action: string;
      /** The underlying error or state, for the hardware lab. */
      readonly detail: string | null;
    };

export type AdapterStateKind = AdapterState['kind'];

/** One radio in use and its adapter, per role (bleno advertises, noble scans). */
export interface RadioStatus {
  readonly transport: RadioTransport;
  /** The radio's own address ("aa:bb:cc:dd:ee:ff"), once known. */
  readonly address: string | null;
  /** null when this radio is not used to advertise (e.g. the phone's). */
  readonly advertiser: AdapterState | null;
  /** null when this radio is not used to scan. */
  readonly scanner: AdapterState | null;
  /** Our advertisement is on the air through this radio right now. */
  readonly advertising: boolean;
  readonly scanning: boolean;
}

/** A message the UI shows about the beacon, e.g. that customers can only use the QR code. */
export interface HardwareNotice {
  readonly level: 'info' | 'warning';
  readonly code:
    | 'qr-only'
    | 'virtual-only'
    | 'advertising-interrupted'
    | 'beacon-missing'
    | 'virtual-radio-unavailable'
    | 'off';
  readonly message: string;
  readonly action: string | null;
}

/** The advertising of the PoS's own beacon. */
export type AdvertisingState =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'advertising';
      readonly beaconId: string;
      readonly posName: string;
      /** The radios actually on the air; empty while every radio is waiting (e.g. adapter off). */
      readonly on: readonly RadioTransport[];
    }
  | { readonly kind: 'failed'; readonly beaconId: string; readonly posName: string; readonly reason: string };

/** The start-up check that the configured beaconId is still on the air. */
export type PresenceState =
  | { readonly kind: 'unchecked' }
  | { readonly kind: 'checking'; readonly beaconId: string; readonly withinMs: number }
  | {
      readonly kind: 'present';
      readonly beaconId: string;
      readonly sightingId: string;
      readonly rssi: number;
    }
  | {
      readonly kind: 'missing';
      readonly beaconId: string;
      readonly waitedMs: number;
      readonly warning: string;
    }
  | { readonly kind: 'unavailable'; readonly beaconId: string; readonly reason: string };

/** Everything the beacon panel shows, pushed whole on every change. */
export interface BeaconHardwareState {
  readonly mode: HardwareMode;
  /** The real Bluetooth adapter, whether or not it is in use; null when the mode does not try it. */
  readonly bluetooth: AdapterState | null;
  readonly radios: readonly RadioStatus[];
  readonly advertising: AdvertisingState;
  readonly scanning: boolean;
  readonly presence: PresenceState;
  /** The virtual radio's distance in metres (RSSI follows it), null without a virtual radio. */
  readonly distanceM: number | null;
  /** Where the virtual radio is ("udp 127.0.0.1:47310", "memory #1"), null without one. */
  readonly virtualRadio: string | null;
  /** What the beacon panel must tell the tester, most important first; empty when all is well. */
  readonly notices: readonly HardwareNotice[];
}

/** A beacon frame as decoded from an advertisement: ours, Apple's iBeacon or Google's Eddystone-UID. */
export type BeaconFrame =
  | {
      readonly kind: 'pos-sim';
      readonly beaconId: string;
      readonly idKind: 'guid' | 'fifteen-digits';
      readonly version: number;
      readonly measuredPower: number;
    }
  | {
      readonly kind: 'ibeacon';
      readonly uuid: string;
      readonly major: number;
      readonly minor: number;
      readonly measuredPower: number;
    }
  | {
      readonly kind: 'eddystone-uid';
      readonly namespace: string;
      readonly instance: string;
      /** Calibrated Tx power at 0 m, as the frame carries it. */
      readonly txPowerAt0m: number;
    };

/** A beacon heard nearby, with its signal and when it was last heard. */
export interface BeaconSighting {
  /** Stable key: transport and address. */
  readonly id: string;
  readonly transport: RadioTransport;
  readonly address: string;
  readonly frame: BeaconFrame;
  readonly localName: string | null;
  readonly rssi: number;
  readonly estimatedDistanceM: number | null;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
}

/** Taking a sighting as the PoS's beaconId: the id, or why not. */
export type BeaconAdoption =
  | {
      readonly kind: 'adopted';
      readonly beaconId: string;
      readonly sightingId: string;
      readonly note: string;
    }
  | { readonly kind: 'refused'; readonly sightingId: string; readonly reason: string };
