// Which commits wait for the disk: an intent with its key and a capture/cancel decision commit with
// synchronous=FULL (they must survive a power cut before the request leaves); observations commit
// with NORMAL (crash-safe in WAL mode, and re-read by polling anyway).
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { journalContext, openDatabase, systemDeps } from '../../../src/terminal/journal/database.js';
import { tempDir } from './support.js';

const NORMAL = 1;
const FULL = 2;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function context() {
  const dir = tempDir();
  dirs.push(dir);
  const db = openDatabase(dir);
  return { db, ctx: journalContext(db, systemDeps), level: () => db.pragma('synchronous', { simple: true }) };
}

describe('journal durability', () => {
  it('commits ordinary changes with synchronous=NORMAL', () => {
    const { db, ctx, level } = context();
    expect(ctx.transaction(() => level())).toBe(NORMAL);
    db.close();
  });

  it('commits a durable transaction with synchronous=FULL and returns to NORMAL after, even on a throw', () => {
    const { db, ctx, level } = context();
    expect(ctx.durableTransaction(() => level())).toBe(FULL);
    expect(level()).toBe(NORMAL);
    expect(() =>
      ctx.durableTransaction(() => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(level()).toBe(NORMAL);
    db.close();
  });
});
