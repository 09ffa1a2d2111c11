// The terminal's durable journal: one SQLite file per data directory holding the PoS configuration,
// payments, refunds and the intents with their idempotency keys, so a crash never loses a call.
import { join, resolve } from 'node:path';
import { journalContext, JOURNAL_FILE, openDatabase, systemDeps, type JournalDeps } from './database.js';
import { intentLedger, type IntentStore } from './intents.js';
import type { PaymentStore } from './payment-model.js';
import { paymentStore } from './payments.js';
import { posConfigStore, type PosConfigStore } from './pos-config.js';
import { refundStore, type RefundStore } from './refunds.js';
import { readSummary, type JournalSummary } from './summary.js';

/** The engine's memory: every call it makes and every state it sees, durable before it acts on it. */
export interface Journal {
  readonly dataDir: string;
  /** `<dataDir>/journal.db`. */
  readonly file: string;
  readonly posConfig: PosConfigStore;
  readonly intents: IntentStore;
  readonly payments: PaymentStore;
  readonly refunds: RefundStore;
  /** Counts for `pos-sim status`, read in one snapshot. */
  summary(): JournalSummary;
  /**
   * Runs `fn` in one write transaction: every journal call inside commits together or not at all (a
   * throw rolls all of it back). `fn` must be synchronous; never await a request inside it.
   */
  transaction<T>(fn: () => T): T;
  /**
   * Resolves when every intent and decision journalled so far is on disk, power cut included. The
   * flows await it between journalling a call and sending it; it never blocks the event loop.
   */
  sync(): Promise<void>;
  /** Closes the file; WAL is checkpointed. Calls after close throw. */
  close(): void;
}

/**
 * Opens the journal in `dataDir` (created if missing), migrated to the current schema. `deps`
 * replaces the clock and the id generator (tests); ids must be unique, at most 36 characters.
 */
export function openJournal(dataDir: string, deps: Partial<JournalDeps> = {}): Journal {
  const dir = resolve(dataDir);
  const db = openDatabase(dir);
  const ctx = journalContext(db, { ...systemDeps, ...deps });
  const intents = intentLedger(ctx);
  return {
    dataDir: dir,
    file: join(dir, JOURNAL_FILE),
    posConfig: posConfigStore(ctx, intents),
    intents: {
      markSent: intents.markSent,
      acknowledge: intents.acknowledge,
      fail: intents.fail,
      get: intents.get,
      open: intents.open,
      latestFor: intents.latestFor,
    },
    payments: paymentStore(ctx, intents),
    refunds: refundStore(ctx, intents),
    summary: () => readSummary(ctx),
    transaction: ctx.transaction,
    sync: ctx.sync,
    close() {
      void ctx.closeSync();
      if (db.open) db.close();
    },
  };
}
