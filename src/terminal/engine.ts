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
import { runSweeper, sweepOnce } from './flows/sweeper.js';
import type { PaymentStatus, ReadyPaymentRequest } from '../shared/pos-v10/schemas.js';

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

  /** Stops background work and closes the journal. */
  async close(): Promise<void> {
    await this.stopSweeper();
    this.journal.close();
  }
}
