// The point-of-sale domain: the terminal's PoS, the store search of the onboarding wizard, onboarding
// and offboarding, and whether a customer is checked in right now.
import { create } from 'zustand';
import type { BridgeArgs, PosView, StoreView } from '../../shared/bridge/index.js';
import { idleCall, runCall, type CallState } from '../lib/bridge-call.js';

/** The latest check-in the host saw at this PoS. */
export interface CheckinView {
  readonly posId: string;
  readonly isUserCheckedIn: boolean;
  readonly loyaltyIds: readonly string[] | null;
}

export interface PosState extends CallState {
  readonly pos: PosView | null;
  /** posGet answered at least once (null pos then means "not onboarded"). */
  readonly loaded: boolean;
  /** The stores of the last search; null before any search. */
  readonly stores: readonly StoreView[] | null;
  readonly checkin: CheckinView | null;
}

export interface PosActions {
  load(): Promise<void>;
  findStores(query: BridgeArgs['posFindStores']): Promise<void>;
  onboard(input: BridgeArgs['posOnboard']): Promise<boolean>;
  offboard(): Promise<boolean>;
  receivePos(pos: PosView | null): void;
  receiveCheckin(checkin: CheckinView): void;
}

export const posInitialState: PosState = {
  ...idleCall,
  pos: null,
  loaded: false,
  stores: null,
  checkin: null,
};

/** The PoS store. */
export const usePosStore = create<PosState & PosActions>()((set) => ({
  ...posInitialState,

  async load() {
    const result = await runCall(set, 'load', (bridge) => bridge.posGet());
    if (result.ok) set({ pos: result.value, loaded: true });
  },

  async findStores(query) {
    set({ stores: null });
    const result = await runCall(set, 'find-stores', (bridge) => bridge.posFindStores(query));
    if (result.ok) set({ stores: result.value });
  },

  async onboard(input) {
    const result = await runCall(set, 'onboard', (bridge) => bridge.posOnboard(input));
    if (result.ok) set({ pos: result.value, loaded: true, stores: null });
    return result.ok;
  },

  async offboard() {
    const result = await runCall(set, 'offboard', (bridge) => bridge.posOffboard());
    if (result.ok) set({ pos: result.value, checkin: null });
    return result.ok;
  },

  receivePos(pos) {
    set((state) => ({
      pos,
      loaded: true,
      checkin: pos && state.checkin?.posId === pos.posId ? state.checkin : null,
    }));
  },

  receiveCheckin(checkin) {
    set({ checkin });
  },
}));
