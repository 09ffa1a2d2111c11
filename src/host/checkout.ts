// The till's checkout: the one payment the cashier is working on. It starts (or prepares) it, follows
// it in the background until reserved or ended (each change arrives as the engine's payment.state
// event), readies, captures and cancels it, and refuses a second sale while one is under way.
import type { ParsedBridgeArgs } from '../shared/bridge/index.js';
import { toMinorUnits } from '../shared/pos-v10/formats.js';
import { activePaymentStatuses } from '../shared/pos-v10/schemas.js';
import { isFlowError } from '../terminal/flows/flow-error.js';
import type { TerminalEngine } from '../terminal/engine.js';
import type { Payment } from '../terminal/journal/index.js';
import { HostError, badInput } from './host-error.js';

type StartArgs = ParsedBridgeArgs['paymentStart'];
type ReadyArgs = ParsedBridgeArgs['paymentReady'];

export interface CheckoutDeps {
  readonly engine: TerminalEngine;
  readonly newId: () => string;
  /** The current payment was replaced, cleared, or stopped being followed. */
  readonly onCurrentChange: () => void;
  readonly onError: (error: unknown) => void;
}

/** Still waiting for the customer or for the API's first answer: the PoS is taken. */
function isActive(payment: Payment): boolean {
  if (payment.refusal !== null) return false;
  return payment.lastStatus === null || activePaymentStatuses.has(payment.lastStatus);
}

/** An order id of ours: unique, at most 36 characters as the API allows. */
export function newOrderId(newId: () => string, prefix = 'pos-sim'): string {
  return `${prefix}-${newId().replace(/-/g, '').slice(0, 20)}`;
}

/** The checkout's current payment and its follower. */
export class Checkout {
  private currentId: string | null = null;
  private starting = false;
  private follower: { readonly journalId: string; readonly controller: AbortController } | null = null;
  private following: Promise<void> = Promise.resolve();

  constructor(private readonly deps: CheckoutDeps) {}

  /** The current payment as journalled, or null. */
  current(): Payment | null {
    return this.currentId === null ? null : this.deps.engine.journal.payments.get(this.currentId);
  }

  /** A payment is being started, waits for the customer, or is reserved and not yet decided. */
  isBusy(): boolean {
    const current = this.current();
    if (this.starting || current === null) return this.starting;
    return isActive(current) || (current.lastStatus === 'Reserved' && current.decision?.state !== 'done');
  }

  /** Throws 'busy' when the till cannot take a new sale (or a PoS change) now. */
  assertIdle(): void {
    if (!this.isBusy()) return;
    const current = this.current();
    if (current?.lastStatus === 'Reserved')
      throw new HostError('busy', 'The current payment is reserved: capture or cancel it first.');
    throw new HostError('busy');
  }

  /** A payment for the customer (POST /payments), followed in the background. */
  start(args: StartArgs): Promise<Payment> {
    return this.begin(() =>
      this.deps.engine.startPayment({
        orderId: args.orderId ?? newOrderId(this.deps.newId),
        amount: args.amount,
        currencyCode: args.currencyCode,
        restrictions: args.restrictions ?? null,
        merchantPaymentLabel: args.merchantPaymentLabel ?? null,
        plannedCaptureDelay: args.plannedCaptureDelay ?? 'None',
      }),
    );
  }

  /** A prepared payment (the customer can pair while the cashier is still scanning). */
  prepare(orderId: string | undefined): Promise<Payment> {
    return this.begin(() => this.deps.engine.preparePayment(orderId ?? newOrderId(this.deps.newId)));
  }

  /** Gives a prepared payment its amount and terms; following goes on to the reservation. */
  async ready(args: ReadyArgs): Promise<Payment> {
    const payment = this.mustGet(args.journalId);
    if (payment.flow !== 'prepare') throw badInput('Only a prepared payment can be readied.');
    const readied = await this.deps.engine.readyPayment(args.journalId, {
      amount: args.amount,
      currencyCode: args.currencyCode,
      restrictions: args.restrictions ?? null,
      merchantPaymentLabel: args.merchantPaymentLabel ?? null,
      plannedCaptureDelay: args.plannedCaptureDelay ?? 'None',
    });
    if (args.journalId === this.currentId) this.follow(args.journalId);
    return readied;
  }

  /** Captures a reservation in full, or in part when the payment allows it (checked before any call). */
  async capture(journalId: string, amount: number | undefined): Promise<Payment> {
    const payment = this.mustGet(journalId);
    if (amount !== undefined && payment.amount !== null) {
      const [wanted, reserved] = [toMinorUnits(amount), toMinorUnits(payment.amount)];
      if (wanted > reserved)
        throw badInput(
          `The capture is more than the reserved ${payment.amount} ${payment.currencyCode ?? ''}.`,
        );
      if (wanted < reserved && payment.partialCapturePossible === false)
        throw badInput('This payment can only be captured in full: capture the whole amount or cancel it.');
    }
    return this.deps.engine.capturePayment(journalId, amount);
  }

  /** Cancels any payment of the journal: the current one, or a hanging reservation from the list. */
  cancel(journalId: string): Promise<Payment> {
    this.mustGet(journalId);
    return this.deps.engine.cancelPayment(journalId);
  }

  /** Forgets the current payment so the next sale can start; a reservation left so stays hanging. */
  clear(): void {
    const current = this.current();
    if (this.starting || (current !== null && isActive(current)))
      throw new HostError('busy', 'The payment is still in progress: cancel it first.');
    this.currentId = null;
    this.stopFollowing();
    this.deps.onCurrentChange();
  }

  /** Follows the current payment again if it is not settled and nobody follows it (e.g. after an error). */
  resume(): void {
    const current = this.current();
    if (current !== null && current.paymentId !== null && isActive(current)) this.follow(current.id);
  }

  /** Stops following; resolves when the follower has settled. */
  async close(): Promise<void> {
    this.stopFollowing();
    await this.following;
  }

  mustGet(journalId: string): Payment {
    const payment = this.deps.engine.journal.payments.get(journalId);
    if (payment === null) throw new HostError('not-found', 'There is no such payment on this till.');
    return payment;
  }

  private async begin(create: () => Promise<Payment>): Promise<Payment> {
    this.assertIdle();
    this.starting = true;
    try {
      const payment = await create();
      this.currentId = payment.id;
      this.follow(payment.id);
      return payment;
    } finally {
      this.starting = false;
      this.deps.onCurrentChange();
    }
  }

  private follow(journalId: string): void {
    if (this.follower?.journalId === journalId) return;
    this.stopFollowing();
    const controller = new AbortController();
    this.follower = { journalId, controller };
    this.following = this.deps.engine
      .followPayment(journalId, { signal: controller.signal })
      .then(
        () => undefined,
        (error: unknown) => {
          const stopped = controller.signal.aborted || (isFlowError(error) && error.code === 'flow.aborted');
          if (!stopped) this.deps.onError(error);
        },
      )
      .finally(() => {
        if (this.follower?.controller !== controller) return;
        this.follower = null;
        this.deps.onCurrentChange();
      });
  }

  private stopFollowing(): void {
    this.follower?.controller.abort();
    this.follower = null;
  }
}
