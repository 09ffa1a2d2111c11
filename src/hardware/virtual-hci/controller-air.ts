// The air side of a virtual controller (a virtual-radio medium): advertising events every interval
// (and at once to a new scanner), advertising reports with an RSSI from the log-distance model, and
// the connections of controller-links.ts. It sends the same 'adv' messages as the virtual radio, so
// BLE stacks on virtual controllers and virtual radios hear each other's beacons.
import { DEFAULT_PATH_LOSS, isAudible, rssiAtDistance, type PathLossModel } from '../path-loss.js';
import { unref } from '../timers.js';
import type { HardwareTimers } from '../types.js';
import type { RadioLink } from '../virtual-radio/memory-medium.js';
import { fromHex, toHex, type RadioMessage } from '../virtual-radio/radio-messages.js';
import { ControllerLinks } from './controller-links.js';
import { addressBytes, LE_SUBEVENT, leMeta } from './hci-packets.js';

export interface AirOptions {
  readonly address: string;
  readonly distance: () => number;
  readonly pathLoss?: PathLossModel;
  readonly timers: HardwareTimers;
  /** The shortest advertising interval the controller honours, so the medium stays bounded. */
  readonly advertisingFloorMs: number;
}

const idleAdvertising = (): ControllerAir['advertising'] => ({
  type: 0,
  intervalMs: 1280,
  data: new Uint8Array(),
  scanResponse: new Uint8Array(),
  enabled: false,
});

/** The air side of one controller; `emit` sends an event up to its host. */
export class ControllerAir {
  advertising: {
    type: number;
    intervalMs: number;
    data: Uint8Array;
    scanResponse: Uint8Array;
    enabled: boolean;
  } = idleAdvertising();
  scanning = { active: false, enabled: false, filterDuplicates: false };
  /** LE Create Connection and everything after it. */
  readonly links: ControllerLinks;
  private readonly seen = new Set<string>();
  private readonly peers = new Map<string, { peerId: string; distance: number }>();
  private timer: unknown = null;
  private readonly model: PathLossModel;
  private readonly emit: (packet: Buffer) => void;

  constructor(
    private readonly link: RadioLink,
    private readonly options: AirOptions,
    emit: (packet: Buffer) => void,
  ) {
    this.model = options.pathLoss ?? DEFAULT_PATH_LOSS;
    this.emit = emit;
    this.links = new ControllerLinks({
      link,
      address: options.address,
      distance: options.distance,
      model: this.model,
      emit,
      peer: (address) => this.peers.get(address),
      connectable: () =>
        this.advertising.enabled && (this.advertising.type === 0 || this.advertising.type === 1),
      onAccepted: () => this.enableAdvertising(false),
    });
  }

  /** Advertising on or off (off also when a connection is accepted). */
  enableAdvertising(enabled: boolean): void {
    this.advertising.enabled = enabled;
    this.options.timers.clearTimeout(this.timer);
    this.timer = null;
    if (enabled) this.advertiseEvent();
  }

  enableScanning(enabled: boolean, filterDuplicates: boolean): void {
    this.scanning.enabled = enabled;
    this.scanning.filterDuplicates = filterDuplicates;
    this.seen.clear();
    if (enabled) this.link.broadcast({ t: 'scan', from: this.options.address, d: this.options.distance() });
  }

  /** HCI Reset or power off: everything stops; peers see the link time out. */
  reset(): void {
    this.enableAdvertising(false);
    this.scanning = { active: false, enabled: false, filterDuplicates: false };
    this.advertising = idleAdvertising();
    this.links.reset();
  }

  /** A message from the medium. */
  receive(message: RadioMessage, fromPeer: string): void {
    switch (message.t) {
      case 'adv':
        this.peers.set(message.from, { peerId: fromPeer, distance: message.d });
        this.links.heard(message.from, fromPeer, message.advType);
        return this.report(message);
      case 'scan':
        if (this.advertising.enabled) this.link.sendTo(fromPeer, this.advMessage());
        return;
      default:
        return this.links.receive(message, fromPeer);
    }
  }

  private advMessage(): RadioMessage {
    const { type, data, scanResponse } = this.advertising;
    const d = this.options.distance();
    return {
      t: 'adv',
      from: this.options.address,
      atype: 'public',
      advType: type,
      adv: toHex(data),
      rsp: toHex(scanResponse),
      d,
    };
  }

  private advertiseEvent(): void {
    if (!this.advertising.enabled) return;
    this.link.broadcast(this.advMessage());
    const every = Math.max(this.advertising.intervalMs, this.options.advertisingFloorMs);
    this.timer = unref(this.options.timers.setTimeout(() => this.advertiseEvent(), every));
  }

  /** LE Advertising Reports for what a scanner hears: the PDU, then its scan response when scanning actively. */
  private report(message: Extract<RadioMessage, { t: 'adv' }>): void {
    if (!this.scanning.enabled) return;
    const rssi = rssiAtDistance(message.d + this.options.distance(), this.model);
    if (!isAudible(rssi, this.model)) return;
    const addressType = message.atype === 'random' ? 1 : 0;
    const one = (type: number, data: Uint8Array): void => {
      const key = `${message.from}/${type}`;
      if (this.scanning.filterDuplicates && this.seen.has(key)) return;
      this.seen.add(key);
      const params = [1, type, addressType, ...addressBytes(message.from), data.length, ...data, rssi & 0xff];
      this.emit(leMeta(LE_SUBEVENT.advertisingReport, params));
    };
    one(message.advType, fromHex(message.adv));
    const scannable = message.advType === 0 || message.advType === 2;
    if (this.scanning.active && scannable && message.rsp !== null) one(0x04, fromHex(message.rsp));
  }
}
