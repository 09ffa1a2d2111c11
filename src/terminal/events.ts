// The terminal engine's typed events: every state change, request and error a screen or a log shows.
import type { PaymentStatus, RefundStatus } from '../shared/pos-v10/schemas.js';
import type { ExchangeEvent } from './api/index.js';

/** A payment's status as the engine saw it change (from a poll or a confirmed capture/cancel). */
export interface PaymentStateEvent {
  readonly kind: 'payment.state';
  readonly at: number;
  readonly journalId: string;
  readonly orderId: string;
  readonly paymentId: string | null;
  readonly status: PaymentStatus;
  readonly previous: PaymentStatus | null;
}

export interface RefundStateEvent {
  readonly kind: 'refund.state';
  readonly at: number;
  readonly journalId: string;
  readonly paymentId: string;
  readonly refundId: string | null;
  readonly status: RefundStatus;
  readonly previous: RefundStatus | null;
}

/** A customer checked in (or left) at the PoS, from the check-in endpoint. */
export interface CheckInEvent {
  readonly kind: 'checkin';
  readonly at: number;
  readonly posId: string;
  readonly isUserCheckedIn: boolean;
  readonly loyaltyIds: readonly string[] | null;
}

/** One HTTP exchange of the PoS client (secrets already redacted). */
export interface RequestEvent {
  readonly kind: 'request';
  readonly at: number;
  readonly exchange: ExchangeEvent;
}

/** Something the engine did on its own: recovery, the sweeper, onboarding steps. */
export interface NoticeEvent {
  readonly kind: 'notice';
  readonly at: number;
  readonly topic: 'onboarding' | 'recovery' | 'sweeper' | 'checkin' | 'payment' | 'refund';
  readonly message: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** A failure worth showing: the flow's error code, the API's code when there is one. */
export interface ErrorEvent {
  readonly kind: 'error';
  readonly at: number;
  readonly topic: NoticeEvent['topic'];
  readonly code: string;
  readonly apiCode: string | null;
  readonly message: string;
  readonly retryable: boolean;
}

export type EngineEvent =
  PaymentStateEvent | RefundStateEvent | CheckInEvent | RequestEvent | NoticeEvent | ErrorEvent;

export type EngineEventListener = (event: EngineEvent) => void;

/** Synchronous fan-out to subscribers; a listener that throws never breaks a flow. */
export class EngineEvents {
  private readonly listeners = new Set<EngineEventListener>();

  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken screen must not stop a payment.
      }
    }
  }
}
