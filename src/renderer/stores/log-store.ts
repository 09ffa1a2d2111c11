// The HTTP log's domain: every PoS v10 exchange of this run (already redacted by the client), as
// listed by the host and appended live from its events; clearing empties both.
import { create } from 'zustand';
import type { ExchangeView } from '../../shared/bridge/index.js';
import { idleCall, runCall, type CallState } from '../lib/bridge-call.js';

export interface LogState extends CallState {
  /** Oldest first, by seq. */
  readonly exchanges: readonly ExchangeView[];
  readonly loaded: boolean;
}

export interface LogActions {
  load(): Promise<void>;
  clear(): Promise<void>;
  receiveExchange(exchange: ExchangeView): void;
}

/** How many exchanges the screen keeps (the oldest go first). */
export const LOG_LIMIT = 500;

export const logInitialState: LogState = { ...idleCall, exchanges: [], loaded: false };

/** Merges two seq-ordered lists without duplicates, keeping the newest LOG_LIMIT. */
function merge(held: readonly ExchangeView[], incoming: readonly ExchangeView[]): ExchangeView[] {
  const bySeq = new Map<number, ExchangeView>();
  for (const exchange of [...held, ...incoming]) bySeq.set(exchange.seq, exchange);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-LOG_LIMIT);
}

/** The HTTP log store. */
export const useLogStore = create<LogState & LogActions>()((set) => ({
  ...logInitialState,

  async load() {
    const result = await runCall(set, 'load', (bridge) => bridge.logList({ limit: LOG_LIMIT }));
    if (result.ok) set((state) => ({ exchanges: merge(state.exchanges, result.value), loaded: true }));
  },

  async clear() {
    const result = await runCall(set, 'clear', (bridge) => bridge.logClear());
    if (result.ok) set({ exchanges: [] });
  },

  receiveExchange(exchange) {
    set((state) => {
      const last = state.exchanges.at(-1);
      if (last === undefined || exchange.seq > last.seq)
        return { exchanges: [...state.exchanges, exchange].slice(-LOG_LIMIT) };
      return { exchanges: merge(state.exchanges, [exchange]) };
    });
  },
}));
