// The emulator's event stream: every request and every state change, for the UI, SSE and tests.

export type EntityKind = 'pointOfSale' | 'payment' | 'refund' | 'checkIn' | 'notification' | 'emulator';

/** A state change of one entity (a payment moving from IssuedToUser to Reserved, a PoS deleted, ...). */
export interface StateEvent {
  readonly kind: 'state';
  readonly at: number;
  readonly entity: EntityKind;
  readonly id: string;
  readonly from: string | null;
  readonly to: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** One request the emulator answered (or dropped), as logged by the control plane. */
export interface RequestEvent {
  readonly kind: 'request';
  readonly at: number;
  readonly id: number;
  readonly method: string;
  readonly url: string;
  readonly status: number | null;
  readonly durationMs: number;
  readonly fault?: string;
}

export type EmulatorEvent = StateEvent | RequestEvent;
export type EventListener = (event: EmulatorEvent) => void;

/** A tiny synchronous publish/subscribe bus; listeners that throw never break the emulator. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  publish(event: EmulatorEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (a closed SSE stream, say) must not fail the request that caused the event.
      }
    }
  }
}
