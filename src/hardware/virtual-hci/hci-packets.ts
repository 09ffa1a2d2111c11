// HCI packets as the Bluetooth Core Specification (Vol 4, Part E) lays them out: the opcodes the
// virtual controller answers, and builders for the events it sends up to the host.

export const PACKET = { command: 0x01, acl: 0x02, event: 0x04 } as const;

export const EVENT = {
  disconnectionComplete: 0x05,
  commandComplete: 0x0e,
  commandStatus: 0x0f,
  numberOfCompletedPackets: 0x13,
  leMeta: 0x3e,
} as const;

export const LE_SUBEVENT = {
  connectionComplete: 0x01,
  advertisingReport: 0x02,
  connectionUpdateComplete: 0x03,
} as const;

/** Error codes (Vol 1, Part F). */
export const STATUS = {
  success: 0x00,
  unknownCommand: 0x01,
  unknownConnection: 0x02,
  connectionTimeout: 0x08,
  commandDisallowed: 0x0c,
  invalidParameters: 0x12,
  remoteUserTerminated: 0x13,
  localHostTerminated: 0x16,
} as const;

const op = (ogf: number, ocf: number): number => (ogf << 10) | ocf;

/** The commands the virtual controller implements, by name. */
export const OPCODE = {
  disconnect: op(0x01, 0x0006),
  setEventMask: op(0x03, 0x0001),
  reset: op(0x03, 0x0003),
  readLeHostSupported: op(0x03, 0x006c),
  writeLeHostSupported: op(0x03, 0x006d),
  readLocalVersion: op(0x04, 0x0001),
  readLocalCommands: op(0x04, 0x0002),
  readLocalFeatures: op(0x04, 0x0003),
  readBufferSize: op(0x04, 0x0005),
  readBdAddr: op(0x04, 0x0009),
  readRssi: op(0x05, 0x0005),
  leSetEventMask: op(0x08, 0x0001),
  leReadBufferSize: op(0x08, 0x0002),
  leReadLocalFeatures: op(0x08, 0x0003),
  leSetRandomAddress: op(0x08, 0x0005),
  leSetAdvertisingParameters: op(0x08, 0x0006),
  leReadAdvertisingTxPower: op(0x08, 0x0007),
  leSetAdvertisingData: op(0x08, 0x0008),
  leSetScanResponseData: op(0x08, 0x0009),
  leSetAdvertiseEnable: op(0x08, 0x000a),
  leSetScanParameters: op(0x08, 0x000b),
  leSetScanEnable: op(0x08, 0x000c),
  leCreateConnection: op(0x08, 0x000d),
  leCreateConnectionCancel: op(0x08, 0x000e),
  leConnectionUpdate: op(0x08, 0x0013),
  leLtkNegativeReply: op(0x08, 0x001b),
} as const;

/** Supported-commands bitmap positions (octet, bit) of the implemented commands (Vol 4, Part E, 6.27). */
export const SUPPORTED_COMMAND_BITS: readonly (readonly [number, number])[] = [
  [0, 5], // Disconnect
  [5, 6], // Set Event Mask
  [5, 7], // Reset
  [14, 3], // Read Local Version Information
  [14, 5], // Read Local Supported Features
  [14, 7], // Read Buffer Size
  [15, 1], // Read BD_ADDR
  [15, 5], // Read RSSI
  [24, 5], // Read LE Host Support
  [24, 6], // Write LE Host Support
  [25, 0], // LE Set Event Mask
  [25, 1], // LE Read Buffer Size
  [25, 2], // LE Read Local Supported Features
  [25, 4], // LE Set Random Address
  [25, 5], // LE Set Advertising Parameters
  [25, 6], // LE Read Advertising Physical Channel Tx Power
  [25, 7], // LE Set Advertising Data
  [26, 0], // LE Set Scan Response Data
  [26, 1], // LE Set Advertising Enable
  [26, 2], // LE Set Scan Parameters
  [26, 3], // LE Set Scan Enable
  [26, 4], // LE Create Connection
  [26, 5], // LE Create Connection Cancel
  [27, 2], // LE Connection Update
  [28, 2], // LE Long Term Key Request Negative Reply
];

/** An event packet: type, event code, parameter length, parameters. */
export function eventPacket(code: number, params: readonly number[] | Uint8Array): Buffer {
  return Buffer.from([PACKET.event, code, params.length, ...params]);
}

/** Command Complete: one more command may be sent; the return parameters start with the status. */
export function commandComplete(opcode: number, returnParams: readonly number[] | Uint8Array): Buffer {
  return eventPacket(EVENT.commandComplete, [1, opcode & 0xff, opcode >> 8, ...returnParams]);
}

/** Command Status: the command was taken (or refused); its result comes as a later event. */
export function commandStatus(opcode: number, status: number): Buffer {
  return eventPacket(EVENT.commandStatus, [status, 1, opcode & 0xff, opcode >> 8]);
}

export function leMeta(subevent: number, params: readonly number[] | Uint8Array): Buffer {
  return eventPacket(EVENT.leMeta, [subevent, ...params]);
}

export const u16 = (value: number): number[] => [value & 0xff, (value >> 8) & 0xff];

/** "aa:bb:cc:dd:ee:ff" as the 6 little-endian bytes HCI carries. */
export function addressBytes(address: string): number[] {
  return address
    .split(':')
    .reverse()
    .map((part) => Number.parseInt(part, 16));
}

export function addressFromBytes(bytes: Uint8Array): string {
  return [...bytes]
    .reverse()
    .map((b) => b.toString(16).padStart(2, '0'))
    .join(':');
}

export function disconnectionComplete(handle: number, reason: number): Buffer {
  return eventPacket(EVENT.disconnectionComplete, [STATUS.success, ...u16(handle), reason]);
}

export function numberOfCompletedPackets(handle: number, count: number): Buffer {
  return eventPacket(EVENT.numberOfCompletedPackets, [1, ...u16(handle), ...u16(count)]);
}

/** An ACL data packet up to the host; packet boundary 0b10 (first, flushable) or 0b01 (continuation). */
export function aclPacket(handle: number, boundary: number, data: Uint8Array): Buffer {
  return Buffer.from([
    PACKET.acl,
    ...u16((handle & 0x0fff) | (boundary << 12)),
    ...u16(data.length),
    ...data,
  ]);
}
