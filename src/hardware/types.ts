// The beacon hardware's data and interfaces: what the host and the screens see (states, sightings,
// check-ins) and the radio seam that real BLE (noble + bleno) and the virtual radio both implement.
// Data is data: readonly, tagged with `kind`, nothing here throws.

import type { RadioStatus, RadioTransport } from '../shared/hardware.js';

export type {
  HardwareMode,
  RadioTransport,
  AdapterState,
  AdapterStateKind,
  RadioStatus,
  HardwareNotice,
  AdvertisingState,
  PresenceState,
  BeaconHardwareState,
  BeaconFrame,
  BeaconSighting,
  BeaconAdoption,
} from '../shared/hardware.js';

/** A phone wrote our check-in token: the host asks the PoS API at once instead of waiting for a poll. */
export interface CheckInEvent {
  readonly beaconId: string;
  readonly phoneId: string;
  readonly nonce: number;
  readonly transport: RadioTransport;
  /** The phone's radio address. */
  readonly from: string;
  readonly at: number;
}

/** The content of an advertisement (plus scan response), in the shape noble reports it. */
export interface AdvertisementContent {
  /** Manufacturer specific data including the 2-byte company id (little-endian), as on the air. */
  readonly manufacturerData: Uint8Array | null;
  /** Service data; uuid as lowercase hex without dashes ("feaa"). */
  readonly serviceData: readonly { readonly uuid: string; readonly data: Uint8Array }[];
  /** Advertised service UUIDs, lowercase hex without dashes. */
  readonly serviceUuids: readonly string[];
  readonly localName: string | null;
  readonly txPowerLevel: number | null;
}

/** One advertisement heard by a radio. */
export interface AdvertisementReport {
  readonly transport: RadioTransport;
  readonly address: string;
  readonly content: AdvertisementContent;
  readonly rssi: number;
  readonly connectable: boolean;
}

/** What a radio puts on the air for our profile (bytes from ble-profile.ts). */
export interface AdvertisingFrame {
  readonly advertisement: Uint8Array;
  readonly scanResponse: Uint8Array;
  /** The value of the read-only beaconId characteristic. */
  readonly beaconIdValue: Uint8Array;
}

/** Answers a check-in write: 0 accepts, an ATT error code refuses. */
export type CheckInHandler = (token: Uint8Array, from: string) => number;

/** The result of an operation that may not be possible on this radio; never thrown. */
export type RadioResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** setTimeout and clearTimeout, injectable so tests decide when time passes. */
export interface HardwareTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The seam between the facade and one radio: real BLE and the virtual radio implement it. */
export interface Radio {
  readonly transport: RadioTransport;
  status(): RadioStatus;
  /** Called on every adapter state change; returns the unsubscribe. */
  onStatus(listener: (status: RadioStatus) => void): () => void;
  advertise(frame: AdvertisingFrame, onCheckIn: CheckInHandler): Promise<RadioResult>;
  stopAdvertising(): Promise<void>;
  startScanning(onReport: (report: AdvertisementReport) => void): Promise<RadioResult>;
  stopScanning(): Promise<void>;
  /** Connects to a peripheral heard while scanning and writes our check-in characteristic. */
  writeCheckIn(address: string, token: Uint8Array): Promise<RadioResult>;
  /** Virtual radio only: the distance that sets the RSSI; real radios ignore it. */
  setDistance(meters: number): void;
  close(): Promise<void>;
}
