// Atomicity: every journal call commits as a whole, and journal.transaction groups calls so that a
// throw anywhere inside leaves nothing behind, on this connection, on another, and after a reopen.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { codeOf, fakeDeps, initiateBody, open, refundBody, reservedPayment, tempDir } from './support.js';

function countRows(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  const counts = Object.fromEntries(
    ['intents', 'payments', 'refunds', 'status_history'].map((table) => [
      table,
      db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number,
    ]),
  );
  db.close();
  return counts;
}

describe('transactions', () => {
  it('leaves nothing when a transaction throws, even after a reopen', () => {
    const dir = tempDir();
    const deps = fakeDeps();
    const journal = open(dir, deps);
    const before = countRows(journal.file);
    expect(() =>
      journal.transaction(() => {
        const { payment } = journal.payments.begin({ flow: 'initiate', body: initiateBody() });
        journal.payments.attachPaymentId(payment.id, 'pay-1');
        journal.payments.recordStatus(payment.id, { status: 'Reserved' });
        journal.payments.decide(payment.id, { kind: 'cancel' });
        journal.refunds.begin(refundBody('pay-1'));
        throw new Error('the cashier pulled the plug');
      }),
    ).toThrow('the cashier pulled the plug');
    expect(journal.payments.list()).toEqual([]);
    expect(journal.intents.open()).toEqual([]);
    expect(countRows(journal.file)).toEqual(before);
    journal.close();
    expect(open(dir, deps).summary().payments.total).toBe(0);
  });

  it('undoes only the refused call when the transaction catches its error and goes on', () => {
    const journal = open(tempDir());
    const result = journal.transaction(() => {
      const payment = reservedPayment(journal);
      const refused = codeOf(() => journal.payments.decide(payment.id, { kind: 'capture', amount: 1_000 }));
      journal.payments.decide(payment.id, { kind: 'capture', amount: 10 });
      return refused;
    });
    expect(result).toBe('invalid_input');
    expect(journal.payments.pendingDecisions()[0]?.decision).toMatchObject({ kind: 'capture', amount: 10 });
  });

  it('shows other connections nothing until the transaction commits, then all of it', () => {
    const journal = open(tempDir());
    const seenInside = journal.transaction(() => {
      reservedPayment(journal);
      journal.refunds.begin(refundBody('pay-order-1'));
      return countRows(journal.file);
    });
    expect(seenInside).toEqual({ intents: 0, payments: 0, refunds: 0, status_history: 0 });
    expect(countRows(journal.file)).toEqual({ intents: 2, payments: 1, refunds: 1, status_history: 1 });
  });

  it('refuses an async function, which would commit before its awaits run', () => {
    const journal = open(tempDir());
    expect(() => journal.transaction(async () => journal.payments.list())).toThrow(TypeError);
  });
});
