// A scripted stand-in for the terminal engine, for the autopilot's unit specs: it records every flow
// called, keeps payments and refunds in memory, and lets the spec move them (the customer accepts,
// the user cancels). Follows and the check-in watch wait until the spec's world satisfies them or
// their signal aborts, and every "poll" is announced as a request event, as the real engine does.
import type { PaymentStatus, RefundStatus, StoreResponse } from '../../../src/shared/pos-v10/schemas.js';
import type { AutopilotEngine } from '../../../src/terminal/autopilot/index.js';
import { EngineEvents, type EngineEventListener } from '../../../src/terminal/events.js';
import { FlowError } from '../../../src/terminal/flows/flow-error.js';
import type { PaymentRequest } from '../../../src/terminal/flows/payments.js';
import type { RefundRequest } from '../../../src/terminal/flows/refunds.js';
import type { Payment, PosConfig, PosConfigInput, Refund } from '../../../src/terminal/journal/index.js';
import {
  CERT_STORE,
  FAKE_POLL_DELAY_MS,
  FINAL,
  paymentRecord,
  refundRecord,
  type FakeClock,
} from './fake-world.js';

export { CERT_STORE, FAKE_POLL_DELAY_MS, FakeClock } from './fake-world.js';

const BASE = 'http://fake/pos/v10';

interface Waiter {
  readonly done: () => boolean;
  readonly resolve: () => void;
}

/** The fake engine: `calls` lists the flows in the order they were called, with their arguments. */
export class FakeEngine implements AutopilotEngine {
  readonly calls: { readonly name: string; readonly args: readonly unknown[] }[] = [];
  readonly payments = new Map<string, Payment>();
  readonly refunds = new Map<string, Refund>();
  /** The next call of the named flow throws this error instead. */
  readonly failNext = new Map<string, Error>();
  private readonly events = new EngineEvents();
  private readonly waiters = new Set<Waiter>();
  private checkedIn = false;
  private ids = 0;

  constructor(private readonly clock: FakeClock) {}

  names(): string[] {
    return this.calls.map((call) => call.name);
  }

  subscribe(listener: EngineEventListener): () => void {
    return this.events.subscribe(listener);
  }

  findStores = async (...args: Parameters<AutopilotEngine['findStores']>) => {
    this.record('findStores', args);
    return [CERT_STORE] as readonly StoreResponse[];
  };

  onboard = async (input: PosConfigInput): Promise<PosConfig> => {
    this.record('onboard', [input]);
    return { ...input, posId: 'pos-1', assignedBeaconId: 'beacon-1', updatedAt: this.clock.now() };
  };

  offboard = async (): Promise<PosConfig> => {
    this.record('offboard', []);
    return {
      storeId: CERT_STORE.storeId,
      merchantPosId: 'cert-1',
      posName: 'Certification PoS 1',
      beaconId: null,
      supportedBeaconTypes: ['QR'],
      callbackAlias: null,
      requirePaymentBeforeCheckin: false,
      merchantVat: 'DK90000028',
      posId: null,
      assignedBeaconId: null,
      updatedAt: this.clock.now(),
    };
  };

  watchCheckIn = async (...args: Parameters<AutopilotEngine['watchCheckIn']>) => {
    this.record('watchCheckIn', args);
    const signal = args[0]?.signal;
    this.poll('/pointofsales/pos-1/checkin', { isUserCheckedIn: this.checkedIn });
    await this.until(() => this.checkedIn, signal);
    return signal?.aborted ? null : { isUserCheckedIn: true, pollDelayInMs: FAKE_POLL_DELAY_MS };
  };

  startPayment = async (request: PaymentRequest): Promise<Payment> => {
    this.record('startPayment', [request]);
    return this.newPayment('initiate', request.orderId, request.amount, 'Initiated');
  };

  preparePayment = async (orderId: string): Promise<Payment> => {
    this.record('preparePayment', [orderId]);
    return this.newPayment('prepare', orderId, null, 'Prepared');
  };

  readyPayment = async (...[journalId, details]: Parameters<AutopilotEngine['readyPayment']>) => {
    this.record('readyPayment', [journalId, details]);
    return this.updatePayment(journalId, { amount: details.amount });
  };

  followPayment = async (...[journalId, options]: Parameters<AutopilotEngine['followPayment']>) => {
    this.record('followPayment', [journalId]);
    const until = options?.until ?? ((status: PaymentStatus) => status === 'Reserved');
    const settled = (): boolean => {
      const status = this.payments.get(journalId)!.lastStatus!;
      return until(status) || FINAL.has(status);
    };
    this.pollPayment(journalId);
    await this.until(settled, options?.signal);
    if (!settled()) throw new FlowError('flow.aborted');
    return this.payments.get(journalId)!;
  };

  capturePayment = async (journalId: string, amount?: number): Promise<Payment> => {
    this.record('capturePayment', amount === undefined ? [journalId] : [journalId, amount]);
    const payment = this.payments.get(journalId)!;
    return this.updatePayment(journalId, {
      lastStatus: 'Captured',
      capturedAmount: amount ?? payment.amount,
    });
  };

  cancelPayment = async (journalId: string): Promise<Payment> => {
    this.record('cancelPayment', [journalId]);
    return this.updatePayment(journalId, { lastStatus: 'CancelledByClient' });
  };

  createRefund = async (request: RefundRequest): Promise<Refund> => {
    this.record('createRefund', [request]);
    this.ids += 1;
    const refund = refundRecord(this.ids, this.clock.now(), {
      refundOrderId: request.refundOrderId,
      paymentLocalId: 'journalPaymentId' in request ? request.journalPaymentId : null,
      amount: request.amount,
      currencyCode: request.currencyCode,
    });
    this.refunds.set(refund.id, refund);
    return refund;
  };

  followRefund = async (...[journalId, options]: Parameters<AutopilotEngine['followRefund']>) => {
    this.record('followRefund', [journalId]);
    const settled = (): boolean => {
      const status = this.refunds.get(journalId)!.lastStatus!;
      return status === 'Reserved' || FINAL.has(status);
    };
    this.poll(`/refunds/${this.refunds.get(journalId)!.refundId}`, { status: 'x' });
    await this.until(settled, options?.signal);
    if (!settled()) throw new FlowError('flow.aborted');
    return this.refunds.get(journalId)!;
  };

  captureRefund = async (journalId: string): Promise<Refund> => {
    this.record('captureRefund', [journalId]);
    return this.setRefund(journalId, 'Captured');
  };

  cancelRefund = async (journalId: string): Promise<Refund> => {
    this.record('cancelRefund', [journalId]);
    return this.setRefund(journalId, 'CancelledByClient');
  };

  // --- the spec's hands ------------------------------------------------------------------------

  /** The payment moves on at MobilePay; the next poll of its follow sees it. */
  setPayment(journalId: string, patch: Partial<Payment>): void {
    this.updatePayment(journalId, patch);
    this.pollPayment(journalId);
    this.wake();
  }

  setRefund(journalId: string, status: RefundStatus): Refund {
    const refund = { ...this.refunds.get(journalId)!, lastStatus: status };
    this.refunds.set(journalId, refund);
    this.wake();
    return refund;
  }

  /** A customer checks in while the QR is shown. */
  checkIn(): void {
    this.checkedIn = true;
    this.poll('/pointofsales/pos-1/checkin', { isUserCheckedIn: true });
    this.wake();
  }

  /** The journal id of the payment with this orderId. */
  paymentOf(orderId: string): Payment {
    const found = [...this.payments.values()].find((p) => p.orderId === orderId);
    if (!found) throw new Error(`no payment for order ${orderId}`);
    return found;
  }

  /** Announces a poll of this resource now, as the transport does for every answered GET. */
  poll(path: string, body: Record<string, unknown>): void {
    const at = this.clock.now();
    this.events.emit({
      kind: 'request',
      at,
      exchange: {
        at,
        method: 'GET',
        url: `${BASE}${path}`,
        requestHeaders: {},
        attempt: 1,
        durationMs: 0,
        status: 200,
        responseBody: { ...body, pollDelayInMs: FAKE_POLL_DELAY_MS },
      },
    });
  }

  private pollPayment(journalId: string): void {
    const payment = this.payments.get(journalId)!;
    this.poll(`/payments/${payment.paymentId}`, { status: payment.lastStatus });
  }

  private record(name: string, args: readonly unknown[]): void {
    this.calls.push({ name, args });
    const failure = this.failNext.get(name);
    if (failure) {
      this.failNext.delete(name);
      throw failure;
    }
  }

  private newPayment(
    flow: 'initiate' | 'prepare',
    orderId: string,
    amount: number | null,
    status: PaymentStatus,
  ): Payment {
    this.ids += 1;
    const payment = paymentRecord(this.ids, this.clock.now(), { flow, orderId, amount, lastStatus: status });
    this.payments.set(payment.id, payment);
    return payment;
  }

  private updatePayment(journalId: string, patch: Partial<Payment>): Payment {
    const payment = { ...this.payments.get(journalId)!, ...patch };
    this.payments.set(journalId, payment);
    this.wake();
    return payment;
  }

  /** Resolves once `done()` holds or the signal aborts. */
  private until(done: () => boolean, signal: AbortSignal | undefined): Promise<void> {
    if (done() || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter: Waiter = { done, resolve };
      this.waiters.add(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          this.waiters.delete(waiter);
          resolve();
        },
        { once: true },
      );
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters])
      if (waiter.done()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
  }
}
