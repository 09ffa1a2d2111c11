// The autopilot's till: the current payment and refund and the follows that poll them. It does
// what the steps ask the way a careful cashier does with the checkout: capture only a reservation,
// capture partially only when the payment says that is possible (else cancel, when told to), never
// poll a payment or refund sooner than pollDelayInMs, even when a new follow starts after an old one.
import type { PaymentStatus, ReadyPaymentRequest } from '../../shared/pos-v10/schemas.js';
import { FlowError } from '../flows/flow-error.js';
import type { PaymentRequest } from '../flows/payments.js';
import type { Payment, Refund } from '../journal/index.js';
import type { AutopilotEngine } from './engine-port.js';
import type { Settled, Task, TaskSet } from './background.js';
import type { PollPacer } from './poll-pacer.js';

/** How many polls of a prepared payment ready waits for it to be Paired (its loyalty ids read) before readying it as it is. */
export const READY_PATIENCE_POLLS = 3;

/** One followed resource: its journal id, the last record the follow returned, the follow itself. */
interface Followed<T> {
  readonly journalId: string;
  /** The API's id, the path of its polls. */
  readonly apiId: string;
  last: T;
  follow: Task<T> | null;
}

const minor = (amount: number): number => Math.round(amount * 100);
const FINAL: ReadonlySet<PaymentStatus> = new Set([
  'Captured',
  'CancelledByUser',
  'CancelledByClient',
  'CancelledByMobilePay',
  'ExpiredAndCancelled',
]);

/** The current payment and refund of an autopilot run. */
export class PaymentDesk {
  private payment: Followed<Payment> | null = null;
  /** The last payment captured: what a refund refunds. */
  private captured: Payment | null = null;
  private refundInHand: Followed<Refund> | null = null;
  private refunds = 0;

  constructor(
    private readonly engine: AutopilotEngine,
    private readonly tasks: TaskSet,
    private readonly pacer: PollPacer,
    private readonly report: (what: string, settled: Settled<unknown>) => void,
  ) {}

  /** POST /payments, then follow it to Reserved or its end in the background. */
  async initiate(request: PaymentRequest): Promise<string> {
    this.payment = null;
    const payment = await this.engine.startPayment(request);
    this.followPayment(payment);
    return `payment ${payment.paymentId ?? '?'} for order ${payment.orderId}`;
  }

  /** POST /payments/prepare, then follow it until the customer pairs (or it ends). */
  async prepare(orderId: string): Promise<string> {
    this.payment = null;
    const payment = await this.engine.preparePayment(orderId);
    this.followPayment(payment, (status) => status !== 'Prepared');
    return `prepared payment ${payment.paymentId ?? '?'} for order ${orderId}`;
  }

  /** Readies the prepared payment once Paired (or after a few polls without a customer), then follows it. */
  async ready(details: ReadyPaymentRequest): Promise<string> {
    const current = this.mustHavePayment();
    const follow = current.follow;
    if (follow !== null && !follow.done()) {
      await Promise.race([
        follow.settled,
        this.pacer.nextPolls(`/payments/${current.apiId}`, READY_PATIENCE_POLLS, follow.abort.signal),
      ]);
      follow.abort.abort();
      await follow.settled;
    }
    const payment = await this.engine.readyPayment(current.journalId, details);
    this.followPayment(payment);
    return `readied with ${details.amount.toFixed(2)} ${details.currencyCode} (was ${current.last.lastStatus ?? '?'})`;
  }

  /** Captures the reservation: in full, or partially when possible; else cancels when told to. */
  async capture(amount: number | null, otherwiseCancel: boolean): Promise<string> {
    const current = this.mustHavePayment();
    const payment = await this.settle(current);
    if (payment.lastStatus !== 'Reserved')
      throw new FlowError(
        'flow.not-reserved',
        `The payment is ${payment.lastStatus ?? 'not known'}: not captured.`,
      );
    const partial = amount !== null && minor(amount) < minor(payment.amount ?? 0);
    if (partial && payment.partialCapturePossible !== true) {
      if (otherwiseCancel) {
        current.last = await this.engine.cancelPayment(current.journalId);
        return 'partial capture not possible: cancelled instead';
      }
      return this.noteCapture(current, await this.engine.capturePayment(current.journalId));
    }
    const done = await this.engine.capturePayment(current.journalId, partial ? amount : undefined);
    return this.noteCapture(current, done);
  }

  async cancel(): Promise<string> {
    const current = this.mustHavePayment();
    current.last = await this.engine.cancelPayment(current.journalId);
    return `cancelled (${current.last.lastStatus ?? '?'})`;
  }

  /** Follows the payment until it ends (the customer or MobilePay ends it); then polling stops. */
  async awaitEnd(): Promise<string> {
    const current = this.mustHavePayment();
    let payment = await this.settle(current);
    if (payment.lastStatus === null || !FINAL.has(payment.lastStatus)) {
      this.followPayment(payment, () => false);
      payment = await this.settle(this.mustHavePayment());
    }
    return `the payment ended ${payment.lastStatus ?? '?'}`;
  }

  /** Refunds part or all of the last captured payment, then follows the refund to Reserved. */
  async refund(amount: number, currencyCode: 'DKK' | 'EUR'): Promise<string> {
    this.refundInHand = null;
    const payment = this.captured;
    if (payment === null) throw new FlowError('flow.unknown-payment', 'No payment was captured to refund.');
    this.refunds += 1;
    const refundOrderId = `R${this.refunds}-${payment.orderId}`.slice(0, 36);
    const refund = await this.engine.createRefund({
      refundOrderId,
      amount,
      currencyCode,
      journalPaymentId: payment.id,
    });
    if (refund.refundId !== null) {
      const refundId = refund.refundId;
      const tracked: Followed<Refund> = { journalId: refund.id, apiId: refundId, last: refund, follow: null };
      tracked.follow = this.start(tracked, `/refunds/${refundId}`, 'refund follow', (signal) =>
        this.engine.followRefund(refund.id, { signal }),
      );
      this.refundInHand = tracked;
    }
    return `refund ${refund.refundId ?? '?'} of ${amount.toFixed(2)} ${currencyCode} (${refundOrderId})`;
  }

  async captureRefund(): Promise<string> {
    const refund = await this.settle(this.mustHaveRefund());
    const done = await this.engine.captureRefund(refund.id);
    return `refund ${done.refundId ?? '?'} ${done.lastStatus ?? 'captured'}`;
  }

  async cancelRefund(): Promise<string> {
    const done = await this.engine.cancelRefund(this.mustHaveRefund().journalId);
    return `refund ${done.refundId ?? '?'} ${done.lastStatus ?? 'cancelled'}`;
  }

  private noteCapture(current: Followed<Payment>, payment: Payment): string {
    current.last = payment;
    this.captured = payment;
    return `captured ${(payment.capturedAmount ?? 0).toFixed(2)} ${payment.currencyCode ?? ''}`.trim();
  }

  private followPayment(payment: Payment, until?: (status: PaymentStatus) => boolean): void {
    if (payment.paymentId === null) throw new FlowError('flow.unresolved');
    const tracked: Followed<Payment> = {
      journalId: payment.id,
      apiId: payment.paymentId,
      last: payment,
      follow: null,
    };
    tracked.follow = this.start(tracked, `/payments/${payment.paymentId}`, 'payment follow', (signal) =>
      this.engine.followPayment(payment.id, { signal, ...(until ? { until } : {}) }),
    );
    this.payment = tracked;
  }

  /** Starts a follow after the resource's last poll plus its pollDelayInMs; keeps its last record. */
  private start<T>(
    tracked: Followed<T>,
    path: string,
    what: string,
    follow: (signal: AbortSignal) => Promise<T>,
  ): Task<T> {
    const task = this.tasks.start(async (signal) => {
      await this.pacer.waitTurn(path, signal);
      return follow(signal);
    });
    void task.settled.then((settled) => {
      if (settled.kind === 'value') tracked.last = settled.value;
      this.report(what, settled);
    });
    return task;
  }

  /** The record once its follow has ended (rethrowing the follow's error). */
  private async settle<T>(tracked: Followed<T>): Promise<T> {
    if (tracked.follow === null) return tracked.last;
    const settled = await tracked.follow.settled;
    if (settled.kind === 'error') throw settled.error;
    tracked.last = settled.value;
    return settled.value;
  }

  private mustHavePayment(): Followed<Payment> {
    if (this.payment === null) throw new FlowError('flow.unknown-payment', 'No payment is in progress.');
    return this.payment;
  }

  private mustHaveRefund(): Followed<Refund> {
    if (this.refundInHand === null) throw new FlowError('flow.unknown-refund', 'No refund is in progress.');
    return this.refundInHand;
  }
}
