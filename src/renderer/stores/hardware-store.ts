// The beacon hardware's domain: the till's radios, advertising, presence check and the beacons it
// hears (HardwareView), the simulated phone's radio (PhoneRadioView), and a beaconId read from a
// beacon nearby that the PoS setup wizard takes next time it onboards.
import { create } from 'zustand';
import type { BeaconAdoption, BridgeArgs, HardwareView, PhoneRadioView } from '../../shared/bridge/index.js';
import { idleCall, runCall, type CallState } from '../lib/bridge-call.js';

export interface HardwareStoreState extends CallState {
  readonly hardware: HardwareView | null;
  readonly radio: PhoneRadioView | null;
  /** The answer to the last "use as beaconId": the note to show, or why not. */
  readonly adoption: BeaconAdoption | null;
  /**
   * A beaconId read from a beacon nearby, waiting for the wizard: the host only remembers it by
   * onboarding, so it lives here until an onboarding has used it.
   */
  readonly adoptedBeaconId: string | null;
}

export interface HardwareActions {
  load(): Promise<void>;
  setMode(mode: BridgeArgs['hardwareSetMode']['mode']): Promise<boolean>;
  advertise(on: boolean): Promise<boolean>;
  scan(on: boolean): Promise<boolean>;
  adoptBeacon(sightingId: string): Promise<boolean>;
  checkPresence(): Promise<boolean>;
  setDistance(meters: number): Promise<boolean>;
  /** The wizard onboarded: the adopted beaconId has been used (or deliberately not). */
  clearAdopted(): void;
  loadRadio(): Promise<void>;
  discover(): Promise<boolean>;
  setPhoneDistance(meters: number): Promise<boolean>;
  receiveHardware(hardware: HardwareView): void;
  receiveRadio(radio: PhoneRadioView): void;
}

export const hardwareInitialState: HardwareStoreState = {
  ...idleCall,
  hardware: null,
  radio: null,
  adoption: null,
  adoptedBeaconId: null,
};

/** The hardware store. */
export const useHardwareStore = create<HardwareStoreState & HardwareActions>()((set) => {
  const hardwareCall = async (action: string, call: Parameters<typeof runCall<HardwareView>>[2]) => {
    const result = await runCall(set, action, call);
    if (result.ok) set({ hardware: result.value });
    return result.ok;
  };
  const radioCall = async (action: string, call: Parameters<typeof runCall<PhoneRadioView>>[2]) => {
    const result = await runCall(set, action, call);
    if (result.ok) set({ radio: result.value });
    return result.ok;
  };

  return {
    ...hardwareInitialState,

    async load() {
      const result = await runCall(set, 'load', (bridge) => bridge.hardwareGet());
      // An event may have arrived while the call was out: it is at least as new as the answer.
      if (result.ok) set((state) => (state.hardware ? {} : { hardware: result.value }));
    },

    setMode: (mode) => hardwareCall('mode', (bridge) => bridge.hardwareSetMode({ mode })),
    advertise: (on) => hardwareCall('advertise', (bridge) => bridge.hardwareAdvertise({ on })),
    scan: (on) => hardwareCall('scan', (bridge) => bridge.hardwareScan({ on })),
    checkPresence: () => hardwareCall('check-presence', (bridge) => bridge.hardwareCheckPresence({})),
    setDistance: (meters) => hardwareCall('distance', (bridge) => bridge.hardwareSetDistance({ meters })),

    async adoptBeacon(sightingId) {
      set({ adoption: null });
      const result = await runCall(set, 'use-beacon', (bridge) => bridge.hardwareUseBeacon({ sightingId }));
      if (!result.ok) return false;
      const adoption = result.value;
      set(adoption.kind === 'adopted' ? { adoption, adoptedBeaconId: adoption.beaconId } : { adoption });
      return adoption.kind === 'adopted';
    },

    clearAdopted() {
      set({ adoptedBeaconId: null, adoption: null });
    },

    async loadRadio() {
      const result = await runCall(set, 'load-radio', (bridge) => bridge.phoneRadioGet());
      if (result.ok) set((state) => (state.radio ? {} : { radio: result.value }));
    },

    discover: () => radioCall('discover', (bridge) => bridge.phoneDiscover({})),
    setPhoneDistance: (meters) =>
      radioCall('phone-distance', (bridge) => bridge.phoneSetDistance({ meters })),

    receiveHardware(hardware) {
      set({ hardware });
    },

    receiveRadio(radio) {
      set({ radio });
    },
  };
});
