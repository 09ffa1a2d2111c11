// The beacon hardware as the host sees it: one object that advertises the PoS's beaconId on every
// radio the mode opened (real BLE, the virtual radio), lists nearby beacons, checks at start-up that
// the configured beacon is on the air, and reports a phone's check-in write at once. Nothing here
// throws for want of Bluetooth: every failure is a state with a notice (QR only, virtual only, ...).
import { isValidBeaconId } from '../shared/pos-v10/formats.js';
import { adoptBeacon, beaconIdOf } from './beacon-adoption.js';
import { BeaconScan } from './beacon-scan.js';
import { beaconIdValue, buildAdvertisement, buildScanResponse } from './ble-profile.js';
import { ATT_RESULT } from './ble-stack-types.js';
import { decodeCheckInToken } from './check-in-token.js';
import { advertisingStateOf, noticesFor } from './hardware-notices.js';
import { isValidDistance } from './path-loss.js';
import { openRadios, type RadioOptions } from './radio-selection.js';
import { realTimers } from './timers.js';
import type {
  BeaconAdoption,
  BeaconHardwareState,
  BeaconSighting,
  CheckInEvent,
  CheckInHandler,
  PresenceState,
  Radio,
  RadioTransport,
} from './types.js';
import { DEFAULT_DISTANCE_M } from './virtual-radio/virtual-radio.js';

export interface BeaconHardwareOptions extends RadioOptions {
  readonly now?: () => number;
  readonly staleAfterMs?: number;
  readonly refreshMs?: number;
  /** Where errors thrown by listeners go (they never reach the radios). */
  readonly onError?: (error: unknown) => void;
}

/** The till's beacon: advertise, scan, start-up check, check-ins. Every call resolves; none throws. */
export interface BeaconHardware {
  state(): BeaconHardwareState;
  onChange(listener: (state: BeaconHardwareState) => void): () => void;
  startAdvertising(beaconId: string, posName: string): Promise<BeaconHardwareState>;
  stopAdvertising(): Promise<BeaconHardwareState>;
  startScanning(): Promise<BeaconHardwareState>;
  stopScanning(): Promise<BeaconHardwareState>;
  beacons(): readonly BeaconSighting[];
  onBeacons(listener: (beacons: readonly BeaconSighting[]) => void): () => void;
  /** Takes a listed beacon as the PoS's beaconId (the host then saves it), or says why not. */
  useBeacon(sightingId: string): BeaconAdoption;
  /** The start-up check: is `beaconId` heard within `withinMs`? Scans meanwhile if not scanning. */
  checkPresence(beaconId: string, withinMs?: number): Promise<PresenceState>;
  /** The virtual radio's distance in metres (RSSI follows); real radios ignore it. */
  setDistance(meters: number): BeaconHardwareState;
  onCheckIn(listener: (event: CheckInEvent) => void): () => void;
  close(): Promise<void>;
}

export const DEFAULT_PRESENCE_WITHIN_MS = 10_000;

/** Opens the radios of `options.mode` (default 'auto') for advertising and scanning. */
export async function createBeaconHardware(options: BeaconHardwareOptions = {}): Promise<BeaconHardware> {
  const mode = options.mode ?? 'auto';
  const now = options.now ?? Date.now;
  const timers = options.timers ?? realTimers;
  const report = options.onError ?? (() => undefined);
  const opened = await openRadios(options, { advertise: true, scan: true });
  const radios: readonly Radio[] = opened.radios;
  const scan = new BeaconScan(radios, {
    now,
    timers,
    staleAfterMs: options.staleAfterMs,
    refreshMs: options.refreshMs,
  });
  const changeListeners = new Set<(state: BeaconHardwareState) => void>();
  const checkInListeners = new Set<(event: CheckInEvent) => void>();
  const hasVirtual = radios.some((r) => r.transport === 'virtual');
  let wanted: { beaconId: string; posName: string } | null = null;
  let refusal: string | null = null;
  let presence: PresenceState = { kind: 'unchecked' };
  let distanceM: number | null = hasVirtual ? (options.virtual?.distanceM ?? DEFAULT_DISTANCE_M) : null;
  let closed = false;
  let last = '';

  const state = (): BeaconHardwareState => {
    const statuses = radios.map((radio) => radio.status());
    const ble = statuses.find((s) => s.transport === 'ble');
    return {
      mode,
      bluetooth:
        ble === undefined
          ? opened.bleProblem
          : ([ble.advertiser, ble.scanner].find((s) => s !== null && s.kind !== 'powered-on') ??
            ble.advertiser),
      radios: statuses,
      advertising: advertisingStateOf(wanted, statuses, refusal),
      scanning: statuses.some((s) => s.scanning),
      presence,
      distanceM,
      virtualRadio: opened.virtualMedium,
      notices: noticesFor({
        mode,
        statuses,
        bleProblem: opened.bleProblem,
        virtualProblem: opened.virtualProblem,
        advertisingWanted: wanted !== null,
        presence,
      }),
    };
  };
  const changed = (): BeaconHardwareState => {
    const now = state();
    const text = JSON.stringify(now);
    if (!closed && text !== last) {
      last = text;
      for (const listener of [...changeListeners])
        try {
          listener(now);
        } catch (error) {
          report(error);
        }
    }
    return now;
  };
  const offStatus = radios.map((radio) => radio.onStatus(() => changed()));

  const checkInHandler =
    (transport: RadioTransport): CheckInHandler =>
    (value, from) => {
      const decoded = decodeCheckInToken(value);
      if (!decoded.ok || wanted === null) return ATT_RESULT.tokenRefused;
      const event: CheckInEvent = { beaconId: wanted.beaconId, ...decoded.token, transport, from, at: now() };
      for (const listener of [...checkInListeners])
        try {
          listener(event);
        } catch (error) {
          report(error);
        }
      return ATT_RESULT.success;
    };

  return {
    state,
    onChange: (listener) => {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    startAdvertising: async (beaconId, posName) => {
      if (!isValidBeaconId(beaconId)) {
        wanted = { beaconId, posName };
        refusal = `"${beaconId}" is not a beaconId (a GUID or 15 digits).`;
        // Whatever was on the air before is not this PoS's beacon any more.
        await Promise.all(radios.map((radio) => radio.stopAdvertising()));
        return changed();
      }
      wanted = { beaconId: beaconId.toLowerCase(), posName };
      const frame = {
        advertisement: buildAdvertisement(beaconId),
        scanResponse: buildScanResponse(posName),
        beaconIdValue: beaconIdValue(beaconId),
      };
      const results = await Promise.all(
        radios.map((radio) => radio.advertise(frame, checkInHandler(radio.transport))),
      );
      const refused = results.flatMap((r, i) => (r.ok ? [] : [`${radios[i]?.transport}: ${r.reason}`]));
      refusal = refused.length > 0 ? refused.join('; ') : null;
      return changed();
    },
    stopAdvertising: async () => {
      wanted = null;
      refusal = null;
      await Promise.all(radios.map((radio) => radio.stopAdvertising()));
      return changed();
    },
    startScanning: async () => {
      if (!scan.scanning) await scan.start();
      return changed();
    },
    stopScanning: async () => {
      await scan.stop();
      return changed();
    },
    beacons: () => scan.beacons(),
    onBeacons: (listener) => scan.onBeacons(listener),
    useBeacon: (sightingId) => {
      const sighting = scan.registry.get(sightingId);
      if (sighting === null)
        return { kind: 'refused', sightingId, reason: 'That beacon is not heard any more.' };
      return adoptBeacon(sighting, scan.beacons());
    },
    checkPresence: async (beaconId, withinMs = DEFAULT_PRESENCE_WITHIN_MS) => {
      const scanners = radios.filter((radio) => radio.status().scanner?.kind === 'powered-on');
      if (scanners.length === 0) {
        presence = { kind: 'unavailable', beaconId, reason: 'no radio here can scan.' };
        changed();
        return presence;
      }
      presence = { kind: 'checking', beaconId, withinMs };
      changed();
      const started = !scan.scanning;
      if (started) await scan.start();
      const wantedId = beaconId.toLowerCase();
      const sighting = await scan.waitFor((s) => beaconIdOf(s.frame)?.toLowerCase() === wantedId, withinMs);
      if (started && !closed) await scan.stop();
      presence =
        sighting === null
          ? {
              kind: 'missing',
              beaconId,
              waitedMs: withinMs,
              warning: `The configured beacon ${beaconId} was not heard within ${Math.round(withinMs / 1000)} s. Customers can still check in with the QR code.`,
            }
          : { kind: 'present', beaconId, sightingId: sighting.id, rssi: sighting.rssi };
      changed();
      return presence;
    },
    setDistance: (meters) => {
      if (!isValidDistance(meters) || !hasVirtual) return state();
      distanceM = meters;
      for (const radio of radios) radio.setDistance(meters);
      return changed();
    },
    onCheckIn: (listener) => {
      checkInListeners.add(listener);
      return () => checkInListeners.delete(listener);
    },
    close: async () => {
      closed = true;
      offStatus.forEach((off) => off());
      scan.close();
      await Promise.all(radios.map((radio) => radio.close()));
      changeListeners.clear();
      checkInListeners.clear();
    },
  };
}
