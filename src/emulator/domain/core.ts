// The emulator's domain context: state, clock, events and timing, plus the state transitions every
// resource shares. Time-driven rules (expiry, auto-capture, MobilePay's cancellation of inactive
// payments) are applied lazily whenever an entity is read, and by a sweep when the clock moves.
import { ApiError } from '../api-error.js';
import type { Clock } from '../clock.js';
import type { EventBus, EntityKind, StateEvent } from '../events.js';
import type { EmulatorTiming } from '../options.js';
import type { EmulatorState } from './state.js';
import type { CheckIn, Payment, PointOfSale, Refund, TestUser } from './model.js';
import {
  activePaymentStatuses,
  type PaymentStatus,
  type RefundStatus,
} from '../../shared/pos-v10/schemas.js';
import { normalizePhoneNumber } from '../test-users.js';

/** Who is calling the PoS v10 API: from the access token and the documented headers. */
export interface Caller {
  readonly integratorId: string;
  readonly clientId: string;
  readonly merchantVat: string;
  readonly systemName: string;
  readonly systemVersion: string;
}

/** Sends a check-in notification for a PoS that has a callbackAlias (see notifications.ts). */
export type CheckInNotifier = (pos: PointOfSale) => void;

export class EmulatorCore {
  private pendingEvents: StateEvent[] | null = null;
  private pendingNotifications: PointOfSale[] = [];
  private readonly usersByPhone: Map<string, TestUser>;
  notifier: CheckInNotifier = () => undefined;

  constructor(
    readonly state: EmulatorState,
    readonly clock: Clock,
    readonly events: EventBus,
    readonly timing: EmulatorTiming,
    readonly pollDelayMs: number,
    readonly newId: () => string,
    testUsers: readonly TestUser[],
  ) {
    this.usersByPhone = new Map(testUsers.map((u) => [normalizePhoneNumber(u.phoneNumber), u]));
  }

  get testUsers(): TestUser[] {
    return [...this.usersByPhone.values()];
  }

  testUser(phoneNumber: string): TestUser | undefined {
    return this.usersByPhone.get(normalizePhoneNumber(phoneNumber));
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Runs one command atomically: its writes commit together, and its events and notifications go out
   * only after the commit (a command that throws leaves no trace).
   */
  run<T>(command: () => T): T {
    if (this.pendingEvents) return command();
    this.pendingEvents = [];
    this.pendingNotifications = [];
    let events: StateEvent[] = [];
    let notifications: PointOfSale[] = [];
    try {
      // A refusal (ApiError) still commits what time rules changed before it; anything else rolls back.
      const outcome = this.state.transaction(() => {
        try {
          return { ok: true as const, value: command() };
        } catch (error) {
          if (error instanceof ApiError) return { ok: false as const, error };
          throw error;
        }
      });
      events = this.pendingEvents;
      notifications = this.pendingNotifications;
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    } finally {
      this.pendingEvents = null;
      this.pendingNotifications = [];
      for (const event of events) this.events.publish(event);
      for (const pos of notifications) this.notifier(pos);
    }
  }

  emit(
    entity: EntityKind,
    id: string,
    from: string | null,
    to: string,
    at: number,
    detail?: Record<string, unknown>,
  ): void {
    const event: StateEvent = { kind: 'state', at, entity, id, from, to, ...(detail ? { detail } : {}) };
    if (this.pendingEvents) this.pendingEvents.push(event);
    else this.events.publish(event);
  }

  notifyCheckIn(pos: PointOfSale): void {
    if (pos.callbackAlias === null) return;
    if (this.pendingEvents) this.pendingNotifications.push(pos);
    else this.notifier(pos);
  }

  // --- transitions -------------------------------------------------------------------------------

  setPaymentStatus(
    payment: Payment,
    status: PaymentStatus,
    at: number,
    patch: Partial<Payment> = {},
  ): Payment {
    const next: Payment = { ...payment, ...patch, status, statusChangedAt: at };
    this.state.savePayment(next);
    this.emit('payment', payment.paymentId, payment.status, status, at, {
      posId: payment.posId,
      orderId: payment.orderId,
    });
    return next;
  }

  setRefundStatus(refund: Refund, status: RefundStatus, at: number, patch: Partial<Refund> = {}): Refund {
    const next: Refund = { ...refund, ...patch, status, statusChangedAt: at };
    this.state.saveRefund(next);
    this.emit('refund', refund.refundId, refund.status, status, at, { paymentId: refund.paymentId });
    return next;
  }

  // --- time-driven rules -------------------------------------------------------------------------

  /** Applies expiry and MobilePay's cancellation of inactive payments up to now. */
  settlePayment(payment: Payment): Payment {
    const now = this.now();
    if (activePaymentStatuses.has(payment.status)) {
      const deadline = payment.statusChangedAt + this.timing.paymentInactivityMs;
      if (now >= deadline) return this.setPaymentStatus(payment, 'CancelledByMobilePay', deadline);
    } else if (payment.status === 'Reserved' && payment.reservedAt !== null) {
      const deadline = payment.reservedAt + this.timing.reservationLifetimeMs;
      if (now >= deadline) return this.setPaymentStatus(payment, 'ExpiredAndCancelled', deadline);
    }
    return payment;
  }

  /** Moves a refund to Reserved after its reserve delay and captures it automatically after 24 hours. */
  settleRefund(refund: Refund): Refund {
    const now = this.now();
    let current = refund;
    if (current.status === 'Initiated') {
      const reservedAt = current.createdAt + this.timing.refundReserveDelayMs;
      if (now >= reservedAt) current = this.setRefundStatus(current, 'Reserved', reservedAt, { reservedAt });
    }
    if (current.status === 'Reserved' && current.reservedAt !== null) {
      const deadline = current.reservedAt + this.timing.refundAutoCaptureMs;
      if (now >= deadline) current = this.setRefundStatus(current, 'ExpiredAndCaptured', deadline);
    }
    return current;
  }

  /** The check-in waiting at a PoS, unless it has lapsed. */
  currentCheckIn(posId: string): CheckIn | undefined {
    const checkIn = this.state.checkIns.get(posId);
    if (!checkIn) return undefined;
    if (this.now() >= checkIn.at + this.timing.checkInLifetimeMs) {
      this.state.removeCheckIn(posId);
      this.emit('checkIn', posId, checkIn.phoneNumber, 'Expired', checkIn.at + this.timing.checkInLifetimeMs);
      return undefined;
    }
    return checkIn;
  }

  /** The active payment of a PoS after applying time rules (it may have been cancelled meanwhile). */
  activePayment(posId: string): Payment | undefined {
    const payment = this.state.activePaymentOf(posId);
    if (!payment) return undefined;
    const settled = this.settlePayment(payment);
    return activePaymentStatuses.has(settled.status) ? settled : undefined;
  }

  /** Applies every time rule to every entity that can still change; run when the clock moves. */
  sweep(): void {
    this.run(() => {
      // Settling only ever removes entries from these collections, which is safe while iterating.
      for (const id of this.state.livePayments) {
        const payment = this.state.payments.get(id);
        if (payment) this.settlePayment(payment);
      }
      for (const id of this.state.liveRefunds) {
        const refund = this.state.refunds.get(id);
        if (refund) this.settleRefund(refund);
      }
      for (const posId of this.state.checkIns.keys()) this.currentCheckIn(posId);
      const now = this.now();
      // Idempotency records are kept in creation order: stop at the first one still within retention.
      for (const record of this.state.idempotency.values()) {
        if (now - record.createdAt <= this.timing.idempotencyRetentionMs) break;
        this.state.removeIdempotency(record.scopeKey);
      }
    });
  }
}
