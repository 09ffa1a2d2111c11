// The simulated phone's Bluetooth: it hears the till's beacon (this project's profile, docs/ble-profile.md)
// on the virtual radio or a real adapter, and checks in by writing the check-in token to the till's GATT
// check-in characteristic, as a phone app would. The till reports the write at once (onCheckIn), so
// the host asks the PoS API instead of waiting for its next poll. Nothing throws for want of Bluetooth.
import { randomInt } from 'node:crypto';
import { BeaconScan } from '../hardware/beacon-scan.js';
import { encodeCheckInToken, MAX_PHONE_ID_BYTES } from '../hardware/check-in-token.js';
import { isValidDistance } from '../hardware/path-loss.js';
import { openRadios, type OpenedRadios, type RadioOptions } from '../hardware/radio-selection.js';
import { realTimers } from '../hardware/timers.js';
import type { BeaconSighting, HardwareNotice, RadioStatus } from '../hardware/types.js';
import { DEFAULT_DISTANCE_M } from '../hardware/virtual-radio/virtual-radio.js';

export interface BlePhoneOptions extends RadioOptions {
  readonly now?: () => number;
  /** The nonce of each check-in token; default a random 16-bit number. */
  readonly nonce?: () => number;
  /** How long discovery listens for the till by default. */
  readonly discoverWithinMs?: number;
}

/** What the phone simulator's Bluetooth panel shows. */
export interface BlePhoneState {
  readonly radios: readonly RadioStatus[];
  readonly scanning: boolean;
  readonly distanceM: number | null;
  readonly notices: readonly HardwareNotice[];
}

/** A till heard nearby, or why none was. */
export type PhoneDiscovery =
  | { readonly kind: 'found'; readonly beaconId: string; readonly sighting: BeaconSighting }
  | { readonly kind: 'not-found'; readonly reason: string };

export type BleCheckInResult =
  | {
      readonly kind: 'checked-in';
      readonly beaconId: string;
      readonly transport: BeaconSighting['transport'];
      readonly address: string;
      readonly rssi: number;
    }
  | { readonly kind: 'failed'; readonly beaconId: string | null; readonly reason: string };

/** The phone's Bluetooth: discover the till's beacon, check in over GATT. */
export interface BlePhone {
  state(): BlePhoneState;
  /** Listens for a till of our profile (the one advertising `beaconId`, if given), strongest first. */
  discover(request?: { readonly beaconId?: string; readonly withinMs?: number }): Promise<PhoneDiscovery>;
  /** Finds the till and writes the check-in token with this phone's id (the test user's number). */
  checkIn(request: {
    readonly phoneId: string;
    readonly beaconId?: string;
    readonly withinMs?: number;
  }): Promise<BleCheckInResult>;
  /** Walks the phone to `meters` from the counter: RSSI and range follow on the virtual radio. */
  setDistance(meters: number): BlePhoneState;
  close(): Promise<void>;
}

function notices(opened: OpenedRadios): HardwareNotice[] {
  const out: HardwareNotice[] = [];
  if (opened.bleProblem !== null)
    out.push({
      level: 'warning',
      code: opened.radios.length > 0 ? 'virtual-only' : 'qr-only',
      message: opened.bleProblem.reason,
      action: opened.bleProblem.action,
    });
  if (opened.virtualProblem !== null)
    out.push({
      level: 'warning',
      code: 'virtual-radio-unavailable',
      message: `Virtual radio: ${opened.virtualProblem}.`,
      action: null,
    });
  if (opened.radios.length === 0 && !out.some((n) => n.code === 'qr-only'))
    out.push({
      level: 'warning',
      code: 'qr-only',
      message: 'The phone has no radio: scan the QR code instead.',
      action: null,
    });
  return out;
}

/** Opens the phone's radios: by default the virtual radio only, where the till's beacon is always heard. */
export async function createBlePhone(options: BlePhoneOptions = {}): Promise<BlePhone> {
  const opened = await openRadios(
    { ...options, mode: options.mode ?? 'virtual' },
    { advertise: false, scan: true },
  );
  const timers = options.timers ?? realTimers;
  const scan = new BeaconScan(opened.radios, { now: options.now, timers });
  const nonce = options.nonce ?? (() => randomInt(0, 0x10000));
  const hasVirtual = opened.radios.some((r) => r.transport === 'virtual');
  let distanceM: number | null = hasVirtual ? (options.virtual?.distanceM ?? DEFAULT_DISTANCE_M) : null;

  const state = (): BlePhoneState => ({
    radios: opened.radios.map((radio) => radio.status()),
    scanning: scan.scanning,
    distanceM,
    notices: notices(opened),
  });

  const discover = async (
    request: { readonly beaconId?: string; readonly withinMs?: number } = {},
  ): Promise<PhoneDiscovery> => {
    if (opened.radios.length === 0) return { kind: 'not-found', reason: 'The phone has no radio.' };
    const wanted = request.beaconId?.toLowerCase();
    const ours = (s: BeaconSighting): boolean =>
      s.frame.kind === 'pos-sim' && (wanted === undefined || s.frame.beaconId === wanted);
    const started = !scan.scanning;
    if (started) await scan.start();
    const withinMs = request.withinMs ?? options.discoverWithinMs ?? 5000;
    const first = await scan.waitFor(ours, withinMs);
    // The strongest of the tills heard so far, not merely the first.
    const sighting = first === null ? null : (scan.beacons().find(ours) ?? first);
    if (started) await scan.stop();
    if (sighting === null || sighting.frame.kind !== 'pos-sim')
      return {
        kind: 'not-found',
        reason: `No till${wanted ? ` advertising ${wanted}` : ''} heard within ${withinMs} ms.`,
      };
    return { kind: 'found', beaconId: sighting.frame.beaconId, sighting };
  };

  return {
    state,
    discover,
    checkIn: async (request) => {
      let token: Uint8Array;
      try {
        token = encodeCheckInToken({ phoneId: request.phoneId.replace(/[\s-]/g, ''), nonce: nonce() });
      } catch {
        return {
          kind: 'failed',
          beaconId: request.beaconId ?? null,
          reason: `A phone id is 1 to ${MAX_PHONE_ID_BYTES} ASCII characters.`,
        };
      }
      const found = await discover(request);
      if (found.kind === 'not-found')
        return { kind: 'failed', beaconId: request.beaconId ?? null, reason: found.reason };
      const { sighting, beaconId } = found;
      const radio = opened.radios.find((r) => r.transport === sighting.transport);
      const written =
        radio === undefined
          ? { ok: false as const, reason: 'the radio is gone' }
          : await radio.writeCheckIn(sighting.address, token);
      if (!written.ok) return { kind: 'failed', beaconId, reason: written.reason };
      return {
        kind: 'checked-in',
        beaconId,
        transport: sighting.transport,
        address: sighting.address,
        rssi: sighting.rssi,
      };
    },
    setDistance: (meters) => {
      if (isValidDistance(meters) && hasVirtual) {
        distanceM = meters;
        for (const radio of opened.radios) radio.setDistance(meters);
      }
      return state();
    },
    close: async () => {
      scan.close();
      await Promise.all(opened.radios.map((radio) => radio.close()));
    },
  };
}
