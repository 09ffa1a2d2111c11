// Opening journal.db the crash-safe way (WAL, foreign keys, busy timeout, migrated), the small context
// every store of the journal shares, and making durable commits reach the disk without blocking.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
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
   * The same, for what must be on disk before a request leaves (an intent with its idempotency key,
   * a capture/cancel decision): the commit is marked, and `sync()` resolves once it is on disk.
   */
  durableTransaction<T>(fn: () => T): T;
  /** Resolves when every durable commit so far is on disk (even across a power cut). */
  sync(): Promise<void>;
  /** Releases the file handle sync() keeps. */
  closeSync(): Promise<void>;
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
    // power cut can lose the last ones. What must survive a power cut before a request leaves (an
    // intent and its key, a capture/cancel decision) is made durable by sync(), an fdatasync of the
    // WAL on libuv's thread pool. synchronous=FULL did the same fsync inside COMMIT, on the event
    // loop: with 100 engines in one process those fsyncs stalled every other engine's polls.
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

/** Flushes a file's data to the disk (FileHandle.datasync; tests record the calls). */
export type DatasyncFile = (file: FileHandle) => Promise<void>;

const datasyncFile: DatasyncFile = (file) => file.datasync();

/**
 * Durability of the WAL off the event loop: commits (synchronous=NORMAL) are written to the WAL file
 * at once; fdatasync of that file makes them survive a power cut. Each sync covers every commit made
 * before it started, so concurrent callers share one fsync when they can.
 */
function walSyncer(
  db: Database.Database,
  datasync: DatasyncFile,
): Pick<JournalContext, 'sync' | 'closeSync'> & { mark(): void } {
  let written = 0; // durable commits made
  let synced = 0; // durable commits known to be on disk
  let running: Promise<void> | null = null;
  let handle: Promise<FileHandle> | null = null;
  const flush = async (): Promise<void> => {
    const target = written;
    handle ??= open(`${db.name}-wal`, 'r+');
    await datasync(await handle);
    synced = Math.max(synced, target);
  };
  const sync = async (): Promise<void> => {
    // Only the commits made so far: later ones (other engines' flows) never keep this caller waiting.
    const target = written;
    while (synced < target) {
      if (running === null) running = flush().finally(() => (running = null));
      await running;
    }
  };
  return {
    mark: () => {
      written += 1;
    },
    sync,
    closeSync: async () => {
      const open = handle;
      handle = null;
      await (await open?.catch(() => null))?.close();
    },
  };
}

/** Builds the shared context over an open connection. */
export function journalContext(
  db: Database.Database,
  deps: JournalDeps,
  datasync: DatasyncFile = datasyncFile,
): JournalContext {
  const wal = walSyncer(db, datasync);
  return {
    db,
    // Timestamps are INTEGER milliseconds; a fractional clock (performance.now) is truncated.
    now: () => Math.floor(deps.now()),
    newId: () => deps.newId(),
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    durableTransaction: <T>(fn: () => T): T => {
      const result = db.transaction(fn).immediate();
      wal.mark();
      return result;
    },
    sync: wal.sync,
    closeSync: wal.closeSync,
  };
}
