// The virtual radio: the Radio seam over a software medium (memory or loopback UDP). It sends our
// advertisement's real bytes every advertising interval and at once to a new scanner; a scanner hears
// each advertiser at the RSSI the log-distance model gives for the two radios' distances; the check-in
// write is the virtual GATT's one request/response. No adapter, so no adapter failures.
import { BLE_PROFILE } from '../ble-profile.js';
import { parseAdvertisement } from '../ad-structures.js';
import { VIRTUAL_ADAPTER } from '../adapter-state.js';
import { ATT_RESULT } from '../ble-stack-types.js';
import { DEFAULT_PATH_LOSS, isAudible, rssiAtDistance, type PathLossModel } from '../path-loss.js';
import { randomStaticAddress, realTimers, unref } from '../timers.js';
import type {
  AdvertisementReport,
  AdvertisingFrame,
  CheckInHandler,
  HardwareTimers,
  Radio,
  RadioResult,
  RadioStatus,
} from '../types.js';
import type { RadioLink } from './memory-medium.js';
import { fromHex, toHex, type RadioMessage } from './radio-messages.js';

export interface VirtualRadioOptions {
  readonly address?: string;
  /** This radio's distance in metres; two radios are the sum of their distances apart. */
  readonly distanceM?: number;
  readonly pathLoss?: PathLossModel;
  readonly advIntervalMs?: number;
  readonly writeTimeoutMs?: number;
  readonly timers?: HardwareTimers;
}

/** Two radios at the default distance are 1 m apart, where RSSI is the announced measured power. */
export const DEFAULT_DISTANCE_M = 0.5;
const NO_LINK = -1;

/** Opens a virtual radio on a link of a medium. */
export function createVirtualRadio(link: RadioLink, options: VirtualRadioOptions = {}): Radio {
  const address = options.address ?? randomStaticAddress();
  const model = options.pathLoss ?? DEFAULT_PATH_LOSS;
  const timers = options.timers ?? realTimers;
  const interval = options.advIntervalMs ?? 250;
  let distance = options.distanceM ?? DEFAULT_DISTANCE_M;
  let advertising: { frame: AdvertisingFrame; onCheckIn: CheckInHandler; timer: unknown } | null = null;
  let onReport: ((report: AdvertisementReport) => void) | null = null;
  const peers = new Map<string, string>();
  const pending = new Map<number, { resolve: (r: RadioResult) => void; timer: unknown }>();
  let nextWrite = 1;
  const listeners = new Set<(status: RadioStatus) => void>();
  const status = (): RadioStatus => ({
    transport: 'virtual',
    address,
    advertiser: VIRTUAL_ADAPTER,
    scanner: VIRTUAL_ADAPTER,
    advertising: advertising !== null,
    scanning: onReport !== null,
  });
  const changed = (): void => {
    const now = status();
    for (const listener of [...listeners]) listener(now);
  };

  const advMessage = (frame: AdvertisingFrame): RadioMessage => ({
    t: 'adv',
    from: address,
    atype: 'random',
    advType: 0,
    adv: toHex(frame.advertisement),
    rsp: toHex(frame.scanResponse),
    d: distance,
  });
  const tick = (): void => {
    if (advertising === null) return;
    link.broadcast(advMessage(advertising.frame));
    advertising.timer = unref(timers.setTimeout(tick, interval));
  };

  const answerWrite = (message: Extract<RadioMessage, { t: 'write' }>, fromPeer: string): void => {
    const reply = (status: number, reason: string | null): void =>
      link.sendTo(fromPeer, {
        t: 'write-result',
        id: message.id,
        from: address,
        to: message.from,
        status,
        reason,
      });
    if (advertising === null) return reply(NO_LINK, 'the peripheral is not advertising (not connectable)');
    if (!isAudible(rssiAtDistance(message.d + distance, model), model)) return reply(NO_LINK, 'out of range');
    if (message.chr !== BLE_PROFILE.checkInCharacteristicUuid) return reply(0x01, 'no such characteristic');
    reply(advertising.onCheckIn(fromHex(message.value), message.from), null);
  };

  const unsubscribe = link.onMessage((message, fromPeer) => {
    switch (message.t) {
      case 'adv': {
        peers.set(message.from, fromPeer);
        const rssi = rssiAtDistance(message.d + distance, model);
        if (onReport === null || !isAudible(rssi, model)) return;
        const content = parseAdvertisement(
          fromHex(message.adv),
          message.rsp === null ? null : fromHex(message.rsp),
        );
        onReport({
          transport: 'virtual',
          address: message.from,
          content,
          rssi,
          connectable: message.advType === 0,
        });
        return;
      }
      case 'scan':
        if (advertising !== null) link.sendTo(fromPeer, advMessage(advertising.frame));
        return;
      case 'write':
        if (message.to === address) answerWrite(message, fromPeer);
        return;
      case 'write-result': {
        const waiting = message.to === address ? pending.get(message.id) : undefined;
        if (waiting === undefined) return;
        pending.delete(message.id);
        timers.clearTimeout(waiting.timer);
        if (message.status === ATT_RESULT.success) waiting.resolve({ ok: true });
        else
          waiting.resolve({
            ok: false,
            reason:
              message.reason ??
              `the peripheral refused the write (ATT error 0x${message.status.toString(16)})`,
          });
        return;
      }
      default:
        return; // link-layer messages belong to the virtual HCI controllers
    }
  });

  return {
    transport: 'virtual',
    status,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    advertise: async (frame, onCheckIn) => {
      if (advertising !== null) timers.clearTimeout(advertising.timer);
      advertising = { frame, onCheckIn, timer: null };
      tick();
      changed();
      return { ok: true };
    },
    stopAdvertising: async () => {
      if (advertising !== null) timers.clearTimeout(advertising.timer);
      advertising = null;
      changed();
    },
    startScanning: async (listener) => {
      onReport = listener;
      link.broadcast({ t: 'scan', from: address, d: distance });
      changed();
      return { ok: true };
    },
    stopScanning: async () => {
      onReport = null;
      changed();
    },
    writeCheckIn: (to, token) => {
      const peer = peers.get(to);
      if (peer === undefined)
        return Promise.resolve({ ok: false, reason: `nothing heard from ${to} on the virtual radio` });
      const id = nextWrite++;
      return new Promise<RadioResult>((resolve) => {
        const timeoutMs = options.writeTimeoutMs ?? 2000;
        const timer = timers.setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, reason: `no answer from ${to} within ${timeoutMs} ms` });
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        const chr = BLE_PROFILE.checkInCharacteristicUuid;
        link.sendTo(peer, { t: 'write', id, from: address, to, chr, value: toHex(token), d: distance });
      });
    },
    setDistance: (meters) => {
      distance = meters;
    },
    close: async () => {
      if (advertising !== null) timers.clearTimeout(advertising.timer);
      advertising = null;
      onReport = null;
      unsubscribe();
      listeners.clear();
      for (const [id, waiting] of pending) {
        timers.clearTimeout(waiting.timer);
        waiting.resolve({ ok: false, reason: 'the radio was closed' });
        pending.delete(id);
      }
      await link.close();
    },
  };
}
