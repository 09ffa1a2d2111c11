// The real noble and bleno, unchanged, on virtual HCI controllers: their socket module
// (@abandonware/bluetooth-hci-socket) is replaced by ours, so every HCI command they send is
// answered by a virtual controller and every advertisement and ATT packet crosses a virtual air.
import { afterEach, describe, expect, it } from 'vitest';
import { createBlePhone, type BlePhone } from '../../src/customer/ble-phone.js';
import { createBeaconHardware, type BeaconHardware } from '../../src/hardware/beacon-hardware.js';
import type { CheckInEvent } from '../../src/hardware/types.js';
import { OPCODE } from '../../src/hardware/virtual-hci/hci-packets.js';
import { createVirtualHci, type VirtualHci } from '../../src/hardware/virtual-hci/virtual-hci.js';
import type { VirtualControllerOptions } from '../../src/hardware/virtual-hci/virtual-controller.js';
import { eventually } from './support/eventually.js';

const FIFTEEN = '123456789012345';
const GUID = 'CD851CD7-8398-4A03-83C1-391A2F5CB71C';
let open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.reverse()) await thing.close();
  open = [];
});

async function machine(...controllers: Partial<VirtualControllerOptions>[]): Promise<VirtualHci> {
  const hci = await createVirtualHci({ controllers: controllers.length > 0 ? controllers : [{}, {}] });
  open.push(hci);
  return hci;
}
async function till(hci: VirtualHci, deviceId = 0): Promise<BeaconHardware> {
  const hardware = await createBeaconHardware({
    mode: 'ble',
    ble: { hciSocket: hci.socketModule, deviceId },
    refreshMs: 50,
  });
  open.push(hardware);
  return hardware;
}
async function phone(hci: VirtualHci, deviceId = 1): Promise<BlePhone> {
  const ble = await createBlePhone({
    mode: 'ble',
    ble: { hciSocket: hci.socketModule, deviceId },
    nonce: () => 7,
  });
  open.push(ble);
  return ble;
}

describe.skipIf(process.platform === 'darwin')('ble profile on the real noble and bleno', () => {
  it('carries a 15-digit beaconId through advertise and scan', async () => {
    const hci = await machine();
    const terminal = await till(hci, 0);
    expect(terminal.state().bluetooth).toMatchObject({ kind: 'powered-on' });
    expect((await terminal.startAdvertising(FIFTEEN, 'Checkout 1')).advertising).toMatchObject({
      kind: 'advertising',
      on: ['ble'],
    });

    const listener = await till(hci, 1);
    await listener.startScanning();
    const heard = await eventually(() => listener.beacons()[0], 'noble to hear the beacon');
    expect(heard).toMatchObject({
      transport: 'ble',
      address: '00:00:00:00:00:01',
      frame: { kind: 'pos-sim', beaconId: FIFTEEN, idKind: 'fifteen-digits' },
      localName: 'Checkout 1',
      rssi: -59,
    });
    expect(listener.useBeacon(heard.id)).toMatchObject({ kind: 'adopted', beaconId: FIFTEEN });
  });

  it('carries a GUID beaconId through advertise and scan, lowercase', async () => {
    const hci = await machine();
    await (await till(hci, 0)).startAdvertising(GUID, 'Checkout 2');
    const listener = await till(hci, 1);
    await listener.startScanning();
    const heard = await eventually(() => listener.beacons()[0], 'noble to hear the beacon');
    expect(heard.frame).toMatchObject({ kind: 'pos-sim', beaconId: GUID.toLowerCase(), idKind: 'guid' });
  });

  it('delivers a phone’s check-in write over a GATT connection to the till at once', async () => {
    const hci = await machine();
    const terminal = await till(hci, 0);
    const checkIns: CheckInEvent[] = [];
    terminal.onCheckIn((event) => checkIns.push(event));
    await terminal.startAdvertising(FIFTEEN, 'Checkout 1');

    const result = await (await phone(hci, 1)).checkIn({ phoneId: '4512345678', withinMs: 3000 });
    expect(result).toEqual({
      kind: 'checked-in',
      beaconId: FIFTEEN,
      transport: 'ble',
      address: '00:00:00:00:00:01',
      rssi: -59,
    });
    expect(checkIns).toEqual([
      {
        beaconId: FIFTEEN,
        phoneId: '4512345678',
        nonce: 7,
        transport: 'ble',
        from: '00:00:00:00:00:02',
        at: expect.any(Number),
      },
    ]);
    // noble connected, wrote and disconnected; bleno advertises again once the phone is gone.
    expect(hci.controllers[1]!.received).toEqual(
      expect.arrayContaining([OPCODE.leCreateConnection, OPCODE.disconnect]),
    );
    await eventually(
      () => hci.controllers[0]!.received.filter((op) => op === OPCODE.leSetAdvertiseEnable).length >= 3,
      'bleno to advertise again',
    );
    expect(terminal.state().advertising).toMatchObject({ kind: 'advertising', on: ['ble'] });
  });

  it('reports the adapter powered off mid-advertising, and advertises again when it is back', async () => {
    const hci = await machine();
    const terminal = await till(hci, 0);
    await terminal.startAdvertising(FIFTEEN, 'Checkout 1');
    hci.controllers[0]!.powerOff();
    const off = await eventually(() => {
      const state = terminal.state();
      return state.bluetooth?.kind === 'powered-off' && state;
    }, 'bleno to notice the adapter is down');
    expect(off.advertising).toEqual({
      kind: 'advertising',
      beaconId: FIFTEEN,
      posName: 'Checkout 1',
      on: [],
    });
    expect(off.notices[0]).toMatchObject({
      level: 'warning',
      code: 'advertising-interrupted',
      action: expect.stringMatching(/hciconfig hci0 up|Turn/),
    });
    expect(off.notices[0]?.message).toMatch(/QR code/);

    hci.controllers[0]!.powerOn();
    const back = await eventually(() => {
      const state = terminal.state();
      return state.advertising.kind === 'advertising' && state.advertising.on.includes('ble') && state;
    }, 'advertising to resume');
    expect(back.notices).toEqual([]);
    const listener = await till(hci, 1);
    await listener.startScanning();
    await eventually(() => listener.beacons()[0], 'the beacon on the air again');
  });

  it('reads "unauthorized" when the raw socket may not write, with the setcap remedy', async () => {
    const hci = await machine({ permission: 'denied' });
    const terminal = await till(hci, 0);
    const state = await eventually(
      () => terminal.state().bluetooth?.kind === 'unauthorized' && terminal.state(),
      'unauthorized',
    );
    expect(state.notices[0]).toMatchObject({ code: 'qr-only' });
    if (process.platform === 'linux')
      expect(state.bluetooth?.action).toContain(
        'sudo setcap cap_net_raw+eip $(eval readlink -f $(which node))',
      );
    expect((await terminal.startAdvertising(FIFTEEN, 'Checkout 1')).advertising.kind).toBe('failed');
  });

  it('reads "unsupported" from a controller older than Bluetooth 4.0', async () => {
    const hci = await machine({ hciVersion: 0x05 });
    const terminal = await till(hci, 0);
    const state = await eventually(
      () => terminal.state().bluetooth?.kind === 'unsupported' && terminal.state(),
      'unsupported',
    );
    expect(state.bluetooth?.reason).toMatch(/does not support Bluetooth Low Energy/);
  });

  it('answers every command noble and bleno send without an unknown opcode', async () => {
    const hci = await machine();
    const terminal = await till(hci, 0);
    await terminal.startAdvertising(FIFTEEN, 'Checkout 1');
    await terminal.startScanning();
    await (await phone(hci, 1)).checkIn({ phoneId: '4512345678', withinMs: 3000 });
    for (const controller of hci.controllers) expect([...controller.unknownOpcodes]).toEqual([]);
    expect(new Set(hci.controllers[0]!.received)).toEqual(
      new Set([
        OPCODE.setEventMask,
        OPCODE.leSetEventMask,
        OPCODE.readLocalVersion,
        OPCODE.writeLeHostSupported,
        OPCODE.readLeHostSupported,
        OPCODE.readBdAddr,
        OPCODE.leReadBufferSize,
        OPCODE.leSetAdvertiseEnable,
        OPCODE.leSetAdvertisingParameters,
        OPCODE.leSetScanResponseData,
        OPCODE.leSetAdvertisingData,
        OPCODE.leSetScanEnable,
        OPCODE.leSetScanParameters,
      ]),
    );
  });
});
