// Which commits must reach the disk before a request leaves: an intent with its key and a
// capture/cancel decision. They commit at once (WAL, synchronous=NORMAL: crash-safe), and sync()
// fdatasyncs the WAL on the thread pool, so no engine's event loop waits for the disk.
import { rmSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { journalContext, openDatabase, systemDeps } from '../../../src/terminal/journal/database.js';
import { tempDir } from './support.js';

const NORMAL = 1;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function context() {
  const dir = tempDir();
  dirs.push(dir);
  const db = openDatabase(dir);
  const synced: string[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  let entered: () => void = () => undefined;
  const ctx = journalContext(db, systemDeps, async (file: FileHandle) => {
    await file.datasync();
    if (hold) await new Promise<void>((resolve) => ((release = resolve), entered()));
    synced.push(String(db.name));
  });
  db.exec('CREATE TABLE IF NOT EXISTS t (v INTEGER)');
  const write = () => db.prepare('INSERT INTO t (v) VALUES (1)').run();
  return {
    db,
    ctx,
    synced,
    write,
    level: () => db.pragma('synchronous', { simple: true }),
    holdSyncs: () => (hold = true),
    releaseSync: () => release?.(),
    /** Resolves once the next fsync is under way (and held). */
    nextSyncHeld: () => new Promise<void>((resolve) => (entered = resolve)),
  };
}

describe('journal durability', () => {
  it('commits every transaction, durable or not, with synchronous=NORMAL', () => {
    const { db, ctx, level } = context();
    expect(ctx.transaction(() => level())).toBe(NORMAL);
    expect(ctx.durableTransaction(() => level())).toBe(NORMAL);
    db.close();
  });

  it('fdatasyncs the WAL when a durable commit waits, and not when none does', async () => {
    const { db, ctx, synced, write } = context();
    ctx.transaction(write);
    await ctx.sync();
    expect(synced).toHaveLength(0);
    ctx.durableTransaction(write);
    await ctx.sync();
    expect(synced).toHaveLength(1);
    await ctx.sync();
    expect(synced).toHaveLength(1);
    await ctx.closeSync();
    db.close();
  });

  it('lets callers waiting at once share one fsync, and syncs again for a commit made meanwhile', async () => {
    const { db, ctx, synced, write, holdSyncs, releaseSync, nextSyncHeld } = context();
    holdSyncs();
    ctx.durableTransaction(write);
    let held = nextSyncHeld();
    const first = ctx.sync();
    const second = ctx.sync();
    await held;
    ctx.durableTransaction(write); // committed while the first fsync is under way
    const third = ctx.sync();
    held = nextSyncHeld();
    releaseSync();
    await Promise.all([first, second]);
    expect(synced).toHaveLength(1);
    await held;
    releaseSync();
    await third;
    expect(synced).toHaveLength(2);
    await ctx.closeSync();
    db.close();
  });

  it('does not mark a durable transaction that rolled back', async () => {
    const { db, ctx, synced } = context();
    expect(() =>
      ctx.durableTransaction(() => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    await ctx.sync();
    expect(synced).toHaveLength(0);
    db.close();
  });
});
