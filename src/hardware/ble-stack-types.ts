// The parts of noble and bleno this project uses, typed locally: both are loaded with require() at
// run time (never at module top level), so their own typings are not in play.
import type { EventEmitter } from 'node:events';

/** A peripheral as noble reports it from a scan. */
export interface NoblePeripheral {
  readonly uuid: string;
  readonly address: string;
  readonly addressType: string;
  readonly connectable: boolean;
  readonly rssi: number;
  readonly state: string;
  readonly advertisement: {
    readonly localName?: string;
    readonly txPowerLevel?: number;
    readonly manufacturerData?: Buffer;
    readonly serviceData?: readonly { readonly uuid: string; readonly data: Buffer }[];
    readonly serviceUuids?: readonly string[];
  };
  connectAsync(): Promise<void>;
  disconnectAsync(): Promise<void>;
  cancelConnect(): void;
  discoverSomeServicesAndCharacteristicsAsync(
    serviceUuids: readonly string[],
    characteristicUuids: readonly string[],
  ): Promise<{ readonly characteristics: readonly NobleCharacteristic[] }>;
}

export interface NobleCharacteristic {
  readonly uuid: string;
  writeAsync(data: Buffer, withoutResponse: boolean): Promise<void>;
}

/** noble: a BLE central (scanner, GATT client). Its `state` getter initialises the bindings. */
export interface NobleLike extends EventEmitter {
  readonly state: string;
  readonly address: string;
  startScanningAsync(serviceUuids?: readonly string[], allowDuplicates?: boolean): Promise<void>;
  stopScanningAsync(): Promise<void>;
}

/** The options of a bleno characteristic, as far as this project uses them. */
export interface BlenoCharacteristicOptions {
  readonly uuid: string;
  readonly properties: readonly ('read' | 'write' | 'writeWithoutResponse' | 'notify')[];
  readonly value?: Buffer | null;
  readonly onWriteRequest?: (
    data: Buffer,
    offset: number,
    withoutResponse: boolean,
    callback: (result: number) => void,
  ) => void;
}

/** bleno: a BLE peripheral (advertiser, GATT server); a singleton per loaded module. */
export interface BlenoLike extends EventEmitter {
  readonly state: string;
  readonly address: string;
  readonly PrimaryService: new (options: { uuid: string; characteristics: readonly unknown[] }) => unknown;
  readonly Characteristic: new (options: BlenoCharacteristicOptions) => unknown;
  startAdvertisingWithEIRData(
    advertisement: Buffer,
    scanResponse: Buffer,
    callback?: (error?: Error | null) => void,
  ): void;
  stopAdvertising(callback?: () => void): void;
  setServices(services: readonly unknown[], callback?: (error?: Error | null) => void): void;
  disconnect(): void;
}

/** ATT result codes bleno passes back to the writer (Core Vol 3 Part F 3.4.1.1). */
export const ATT_RESULT = {
  success: 0x00,
  invalidAttributeLength: 0x0d,
  unlikelyError: 0x0e,
  /** First application error code: our "token refused". */
  tokenRefused: 0x80,
} as const;
