// Carries out the certification service's machine-readable step instructions (ClientAction) with the
// terminal engine, as a cashier would with the checkout: one action after the other, in the order
// the steps came, keeping the current PoS, payment and refund. Follows and the check-in watch run
// in the background, so a cancel can reach a payment still waiting for its customer and the QR can
// be hidden while the session moves on. An engine error is an outcome to report, never thrown: it is
// the judge, not the autopilot, that decides whether the client did right.
import {
  CERTIFICATION_MERCHANT,
  type ClientAction,
  type PaymentRestrictionsAction,
} from '../../shared/certification.js';
import type { PaymentRestrictions, StoreResponse } from '../../shared/pos-v10/schemas.js';
import type { ClientDeps } from '../api/index.js';
import { FlowError } from '../flows/flow-error.js';
import { assertNever } from '../journal/codec.js';
import { TaskSet, type Settled, type Task } from './background.js';
import { failure, isAborted, type ActionOutcome, type AutopilotEngine } from './engine-port.js';
import { PaymentDesk } from './payment-desk.js';
import { PollPacer } from './poll-pacer.js';

export interface ActionExecutorOptions {
  readonly engine: AutopilotEngine;
  /** The merchant the engine's client acts for (the PoS is configured for it). */
  readonly merchantVat: string;
  readonly deps: Pick<ClientDeps, 'now' | 'sleep'>;
  /** Background work that failed after its action was reported done (e.g. a follow that gave up). */
  readonly onBackgroundFailure?: (what: string, outcome: Extract<ActionOutcome, { kind: 'failed' }>) => void;
}

/** Runs actions in order against one engine; `stop()` ends every poll it started. */
export class ActionExecutor {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly tasks = new TaskSet();
  private readonly pacer: PollPacer;
  private readonly desk: PaymentDesk;
  private store: StoreResponse | null = null;
  private watch: Task<unknown> | null = null;
  private stopped = false;

  constructor(private readonly options: ActionExecutorOptions) {
    this.pacer = new PollPacer(options.engine, options.deps);
    this.desk = new PaymentDesk(options.engine, this.tasks, this.pacer, this.report);
  }

  /** A follow or watch that ended in an error (not one stopped on purpose) is told to the caller. */
  private readonly report = (what: string, settled: Settled<unknown>): void => {
    if (settled.kind === 'error' && !isAborted(settled.error))
      this.options.onBackgroundFailure?.(what, failure(settled.error));
  };

  /** Queues the action behind the earlier ones; resolves with its outcome (never rejects). */
  run(action: ClientAction): Promise<ActionOutcome> {
    const outcome = this.queue.then(() => this.attempt(action));
    this.queue = outcome;
    return outcome;
  }

  /** Stops the check-in watch and every follow, skips the actions still queued, and waits for all of it to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.tasks.stopAll();
    await this.queue;
    this.pacer.close();
  }

  private async attempt(action: ClientAction): Promise<ActionOutcome> {
    if (this.stopped)
      return { kind: 'failed', code: 'autopilot.stopped', apiCode: null, message: 'The run ended first.' };
    try {
      return { kind: 'done', detail: await this.execute(action) };
    } catch (error) {
      return failure(error);
    }
  }

  private async execute(action: ClientAction): Promise<string> {
    const desk = this.desk;
    switch (action.do) {
      case 'find-store':
        return this.findStore(action.merchantBrandId, action.merchantLocationId);
      case 'onboard':
        return this.onboard(action);
      case 'offboard': {
        await this.hideQr();
        const config = await this.options.engine.offboard();
        return `PoS ${config.merchantPosId} deleted`;
      }
      case 'watch-check-in':
        return this.watchCheckIn();
      case 'hide-qr':
        return (await this.hideQr()) ? 'QR hidden: check-in polling stopped' : 'no QR was shown';
      case 'initiate-payment':
        // No check-in poll while a payment is active on the PoS: the QR goes when the payment starts.
        await this.hideQr();
        return desk.initiate({
          orderId: action.orderId,
          amount: action.amount,
          currencyCode: action.currencyCode,
          restrictions: restrictionsOf(action.restrictions),
        });
      case 'prepare-payment':
        await this.hideQr();
        return desk.prepare(action.orderId);
      case 'ready-payment':
        return desk.ready({
          amount: action.amount,
          currencyCode: action.currencyCode,
          restrictions: restrictionsOf(action.restrictions),
          plannedCaptureDelay: 'None',
        });
      case 'capture':
        return desk.capture(action.amount, action.otherwiseCancel);
      case 'cancel-payment':
        return desk.cancel();
      case 'await-payment-end':
        return desk.awaitEnd();
      case 'refund':
        return desk.refund(action.amount, action.currencyCode);
      case 'capture-refund':
        return desk.captureRefund();
      case 'cancel-refund':
        return desk.cancelRefund();
      default:
        return assertNever(action);
    }
  }

  private async findStore(merchantBrandId: string, merchantLocationId: string): Promise<string> {
    const stores = await this.options.engine.findStores({
      by: 'location',
      merchantBrandId,
      merchantLocationId,
    });
    const store =
      stores.find(
        (s) => s.merchantBrandId === merchantBrandId && s.merchantLocationId === merchantLocationId,
      ) ?? stores[0];
    if (store === undefined) throw new FlowError('flow.store-not-found');
    this.store = store;
    return `store ${store.storeId} (${store.storeName})`;
  }

  private async onboard(action: Extract<ClientAction, { do: 'onboard' }>): Promise<string> {
    if (this.store === null)
      await this.findStore(CERTIFICATION_MERCHANT.merchantBrandId, CERTIFICATION_MERCHANT.merchantLocationId);
    const config = await this.options.engine.onboard({
      storeId: this.store!.storeId,
      merchantPosId: action.merchantPosId,
      posName: action.posName,
      beaconId: action.beaconId,
      supportedBeaconTypes: action.supportedBeaconTypes,
      callbackAlias: null,
      requirePaymentBeforeCheckin: false,
      merchantVat: this.options.merchantVat,
    });
    return `PoS ${config.posId ?? '(unknown)'} (beacon ${config.assignedBeaconId ?? config.beaconId ?? '?'})`;
  }

  /** Shows the QR: polls the check-in in the background until a customer is there or the QR is hidden. */
  private async watchCheckIn(): Promise<string> {
    await this.hideQr();
    const engine = this.options.engine;
    this.watch = this.tasks.start(async (signal) => {
      await this.pacer.waitTurn('/checkin', signal);
      return engine.watchCheckIn({ signal });
    });
    void this.watch.settled.then((settled) => this.report('check-in watch', settled));
    return 'QR shown: polling the check-in';
  }

  /** Stops the check-in watch, if one runs; answers whether one was running. */
  private async hideQr(): Promise<boolean> {
    const watch = this.watch;
    this.watch = null;
    if (watch === null || watch.done()) return false;
    watch.abort.abort();
    await watch.settled;
    return true;
  }
}

/** The action's restrictions in the API's words: `debitCard: true` disallows debit cards. */
export function restrictionsOf(action: PaymentRestrictionsAction | null): PaymentRestrictions | null {
  if (action === null) return null;
  return {
    ...(action.debitCard === undefined ? {} : { debitCardDisallowed: action.debitCard }),
    ...(action.creditCard === undefined ? {} : { creditCardDisallowed: action.creditCard }),
  };
}
