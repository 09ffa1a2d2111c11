// A stand-in for @abandonware/bluetooth-hci-socket backed by virtual controllers: the same class
// shape (bindRaw / bindUser / bindControl, setFilter, start, stop, write, isDevUp, getDeviceList,
// 'data' and 'error' events), so the real noble and bleno run unchanged on top of it. Like Linux raw
// HCI sockets, every socket bound to a controller sees its events and the commands other sockets send
// (through the socket filter). Give `socketModule` to the BLE loader (ble-loader.ts).
import { EventEmitter } from 'node:events';
import { createMemoryMedium, type RadioMedium } from '../virtual-radio/memory-medium.js';
import { PACKET } from './hci-packets.js';
import { VirtualController, type HostEndpoint, type VirtualControllerOptions } from './virtual-controller.js';

/** The virtual machine's adapters and the socket module that reaches them. */
export interface VirtualHci {
  /** Pass as `hciSocket` to the BLE loader (or the facade's `ble` options). */
  readonly socketModule: unknown;
  readonly controllers: readonly VirtualController[];
  close(): Promise<void>;
}

export interface VirtualHciOptions {
  /** One entry per adapter (hci0, hci1, ...); addresses default to 00:00:00:00:00:0N. */
  readonly controllers: readonly Partial<VirtualControllerOptions>[];
  /** Default: a fresh in-process medium; a UDP medium reaches other processes. */
  readonly medium?: RadioMedium;
}

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** Creates the adapters, each joined to the medium. */
export async function createVirtualHci(options: VirtualHciOptions): Promise<VirtualHci> {
  const medium = options.medium ?? createMemoryMedium();
  const controllers: VirtualController[] = [];
  for (const [index, controller] of options.controllers.entries()) {
    const address = controller.address ?? `00:00:00:00:00:${(index + 1).toString(16).padStart(2, '0')}`;
    controllers.push(new VirtualController(index, await medium.join(), { ...controller, address }));
  }
  return {
    socketModule: socketClass(controllers),
    controllers,
    close: async () => {
      await Promise.all(controllers.map((controller) => controller.close()));
    },
  };
}

function socketClass(controllers: readonly VirtualController[]): unknown {
  return class VirtualHciSocket extends EventEmitter implements HostEndpoint {
    private controller: VirtualController | null = null;
    private mode: 'raw' | 'user' | 'control' | null = null;
    private filter: { types: number; events: bigint; opcode: number } | null = null;
    private started = false;

    bindRaw(devId?: number): number {
      return this.bind('raw', devId);
    }

    bindUser(devId?: number): number {
      return this.bind('user', devId);
    }

    /** bleno's management socket (long-term keys); it is accepted and its writes are ignored. */
    bindControl(): number {
      this.mode = 'control';
      return 0;
    }

    setFilter(filter: Buffer): void {
      if (filter.length < 14) return;
      const events = BigInt(filter.readUInt32LE(4)) | (BigInt(filter.readUInt32LE(8)) << 32n);
      this.filter = { types: filter.readUInt32LE(0), events, opcode: filter.readUInt16LE(12) };
    }

    start(): void {
      this.started = true;
    }

    stop(): void {
      this.started = false;
    }

    reset(): void {}

    cleanup(): void {}

    isDevUp(): boolean {
      return this.controller?.isUp() ?? false;
    }

    getDeviceList(): object[] {
      return controllers.map((c) => ({
        devId: c.index,
        devUp: c.isUp(),
        idVendor: null,
        idProduct: null,
        busNumber: null,
        deviceAddress: null,
      }));
    }

    write(data: Buffer): void {
      if (this.mode === 'control') return;
      const controller = this.controller;
      const failure =
        controller === null
          ? errno('EBADFD', 'File descriptor in bad state')
          : controller.permission === 'denied'
            ? errno('EPERM', 'Operation not permitted')
            : !controller.isUp()
              ? errno('ENETDOWN', 'Network is down')
              : null;
      if (failure !== null) setImmediate(() => this.emit('error', failure));
      else controller?.write(this, Buffer.from(data));
    }

    deliver(packet: Buffer): void {
      if (this.started && this.accepts(packet)) this.emit('data', packet);
    }

    private bind(mode: 'raw' | 'user', devId?: number): number {
      const controller = devId === undefined || Number.isNaN(devId) ? controllers[0] : controllers[devId];
      if (controller === undefined) throw errno('ENODEV', 'No such device');
      this.controller?.detach(this);
      this.controller = controller;
      this.mode = mode;
      controller.attach(this);
      return controller.index;
    }

    private accepts(packet: Buffer): boolean {
      const filter = this.filter;
      if (filter === null) return true;
      const type = packet[0] ?? 0;
      if ((filter.types & (1 << type)) === 0) return false;
      if (type !== PACKET.event) return true;
      const code = packet[1] ?? 0;
      if (((filter.events >> BigInt(code)) & 1n) === 0n) return false;
      if (filter.opcode === 0) return true;
      const opcode =
        code === 0x0e ? packet.readUInt16LE(4) : code === 0x0f ? packet.readUInt16LE(5) : filter.opcode;
      return opcode === filter.opcode;
    }
  };
}
