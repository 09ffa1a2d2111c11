// The checkout's payment domain: the one payment the till is working on (initiated at the checkout
// or prepared while scanning), its live state from the host's events, and capture / cancel / clear.
import { create } from 'zustand';
import type { BridgeArgs, PaymentView } from '../../shared/bridge/index.js';
import { idleCall, isFresher, runCall, type CallState } from '../lib/bridge-call.js';

export interface PaymentState extends CallState {
  /** The till's current payment; null between sales. */
  readonly current: PaymentView | null;
  readonly loaded: boolean;
  /** The latest view of each payment seen in events, so an answer older than an event never wins. */
  readonly seen: Readonly<Record<string, PaymentView>>;
}

export interface PaymentActions {
  load(): Promise<void>;
  start(args: BridgeArgs['paymentStart']): Promise<boolean>;
  prepare(args?: BridgeArgs['paymentPrepare']): Promise<boolean>;
  ready(args: Omit<BridgeArgs['paymentReady'], 'journalId'>): Promise<boolean>;
  /** Full capture without an amount; partial with one. */
  capture(amount?: number): Promise<boolean>;
  cancel(): Promise<boolean>;
  /** Forgets the finished payment so the next sale can start. */
  clear(): Promise<boolean>;
  receivePayment(payment: PaymentView): void;
}

/** Statuses that block the till: an event in one of these makes the payment current (e.g. another window started it). */
const blocking = new Set<PaymentView['status']>(['Prepared', 'Paired', 'Initiated', 'IssuedToUser']);

/** How many payments `seen` remembers. */
const SEEN_LIMIT = 20;

export const paymentInitialState: PaymentState = { ...idleCall, current: null, loaded: false, seen: {} };

/** The payment store. */
export const usePaymentStore = create<PaymentState & PaymentActions>()((set, get) => {
  /** Takes a bridge answer as current unless an event already brought a fresher view of it. */
  const adopt = (payment: PaymentView) => {
    const seen = get().seen[payment.journalId];
    set({ current: seen && !isFresher(payment, seen) ? seen : payment });
  };
  const currentId = () => get().current?.journalId;

  return {
    ...paymentInitialState,

    async load() {
      const result = await runCall(set, 'load', (bridge) => bridge.paymentCurrent());
      if (result.ok) set({ current: result.value, loaded: true });
    },

    async start(args) {
      const result = await runCall(set, 'start', (bridge) => bridge.paymentStart(args));
      if (result.ok) adopt(result.value);
      return result.ok;
    },

    async prepare(args = {}) {
      const result = await runCall(set, 'prepare', (bridge) => bridge.paymentPrepare(args));
      if (result.ok) adopt(result.value);
      return result.ok;
    },

    async ready(args) {
      const journalId = currentId();
      if (journalId === undefined) return false;
      const result = await runCall(set, 'ready', (bridge) => bridge.paymentReady({ ...args, journalId }));
      if (result.ok) adopt(result.value);
      return result.ok;
    },

    async capture(amount) {
      const journalId = currentId();
      if (journalId === undefined) return false;
      const args = amount === undefined ? { journalId } : { journalId, amount };
      const result = await runCall(set, 'capture', (bridge) => bridge.paymentCapture(args));
      if (result.ok) adopt(result.value);
      return result.ok;
    },

    async cancel() {
      const journalId = currentId();
      if (journalId === undefined) return false;
      const result = await runCall(set, 'cancel', (bridge) => bridge.paymentCancel({ journalId }));
      if (result.ok) adopt(result.value);
      return result.ok;
    },

    async clear() {
      const result = await runCall(set, 'clear', (bridge) => bridge.paymentClear());
      if (result.ok) set({ current: null });
      return result.ok;
    },

    receivePayment(payment) {
      set((state) => {
        const held = state.seen[payment.journalId];
        if (!isFresher(payment, held)) return {};
        const entries = Object.entries({ ...state.seen, [payment.journalId]: payment });
        const seen = Object.fromEntries(entries.slice(-SEEN_LIMIT));
        const isCurrent = state.current?.journalId === payment.journalId;
        if (isCurrent && isFresher(payment, state.current)) return { seen, current: payment };
        if (state.current === null && blocking.has(payment.status)) return { seen, current: payment };
        return { seen };
      });
    },
  };
});
