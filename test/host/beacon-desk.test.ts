// The till's beacon as the host runs it, through the bridge: the PoS's beaconId on the air, a phone
// checking in over the radio (and the till asking the API at once), a real beacon read from the air
// and taken as the PoS's beaconId, the start-up check, the tester's mode kept across restarts.
// The radios are the virtual radio on one in-memory medium per spec, so specs never hear each other.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBeaconHardware, type BeaconHardware } from '../../src/hardware/beacon-hardware.js';
import { createMemoryMedium, type RadioMedium } from '../../src/hardware/virtual-radio/memory-medium.js';
import type { HostHardwareOptions } from '../../src/host/beacon-desk.js';
import type { BridgeEvent, HardwareView } from '../../src/shared/bridge/index.js';
import { CREDIT_USER, startTestHost, type TestHost } from './support.js';

const LAB_BEACON = '3e1c9d2a-51f4-4b6e-9a0c-7d25f1e8b402';

const others: BeaconHardware[] = [];
afterEach(async () => {
  for (const hardware of others.splice(0)) await hardware.close();
});

function radiosOn(medium: RadioMedium, extra: Partial<HostHardwareOptions> = {}): HostHardwareOptions {
  return {
    mode: 'virtual',
    till: { virtual: { medium, advIntervalMs: 20 }, refreshMs: 20 },
    phone: { mode: 'virtual', virtual: { medium, advIntervalMs: 20 } },
    presenceWithinMs: 300,
    discoverWithinMs: 1000,
    ...extra,
  };
}

/** A beacon of the hardware lab on the same air: another radio advertising `beaconId`. */
async function labBeacon(medium: RadioMedium, beaconId: string): Promise<BeaconHardware> {
  const beacon = await createBeaconHardware({ mode: 'virtual', virtual: { medium, advIntervalMs: 20 } });
  others.push(beacon);
  await beacon.startAdvertising(beaconId, 'Lab beacon');
  return beacon;
}

const hardwareEvent =
  (match: (view: HardwareView) => boolean) =>
  (event: BridgeEvent): event is Extract<BridgeEvent, { kind: 'hardware' }> =>
    event.kind === 'hardware' && match(event.hardware);

async function demoBeaconId(till: TestHost): Promise<string> {
  const pos = await till.call('posGet');
  if (pos?.beaconId == null) throw new Error('the demo PoS has no beaconId');
  return pos.beaconId;
}

/** Waits (bounded) until the till's check-in watch has polled once and heard nobody checked in. */
async function firstCheckInPoll(till: TestHost): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    const log = await till.call('logList', {});
    if (log.some((exchange) => exchange.url.endsWith('/checkin') && exchange.status === 200)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the till never polled the check-in');
}

describe('the till beacon in the host', () => {
  it("advertises the point of sale's beaconId on the virtual radio as soon as the till is up", async () => {
    const till = await startTestHost({ hardware: radiosOn(createMemoryMedium()) });
    const beaconId = await demoBeaconId(till);

    const view = await till.call('hardwareGet');
    expect(view.beacon).toEqual({ beaconId, posName: 'Checkout 1' });
    expect(view.state.advertising).toEqual({
      kind: 'advertising',
      beaconId,
      posName: 'Checkout 1',
      on: ['virtual'],
    });
    expect(view.advertise).toBe(true);
  });

  it('lets the phone check in over Bluetooth, and the till asks the API at once instead of at its next poll', async () => {
    // A poll delay of a minute: a check-in seen within seconds can only come from the GATT write.
    const till = await startTestHost({ pollDelayMs: 60_000, hardware: radiosOn(createMemoryMedium()) });
    const beaconId = await demoBeaconId(till);
    await firstCheckInPoll(till);

    const heard = await till.call('phoneDiscover', {});
    expect(heard.discovery).toMatchObject({
      kind: 'found',
      beaconId,
      transport: 'virtual',
      localName: 'Checkout 1',
    });

    const phone = await till.call('phoneCheckIn', { phoneNumber: CREDIT_USER, beaconId, via: 'ble' });
    expect(phone.checkedIn?.beaconId).toBe(beaconId);
    await till.waitFor((event) => event.kind === 'checkin' && event.isUserCheckedIn, 3_000);
  });

  it('refuses a Bluetooth check-in out of range before telling MobilePay anything', async () => {
    const till = await startTestHost({ hardware: radiosOn(createMemoryMedium(), { discoverWithinMs: 200 }) });
    const beaconId = await demoBeaconId(till);
    expect((await till.call('hardwareGet')).state.advertising.kind).toBe('advertising');

    expect((await till.call('phoneSetDistance', { meters: 1000 })).distanceM).toBe(1000);
    const failure = await till.fail('phoneCheckIn', { phoneNumber: CREDIT_USER, beaconId, via: 'ble' });
    expect(failure.code).toBe('beacon-not-heard');
    expect(failure.message).toContain('Move closer or scan the QR code');
    expect((await till.call('phoneGet')).checkedIn).toBeNull();
  });

  it('reads a lab beacon from the air and, once the PoS is onboarded with it, stops advertising and checks it is heard', async () => {
    const medium = createMemoryMedium();
    const till = await startTestHost({ hardware: radiosOn(medium) });
    await labBeacon(medium, LAB_BEACON);

    await till.call('hardwareScan', { on: true });
    const listed = await till.waitFor(
      hardwareEvent((view) =>
        view.beacons.some((b) => b.frame.kind === 'pos-sim' && b.frame.beaconId === LAB_BEACON),
      ),
    );
    const sighting = listed.hardware.beacons.find((b) => b.frame.kind === 'pos-sim')!;
    const adoption = await till.call('hardwareUseBeacon', { sightingId: sighting.id });
    expect(adoption).toMatchObject({ kind: 'adopted', beaconId: LAB_BEACON });
    await till.call('hardwareScan', { on: false });

    const pos = await till.call('posGet');
    await till.call('posOnboard', {
      storeId: pos!.storeId,
      posName: 'Lab till',
      merchantPosId: 'lab-till-1',
      beaconId: LAB_BEACON,
      supportedBeaconTypes: ['QR', 'Bluetooth'],
      callbackAlias: null,
      requirePaymentBeforeCheckin: false,
    });
    await till.waitFor(
      (event) =>
        event.kind === 'notice' && event.topic === 'beacon' && event.message.includes('stops advertising'),
    );
    const checked = await till.waitFor(hardwareEvent((view) => view.state.presence.kind === 'present'));
    expect(checked.hardware.advertise).toBe(false);
    expect(checked.hardware.state.advertising.kind).toBe('idle');
    expect(checked.hardware.state.presence).toMatchObject({ beaconId: LAB_BEACON });
  });

  it('warns at start-up when the real beacon that carries the beaconId is not heard', async () => {
    const medium = createMemoryMedium();
    const first = await startTestHost({ hardware: radiosOn(medium) });
    await first.call('hardwareAdvertise', { on: false });
    await first.stop();

    // Restarted with no beacon on the air: the start-up check warns, and the QR code still works.
    const again = await startTestHost({ dataDir: first.dataDir, hardware: radiosOn(medium) });
    const warning = await again.waitFor((event) => event.kind === 'notice' && event.topic === 'beacon');
    expect(warning.kind === 'notice' && warning.message).toMatch(/was not heard within .*QR code/);
    const view = await again.call('hardwareGet');
    expect(view.state.presence.kind).toBe('missing');
    expect(view.state.notices.map((n) => n.code)).toContain('beacon-missing');

    // The beacon is switched on: checking again finds it.
    await labBeacon(medium, await demoBeaconId(again));
    const rechecked = await again.call('hardwareCheckPresence', {});
    expect(rechecked.state.presence.kind).toBe('present');
  });

  it("keeps the tester's mode across restarts and turns the radios off when asked", async () => {
    const medium = createMemoryMedium();
    const { mode: _forced, ...unforced } = radiosOn(medium);
    const first = await startTestHost({ hardware: unforced });
    const off = await first.call('hardwareSetMode', { mode: 'off' });
    expect(off.state.mode).toBe('off');
    expect(off.state.radios).toEqual([]);
    expect(off.state.notices.map((n) => n.code)).toContain('off');
    await first.stop();
    expect(JSON.parse(readFileSync(join(first.dataDir, 'hardware.json'), 'utf8'))).toEqual({
      mode: 'off',
      advertise: true,
    });

    const again = await startTestHost({ dataDir: first.dataDir, hardware: unforced });
    expect((await again.call('hardwareGet')).state.mode).toBe('off');
    const on = await again.call('hardwareSetMode', { mode: 'virtual' });
    expect(on.state.radios.map((r) => r.transport)).toEqual(['virtual']);
  });

  it('moves the virtual radio and refuses distances it cannot have', async () => {
    const till = await startTestHost({ hardware: radiosOn(createMemoryMedium()) });
    expect((await till.call('hardwareSetDistance', { meters: 7.5 })).state.distanceM).toBe(7.5);
    expect((await till.fail('hardwareSetDistance', { meters: -1 })).code).toBe('bad-input');
    expect(existsSync(join(till.dataDir, 'hardware.json'))).toBe(false);
  });
});
