// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { useHardwareStore } from '../../../src/renderer/stores/hardware-store.js';
import { foundTill, makeHardware, makePhoneRadio, makeSighting } from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

const hardware = () => useHardwareStore.getState();

describe('hardware store', () => {
  it('loads the till’s hardware and the phone’s radio', async () => {
    installFakeBridge();
    await hardware().load();
    await hardware().loadRadio();
    expect(hardware().hardware?.state.mode).toBe('auto');
    expect(hardware().radio?.distanceM).toBe(3);
  });

  it('keeps a hardware event that arrived while the first load was out', async () => {
    const fake = installFakeBridge();
    fake.hold('hardwareGet');
    const loading = hardware().load();
    fake.emit({ kind: 'hardware', hardware: makeHardware({ beacons: [makeSighting()] }) });
    fake.held('hardwareGet')[0]?.resolve(makeHardware());
    await loading;
    expect(hardware().hardware?.beacons).toHaveLength(1);
  });

  it('takes each answer of the host as the new view', async () => {
    installFakeBridge();
    await hardware().setMode('off');
    expect(hardware().hardware?.state.mode).toBe('off');
    await hardware().setDistance(4.5);
    expect(hardware().hardware?.state.distanceM).toBe(4.5);
    await hardware().discover();
    expect(hardware().radio?.discovery).toEqual(foundTill);
    await hardware().setPhoneDistance(9);
    expect(hardware().radio?.distanceM).toBe(9);
  });

  it('remembers an adopted beacon id for the wizard until it is cleared', async () => {
    const fake = installFakeBridge();
    expect(await hardware().adoptBeacon('ble:c0:ff:ee:00:00:01')).toBe(true);
    expect(hardware().adoptedBeaconId).toBe('f7826da6-4fa2-4e98-8024-bc5b71e0893e');
    fake.answer('hardwareUseBeacon', { kind: 'refused', sightingId: 'x', reason: 'not a beacon id' });
    expect(await hardware().adoptBeacon('x')).toBe(false);
    expect(hardware().adoption).toEqual({ kind: 'refused', sightingId: 'x', reason: 'not a beacon id' });
    // A refusal does not take back the id adopted before it.
    expect(hardware().adoptedBeaconId).toBe('f7826da6-4fa2-4e98-8024-bc5b71e0893e');
    hardware().clearAdopted();
    expect(hardware().adoptedBeaconId).toBeNull();
    expect(hardware().adoption).toBeNull();
  });

  it('keeps the failure of a call for the screen', async () => {
    const fake = installFakeBridge();
    fake.refuse('hardwareAdvertise', { code: 'hardware.unavailable', apiCode: null, message: 'No radio' });
    expect(await hardware().advertise(true)).toBe(false);
    expect(hardware().error?.code).toBe('hardware.unavailable');
    expect(hardware().busy).toBeNull();
  });

  it('follows the phone’s radio pushed by the host', () => {
    const fake = installFakeBridge();
    fake.emit({ kind: 'phone-radio', radio: makePhoneRadio({ distanceM: 12 }) });
    expect(hardware().radio?.distanceM).toBe(12);
  });
});
