// A virtual Bluetooth LE controller: it answers the HCI commands noble and bleno send (Command
// Complete or Command Status with the parameters the Core Specification gives), keeps the event
// masks, and does its link layer on a virtual-radio medium (controller-air.ts). Unknown opcodes are
// logged and answered "Unknown HCI Command". It can be powered off and on like an adapter.
import { DEFAULT_PATH_LOSS, type PathLossModel } from '../path-loss.js';
import { realTimers } from '../timers.js';
import type { HardwareTimers } from '../types.js';
import type { RadioLink } from '../virtual-radio/memory-medium.js';
import { ControllerAir } from './controller-air.js';
import {
  addressBytes,
  addressFromBytes,
  commandComplete,
  commandStatus,
  EVENT,
  OPCODE,
  PACKET,
  STATUS,
  SUPPORTED_COMMAND_BITS,
  u16,
} from './hci-packets.js';

export interface VirtualControllerOptions {
  readonly address: string;
  /** HCI version: 0x06 is Bluetooth 4.0; below it noble and bleno report 'unsupported'. */
  readonly hciVersion?: number;
  /** 'denied' makes every write fail with EPERM, as a raw socket without CAP_NET_RAW does. */
  readonly permission?: 'granted' | 'denied';
  readonly distanceM?: number;
  readonly pathLoss?: PathLossModel;
  readonly timers?: HardwareTimers;
  readonly advertisingFloorMs?: number;
  /** Where unknown opcodes are reported; default console.warn. */
  readonly log?: (line: string) => void;
}

/** Something attached to the controller that receives the packets it sends up (a socket). */
export interface HostEndpoint {
  deliver(packet: Buffer): void;
}

const DEFAULT_EVENT_MASK = 0x00001fffffffffffn;
const DEFAULT_LE_EVENT_MASK = 0x1fn;
/** LE ACL buffers: 27-byte packets (the LE minimum), 8 of them. */
const LE_BUFFER = { length: 27, count: 8 } as const;

export class VirtualController {
  readonly address: string;
  readonly hciVersion: number;
  readonly permission: 'granted' | 'denied';
  /** Every opcode the hosts sent, in order: what noble and bleno really ask of a controller. */
  readonly received: number[] = [];
  readonly unknownOpcodes = new Set<number>();
  private up = true;
  private distance: number;
  private eventMask = DEFAULT_EVENT_MASK;
  private leEventMask = DEFAULT_LE_EVENT_MASK;
  private leHostSupported = [0, 0];
  private readonly endpoints = new Set<HostEndpoint>();
  private readonly queue: [HostEndpoint | null, Buffer][] = [];
  private flushing = false;
  private readonly air: ControllerAir;
  private readonly log: (line: string) => void;

  constructor(
    readonly index: number,
    private readonly link: RadioLink,
    options: VirtualControllerOptions,
  ) {
    this.address = options.address;
    this.hciVersion = options.hciVersion ?? 0x09;
    this.permission = options.permission ?? 'granted';
    this.distance = options.distanceM ?? 0.5;
    this.log = options.log ?? ((line) => console.warn(line));
    this.air = new ControllerAir(
      link,
      {
        address: this.address,
        distance: () => this.distance,
        pathLoss: options.pathLoss ?? DEFAULT_PATH_LOSS,
        timers: options.timers ?? realTimers,
        advertisingFloorMs: options.advertisingFloorMs ?? 100,
      },
      (packet) => this.emit(packet),
    );
    link.onMessage((message, fromPeer) => {
      if (this.up) this.air.receive(message, fromPeer);
    });
  }

  isUp(): boolean {
    return this.up;
  }

  /** The adapter goes down (rfkill, unplugged): the air stops, hosts see the device down. */
  powerOff(): void {
    this.air.reset();
    this.up = false;
  }

  powerOn(): void {
    this.eventMask = DEFAULT_EVENT_MASK;
    this.leEventMask = DEFAULT_LE_EVENT_MASK;
    this.up = true;
  }

  setDistance(meters: number): void {
    this.distance = meters;
  }

  attach(endpoint: HostEndpoint): void {
    this.endpoints.add(endpoint);
  }

  detach(endpoint: HostEndpoint): void {
    this.endpoints.delete(endpoint);
  }

  close(): Promise<void> {
    this.air.reset();
    this.endpoints.clear();
    return this.link.close();
  }

  /** A packet from a host socket: commands are answered, ACL data goes on the air. */
  write(from: HostEndpoint, packet: Buffer): void {
    if (packet[0] === PACKET.command && packet.length >= 4) {
      for (const other of this.endpoints) if (other !== from) this.queueTo(other, packet);
      this.command(packet.readUInt16LE(1), packet.subarray(4, 4 + (packet[3] ?? 0)));
    } else if (packet[0] === PACKET.acl && packet.length >= 5) {
      const header = packet.readUInt16LE(1);
      this.air.links.sendAcl(
        header & 0x0fff,
        (header >> 12) & 0x3,
        packet.subarray(5, 5 + packet.readUInt16LE(3)),
      );
    }
  }

  private command(opcode: number, p: Buffer): void {
    this.received.push(opcode);
    const ok = (...params: number[]): void => this.emit(commandComplete(opcode, [STATUS.success, ...params]));
    const fail = (status: number): void => this.emit(commandComplete(opcode, [status]));
    switch (opcode) {
      case OPCODE.reset:
        this.air.reset();
        this.eventMask = DEFAULT_EVENT_MASK;
        this.leEventMask = DEFAULT_LE_EVENT_MASK;
        return ok();
      case OPCODE.setEventMask:
        this.eventMask = p.length >= 8 ? p.readBigUInt64LE(0) : this.eventMask;
        return ok();
      case OPCODE.leSetEventMask:
        this.leEventMask = p.length >= 8 ? p.readBigUInt64LE(0) : this.leEventMask;
        return ok();
      case OPCODE.readLeHostSupported:
        return ok(...this.leHostSupported);
      case OPCODE.writeLeHostSupported:
        this.leHostSupported = [p[0] ?? 0, p[1] ?? 0];
        return ok();
      case OPCODE.readLocalVersion:
        return ok(this.hciVersion, ...u16(0x0001), this.hciVersion, ...u16(0xffff), ...u16(0x0001));
      case OPCODE.readLocalCommands: {
        const bitmap = new Array<number>(64).fill(0);
        for (const [octet, bit] of SUPPORTED_COMMAND_BITS) bitmap[octet] = (bitmap[octet] ?? 0) | (1 << bit);
        return ok(...bitmap);
      }
      case OPCODE.readLocalFeatures:
        return ok(0, 0, 0, 0, 0x60, 0, 0, 0); // LE supported (controller), BR/EDR not supported
      case OPCODE.leReadLocalFeatures:
        return ok(0, 0, 0, 0, 0, 0, 0, 0);
      case OPCODE.readBufferSize:
        return ok(...u16(LE_BUFFER.length), 0, ...u16(LE_BUFFER.count), ...u16(0));
      case OPCODE.leReadBufferSize:
        return ok(...u16(LE_BUFFER.length), LE_BUFFER.count);
      case OPCODE.readBdAddr:
        return ok(...addressBytes(this.address));
      case OPCODE.leSetRandomAddress:
        return p.length === 6 ? ok() : fail(STATUS.invalidParameters);
      case OPCODE.leReadAdvertisingTxPower:
        return ok(0);
      case OPCODE.leLtkNegativeReply:
        return ok(...u16(p.length >= 2 ? p.readUInt16LE(0) : 0));
      case OPCODE.readRssi: {
        const handle = p.length >= 2 ? p.readUInt16LE(0) : 0;
        const rssi = this.air.links.rssiOf(handle);
        if (rssi === null)
          return this.emit(commandComplete(opcode, [STATUS.unknownConnection, ...u16(handle), 0]));
        return ok(...u16(handle), rssi & 0xff);
      }
      default:
        return this.leCommand(opcode, p, ok, fail);
    }
  }

  private leCommand(opcode: number, p: Buffer, ok: () => void, fail: (status: number) => void): void {
    const air = this.air;
    switch (opcode) {
      case OPCODE.leSetAdvertisingParameters: {
        if (air.advertising.enabled) return fail(STATUS.commandDisallowed);
        if (p.length !== 15) return fail(STATUS.invalidParameters);
        const min = p.readUInt16LE(0);
        const max = p.readUInt16LE(2);
        const type = p[4] ?? 0;
        if (min < 0x20 || max > 0x4000 || min > max || type > 4) return fail(STATUS.invalidParameters);
        air.advertising.type = type;
        air.advertising.intervalMs = max * 0.625;
        return ok();
      }
      case OPCODE.leSetAdvertisingData:
      case OPCODE.leSetScanResponseData: {
        const length = p[0] ?? 0;
        if (length > 31 || p.length < 1 + length) return fail(STATUS.invalidParameters);
        const data = Uint8Array.from(p.subarray(1, 1 + length));
        if (opcode === OPCODE.leSetAdvertisingData) air.advertising.data = data;
        else air.advertising.scanResponse = data;
        return ok();
      }
      case OPCODE.leSetAdvertiseEnable:
        if (p[0] !== 0 && p[0] !== 1) return fail(STATUS.invalidParameters);
        air.enableAdvertising(p[0] === 1);
        return ok();
      case OPCODE.leSetScanParameters:
        if (air.scanning.enabled) return fail(STATUS.commandDisallowed);
        if (p.length !== 7 || (p[0] ?? 2) > 1) return fail(STATUS.invalidParameters);
        air.scanning.active = p[0] === 1;
        return ok();
      case OPCODE.leSetScanEnable:
        if ((p[0] ?? 2) > 1) return fail(STATUS.invalidParameters);
        air.enableScanning(p[0] === 1, p[1] === 1);
        return ok();
      case OPCODE.leCreateConnection:
        if (air.links.connecting || p.length < 25)
          return this.emit(commandStatus(opcode, STATUS.commandDisallowed));
        this.emit(commandStatus(opcode, STATUS.success));
        return air.links.create(addressFromBytes(p.subarray(6, 12)));
      case OPCODE.leCreateConnectionCancel:
        if (!air.links.connecting) return fail(STATUS.commandDisallowed);
        ok();
        air.links.cancel();
        return;
      case OPCODE.leConnectionUpdate: {
        const handle = p.length >= 14 ? p.readUInt16LE(0) : -1;
        if (!air.links.has(handle)) return this.emit(commandStatus(opcode, STATUS.unknownConnection));
        this.emit(commandStatus(opcode, STATUS.success));
        return air.links.update(handle, p.readUInt16LE(4), p.readUInt16LE(6), p.readUInt16LE(8));
      }
      case OPCODE.disconnect: {
        const handle = p.length >= 3 ? p.readUInt16LE(0) : -1;
        if (!air.links.has(handle)) return this.emit(commandStatus(opcode, STATUS.unknownConnection));
        this.emit(commandStatus(opcode, STATUS.success));
        return air.links.disconnect(handle, p[2] ?? STATUS.remoteUserTerminated);
      }
      default:
        if (!this.unknownOpcodes.has(opcode))
          this.log(
            `virtual hci${this.index}: unknown opcode 0x${opcode.toString(16).padStart(4, '0')} answered "Unknown HCI Command"`,
          );
        this.unknownOpcodes.add(opcode);
        return fail(STATUS.unknownCommand);
    }
  }

  /** An event up to every attached host, if the event masks let it through. */
  private emit(packet: Buffer): void {
    if (!this.up || !this.passesMasks(packet)) return;
    this.queueTo(null, packet);
  }

  private passesMasks(packet: Buffer): boolean {
    if (packet[0] !== PACKET.event) return true;
    const code = packet[1] ?? 0;
    if (
      code === EVENT.commandComplete ||
      code === EVENT.commandStatus ||
      code === EVENT.numberOfCompletedPackets
    )
      return true;
    if (((this.eventMask >> BigInt(code - 1)) & 1n) === 0n) return false;
    return code !== EVENT.leMeta || ((this.leEventMask >> BigInt((packet[3] ?? 1) - 1)) & 1n) === 1n;
  }

  /** Packets go up on a later turn of the event loop, in order, like reads from a socket. */
  private queueTo(endpoint: HostEndpoint | null, packet: Buffer): void {
    this.queue.push([endpoint, packet]);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      for (const [to, item] of this.queue.splice(0)) {
        if (to !== null) to.deliver(item);
        else for (const endpoint of [...this.endpoints]) endpoint.deliver(item);
      }
    });
  }
}
