// The simulated phone's domain: the sandbox test users, the phone's state (check-in, pending
// payment, auto-accept), checking in by scanning the displayed QR code or at a till heard over
// Bluetooth, and accepting or declining. (The phone's radio itself lives in the hardware store.)
import { create } from 'zustand';
import type { PhoneState, TestUserView } from '../../shared/bridge/index.js';
import { idleCall, runCall, type CallState } from '../lib/bridge-call.js';
import { scanBeaconId, type QrImageDecoder } from '../phone/scan-qr.js';

export interface PhoneStoreState extends CallState {
  readonly users: readonly TestUserView[];
  readonly phone: PhoneState | null;
  /** The test user the tester picked (the phone's own number once it checked in). */
  readonly selected: string | null;
  /** Why the last scan found no beacon (no QR shown, unreadable, not a MobilePay code, no user). */
  readonly scanProblem: string | null;
}

export interface PhoneActions {
  load(): Promise<void>;
  select(phoneNumber: string): void;
  /** Reads the customer display's QR image, decodes it and checks in at that beacon. */
  scanAndCheckIn(decode?: QrImageDecoder): Promise<boolean>;
  /** Checks in at the till whose beaconId the phone's radio heard (phoneDiscover). */
  checkInByBluetooth(beaconId: string): Promise<boolean>;
  accept(): Promise<boolean>;
  decline(): Promise<boolean>;
  setAutoAccept(seconds: number | null): Promise<boolean>;
  receivePhone(phone: PhoneState): void;
}

export const phoneInitialState: PhoneStoreState = {
  ...idleCall,
  users: [],
  phone: null,
  selected: null,
  scanProblem: null,
};

/** The phone store. */
export const usePhoneStore = create<PhoneStoreState & PhoneActions>()((set, get) => {
  const answer = async (action: string, call: Parameters<typeof runCall<PhoneState>>[2]) => {
    const result = await runCall(set, action, call);
    if (result.ok) set({ phone: result.value });
    return result.ok;
  };

  return {
    ...phoneInitialState,

    async load() {
      const users = await runCall(set, 'load', (bridge) => bridge.phoneUsers());
      if (users.ok)
        set((state) => ({
          users: users.value,
          selected: state.selected ?? users.value[0]?.phoneNumber ?? null,
        }));
      const phone = await runCall(set, 'load', (bridge) => bridge.phoneGet());
      if (phone.ok)
        set((state) => ({ phone: phone.value, selected: phone.value.phoneNumber ?? state.selected }));
    },

    select(phoneNumber) {
      set({ selected: phoneNumber });
    },

    async scanAndCheckIn(decode) {
      const phoneNumber = get().selected;
      set({ scanProblem: null });
      if (phoneNumber === null) {
        set({ scanProblem: 'Pick a test user first.' });
        return false;
      }
      const display = await runCall(set, 'scan', (bridge) => bridge.displayGet());
      if (!display.ok) return false;
      const scan = await scanBeaconId(display.value.qrImage, decode);
      if (!scan.ok) {
        set({ scanProblem: scan.problem });
        return false;
      }
      return answer('check-in', (bridge) =>
        bridge.phoneCheckIn({ phoneNumber, beaconId: scan.beaconId, via: 'qr' }),
      );
    },

    async checkInByBluetooth(beaconId) {
      const phoneNumber = get().selected;
      set({ scanProblem: null });
      if (phoneNumber === null) {
        set({ scanProblem: 'Pick a test user first.' });
        return false;
      }
      return answer('check-in', (bridge) => bridge.phoneCheckIn({ phoneNumber, beaconId, via: 'ble' }));
    },

    accept: () => answer('accept', (bridge) => bridge.phoneAccept()),
    decline: () => answer('decline', (bridge) => bridge.phoneDecline()),
    setAutoAccept: (seconds) => answer('auto-accept', (bridge) => bridge.phoneAutoAccept({ seconds })),

    receivePhone(phone) {
      set({ phone });
    },
  };
});
