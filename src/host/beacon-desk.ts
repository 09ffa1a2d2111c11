// The till's beacon hardware and the simulated phone's radio, as the host runs them: one
// BeaconHardware per process (bleno and noble are process-wide), opened in the mode the tester chose,
// advertising the current PoS's beaconId when the PoS lists Bluetooth, or, when a real beacon in the
// room carries that id, checking at start-up that it is heard. A phone's GATT check-in write is
// handed to the host at once (it asks the PoS API instead of waiting for the next poll). Nothing here
// throws for want of Bluetooth: every problem is a state and a notice on the hardware panel.
import { join } from 'node:path';
import { createBlePhone, type BlePhone, type BlePhoneOptions } from '../customer/ble-phone.js';
import {
  createBeaconHardware,
  DEFAULT_PRESENCE_WITHIN_MS,
  type BeaconHardware,
  type BeaconHardwareOptions,
} from '../hardware/beacon-hardware.js';
import type { BeaconAdoption, BeaconHardwareState, CheckInEvent, HardwareMode } from '../hardware/types.js';
import type { HardwareView, PhoneRadioView, PosView } from '../shared/bridge/index.js';
import type { EventHub } from './event-hub.js';
import { HostError } from './host-error.js';
import { readText, writeAtomically } from './settings-store.js';

/** What the composition root (or a test) sets for the radios. */
export interface HostHardwareOptions {
  /** Forces the till's mode at start (a CLI flag); otherwise the saved choice, else 'auto'. */
  readonly mode?: HardwareMode;
  /** The till's radios: a virtual medium, a substitute HCI socket, timers (mode comes from above). */
  readonly till?: Omit<BeaconHardwareOptions, 'mode'>;
  /** The simulated phone's radio: the virtual radio unless told otherwise. */
  readonly phone?: BlePhoneOptions;
  /** How long the start-up check listens for a real beacon carrying the PoS's beaconId. */
  readonly presenceWithinMs?: number;
  /** How long the phone listens for the till before saying it is not in range. */
  readonly discoverWithinMs?: number;
}

/** The tester's choices, kept in the data directory (hardware.json). */
interface HardwarePrefs {
  readonly mode: HardwareMode;
  /** This terminal advertises the PoS's beaconId itself; off: a real beacon carries it. */
  readonly advertise: boolean;
}

const MODES: readonly HardwareMode[] = ['auto', 'ble', 'virtual', 'off'];
const PREFS_FILE = 'hardware.json';

function loadPrefs(dataDir: string): Partial<HardwarePrefs> {
  try {
    const text = readText(join(dataDir, PREFS_FILE));
    if (text === null) return {};
    const raw = JSON.parse(text) as Record<string, unknown>;
    return {
      ...(MODES.includes(raw.mode as HardwareMode) ? { mode: raw.mode as HardwareMode } : {}),
      ...(typeof raw.advertise === 'boolean' ? { advertise: raw.advertise } : {}),
    };
  } catch {
    // A damaged file is the defaults, not a till that will not start.
    return {};
  }
}

/** The hardware state before the radios have opened (the first call of the panel may come first). */
function openingState(mode: HardwareMode): BeaconHardwareState {
  return {
    mode,
    bluetooth: null,
    radios: [],
    advertising: { kind: 'idle' },
    scanning: false,
    presence: { kind: 'unchecked' },
    distanceM: null,
    virtualRadio: null,
    notices: [{ level: 'info', code: 'off', message: 'The beacon hardware is starting.', action: null }],
  };
}

/** The beacon a PoS puts on the air, or why it has none. */
function beaconOf(pos: PosView | null): { beacon: HardwareView['beacon']; note: string | null } {
  if (pos === null) return { beacon: null, note: 'There is no point of sale yet: set one up first.' };
  if (pos.beaconId === null) return { beacon: null, note: 'The point of sale has no beaconId yet.' };
  if (!pos.supportedBeaconTypes.includes('Bluetooth'))
    return {
      beacon: null,
      note: `The point of sale lists ${pos.supportedBeaconTypes.join(' and ')} only, not Bluetooth: onboard it with Bluetooth to advertise its beaconId.`,
    };
  return { beacon: { beaconId: pos.beaconId.toLowerCase(), posName: pos.posName }, note: null };
}

export interface BeaconDeskDeps {
  readonly dataDir: string;
  readonly hub: EventHub;
  readonly options: HostHardwareOptions;
  /** A phone wrote the check-in token to the till's beacon: ask the PoS API now. */
  readonly onCheckIn: (event: CheckInEvent) => void;
}

/** The host's beacon hardware: its radios, the tester's choices, the PoS's beacon. */
export class BeaconDesk {
  private prefs: HardwarePrefs;
  private hardware: BeaconHardware | null = null;
  private phone: BlePhone | null = null;
  private offHardware: (() => void)[] = [];
  private pos: PosView | null = null;
  /** The beacon the advertising / presence check was last set up for ("" for none). */
  private appliedFor: string | null = null;
  /** The beaconId the tester last read from a device: onboarding with it means a real beacon carries it. */
  private adopted: string | null = null;
  private discovery: PhoneRadioView['discovery'] = null;
  /** Every change of the radios runs in order: mode switches, advertising, presence checks. */
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly offPos: () => void;

  constructor(private readonly deps: BeaconDeskDeps) {
    const saved = loadPrefs(deps.dataDir);
    this.prefs = { mode: deps.options.mode ?? saved.mode ?? 'auto', advertise: saved.advertise ?? true };
    // The session announces its PoS on the hub (start-up, onboarding, offboarding, failures).
    this.offPos = deps.hub.subscribe((event) => {
      if (event.kind === 'pos') this.posChanged(event.pos);
    });
  }

  /** Opens the radios of the chosen mode and the phone's radio. */
  open(): Promise<void> {
    return this.run(async () => {
      await this.openRadios();
      this.phone = await createBlePhone({
        ...this.deps.options.phone,
        discoverWithinMs: this.deps.options.discoverWithinMs ?? this.deps.options.phone?.discoverWithinMs,
      });
      this.emitPhone();
    });
  }

  /** Resolves once every change asked for so far (e.g. advertising the new PoS's beacon) is done. */
  async settled(): Promise<void> {
    await this.chain;
  }

  view(): HardwareView {
    const { beacon, note } = beaconOf(this.pos);
    return {
      state: this.hardware?.state() ?? openingState(this.prefs.mode),
      beacons: this.hardware?.beacons() ?? [],
      advertise: this.prefs.advertise,
      beacon,
      beaconNote: note,
    };
  }

  phoneView(): PhoneRadioView {
    const state = this.phone?.state();
    return {
      radios: state?.radios ?? [],
      scanning: state?.scanning ?? false,
      distanceM: state?.distanceM ?? null,
      notices: state?.notices ?? [],
      discovery: this.discovery,
    };
  }

  /** Closes the radios and opens those of `mode` (kept for the next start). */
  setMode(mode: HardwareMode): Promise<HardwareView> {
    return this.run(async () => {
      this.save({ ...this.prefs, mode });
      await this.closeRadios();
      await this.openRadios();
      return this.view();
    });
  }

  /** Whether this terminal advertises the PoS's beaconId (off: a real beacon in the room does). */
  setAdvertise(on: boolean): Promise<HardwareView> {
    return this.run(async () => {
      this.save({ ...this.prefs, advertise: on });
      this.appliedFor = null;
      await this.apply();
      return this.view();
    });
  }

  setScanning(on: boolean): Promise<HardwareView> {
    return this.run(async () => {
      const hardware = this.opened();
      await (on ? hardware.startScanning() : hardware.stopScanning());
      return this.view();
    });
  }

  /** Reads a heard beacon's id for the PoS setup; onboarding with it turns our own advertising off. */
  useBeacon(sightingId: string): BeaconAdoption {
    const adoption = this.opened().useBeacon(sightingId);
    if (adoption.kind === 'adopted') this.adopted = adoption.beaconId.toLowerCase();
    return adoption;
  }

  /** Listens for the PoS's beacon as at start-up; warns (notice) when it is not heard. */
  checkPresence(withinMs?: number): Promise<HardwareView> {
    return this.run(async () => {
      const { beacon, note } = beaconOf(this.pos);
      if (beacon === null) throw new HostError('no-pos', note ?? undefined);
      await this.presenceCheck(this.opened(), beacon.beaconId, withinMs);
      return this.view();
    });
  }

  setDistance(meters: number): HardwareView {
    this.opened().setDistance(meters);
    return this.view();
  }

  /** The phone listens for a till of our profile (the one advertising `beaconId`, when given). */
  async discover(request: {
    readonly beaconId?: string;
    readonly withinMs?: number;
  }): Promise<PhoneRadioView> {
    const found = await this.openedPhone().discover(request);
    this.discovery =
      found.kind === 'found'
        ? {
            kind: 'found',
            beaconId: found.beaconId,
            transport: found.sighting.transport,
            address: found.sighting.address,
            rssi: found.sighting.rssi,
            estimatedDistanceM: found.sighting.estimatedDistanceM,
            localName: found.sighting.localName,
          }
        : found;
    this.emitPhone();
    return this.phoneView();
  }

  /**
   * The phone's Bluetooth check-in, in a phone app's order: hear the till (refused when out of range,
   * before MobilePay is told anything), then `checkInAtApi` (the phone tells MobilePay), then write
   * the check-in token to the till's GATT characteristic so the till asks the API at once.
   */
  async checkInByBluetooth<T>(
    request: { readonly phoneId: string; readonly beaconId: string },
    checkInAtApi: () => Promise<T>,
  ): Promise<T> {
    const view = await this.discover({ beaconId: request.beaconId });
    if (view.discovery?.kind !== 'found')
      throw new HostError(
        'beacon-not-heard',
        `The phone does not hear the till's beacon ${request.beaconId}: ${view.discovery?.reason ?? 'no radio'} Move closer or scan the QR code.`,
      );
    const answer = await checkInAtApi();
    const written = await this.openedPhone().checkIn(request);
    if (written.kind === 'failed')
      this.deps.hub.notice(
        'beacon',
        `The phone checked in with MobilePay, but the till's beacon did not take its token (${written.reason}); the till sees the check-in on its next poll.`,
      );
    return answer;
  }

  setPhoneDistance(meters: number): PhoneRadioView {
    this.openedPhone().setDistance(meters);
    this.emitPhone();
    return this.phoneView();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.offPos();
    await this.chain.catch(() => undefined);
    await this.closeRadios();
    await this.phone?.close();
    this.phone = null;
  }

  /** Runs `task` after every earlier change of the radios; a failure reaches the caller only. */
  private run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(() => {
      if (this.closed) throw new HostError('closed');
      return task();
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  private opened(): BeaconHardware {
    if (this.hardware === null)
      throw new HostError('busy', 'The beacon hardware is starting: try again in a moment.');
    return this.hardware;
  }

  private openedPhone(): BlePhone {
    if (this.phone === null)
      throw new HostError('busy', "The phone's radio is starting: try again in a moment.");
    return this.phone;
  }

  private save(prefs: HardwarePrefs): void {
    this.prefs = prefs;
    writeAtomically(join(this.deps.dataDir, PREFS_FILE), `${JSON.stringify(prefs, null, 2)}\n`);
  }

  private async openRadios(): Promise<void> {
    const hardware = await createBeaconHardware({
      ...this.deps.options.till,
      mode: this.prefs.mode,
      onError: (error) => this.deps.hub.error('beacon', error),
    });
    this.hardware = hardware;
    this.offHardware = [
      hardware.onChange(() => this.emit()),
      hardware.onBeacons(() => this.emit()),
      hardware.onCheckIn((event) => {
        // Only a check-in at this PoS's beacon concerns the till.
        if (event.beaconId === beaconOf(this.pos).beacon?.beaconId) this.deps.onCheckIn(event);
      }),
    ];
    this.appliedFor = null;
    await this.apply();
    this.emit();
  }

  private async closeRadios(): Promise<void> {
    for (const off of this.offHardware) off();
    this.offHardware = [];
    const hardware = this.hardware;
    this.hardware = null;
    await hardware?.close();
  }

  private posChanged(pos: PosView | null): void {
    this.pos = pos;
    const beaconId = beaconOf(pos).beacon?.beaconId ?? null;
    if (beaconId !== null && beaconId === this.adopted && this.prefs.advertise) {
      // Onboarded with a beaconId read from a device: that device carries it, the terminal need not.
      this.adopted = null;
      this.save({ ...this.prefs, advertise: false });
      this.deps.hub.notice(
        'beacon',
        `The beacon ${beaconId} read from a device now carries this point of sale: the terminal stops advertising it and checks that it is heard.`,
      );
    }
    this.run(() => this.apply()).catch((error: unknown) => this.deps.hub.error('beacon', error));
    this.emit();
  }

  /** Puts the PoS's beacon on the air, or checks that a real beacon carries it; once per beacon. */
  private async apply(): Promise<void> {
    const hardware = this.hardware;
    if (hardware === null) return;
    const { beacon } = beaconOf(this.pos);
    const key = beacon === null ? '' : `${beacon.beaconId}|${beacon.posName}|${this.prefs.advertise}`;
    if (key === this.appliedFor) return;
    this.appliedFor = key;
    if (beacon === null || !this.prefs.advertise) await hardware.stopAdvertising();
    if (beacon === null) return;
    if (this.prefs.advertise) await hardware.startAdvertising(beacon.beaconId, beacon.posName);
    // The start-up check runs in the background: the till does not wait ten seconds to take payments.
    else
      void this.presenceCheck(hardware, beacon.beaconId).catch((error: unknown) =>
        this.deps.hub.error('beacon', error),
      );
  }

  private async presenceCheck(hardware: BeaconHardware, beaconId: string, withinMs?: number): Promise<void> {
    const presence = await hardware.checkPresence(
      beaconId,
      withinMs ?? this.deps.options.presenceWithinMs ?? DEFAULT_PRESENCE_WITHIN_MS,
    );
    if (presence.kind === 'missing') this.deps.hub.notice('beacon', presence.warning);
    if (presence.kind === 'unavailable')
      this.deps.hub.notice('beacon', `The beacon ${beaconId} cannot be checked: ${presence.reason}`);
  }

  private emit(): void {
    if (!this.closed) this.deps.hub.emit({ kind: 'hardware', hardware: this.view() });
  }

  private emitPhone(): void {
    if (!this.closed) this.deps.hub.emit({ kind: 'phone-radio', radio: this.phoneView() });
  }
}
