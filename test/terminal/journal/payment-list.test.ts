// The payment list of the transaction screen: newest first, filtered by status (the API's, Unknown or
// Refused), date range and free text, with a bounded size and only known statuses reaching the SQL.
import { describe, expect, it } from 'vitest';
import { codeOf, fakeDeps, initiateBody, open, reservedPayment, T0, tempDir } from './support.js';

describe('the payment list of the transaction screen', () => {
  function seed() {
    const deps = fakeDeps();
    const journal = open(tempDir(), deps);
    const captured = reservedPayment(journal, 'ORDER-100', 'pay-100');
    journal.payments.decide(captured.id, { kind: 'capture', amount: 125.5 });
    journal.payments.completeDecision(captured.id);
    deps.advance(60_000);
    const unknown = journal.payments.begin({ flow: 'initiate', body: initiateBody('order_200') }).payment;
    deps.advance(60_000);
    const refused = journal.payments.begin({ flow: 'initiate', body: initiateBody('order-300') });
    journal.intents.fail(refused.intent.id, { code: '1102', message: 'Invalid Amount', final: true });
    return { journal, captured, unknown, refused: refused.payment };
  }

  it('lists newest first, by status including Unknown and Refused', () => {
    const { journal, captured, unknown, refused } = seed();
    const ids = (filter: Parameters<typeof journal.payments.list>[0]) =>
      journal.payments.list(filter).map((p) => p.id);
    expect(ids({})).toEqual([refused.id, unknown.id, captured.id]);
    expect(ids({ statuses: ['Captured'] })).toEqual([captured.id]);
    expect(ids({ statuses: ['Unknown', 'Refused'] })).toEqual([refused.id, unknown.id]);
    expect(ids({ statuses: [] })).toEqual([]);
    expect(ids({ limit: 1 })).toEqual([refused.id]);
  });

  it('filters by a date range and by text (case-insensitive, % and _ taken literally)', () => {
    const { journal, captured, unknown } = seed();
    const ids = (filter: Parameters<typeof journal.payments.list>[0]) =>
      journal.payments.list(filter).map((p) => p.id);
    expect(ids({ from: T0 + 60_000, to: T0 + 120_000 })).toEqual([unknown.id]);
    expect(ids({ text: 'order-100' })).toEqual([captured.id]);
    expect(ids({ text: 'PAY-100' })).toEqual([captured.id]);
    expect(ids({ text: 'order_' })).toEqual([unknown.id]);
    expect(ids({ text: '%' })).toEqual([]);
  });

  it('refuses a status it does not know and a limit out of range', () => {
    const { journal } = seed();
    expect(codeOf(() => journal.payments.list({ statuses: ["Captured' OR 1=1 --" as 'Captured'] }))).toBe(
      'invalid_input',
    );
    expect(codeOf(() => journal.payments.list({ limit: 0 }))).toBe('invalid_input');
  });
});
