// Refunds at the till: create one for a captured payment of the journal (a fresh refund order id),
// follow it in the background to Reserved (each change arrives as the engine's refund.state
// event), then capture it (the money goes back) or cancel it.
import { isFlowError } from '../terminal/flows/flow-error.js';
import type { TerminalEngine } from '../terminal/engine.js';
import type { Refund } from '../terminal/journal/index.js';
import { newOrderId } from './checkout.js';
import { HostError, badInput } from './host-error.js';
import { API_ID_PREFIX } from './payment-lookup.js';

export interface RefundDeskDeps {
  readonly engine: TerminalEngine;
  readonly newId: () => string;
  readonly onError: (error: unknown) => void;
}

/** The refunds being followed, and the calls on them. */
export class RefundDesk {
  private readonly followers = new Map<string, { controller: AbortController; done: Promise<void> }>();

  constructor(private readonly deps: RefundDeskDeps) {}

  /**
   * Refunds part or all of a captured payment and follows the refund to Reserved. A payment only
   * the API knows (`api:<paymentId>`, from paymentFind) is refunded by its paymentId.
   */
  async create(paymentJournalId: string, amount: number): Promise<Refund> {
    const refundOrderId = newOrderId(this.deps.newId, 'refund');
    let refund: Refund;
    if (paymentJournalId.startsWith(API_ID_PREFIX)) {
      const paymentId = paymentJournalId.slice(API_ID_PREFIX.length);
      const payment = await this.deps.engine.client.getPayment(paymentId);
      if (!payment.currencyCode) throw badInput('Only a captured payment can be refunded.');
      const currencyCode = payment.currencyCode;
      refund = await this.deps.engine.createRefund({ paymentId, refundOrderId, amount, currencyCode });
    } else {
      const payment = this.deps.engine.journal.payments.get(paymentJournalId);
      if (payment === null) throw new HostError('not-found', 'There is no such payment on this till.');
      if (payment.currencyCode === null || payment.paymentId === null)
        throw badInput('Only a captured payment can be refunded.');
      const currencyCode = payment.currencyCode;
      refund = await this.deps.engine.createRefund({
        journalPaymentId: paymentJournalId,
        refundOrderId,
        amount,
        currencyCode,
      });
    }
    this.follow(refund.id);
    return refund;
  }

  capture(journalId: string): Promise<Refund> {
    this.mustGet(journalId);
    return this.deps.engine.captureRefund(journalId);
  }

  cancel(journalId: string): Promise<Refund> {
    this.mustGet(journalId);
    return this.deps.engine.cancelRefund(journalId);
  }

  /** Stops every follower; resolves when they have settled. */
  async close(): Promise<void> {
    const running = [...this.followers.values()];
    this.followers.clear();
    for (const { controller } of running) controller.abort();
    await Promise.all(running.map(({ done }) => done));
  }

  private mustGet(journalId: string): Refund {
    const refund = this.deps.engine.journal.refunds.get(journalId);
    if (refund === null) throw new HostError('not-found', 'There is no such refund on this till.');
    return refund;
  }

  private follow(journalId: string): void {
    if (this.followers.has(journalId)) return;
    const controller = new AbortController();
    const done = this.deps.engine
      .followRefund(journalId, { signal: controller.signal })
      .then(
        () => undefined,
        (error: unknown) => {
          const stopped = controller.signal.aborted || (isFlowError(error) && error.code === 'flow.aborted');
          if (!stopped) this.deps.onError(error);
        },
      )
      .finally(() => {
        if (this.followers.get(journalId)?.controller === controller) this.followers.delete(journalId);
      });
    this.followers.set(journalId, { controller, done });
  }
}
