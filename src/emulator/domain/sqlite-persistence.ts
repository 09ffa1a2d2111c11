// The emulator's state in a SQLite file (`pos-sim emulator --data FILE`): one table of JSON documents,
// written through synchronously by the state, one transaction per command.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DocKind, PersistedDoc, Persistence } from './persistence.js';

/** The layout this code writes; kept in `PRAGMA user_version` so a later layout can migrate old files. */
export const SQLITE_SCHEMA_VERSION = 1;

const migrations: Readonly<Record<number, string>> = {
  1: 'CREATE TABLE IF NOT EXISTS docs (kind TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, id))',
};

function openDatabase(file: string): Database.Database {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    // WAL: readers never block the writer, and a commit is one append to the log.
    db.pragma('journal_mode = WAL');
    // FULL, not NORMAL: in WAL mode NORMAL survives a crash of the process but may lose the last
    // commits on a power cut or an OS crash. A lab rig that gets switched off at the wall must not
    // forget a payment the emulator has already answered Reserved or Captured, and a commit only
    // pays for an fsync when it wrote something (read-only requests write nothing), so FULL is cheap.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot use ${file} as the emulator's data file: ${reason}`, { cause: error });
  }
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SQLITE_SCHEMA_VERSION)
    throw new Error(
      `it was written by a newer version (schema ${current}; this one knows up to ${SQLITE_SCHEMA_VERSION})`,
    );
  if (current === SQLITE_SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let version = current + 1; version <= SQLITE_SCHEMA_VERSION; version += 1)
      db.exec(migrations[version]!);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  })();
}

interface DocRow {
  readonly kind: string;
  readonly id: string;
  readonly json: string;
}

/** A Persistence in a SQLite file, so the emulator's state survives a restart or a crash (--data). */
export function sqlitePersistence(file: string): Persistence {
  const db = openDatabase(file);
  // Prepared once: the state writes on every command, so statements are not re-parsed per call.
  // An upsert keeps a row's rowid, so ORDER BY rowid is the order in which documents were first stored.
  const statements = {
    put: db.prepare<[string, string, string]>(
      'INSERT INTO docs (kind, id, json) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET json = excluded.json',
    ),
    remove: db.prepare<[string, string]>('DELETE FROM docs WHERE kind = ? AND id = ?'),
    all: db.prepare<[], DocRow>('SELECT kind, id, json FROM docs ORDER BY rowid'),
    clear: db.prepare('DELETE FROM docs'),
    begin: db.prepare('BEGIN'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
  };

  return {
    kind: 'sqlite',
    loadAll(): PersistedDoc[] {
      return statements.all.all().map((row) => {
        try {
          return { kind: row.kind as DocKind, id: row.id, doc: JSON.parse(row.json) as unknown };
        } catch (error) {
          throw new Error(`${file}: the ${row.kind} document ${row.id} is not valid JSON`, { cause: error });
        }
      });
    },
    put(kind, id, doc) {
      statements.put.run(kind, id, JSON.stringify(doc));
    },
    remove(kind, id) {
      statements.remove.run(kind, id);
    },
    transaction<T>(fn: () => T): T {
      // Nested: the outer transaction owns the commit, and a throw rolls back everything at the top.
      if (db.inTransaction) return fn();
      statements.begin.run();
      try {
        const result = fn();
        statements.commit.run();
        return result;
      } catch (error) {
        if (db.inTransaction) statements.rollback.run();
        throw error;
      }
    },
    clear() {
      statements.clear.run();
    },
    close() {
      if (db.open) db.close();
    },
  };
}
