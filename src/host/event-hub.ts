// The host's one event stream: every window (over IPC or the web socket) subscribes once and gets
// whole views tagged by kind. A listener that throws never disturbs the till or the other listeners.
import type { BridgeEvent } from '../shared/bridge/index.js';
import { describeFailure } from './failure.js';

export type BridgeEventListener = (event: BridgeEvent) => void;

/** Synchronous fan-out of bridge events, with helpers for notices and failures. */
export class EventHub {
  private readonly listeners = new Set<BridgeEventListener>();

  constructor(private readonly now: () => number = Date.now) {}

  subscribe(listener: BridgeEventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(event: BridgeEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken window must not stop a payment.
      }
    }
  }

  /** Something the till did on its own that the cashier should know. */
  notice(topic: string, message: string): void {
    this.emit({ kind: 'notice', at: this.now(), topic, message });
  }

  /** A failure of background work (following a payment, watching the check-in, auto-accept). */
  error(topic: string, error: unknown): void {
    this.emit({ kind: 'error', at: this.now(), topic, error: describeFailure(error) });
  }

  /** Drops every listener (the host is closing). */
  clear(): void {
    this.listeners.clear();
  }
}
