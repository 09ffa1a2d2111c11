import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { createBeaconHardware, type BeaconHardware } from '../../src/hardware/beacon-hardware.js';
import type { BeaconSighting, CheckInEvent, Radio } from '../../src/hardware/types.js';
import { createMemoryMedium, type RadioMedium } from '../../src/hardware/virtual-radio/memory-medium.js';
import { createUdpMedium } from '../../src/hardware/virtual-radio/udp-medium.js';
import { createVirtualRadio } from '../../src/hardware/virtual-radio/virtual-radio.js';
import { eventually, manualClock } from './support/eventually.js';

const bytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));
const IBEACON = bytes('020106 1aff 4c00 0215 e2c56db5dffb48d2b060d0f5a71096e0 0001 0002 c5');
const EDDYSTONE = bytes('020106 0303aafe 1516 aafe 00 ee edd1ebeac04e5defa017 0123456789ab 0000');

const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of closing.splice(0).reverse()) await thing.close();
});

async function hardwareOn(medium: RadioMedium, now?: () => number): Promise<BeaconHardware> {
  const hardware = await createBeaconHardware({
    mode: 'virtual',
    virtual: { medium, advIntervalMs: 20 },
    now,
    refreshMs: 20,
    staleAfterMs: 1000,
  });
  closing.push(hardware);
  return hardware;
}
/** A third-party beacon on the virtual radio, `distanceM` from the counter. */
async function beaconOn(
  medium: RadioMedium,
  advertisement: Uint8Array,
  distanceM = 0.5,
  address?: string,
): Promise<Radio> {
  const radio = createVirtualRadio(await medium.join(), { distanceM, advIntervalMs: 20, address });
  closing.push(radio);
  await radio.advertise(
    { advertisement, scanResponse: new Uint8Array(), beaconIdValue: new Uint8Array() },
    () => 0,
  );
  return radio;
}

describe('beacon hardware', () => {
  it('lists our beacon, an iBeacon and an Eddystone-UID with RSSI and last-seen time, strongest first', async () => {
    const medium = createMemoryMedium();
    const clock = manualClock();
    const till = await hardwareOn(medium, clock.now);
    const other = await hardwareOn(medium);
    await other.startAdvertising('123456789012345', 'Checkout 2');
    await beaconOn(medium, IBEACON, 2);
    await beaconOn(medium, EDDYSTONE, 9.5);
    expect((await till.startScanning()).scanning).toBe(true);
    const list = await eventually(() => till.beacons().length === 3 && till.beacons(), 'three beacons');
    expect(list.map((b) => [b.frame.kind, b.rssi, b.lastSeenAt])).toEqual([
      ['pos-sim', -59, clock.now()],
      ['ibeacon', -67, clock.now()],
      ['eddystone-uid', -79, clock.now()],
    ]);
    expect(list[0]).toMatchObject({ localName: 'Checkout 2', estimatedDistanceM: 1 });
    expect(list.map((b) => till.useBeacon(b.id))).toEqual([
      expect.objectContaining({ kind: 'adopted', beaconId: '123456789012345' }),
      expect.objectContaining({ kind: 'adopted', beaconId: 'e2c56db5-dffb-48d2-b060-d0f5a71096e0' }),
      expect.objectContaining({ kind: 'adopted', beaconId: 'edd1ebea-c04e-5def-a017-0123456789ab' }),
    ]);
    expect(till.useBeacon('virtual:00:00:00:00:00:00')).toMatchObject({ kind: 'refused' });
  });

  it('drops a beacon that disappears, and the start-up check warns that it is missing', async () => {
    const medium = createMemoryMedium();
    const clock = manualClock();
    const till = await hardwareOn(medium, clock.now);
    const beacon = await beaconOn(medium, IBEACON);
    const pushed: (readonly BeaconSighting[])[] = [];
    till.onBeacons((list) => pushed.push(list));
    expect(await till.checkPresence('E2C56DB5-DFFB-48D2-B060-D0F5A71096E0', 2000)).toMatchObject({
      kind: 'present',
      rssi: -59,
    });
    await till.startScanning();
    await eventually(() => till.beacons().length === 1, 'the iBeacon');

    await beacon.stopAdvertising();
    clock.advance(1001);
    await eventually(() => pushed.at(-1)?.length === 0, 'the silent beacon to drop out');
    expect(till.beacons()).toEqual([]);
    await till.stopScanning();

    const presence = await till.checkPresence('e2c56db5-dffb-48d2-b060-d0f5a71096e0', 100);
    expect(presence).toMatchObject({
      kind: 'missing',
      waitedMs: 100,
      warning: expect.stringMatching(/was not heard within 0 s.*QR code/),
    });
    expect(till.state().notices).toContainEqual(
      expect.objectContaining({ level: 'warning', code: 'beacon-missing' }),
    );
    expect(till.state().scanning).toBe(false);
  });

  it('moves the RSSI with the distance the user sets', async () => {
    const medium = createMemoryMedium();
    const till = await hardwareOn(medium);
    await beaconOn(medium, IBEACON);
    await till.startScanning();
    await eventually(() => till.beacons()[0]?.rssi === -59, '-59 dBm at 1 m');
    expect(till.setDistance(19.5).distanceM).toBe(19.5);
    await eventually(() => till.beacons()[0]?.rssi === -85, '-85 dBm at 20 m');
    expect(till.setDistance(-1).distanceM).toBe(19.5);
  });

  it('reports a check-in token once, refuses what is not a token, and survives a failing listener', async () => {
    const medium = createMemoryMedium();
    const errors: unknown[] = [];
    const till = await createBeaconHardware({
      mode: 'virtual',
      virtual: { medium },
      onError: (e) => errors.push(e),
    });
    closing.push(till);
    const events: CheckInEvent[] = [];
    till.onCheckIn(() => {
      throw new Error('listener broke');
    });
    till.onCheckIn((event) => events.push(event));
    await till.startAdvertising('123456789012345', 'Checkout 1');
    const phone = createVirtualRadio(await medium.join(), { address: 'c0:00:00:00:00:09' });
    closing.push(phone);
    let heard = '';
    await phone.startScanning((report) => (heard = report.address));
    await eventually(() => heard, 'the till');
    expect(await phone.writeCheckIn(heard, bytes('01 02 3435 0007'))).toEqual({ ok: true });
    expect(await phone.writeCheckIn(heard, bytes('ff'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/0x80/),
    });
    expect(events).toEqual([
      {
        beaconId: '123456789012345',
        phoneId: '45',
        nonce: 7,
        transport: 'virtual',
        from: 'c0:00:00:00:00:09',
        at: expect.any(Number),
      },
    ]);
    expect(errors).toEqual([new Error('listener broke')]);
  });

  it('refuses a beaconId that is not one without throwing, and pushes each new state once', async () => {
    const till = await hardwareOn(createMemoryMedium());
    const states: string[] = [];
    till.onChange((state) => states.push(state.advertising.kind));
    const state = await till.startAdvertising('12345', 'Checkout 1');
    expect(state.advertising).toMatchObject({
      kind: 'failed',
      reason: '"12345" is not a beaconId (a GUID or 15 digits).',
    });
    await till.startAdvertising('123456789012345', 'Checkout 1');
    await till.stopAdvertising();
    expect(states).toEqual(['failed', 'advertising', 'idle']);
    await till.startAdvertising('123456789012345', 'Checkout 1');
    const replaced = await till.startAdvertising('not-an-id', 'Checkout 1');
    expect(replaced.advertising.kind).toBe('failed');
    expect(replaced.radios[0]?.advertising).toBe(false); // the previous beaconId left the air
  });

  it('falls back to this process when every port of the virtual radio is taken, and says so', async () => {
    const basePort = 48_400 + (process.pid % 500) * 2;
    const taken = await Promise.all(
      [basePort, basePort + 1].map(
        (port) =>
          new Promise<ReturnType<typeof createSocket>>((resolve) => {
            const socket = createSocket('udp4');
            socket.bind(port, '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    const till = await createBeaconHardware({ mode: 'virtual', virtual: { basePort, ports: 2 } });
    closing.push(till);
    expect(till.state().virtualRadio).toMatch(/^memory #/);
    expect(till.state().notices).toContainEqual(
      expect.objectContaining({
        code: 'virtual-radio-unavailable',
        message: expect.stringMatching(/only this process hears/),
      }),
    );
    await Promise.all(taken.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
    const link = await createUdpMedium({ basePort, ports: 2 }).join();
    expect(link.description).toBe(`udp 127.0.0.1:${basePort}`);
    await link.close();
    const again = await createUdpMedium({ basePort, ports: 2 }).join();
    expect(again.peerId).toBe(String(basePort)); // closing released the port
    await again.close();
  });
});
