// Opening the journal: a data directory from nothing, the durable settings, schema versions, a file
// that survives close and reopen, and rows that are checked when read back.
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  JOURNAL_FILE,
  JOURNAL_SCHEMA_VERSION,
  JournalError,
  openJournal,
} from '../../../src/terminal/journal/index.js';
import { fakeDeps, initiateBody, open, reservedPayment, tempDir } from './support.js';

function raw(dir: string, options: Database.Options = {}): Database.Database {
  return new Database(join(dir, JOURNAL_FILE), options);
}

describe('opening the journal', () => {
  it('creates a missing data directory and journal.db at the current schema, in WAL mode', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const journal = open(dir);
    expect(journal.file).toBe(join(dir, JOURNAL_FILE));
    expect(existsSync(journal.file)).toBe(true);
    journal.close();

    const db = raw(dir, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(JOURNAL_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(['intents', 'payments', 'pos_config', 'refunds', 'status_history']);
    db.close();
  });

  it('starts empty: no configuration, no payments, no refunds, no open intents', () => {
    const journal = open(tempDir());
    expect(journal.posConfig.get()).toBeNull();
    expect(journal.payments.list()).toEqual([]);
    expect(journal.refunds.list()).toEqual([]);
    expect(journal.intents.open()).toEqual([]);
    expect(journal.summary().intents.open).toBe(0);
  });

  it('migrates a file that has no schema yet (an empty journal.db)', () => {
    const dir = tempDir();
    raw(dir).close();
    const journal = open(dir);
    expect(journal.summary().schemaVersion).toBe(JOURNAL_SCHEMA_VERSION);
    expect(journal.payments.list()).toEqual([]);
  });

  it('refuses a journal written by a newer version and leaves it untouched', () => {
    const dir = tempDir();
    const db = raw(dir);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openJournal(dir)).toThrow(JournalError);
    expect(() => openJournal(dir)).toThrow(/schema 99/);
    const after = raw(dir, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(99);
    after.close();
  });

  it('reports a data directory it cannot create as journal_unavailable', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a directory');
    expect(() => openJournal(join(file, 'data'))).toThrow(
      expect.objectContaining({ name: 'JournalError', code: 'journal_unavailable' }),
    );
  });

  it('keeps everything across close and reopen', () => {
    const dir = tempDir();
    const deps = fakeDeps();
    const first = open(dir, deps);
    const payment = reservedPayment(first);
    const decided = first.payments.decide(payment.id, { kind: 'capture', amount: 100 });
    first.close();

    const second = open(dir, deps);
    expect(second.payments.get(payment.id)).toEqual(decided);
    expect(second.payments.pendingDecisions().map((p) => p.id)).toEqual([payment.id]);
    expect(second.intents.get(payment.intentId)?.state).toBe('acknowledged');
  });

  it('throws journal_corrupt for a row that does not pass its schema instead of guessing a value', () => {
    const dir = tempDir();
    const journal = open(dir);
    const { payment } = journal.payments.begin({ flow: 'initiate', body: initiateBody() });
    const db = raw(dir);
    db.prepare("UPDATE payments SET restrictions = '{not json' WHERE id = ?").run(payment.id);
    db.prepare('UPDATE intents SET body = \'{"orderId": 7}\' WHERE id = ?').run(payment.intentId);
    db.close();
    expect(() => journal.payments.get(payment.id)).toThrow(/journal_corrupt|not readable/);
    expect(() => journal.intents.open()).toThrow(
      expect.objectContaining({ name: 'JournalError', code: 'journal_corrupt' }),
    );
  });

  it('is unusable after close', () => {
    const journal = open(tempDir());
    journal.close();
    journal.close();
    expect(() => journal.payments.list()).toThrow();
  });
});
