// The PoS beacon on a real adapter, through bleno: our advertisement and scan response as raw EIR
// data, and the check-in GATT service (a writable check-in characteristic, a readable beaconId).
// Advertising is a wish kept across adapter power cycles: it starts again when the adapter is back.
import { fromStackState, platformHints, unavailable } from './adapter-state.js';
import { BLE_PROFILE } from './ble-profile.js';
import type { StackLoad } from './ble-loader.js';
import { ATT_RESULT, type BlenoLike } from './ble-stack-types.js';
import type { AdapterState, AdvertisingFrame, CheckInHandler, RadioResult } from './types.js';

/** The advertiser half of the BLE radio. */
export interface BlePeripheral {
  state(): AdapterState;
  address(): string | null;
  advertising(): boolean;
  onChange(listener: () => void): () => void;
  advertise(frame: AdvertisingFrame, onCheckIn: CheckInHandler): Promise<RadioResult>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 5000;
const undashed = (uuid: string): string => uuid.replace(/-/g, '');

/** Wraps a loaded (or failed) bleno. */
export function createBlePeripheral(
  load: StackLoad<BlenoLike>,
  platform: NodeJS.Platform = process.platform,
): BlePeripheral {
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((listener) => listener());
  if (!load.ok || platform === 'darwin') {
    if (load.ok) load.release();
    const state = load.ok
      ? unavailable(
          'macOS cannot advertise this beacon.',
          platformHints('darwin').unsupported,
          'CoreBluetooth',
        )
      : load.state;
    return {
      state: () => state,
      address: () => null,
      advertising: () => false,
      onChange: () => () => undefined,
      advertise: async () => ({ ok: false, reason: state.reason }),
      stop: async () => undefined,
      close: async () => undefined,
    };
  }
  const bleno = load.stack;
  let wanted: { frame: AdvertisingFrame; onCheckIn: CheckInHandler } | null = null;
  let onAir = false;
  let client: string | null = null;
  let closed = false;

  const service = (frame: AdvertisingFrame, onCheckIn: CheckInHandler): unknown =>
    new bleno.PrimaryService({
      uuid: undashed(BLE_PROFILE.serviceUuid),
      characteristics: [
        new bleno.Characteristic({
          uuid: undashed(BLE_PROFILE.checkInCharacteristicUuid),
          properties: ['write'],
          onWriteRequest: (data, offset, _withoutResponse, callback) =>
            callback(
              offset !== 0
                ? ATT_RESULT.invalidAttributeLength
                : onCheckIn(Uint8Array.from(data), client ?? 'unknown'),
            ),
        }),
        new bleno.Characteristic({
          uuid: undashed(BLE_PROFILE.beaconIdCharacteristicUuid),
          properties: ['read'],
          value: Buffer.from(frame.beaconIdValue),
        }),
      ],
    });

  const start = (): Promise<RadioResult> => {
    const want = wanted;
    if (want === null) return Promise.resolve({ ok: true });
    if (bleno.state !== 'poweredOn')
      return Promise.resolve({
        ok: false,
        reason: `${fromStackState(bleno.state, 'advertiser', platform).reason} It starts when the adapter is on.`,
      });
    return new Promise((resolve) => {
      const done = (result: RadioResult): void => {
        clearTimeout(timer);
        bleno.off('advertisingStart', started);
        bleno.off('advertisingStartError', failed);
        onAir = result.ok && wanted === want;
        changed();
        resolve(result);
      };
      const started = (error?: Error | null): void =>
        done(error ? { ok: false, reason: error.message } : { ok: true });
      const failed = (error: Error): void =>
        done({ ok: false, reason: `the adapter refused to advertise: ${error.message}` });
      const timer = setTimeout(
        () => done({ ok: false, reason: 'the adapter did not start advertising in time' }),
        START_TIMEOUT_MS,
      );
      bleno.on('advertisingStart', started);
      bleno.on('advertisingStartError', failed);
      bleno.setServices([service(want.frame, want.onCheckIn)]);
      bleno.startAdvertisingWithEIRData(
        Buffer.from(want.frame.advertisement),
        Buffer.from(want.frame.scanResponse),
      );
    });
  };

  const onState = (state: string): void => {
    if (closed) return;
    if (state !== 'poweredOn') onAir = false;
    changed();
    if (state === 'poweredOn' && wanted !== null && !onAir) void start();
  };
  const onAccept = (address: string): void => {
    client = address;
  };
  const onDisconnect = (): void => {
    client = null;
  };
  bleno.on('stateChange', onState);
  bleno.on('accept', onAccept);
  bleno.on('disconnect', onDisconnect);

  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      wanted = null;
      if (!onAir || bleno.state !== 'poweredOn') {
        onAir = false;
        changed();
        return resolve();
      }
      const timer = setTimeout(finish, START_TIMEOUT_MS);
      function finish(): void {
        clearTimeout(timer);
        onAir = false;
        changed();
        resolve();
      }
      bleno.stopAdvertising(finish);
    });

  return {
    state: () => fromStackState(bleno.state, 'advertiser', platform),
    address: () => (bleno.address && bleno.address !== 'unknown' ? bleno.address : null),
    advertising: () => onAir,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    advertise: (frame, onCheckIn) => {
      wanted = { frame, onCheckIn };
      return start();
    },
    stop,
    close: async () => {
      await stop();
      closed = true;
      bleno.off('stateChange', onState);
      bleno.off('accept', onAccept);
      bleno.off('disconnect', onDisconnect);
      if (client !== null) bleno.disconnect();
      listeners.clear();
      load.release();
    },
  };
}
