// Opening journal.db the crash-safe way (WAL, synchronous=FULL, foreign keys, busy timeout, migrated),
// and the small context every store of the journal shares.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isJournalError, JournalError } from './errors.js';
import { migrate } from './migrations.js';

/** The journal's file inside its data directory. */
export const JOURNAL_FILE = 'journal.db';

/** What the journal takes from the outside world, injected so tests run on fixed time and ids. */
export interface JournalDeps {
  /** Milliseconds since the epoch; every timestamp the journal writes comes from here. */
  now(): number;
  /** A fresh unique id (a GUID by default): record ids and idempotency keys (at most 36 characters). */
  newId(): string;
}

/** The real clock and `crypto.randomUUID`. */
export const systemDeps: JournalDeps = { now: () => Date.now(), newId: () => randomUUID() };

/** What the stores share: the connection, the injected deps and the one way to write atomically. */
export interface JournalContext extends JournalDeps {
  readonly db: Database.Database;
  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE); a nested call joins the outer one. */
  transaction<T>(fn: () => T): T;
  /**
   * The same, committed with synchronous=FULL: for what must be on disk before a request leaves
   * (an intent with its idempotency key, a capture/cancel decision), even across a power cut.
   */
  durableTransaction<T>(fn: () => T): T;
}

/** Opens (creating if need be) `<dataDir>/journal.db`, tuned for durability, at the current schema. */
export function openDatabase(dataDir: string): Database.Database {
  const file = join(resolve(dataDir), JOURNAL_FILE);
  let db: Database.Database | undefined;
  try {
    mkdirSync(resolve(dataDir), { recursive: true });
    db = new Database(file);
    // WAL: a commit is one append to the log, readers (a status screen) never block the writer, and
    // after a SIGKILL or power cut the next open replays exactly the committed transactions.
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: every commit survives a crash of the process (SIGKILL included); only a
    // power cut can lose the last ones. Status observations are re-read by polling anyway, so they
    // commit this way; what must be on disk before a request leaves (an intent and its key, a
    // capture/cancel decision) commits with FULL through durableTransaction. FULL everywhere made
    // the fsyncs block the event loop: 27% of an engine's time at 100 engines in one process.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Electron and the CLI may open the same data directory; wait for the other writer briefly.
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (isJournalError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new JournalError('journal_unavailable', `${file}: ${reason}`, { cause: error });
  }
}

/** Builds the shared context over an open connection. */
export function journalContext(db: Database.Database, deps: JournalDeps): JournalContext {
  return {
    db,
    // Timestamps are INTEGER milliseconds; a fractional clock (performance.now) is truncated.
    now: () => Math.floor(deps.now()),
    newId: () => deps.newId(),
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    durableTransaction: <T>(fn: () => T): T => {
      if (db.inTransaction) return db.transaction(fn).immediate();
      db.pragma('synchronous = FULL');
      try {
        return db.transaction(fn).immediate();
      } finally {
        db.pragma('synchronous = NORMAL');
      }
    },
  };
}
