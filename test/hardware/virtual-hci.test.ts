import type { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { OPCODE } from '../../src/hardware/virtual-hci/hci-packets.js';
import { createVirtualHci, type VirtualHci } from '../../src/hardware/virtual-hci/virtual-hci.js';
import { eventually } from './support/eventually.js';

interface Socket extends EventEmitter {
  bindRaw(devId?: number): number;
  setFilter(filter: Buffer): void;
  start(): void;
  write(data: Buffer): void;
  isDevUp(): boolean;
  getDeviceList(): { devId: number; devUp: boolean }[];
}
type SocketClass = new () => Socket;

const hex = (buffer: Buffer): string => buffer.toString('hex');
/** A command packet: type 0x01, opcode (little-endian), length, parameters. */
const command = (opcode: number, params = ''): Buffer => {
  const p = Buffer.from(params.replace(/\s/g, ''), 'hex');
  return Buffer.from([0x01, opcode & 0xff, opcode >> 8, p.length, ...p]);
};

let hci: VirtualHci | null = null;
afterEach(async () => {
  await hci?.close();
  hci = null;
});

async function socketOn(
  devId = 0,
  options: Parameters<typeof createVirtualHci>[0]['controllers'] = [{}, {}],
): Promise<{ socket: Socket; packets: string[]; errors: string[] }> {
  hci ??= await createVirtualHci({ controllers: options });
  const Socket = hci.socketModule as SocketClass;
  const socket = new Socket();
  const packets: string[] = [];
  const errors: string[] = [];
  socket.on('data', (data: Buffer) => packets.push(hex(data)));
  socket.on('error', (error: NodeJS.ErrnoException) => errors.push(error.code ?? ''));
  socket.bindRaw(devId);
  socket.start();
  return { socket, packets, errors };
}

describe('virtual hci controller', () => {
  it('answers reset, version and address with Command Complete, on a later turn, in order', async () => {
    const { socket, packets } = await socketOn();
    socket.write(command(OPCODE.reset));
    socket.write(command(OPCODE.readLocalVersion));
    socket.write(command(OPCODE.readBdAddr));
    expect(packets).toEqual([]);
    await eventually(() => packets.length === 3, 'three answers');
    expect(packets).toEqual([
      '040e0401030c00',
      '040e0c01011000090100' + '09ffff0100',
      '040e0a01091000' + '010000000000',
    ]);
  });

  it('answers an unknown opcode "Unknown HCI Command" and logs it once', async () => {
    const lines: string[] = [];
    const { socket, packets } = await socketOn(0, [{ log: (line) => lines.push(line) }]);
    socket.write(command(0x2031, '000505'));
    socket.write(command(0x2031, '000505'));
    await eventually(() => packets.length === 2, 'two answers');
    expect(packets[0]).toBe('040e0401312001');
    expect(lines).toEqual(['virtual hci0: unknown opcode 0x2031 answered "Unknown HCI Command"']);
    expect([...hci!.controllers[0]!.unknownOpcodes]).toEqual([0x2031]);
  });

  it('refuses what the specification disallows: parameters while advertising or scanning, data over 31 bytes', async () => {
    const { socket, packets } = await socketOn();
    socket.write(command(OPCODE.leSetAdvertiseEnable, '01'));
    socket.write(command(OPCODE.leSetAdvertisingParameters, 'a000 a000 00 00 00 000000000000 07 00'));
    socket.write(command(OPCODE.leSetScanEnable, '0100'));
    socket.write(command(OPCODE.leSetScanParameters, '01 1200 1200 00 00'));
    socket.write(command(OPCODE.leSetAdvertisingData, '20' + '00'.repeat(32)));
    await eventually(() => packets.length === 5, 'five answers');
    expect(packets.map((p) => p.slice(-2))).toEqual(['00', '0c', '00', '0c', '12']);
  });

  it('sends LE events only once the host has unmasked them', async () => {
    const air = await socketOn(0);
    const other = await socketOn(1);
    other.socket.write(command(OPCODE.leSetAdvertisingData, '03 020106' + '00'.repeat(28)));
    other.socket.write(command(OPCODE.leSetAdvertiseEnable, '01'));
    air.socket.write(command(OPCODE.leSetScanEnable, '0100'));
    await eventually(() => air.packets.length === 1, 'the scan enable answer');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(air.packets).toHaveLength(1); // the default event mask leaves LE Meta (bit 61) off
    air.socket.write(command(OPCODE.setEventMask, 'fffffbff07f8bf3d'));
    air.socket.write(command(OPCODE.leSetScanEnable, '0000'));
    air.socket.write(command(OPCODE.leSetScanEnable, '0100'));
    const report = await eventually(
      () => air.packets.find((p) => p.startsWith('043e')),
      'an advertising report',
    );
    expect(report).toBe('043e' + '0f' + '02' + '01' + '00' + '00' + '020000000000' + '03' + '020106' + 'c5');
  });

  it('shows one socket the commands another sends, through its filter, like Linux raw sockets', async () => {
    const first = await socketOn(0);
    const second = await socketOn(0);
    const third = await socketOn(0);
    second.socket.setFilter(Buffer.from('16000000' + '20c80000' + '00000040' + '0000' + '0000', 'hex')); // commands, events, ACL
    third.socket.setFilter(Buffer.from('14000000' + '20c80000' + '00000040' + '0000' + '0000', 'hex')); // events, ACL only
    first.socket.write(command(OPCODE.leSetScanEnable, '0001'));
    await eventually(() => first.packets.length === 1, 'the answer');
    expect(second.packets).toEqual(['010c20020001', '040e04010c2000']);
    expect(third.packets).toEqual(['040e04010c2000']);
  });

  it('keeps LE Create Connection pending until cancelled, then completes it with 0x02', async () => {
    const { socket, packets } = await socketOn();
    socket.write(command(OPCODE.setEventMask, 'fffffbff07f8bf3d'));
    socket.write(
      command(OPCODE.leCreateConnection, '6000 3000 00 00 020000000000 00 0600 1200 0000 2a00 0400 0600'),
    );
    await eventually(() => packets.length === 2, 'command status');
    expect(packets[1]).toBe('040f0400010d20');
    socket.write(command(OPCODE.leCreateConnectionCancel));
    await eventually(() => packets.length === 4, 'cancel and connection complete');
    expect(packets[2]).toBe('040e04010e2000');
    expect(packets[3]?.slice(0, 10)).toBe('043e130102');
  });

  it('fails like a missing, unauthorised or powered-off adapter', async () => {
    const { socket, errors } = await socketOn(0, [{}, { permission: 'denied' }]);
    expect(() => new (hci!.socketModule as SocketClass)().bindRaw(5)).toThrow(
      expect.objectContaining({ code: 'ENODEV' }),
    );
    expect(socket.getDeviceList()).toEqual([
      expect.objectContaining({ devId: 0, devUp: true }),
      expect.objectContaining({ devId: 1, devUp: true }),
    ]);
    hci!.controllers[0]!.powerOff();
    expect(socket.isDevUp()).toBe(false);
    socket.write(command(OPCODE.reset));
    const denied = await socketOn(1);
    denied.socket.write(command(OPCODE.reset));
    await eventually(() => errors.length === 1 && denied.errors.length === 1, 'the errors');
    expect([errors, denied.errors]).toEqual([['ENETDOWN'], ['EPERM']]);
  });
});
