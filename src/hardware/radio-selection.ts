// Which radios a mode opens: 'ble' the real adapter only, 'virtual' the software medium only, 'auto'
// both (real BLE for phones in the room when it works, the virtual radio always, so the simulated
// phone hears the till either way), 'off' none. Opening never throws: a radio that cannot open is
// left out and its reason kept for the notices.
import { createBleRadio, type BleRadioOptions } from './ble-radio.js';
import type { PathLossModel } from './path-loss.js';
import { delay, realTimers } from './timers.js';
import type { AdapterState, HardwareMode, HardwareTimers, Radio } from './types.js';
import { createMemoryMedium, type RadioMedium } from './virtual-radio/memory-medium.js';
import { createUdpMedium, type UdpMediumOptions } from './virtual-radio/udp-medium.js';
import { createVirtualRadio } from './virtual-radio/virtual-radio.js';

/** The virtual radio's settings. */
export interface VirtualRadioSettings extends UdpMediumOptions {
  /** Default: loopback UDP, so other processes on this machine hear it too. */
  readonly medium?: RadioMedium;
  readonly address?: string;
  readonly distanceM?: number;
  readonly advIntervalMs?: number;
  readonly pathLoss?: PathLossModel;
}

export interface RadioOptions {
  readonly mode?: HardwareMode;
  /** Real BLE: device id, or a substitute HCI socket module (the virtual HCI in tests). */
  readonly ble?: BleRadioOptions;
  readonly virtual?: VirtualRadioSettings;
  readonly timers?: HardwareTimers;
  /** How long to wait for a real adapter's first state before going on. */
  readonly bleStartupMs?: number;
}

/** The radios that opened, and why the others did not. */
export interface OpenedRadios {
  readonly radios: readonly Radio[];
  /** The real adapter's state for the roles asked for, when BLE was tried and is not usable. */
  readonly bleProblem: AdapterState | null;
  /** Why the virtual radio could not open, when it was asked for. */
  readonly virtualProblem: string | null;
  /** Where the virtual radio is: "udp 127.0.0.1:47310", or "memory #1" (this process only). */
  readonly virtualMedium: string | null;
}

/** A memory medium shared by every radio of this process that is given no medium of its own. */
export const processMedium: RadioMedium = createMemoryMedium();

async function settle(
  radio: Radio,
  roles: { advertise: boolean; scan: boolean },
  timers: HardwareTimers,
  ms: number,
): Promise<AdapterState | null> {
  const problem = (): AdapterState | null => {
    const status = radio.status();
    const states = [roles.advertise ? status.advertiser : null, roles.scan ? status.scanner : null];
    return states.find((s) => s !== null && s.kind !== 'powered-on') ?? null;
  };
  for (let waited = 0; problem()?.kind === 'unknown' && waited < ms; waited += 50) await delay(timers, 50);
  return problem();
}

/** Opens the radios of a mode for the given roles. */
export async function openRadios(
  options: RadioOptions,
  roles: { advertise: boolean; scan: boolean },
): Promise<OpenedRadios> {
  const mode = options.mode ?? 'auto';
  const timers = options.timers ?? realTimers;
  const radios: Radio[] = [];
  let bleProblem: AdapterState | null = null;
  let virtualProblem: string | null = null;
  let virtualMedium: string | null = null;
  if (mode === 'ble' || mode === 'auto') {
    const radio = createBleRadio({ ...options.ble, advertise: roles.advertise, scan: roles.scan });
    bleProblem = await settle(radio, roles, timers, options.bleStartupMs ?? 3000);
    const unusable =
      bleProblem !== null && (bleProblem.kind === 'unsupported' || bleProblem.kind === 'unauthorized');
    // A stack that cannot work is closed in auto mode; in ble mode it stays, so its state is shown.
    if (unusable && mode === 'auto') await radio.close();
    else radios.push(radio);
  }
  if (mode === 'virtual' || mode === 'auto') {
    const settings = options.virtual ?? {};
    try {
      // Loopback UDP reaches other processes; where no port is free, this process's medium still works.
      const link = await (settings.medium ?? createUdpMedium(settings)).join().catch((error: unknown) => {
        if (settings.medium !== undefined) throw error;
        virtualProblem = `${error instanceof Error ? error.message : String(error)}; only this process hears the beacon`;
        return processMedium.join();
      });
      virtualMedium = link.description;
      radios.push(
        createVirtualRadio(link, {
          address: settings.address,
          distanceM: settings.distanceM,
          advIntervalMs: settings.advIntervalMs,
          pathLoss: settings.pathLoss,
          timers,
        }),
      );
    } catch (error) {
      virtualProblem = error instanceof Error ? error.message : String(error);
    }
  }
  return { radios, bleProblem, virtualProblem, virtualMedium };
}
