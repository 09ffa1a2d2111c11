// Scanning and the phone's check-in write on a real adapter, through noble. Scanning reports every
// advertisement (duplicates allowed, so last-seen times stay fresh) and restarts after an adapter
// power cycle; the check-in write connects, finds our service and characteristic, writes the token
// with response and disconnects, all within one bounded time.
import { fromStackState } from './adapter-state.js';
import { BLE_PROFILE } from './ble-profile.js';
import type { StackLoad } from './ble-loader.js';
import type { NobleLike, NoblePeripheral } from './ble-stack-types.js';
import type { AdapterState, AdvertisementContent, AdvertisementReport, RadioResult } from './types.js';

/** The scanner half of the BLE radio. */
export interface BleCentral {
  state(): AdapterState;
  address(): string | null;
  scanning(): boolean;
  onChange(listener: () => void): () => void;
  startScanning(onReport: (report: AdvertisementReport) => void): Promise<RadioResult>;
  stopScanning(): Promise<void>;
  writeCheckIn(address: string, token: Uint8Array): Promise<RadioResult>;
  close(): Promise<void>;
}

export const WRITE_TIMEOUT_MS = 8000;
const undashed = (uuid: string): string => uuid.replace(/-/g, '');

/** noble's advertisement in the shape every radio reports. */
export function contentOf(peripheral: NoblePeripheral): AdvertisementContent {
  const ad = peripheral.advertisement;
  return {
    manufacturerData: ad.manufacturerData ? Uint8Array.from(ad.manufacturerData) : null,
    serviceData: (ad.serviceData ?? []).map(({ uuid, data }) => ({
      uuid: uuid.toLowerCase(),
      data: Uint8Array.from(data),
    })),
    serviceUuids: (ad.serviceUuids ?? []).map((uuid) => uuid.toLowerCase()),
    localName: ad.localName ?? null,
    txPowerLevel: ad.txPowerLevel ?? null,
  };
}

function within<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve('timeout');
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Wraps a loaded (or failed) noble. */
export function createBleCentral(
  load: StackLoad<NobleLike>,
  platform: NodeJS.Platform = process.platform,
): BleCentral {
  if (!load.ok)
    return {
      state: () => load.state,
      address: () => null,
      scanning: () => false,
      onChange: () => () => undefined,
      startScanning: async () => ({ ok: false, reason: load.state.reason }),
      stopScanning: async () => undefined,
      writeCheckIn: async () => ({ ok: false, reason: load.state.reason }),
      close: async () => undefined,
    };
  const noble = load.stack;
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((listener) => listener());
  const heard = new Map<string, NoblePeripheral>();
  let wanted: ((report: AdvertisementReport) => void) | null = null;
  let onAir = false;
  let closed = false;

  const start = async (): Promise<RadioResult> => {
    if (wanted === null) return { ok: true };
    if (noble.state !== 'poweredOn')
      return {
        ok: false,
        reason: `${fromStackState(noble.state, 'scanner', platform).reason} Scanning starts when the adapter is on.`,
      };
    try {
      await noble.startScanningAsync([], true);
      onAir = wanted !== null;
      changed();
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  };
  const onDiscover = (peripheral: NoblePeripheral): void => {
    heard.set(peripheral.address, peripheral);
    wanted?.({
      transport: 'ble',
      address: peripheral.address,
      content: contentOf(peripheral),
      rssi: peripheral.rssi,
      connectable: peripheral.connectable,
    });
  };
  const onState = (state: string): void => {
    if (closed) return;
    if (state !== 'poweredOn') onAir = false;
    changed();
    if (state === 'poweredOn' && wanted !== null && !onAir) void start();
  };
  noble.on('discover', onDiscover);
  noble.on('stateChange', onState);

  const write = async (peripheral: NoblePeripheral, token: Uint8Array): Promise<RadioResult> => {
    await peripheral.connectAsync();
    try {
      const { characteristics } = await peripheral.discoverSomeServicesAndCharacteristicsAsync(
        [undashed(BLE_PROFILE.serviceUuid)],
        [undashed(BLE_PROFILE.checkInCharacteristicUuid)],
      );
      const characteristic = characteristics[0];
      if (characteristic === undefined)
        return { ok: false, reason: 'the peripheral has no check-in characteristic' };
      await characteristic.writeAsync(Buffer.from(token), false);
      return { ok: true };
    } finally {
      await peripheral.disconnectAsync().catch(() => undefined);
    }
  };

  return {
    state: () => fromStackState(noble.state, 'scanner', platform),
    address: () => (noble.address && noble.address !== 'unknown' ? noble.address : null),
    scanning: () => onAir,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    startScanning: (onReport) => {
      wanted = onReport;
      return start();
    },
    stopScanning: async () => {
      wanted = null;
      if (onAir && noble.state === 'poweredOn')
        await within(noble.stopScanningAsync(), 2000, () => undefined);
      onAir = false;
      changed();
    },
    writeCheckIn: async (address, token) => {
      const peripheral = heard.get(address);
      if (peripheral === undefined) return { ok: false, reason: `nothing heard from ${address}: scan first` };
      if (!peripheral.connectable) return { ok: false, reason: `${address} does not accept connections` };
      const result = await within(
        write(peripheral, token).catch((error: unknown) => ({
          ok: false as const,
          reason: error instanceof Error ? error.message : String(error),
        })),
        WRITE_TIMEOUT_MS,
        () => {
          if (peripheral.state === 'connecting') peripheral.cancelConnect();
          else void peripheral.disconnectAsync().catch(() => undefined);
        },
      );
      return result === 'timeout'
        ? { ok: false, reason: `no write response within ${WRITE_TIMEOUT_MS} ms (refused, or out of range)` }
        : result;
    },
    close: async () => {
      wanted = null;
      if (onAir && noble.state === 'poweredOn')
        await within(noble.stopScanningAsync(), 2000, () => undefined);
      onAir = false;
      closed = true;
      noble.off('discover', onDiscover);
      noble.off('stateChange', onState);
      listeners.clear();
      load.release();
    },
  };
}
