import { describe, expect, it } from 'vitest';
import {
  advertisingText,
  agoText,
  beaconChip,
  distanceText,
  frameIdText,
  presenceText,
} from '../../../src/renderer/lib/hardware-words.js';
import { makeHardware, T0 } from '../fixtures.js';

const advertisingOn = (on: readonly ('ble' | 'virtual')[]) =>
  makeHardware({
    state: { advertising: { kind: 'advertising', beaconId: '123456789012345', posName: 'Till 1', on } },
  });

describe('beacon chip', () => {
  it('says BLE when a real adapter carries the beacon, virtual BLE when only the software radio does', () => {
    expect(beaconChip(advertisingOn(['ble', 'virtual']))).toEqual({ text: 'BLE: advertising', tone: 'ok' });
    expect(beaconChip(advertisingOn(['virtual']))).toEqual({ text: 'Virtual BLE: advertising', tone: 'ok' });
  });

  it('warns while advertising waits for a radio (e.g. the adapter is switched off)', () => {
    expect(beaconChip(advertisingOn([]))).toEqual({ text: 'BLE: waiting for a radio', tone: 'warning' });
  });

  it('says QR only when nothing is advertised', () => {
    const idle = makeHardware({ state: { advertising: { kind: 'idle' } } });
    expect(beaconChip(idle)).toEqual({ text: 'QR only', tone: 'neutral' });
    expect(beaconChip(null).text).toBe('Beacon: …');
  });

  it('follows the presence check when a beacon in the room carries the beacon id', () => {
    const external = (presence: Parameters<typeof makeHardware>[0]) =>
      beaconChip(makeHardware({ advertise: false, ...presence }));
    expect(
      external({
        state: {
          advertising: { kind: 'idle' },
          presence: { kind: 'present', beaconId: '123456789012345', sightingId: 'ble:x', rssi: -60 },
        },
      }),
    ).toEqual({ text: 'BLE: beacon heard', tone: 'ok' });
    expect(
      external({
        state: {
          advertising: { kind: 'idle' },
          presence: { kind: 'missing', beaconId: '123456789012345', waitedMs: 5000, warning: 'gone' },
        },
      }),
    ).toEqual({ text: 'BLE: beacon missing', tone: 'warning' });
  });
});

describe('beacon words', () => {
  it('names each frame by the id a lab reads off its beacon', () => {
    expect(
      frameIdText({
        kind: 'pos-sim',
        beaconId: '123456789012345',
        idKind: 'fifteen-digits',
        version: 1,
        measuredPower: -59,
      }),
    ).toBe('123456789012345');
    expect(frameIdText({ kind: 'ibeacon', uuid: 'u', major: 2, minor: 3, measuredPower: -59 })).toBe(
      'u · major 2 · minor 3',
    );
    expect(frameIdText({ kind: 'eddystone-uid', namespace: 'ns', instance: 'in', txPowerAt0m: -20 })).toBe(
      'ns · in',
    );
  });

  it('rounds distances and ages the way a person reads them', () => {
    expect(distanceText(null)).toBe('—');
    expect(distanceText(2.44)).toBe('≈ 2.4 m');
    expect(distanceText(17.6)).toBe('≈ 18 m');
    expect(agoText(T0, T0 + 4999)).toBe('4 s ago');
    expect(agoText(T0, T0 - 800)).toBe('0 s ago');
    expect(agoText(T0, T0 + 185_000)).toBe('3 min ago');
  });

  it('says what the advertising and the presence check are doing', () => {
    expect(
      advertisingText({ kind: 'advertising', beaconId: 'b', posName: 'p', on: ['ble', 'virtual'] }),
    ).toBe('On the air by Bluetooth and virtual radio');
    expect(advertisingText({ kind: 'failed', beaconId: 'b', posName: 'p', reason: 'adapter off' })).toBe(
      'Advertising failed: adapter off',
    );
    expect(presenceText({ kind: 'checking', beaconId: 'b', withinMs: 3000 })).toBe('Listening for b…');
    expect(presenceText({ kind: 'unavailable', beaconId: 'b', reason: 'no scanner' })).toBe(
      'Cannot check: no scanner',
    );
  });
});
