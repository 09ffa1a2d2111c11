// The customer display's domain: what the beacon screen shows (QR, amount, phase), read once and then
// replaced by every 'display' event the host pushes.
import { create } from 'zustand';
import type { DisplayState } from '../../shared/bridge/index.js';
import { idleCall, runCall, type CallState } from '../lib/bridge-call.js';

export interface DisplayStoreState extends CallState {
  readonly display: DisplayState | null;
}

export interface DisplayActions {
  load(): Promise<void>;
  receiveDisplay(display: DisplayState): void;
}

export const displayInitialState: DisplayStoreState = { ...idleCall, display: null };

/** The customer display store. */
export const useDisplayStore = create<DisplayStoreState & DisplayActions>()((set) => ({
  ...displayInitialState,

  async load() {
    const result = await runCall(set, 'load', (bridge) => bridge.displayGet());
    // An event may have arrived while the call was out: it is at least as new as the answer.
    if (result.ok) set((state) => (state.display ? {} : { display: result.value }));
  },

  receiveDisplay(display) {
    set({ display });
  },
}));

/** The display's state in words, large on the customer's screen. */
export const phaseWords: Readonly<Record<DisplayState['phase'], string>> = {
  closed: 'This till is closed',
  idle: 'Scan to pay with MobilePay',
  'checked-in': 'You are checked in. The cashier is ringing up your purchase',
  'awaiting-customer': 'Confirm the payment in MobilePay',
  reserved: 'Payment approved. One moment…',
  thanks: 'Thank you!',
  cancelled: 'The payment was cancelled',
};
