// The transaction journal's domain: the listed payments with the screen's filter, kept live by the
// host's payment events, and the capture / cancel of hanging reservations.
import { create } from 'zustand';
import type { BridgeArgs, PaymentListStatus, PaymentView } from '../../shared/bridge/index.js';
import { idleCall, isFresher, runCall, type CallState } from '../lib/bridge-call.js';

/** 'all', 'hanging' (reservations nobody decided) or one status. */
export type StatusFilter = 'all' | 'hanging' | PaymentListStatus;

export interface TransactionFilter {
  readonly status: StatusFilter;
  /** Part of an orderId; empty lists all. */
  readonly orderId: string;
}

export interface TransactionsState extends CallState {
  readonly items: readonly PaymentView[];
  readonly filter: TransactionFilter;
  readonly loaded: boolean;
}

export interface TransactionsActions {
  load(): Promise<void>;
  setFilter(filter: Partial<TransactionFilter>): Promise<void>;
  capture(journalId: string): Promise<boolean>;
  cancel(journalId: string): Promise<boolean>;
  receivePayment(payment: PaymentView): void;
}

/** How many payments the journal screen lists at most. */
export const TRANSACTION_LIMIT = 200;

export const transactionsInitialState: TransactionsState = {
  ...idleCall,
  items: [],
  filter: { status: 'all', orderId: '' },
  loaded: false,
};

/** The paymentsList arguments for a filter. */
export function listArgs(filter: TransactionFilter): BridgeArgs['paymentsList'] {
  const orderId = filter.orderId.trim();
  return {
    limit: TRANSACTION_LIMIT,
    ...(filter.status === 'hanging' ? { hangingOnly: true } : {}),
    ...(filter.status !== 'all' && filter.status !== 'hanging' ? { status: filter.status } : {}),
    ...(orderId ? { orderId } : {}),
  };
}

function matches(filter: TransactionFilter, payment: PaymentView): boolean {
  if (filter.status === 'hanging' && !payment.hanging) return false;
  if (filter.status !== 'all' && filter.status !== 'hanging' && payment.status !== filter.status)
    return false;
  return payment.orderId.includes(filter.orderId.trim());
}

/** The transactions store. */
export const useTransactionsStore = create<TransactionsState & TransactionsActions>()((set, get) => {
  const replace = (payment: PaymentView) =>
    set((state) => ({
      items: state.items.map((item) => (item.journalId === payment.journalId ? payment : item)),
    }));

  return {
    ...transactionsInitialState,

    async load() {
      const result = await runCall(set, 'load', (bridge) => bridge.paymentsList(listArgs(get().filter)));
      if (result.ok) set({ items: result.value, loaded: true });
    },

    async setFilter(filter) {
      set((state) => ({ filter: { ...state.filter, ...filter } }));
      await get().load();
    },

    async capture(journalId) {
      const result = await runCall(set, `capture:${journalId}`, (bridge) =>
        bridge.paymentCapture({ journalId }),
      );
      if (result.ok) replace(result.value);
      return result.ok;
    },

    async cancel(journalId) {
      const result = await runCall(set, `cancel:${journalId}`, (bridge) =>
        bridge.paymentCancel({ journalId }),
      );
      if (result.ok) replace(result.value);
      return result.ok;
    },

    receivePayment(payment) {
      const { items, filter, loaded } = get();
      const held = items.find((item) => item.journalId === payment.journalId);
      if (held) {
        if (isFresher(payment, held)) replace(payment);
      } else if (loaded && matches(filter, payment)) {
        set({ items: [payment, ...items].slice(0, TRANSACTION_LIMIT) });
      }
    },
  };
});
