// The connections of a virtual controller's link layer: LE Create Connection sends CONNECT_IND
// ('ll-connect') as soon as the advertiser is heard; an advertiser in range that advertises
// connectably stops advertising and accepts; both hosts get LE Connection Complete (central role 0,
// peripheral role 1). ACL data, connection updates and termination then travel between the two ends.
import { isAudible, rssiAtDistance, type PathLossModel } from '../path-loss.js';
import type { RadioLink } from '../virtual-radio/memory-medium.js';
import { fromHex, toHex, type AddressType, type RadioMessage } from '../virtual-radio/radio-messages.js';
import {
  aclPacket,
  addressBytes,
  disconnectionComplete,
  LE_SUBEVENT,
  leMeta,
  numberOfCompletedPackets,
  STATUS,
  u16,
} from './hci-packets.js';

/** A connection as the controller tracks it. */
interface Connection {
  readonly id: string;
  readonly peer: string;
  readonly peerId: string;
  readonly role: 0 | 1;
  readonly peerDistance: number;
}

/** Connection parameters reported in LE Connection Complete: 30 ms interval, no latency, 2 s timeout. */
const CONNECTION = { interval: 0x0018, latency: 0, timeout: 0x00c8 } as const;

/** What the connections need from the rest of the controller. */
export interface LinkContext {
  readonly link: RadioLink;
  readonly address: string;
  readonly distance: () => number;
  readonly model: PathLossModel;
  readonly emit: (packet: Buffer) => void;
  /** The medium id and distance of an advertiser heard, by address. */
  readonly peer: (address: string) => { readonly peerId: string; readonly distance: number } | undefined;
  /** Whether the controller advertises connectably now. */
  readonly connectable: () => boolean;
  /** Called when a connection is accepted: advertising stops, as the specification says. */
  readonly onAccepted: () => void;
}

/** The connections of one controller. */
export class ControllerLinks {
  private readonly connections = new Map<number, Connection>();
  private pending: { id: string; to: string } | null = null;
  private nextHandle = 0x0040;
  private nextConnection = 1;

  constructor(private readonly context: LinkContext) {}

  get connecting(): boolean {
    return this.pending !== null;
  }

  has(handle: number): boolean {
    return this.connections.has(handle);
  }

  /** LE Create Connection: CONNECT_IND goes out as soon as the advertiser is heard. */
  create(to: string): void {
    this.pending = { id: `${this.context.address}>${to}#${this.nextConnection++}`, to };
    const peer = this.context.peer(to);
    if (peer !== undefined) this.sendConnect(peer.peerId);
  }

  /** An advertisement was heard: a pending connection to its sender goes out now. */
  heard(from: string, peerId: string, advType: number): void {
    if (this.pending?.to === from && advType === 0) this.sendConnect(peerId);
  }

  /** LE Create Connection Cancel: false when nothing is pending. */
  cancel(): boolean {
    if (this.pending === null) return false;
    const { to } = this.pending;
    this.pending = null;
    const zeros = [0, 0, 0, 0, 0, 0, 0];
    this.context.emit(
      leMeta(LE_SUBEVENT.connectionComplete, [
        STATUS.unknownConnection,
        0,
        0,
        0,
        0,
        ...addressBytes(to),
        ...zeros,
      ]),
    );
    return true;
  }

  disconnect(handle: number, reason: number): void {
    const connection = this.connections.get(handle);
    if (connection === undefined) return;
    this.connections.delete(handle);
    this.send(connection.peerId, {
      t: 'll-terminate',
      id: connection.id,
      from: this.context.address,
      reason,
    });
    this.context.emit(disconnectionComplete(handle, STATUS.localHostTerminated));
  }

  /** Host data for a connection goes to the peer; the buffer is free again at once. */
  sendAcl(handle: number, boundary: number, data: Uint8Array): boolean {
    const connection = this.connections.get(handle);
    if (connection === undefined) return false;
    const { id } = connection;
    this.send(connection.peerId, {
      t: 'll-acl',
      id,
      from: this.context.address,
      pb: boundary,
      data: toHex(data),
    });
    this.context.emit(numberOfCompletedPackets(handle, 1));
    return true;
  }

  update(handle: number, interval: number, latency: number, timeout: number): void {
    const connection = this.connections.get(handle);
    if (connection === undefined) return;
    this.context.emit(this.updateComplete(handle, interval, latency, timeout));
    const { id } = connection;
    this.send(connection.peerId, {
      t: 'll-update',
      id,
      from: this.context.address,
      interval,
      latency,
      timeout,
    });
  }

  rssiOf(handle: number): number | null {
    const connection = this.connections.get(handle);
    if (connection === undefined) return null;
    return rssiAtDistance(connection.peerDistance + this.context.distance(), this.context.model);
  }

  /** Reset or power off: peers see the link time out; this host hears nothing more. */
  reset(): void {
    this.pending = null;
    for (const { peerId, id } of this.connections.values())
      this.send(peerId, {
        t: 'll-terminate',
        id,
        from: this.context.address,
        reason: STATUS.connectionTimeout,
      });
    this.connections.clear();
  }

  /** A link-layer message from the medium. */
  receive(message: RadioMessage, fromPeer: string): void {
    if (message.t === 'll-connect' && message.to === this.context.address)
      return this.accept(message, fromPeer);
    if (message.t === 'll-accept' && message.to === this.context.address)
      return this.accepted(message, fromPeer);
    if (message.t !== 'll-acl' && message.t !== 'll-terminate' && message.t !== 'll-update') return;
    const entry = [...this.connections].find(([, c]) => c.id === message.id && c.peer === message.from);
    if (entry === undefined) return;
    const [handle] = entry;
    if (message.t === 'll-acl')
      this.context.emit(aclPacket(handle, message.pb === 1 ? 1 : 2, fromHex(message.data)));
    else if (message.t === 'll-update')
      this.context.emit(this.updateComplete(handle, message.interval, message.latency, message.timeout));
    else {
      this.connections.delete(handle);
      this.context.emit(disconnectionComplete(handle, message.reason));
    }
  }

  private send(peerId: string, message: RadioMessage): void {
    this.context.link.sendTo(peerId, message);
  }

  private sendConnect(peerId: string): void {
    if (this.pending === null) return;
    const { id, to } = this.pending;
    const d = this.context.distance();
    this.send(peerId, { t: 'll-connect', id, from: this.context.address, atype: 'public', to, d });
  }

  /** The advertiser's side of CONNECT_IND: only while advertising connectably and in range. */
  private accept(message: Extract<RadioMessage, { t: 'll-connect' }>, fromPeer: string): void {
    const { model, distance } = this.context;
    if (![...this.connections.values()].some((c) => c.id === message.id)) {
      if (!this.context.connectable()) return;
      if (!isAudible(rssiAtDistance(message.d + distance(), model), model)) return;
      this.context.onAccepted();
      const handle = this.nextHandle++;
      const connection = {
        id: message.id,
        peer: message.from,
        peerId: fromPeer,
        role: 1,
        peerDistance: message.d,
      } as const;
      this.connections.set(handle, connection);
      this.context.emit(this.connectionComplete(handle, 1, message.from, message.atype));
    }
    const { id, from } = message;
    this.send(fromPeer, { t: 'll-accept', id, from: this.context.address, atype: 'public', to: from });
  }

  private accepted(message: Extract<RadioMessage, { t: 'll-accept' }>, fromPeer: string): void {
    if (this.pending?.id !== message.id) {
      // Cancelled meanwhile, or a repeated acceptance: end a connection nobody wants.
      if (![...this.connections.values()].some((c) => c.id === message.id)) {
        const reason = STATUS.localHostTerminated;
        this.send(fromPeer, { t: 'll-terminate', id: message.id, from: this.context.address, reason });
      }
      return;
    }
    this.pending = null;
    const handle = this.nextHandle++;
    const peerDistance = this.context.peer(message.from)?.distance ?? 0;
    this.connections.set(handle, {
      id: message.id,
      peer: message.from,
      peerId: fromPeer,
      role: 0,
      peerDistance,
    });
    this.context.emit(this.connectionComplete(handle, 0, message.from, message.atype));
  }

  private updateComplete(handle: number, interval: number, latency: number, timeout: number): Buffer {
    const params = [...u16(handle), ...u16(interval), ...u16(latency), ...u16(timeout)];
    return leMeta(LE_SUBEVENT.connectionUpdateComplete, [STATUS.success, ...params]);
  }

  private connectionComplete(handle: number, role: 0 | 1, peer: string, atype: AddressType): Buffer {
    const { interval, latency, timeout } = CONNECTION;
    const peerType = atype === 'random' ? 1 : 0;
    const timing = [...u16(interval), ...u16(latency), ...u16(timeout)];
    return leMeta(LE_SUBEVENT.connectionComplete, [
      STATUS.success,
      ...u16(handle),
      role,
      peerType,
      ...addressBytes(peer),
      ...timing,
      0,
    ]);
  }
}
