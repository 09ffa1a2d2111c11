// What travels on the virtual radio's medium: advertisements as their real bytes, scan probes, the
// check-in write of the virtual GATT, and the link-layer messages the virtual HCI controllers use for
// connections. JSON datagrams tagged with the protocol name, so foreign traffic on the ports is
// ignored.

/** Address type as HCI names it. */
export type AddressType = 'public' | 'random';

export type RadioMessage =
  /** An advertising event: advertisement and scan response bytes (hex), sender's distance. */
  | {
      readonly t: 'adv';
      readonly from: string;
      readonly atype: AddressType;
      /** HCI advertising type: 0 ADV_IND, 2 ADV_SCAN_IND, 3 ADV_NONCONN_IND. */
      readonly advType: number;
      readonly adv: string;
      readonly rsp: string | null;
      readonly d: number;
    }
  /** A scanner started: advertisers answer at once instead of at their next interval. */
  | { readonly t: 'scan'; readonly from: string; readonly d: number }
  /** The virtual GATT: write a characteristic of the peripheral `to`. */
  | {
      readonly t: 'write';
      readonly id: number;
      readonly from: string;
      readonly to: string;
      readonly chr: string;
      readonly value: string;
      readonly d: number;
    }
  | {
      readonly t: 'write-result';
      readonly id: number;
      readonly from: string;
      readonly to: string;
      /** ATT result: 0 success, else the error code. */
      readonly status: number;
      readonly reason: string | null;
    }
  /** Link layer (virtual HCI): CONNECT_IND to an advertiser, its acceptance, data, termination. */
  | {
      readonly t: 'll-connect';
      readonly id: string;
      readonly from: string;
      readonly atype: AddressType;
      readonly to: string;
      readonly d: number;
    }
  | {
      readonly t: 'll-accept';
      readonly id: string;
      readonly from: string;
      readonly atype: AddressType;
      readonly to: string;
    }
  | {
      readonly t: 'll-acl';
      readonly id: string;
      readonly from: string;
      readonly pb: number;
      readonly data: string;
    }
  | { readonly t: 'll-terminate'; readonly id: string; readonly from: string; readonly reason: number }
  | {
      readonly t: 'll-update';
      readonly id: string;
      readonly from: string;
      readonly interval: number;
      readonly latency: number;
      readonly timeout: number;
    };

export const RADIO_PROTOCOL = 'pos-sim-radio';
export const RADIO_PROTOCOL_VERSION = 1;
/** Datagrams above this are not ours. */
export const MAX_DATAGRAM_BYTES = 2048;

const kinds = new Set([
  'adv',
  'scan',
  'write',
  'write-result',
  'll-connect',
  'll-accept',
  'll-acl',
  'll-terminate',
  'll-update',
]);

/** One message as a datagram. */
export function encodeRadioMessage(message: RadioMessage): Buffer {
  return Buffer.from(JSON.stringify({ p: RADIO_PROTOCOL, v: RADIO_PROTOCOL_VERSION, ...message }));
}

/** A datagram as a message, or null for anything that is not our protocol. */
export function decodeRadioMessage(datagram: Uint8Array): RadioMessage | null {
  if (datagram.length > MAX_DATAGRAM_BYTES) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(datagram).toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const record = value as Record<string, unknown>;
    if (record.p !== RADIO_PROTOCOL || record.v !== RADIO_PROTOCOL_VERSION) return null;
    if (typeof record.t !== 'string' || !kinds.has(record.t) || typeof record.from !== 'string') return null;
    for (const field of ['adv', 'rsp', 'value', 'data'] as const) {
      const hex = record[field];
      if (typeof hex === 'string' && !/^(?:[0-9a-f]{2})*$/.test(hex)) return null;
    }
    const { p: _p, v: _v, ...message } = record;
    return message as unknown as RadioMessage;
  } catch {
    return null;
  }
}

/** Bytes as the lowercase hex the messages carry. */
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
