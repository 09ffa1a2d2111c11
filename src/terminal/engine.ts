// The terminal engine: builds the PoS client, the journal and the event stream once, and offers
// the flows as methods. The composition roots (Electron main, the CLI, web mode) hold one of these.
import { PosClient, clientDeps, type ClientDeps, type PosClientConfig } from './api/index.js';
import type { EngineContext } from './context.js';
import { EngineEvents, type EngineEventListener } from './events.js';
import { openJournal, type Journal, type Payment } from './journal/index.js';
import {
  cancelPayment,
  capturePayment,
  followPayment,
  initiatePayment,
  preparePayment,
  readyPayment,
  type PaymentRequest,
} from './flows/payments.js';
import { recoverPayments, type RecoveryReport } from './flows/recovery.js';
import {
  ensurePos,
  findStores,
  offboard,
  onboard,
  type EnsurePosOptions,
  type StoreQuery,
} from './flows/onboarding.js';
import { queryCheckIn, watchCheckIn, type WatchCheckInOptions } from './flows/checkin.js';
import {
  startNotificationReceiver,
  type NotificationReceiver,
  type NotificationReceiverOptions,
} from './flows/notification-receiver.js';
import { describeError } from './flows/flow-error.js';
import {
  cancelRefund,
  captureRefund,
  createRefund,
  followRefund,
  resolveRefund,
  type RefundRequest,
} from './flows/refunds.js';
import type { PosConfig, PosConfigInput, Refund } from './journal/index.js';
import { runSweeper, sweepOnce } from './flows/sweeper.js';
import type {
  CheckInResponse,
  PaymentStatus,
  ReadyPaymentRequest,
  RefundStatus,
  StoreResponse,
} from '../shared/pos-v10/schemas.js';

export interface TerminalEngineOptions {
  /** The backend and credentials (the exchange hook is the engine's: subscribe to events instead). */
  readonly api: Omit<PosClientConfig, 'onExchange'>;
  /** Where the journal lives (`<dataDir>/journal.db`). */
  readonly dataDir: string;
  /** Injected time, randomness and fetch; the real world by default. */
  readonly deps?: Partial<ClientDeps>;
  /** Ids for journal rows and idempotency keys (GUIDs by default). */
  readonly newId?: () => string;
}

/** One cash register's engine: flows, journal and events behind one object. */
export class TerminalEngine {
  readonly events = new EngineEvents();
  readonly journal: Journal;
  readonly client: PosClient;
  readonly context: EngineContext;
  private sweeper: AbortController | null = null;
  private sweeping: Promise<void> | null = null;
  private readonly receivers = new Set<NotificationReceiver>();

  constructor(options: TerminalEngineOptions) {
    const deps = clientDeps(options.deps);
    this.journal = openJournal(options.dataDir, {
      now: deps.now,
      ...(options.newId ? { newId: options.newId } : {}),
    });
    this.client = new PosClient(
      {
        ...options.api,
        onExchange: (exchange) => this.events.emit({ kind: 'request', at: exchange.at, exchange }),
      },
      deps,
    );
    this.context = { client: this.client, journal: this.journal, deps, events: this.events };
  }

  subscribe(listener: EngineEventListener): () => void {
    return this.events.subscribe(listener);
  }

  // --- PoS set-up ------------------------------------------------------------------------------

  /** The merchant's stores, by VAT or by merchantBrandId + merchantLocationId. */
  findStores(query: StoreQuery): Promise<readonly StoreResponse[]> {
    return findStores(this.context, query);
  }

  /** Creates the PoS from this configuration (journalled, retried under the same key). */
  onboard(input: PosConfigInput): Promise<PosConfig> {
    return onboard(this.context, input);
  }

  /** Start-up check: the PoS exists and still carries the configured (or the device's) beaconId. */
  ensurePos(options: EnsurePosOptions = {}): Promise<PosConfig> {
    return ensurePos(this.context, options);
  }

  offboard(): Promise<PosConfig> {
    return offboard(this.context);
  }

  // --- check-in ----------------------------------------------------------------------------------

  queryCheckIn(): Promise<CheckInResponse> {
    return queryCheckIn(this.context);
  }

  /** Polls the check-in while the QR is shown: abort the signal when the QR is hidden. */
  watchCheckIn(options: WatchCheckInOptions = {}): Promise<CheckInResponse | null> {
    return watchCheckIn(this.context, options);
  }

  /**
   * Serves the notification service's callback: each notification triggers a check-in query for
   * its PoS (announced as a 'checkin' event). Register the returned URL for the callback alias.
   */
  async startNotificationReceiver(
    options: Omit<NotificationReceiverOptions, 'onNotification' | 'onError'> = {},
  ): Promise<NotificationReceiver> {
    const receiver = await startNotificationReceiver({
      ...options,
      onNotification: async (notification) => {
        await queryCheckIn(this.context, { posId: notification.PosId });
      },
      onError: (error) => {
        const { code, apiCode, message, retryable } = describeError(error);
        this.events.emit({
          kind: 'error',
          at: this.context.deps.now(),
          topic: 'checkin',
          code,
          apiCode,
          message,
          retryable,
        });
      },
    });
    this.receivers.add(receiver);
    return receiver;
  }

  // --- payments ----------------------------------------------------------------------------------

  /** Starts a payment ready for the customer (POST /payments), journalled first. */
  startPayment(request: PaymentRequest): Promise<Payment> {
    return initiatePayment(this.context, request);
  }

  /** Starts a prepared payment; the amount follows with ready. */
  preparePayment(orderId: string): Promise<Payment> {
    return preparePayment(this.context, orderId);
  }

  readyPayment(journalId: string, details: ReadyPaymentRequest): Promise<Payment> {
    return readyPayment(this.context, journalId, details);
  }

  /** Polls until reserved or ended (or `until`), honouring pollDelayInMs. */
  followPayment(
    journalId: string,
    options: { signal?: AbortSignal; until?: (status: PaymentStatus) => boolean } = {},
  ): Promise<Payment> {
    return followPayment(this.context, journalId, options);
  }

  capturePayment(journalId: string, amount?: number): Promise<Payment> {
    return capturePayment(this.context, journalId, amount);
  }

  cancelPayment(journalId: string): Promise<Payment> {
    return cancelPayment(this.context, journalId);
  }

  // --- refunds -----------------------------------------------------------------------------------

  createRefund(request: RefundRequest): Promise<Refund> {
    return createRefund(this.context, request);
  }

  followRefund(
    journalId: string,
    options: { signal?: AbortSignal; until?: (status: RefundStatus) => boolean } = {},
  ): Promise<Refund> {
    return followRefund(this.context, journalId, options);
  }

  captureRefund(journalId: string): Promise<Refund> {
    return captureRefund(this.context, journalId);
  }

  cancelRefund(journalId: string): Promise<Refund> {
    return cancelRefund(this.context, journalId);
  }

  resolveRefund(journalId: string): Promise<Refund> {
    return resolveRefund(this.context, journalId);
  }

  // --- recovery ----------------------------------------------------------------------------------

  /** Resolves what a crash left behind; run at start-up before taking new payments. */
  recover(): Promise<RecoveryReport> {
    return recoverPayments(this.context);
  }

  /** One pass of the hanging-reservation sweeper. */
  sweepOnce() {
    return sweepOnce(this.context);
  }

  /** Runs the sweeper in the background every `intervalMs` until stopSweeper() or close(). */
  startSweeper(intervalMs = 60_000): void {
    if (this.sweeper) return;
    this.sweeper = new AbortController();
    this.sweeping = runSweeper(this.context, { intervalMs, signal: this.sweeper.signal }).catch(
      () => undefined,
    );
  }

  async stopSweeper(): Promise<void> {
    this.sweeper?.abort();
    await this.sweeping;
    this.sweeper = null;
    this.sweeping = null;
  }

  /** Stops background work (sweeper, notification receivers) and closes the journal. */
  async close(): Promise<void> {
    await this.stopSweeper();
    await Promise.all([...this.receivers].map((receiver) => receiver.close()));
    this.receivers.clear();
    this.journal.close();
  }
}
