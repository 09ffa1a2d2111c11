// Intents: the idempotency key of every creating call is journalled before the request leaves, reused
// for every retry of that call, retired when the call is finally refused, and never shared by two bodies.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isGuid } from '../../../src/shared/pos-v10/formats.js';
import type { Journal } from '../../../src/terminal/journal/index.js';
import { codeOf, fakeDeps, initiateBody, open, refundBody, T0, tempDir } from './support.js';

function beginInitiate(journal: Journal, orderId = 'order-1') {
  return journal.payments.begin({ flow: 'initiate', body: initiateBody(orderId) });
}

describe('intents', () => {
  it('journals a creating call with a fresh GUID idempotency key, pending until it is sent', () => {
    const journal = open(tempDir());
    const { intent, resumed } = beginInitiate(journal);
    expect(resumed).toBe(false);
    expect(intent).toMatchObject({
      kind: 'initiatePayment',
      subject: 'order-1',
      state: 'pending',
      attempts: 0,
      result: null,
      error: null,
      createdAt: T0,
      firstSentAt: null,
    });
    expect(isGuid(intent.idempotencyKey)).toBe(true);
    expect(intent.body).toEqual(initiateBody());
  });

  it('has the key on disk before anything is sent: another connection reads it when the request leaves', () => {
    const dir = tempDir();
    const journal = open(dir);
    const keysSeenBySend: string[] = [];
    const send = (key: string): void => {
      // What a crash right now would leave behind: read the file through a connection of its own.
      const observer = new Database(journal.file, { readonly: true });
      const row = observer.prepare('SELECT idempotency_key FROM intents WHERE idempotency_key = ?').get(key);
      observer.close();
      if (row !== undefined) keysSeenBySend.push(key);
    };
    const { intent } = beginInitiate(journal);
    journal.intents.markSent(intent.id);
    send(intent.idempotencyKey);
    expect(keysSeenBySend).toEqual([intent.idempotencyKey]);
  });

  it('resumes the open call, with the same key, when the same body is begun again (keys in any order)', () => {
    const journal = open(tempDir());
    const first = beginInitiate(journal);
    journal.intents.markSent(first.intent.id);
    const body = initiateBody();
    const reordered = Object.fromEntries(Object.entries(body).reverse()) as typeof body;
    const again = journal.payments.begin({ flow: 'initiate', body: reordered });
    expect(again.resumed).toBe(true);
    expect(again.intent.idempotencyKey).toBe(first.intent.idempotencyKey);
    expect(again.payment.id).toBe(first.payment.id);
    expect(journal.payments.list()).toHaveLength(1);
  });

  it('refuses another body for a subject whose call is still open, and writes nothing', () => {
    const journal = open(tempDir());
    beginInitiate(journal);
    const other = { ...initiateBody(), amount: 99 };
    expect(codeOf(() => journal.payments.begin({ flow: 'initiate', body: other }))).toBe('conflict');
    expect(journal.payments.list()).toHaveLength(1);
    expect(journal.intents.open()).toHaveLength(1);
  });

  it('counts each send, keeping the time of the first', () => {
    const deps = fakeDeps();
    const journal = open(tempDir(), deps);
    const { intent } = beginInitiate(journal);
    deps.advance(1_000);
    journal.intents.markSent(intent.id);
    deps.advance(2_000);
    const sent = journal.intents.markSent(intent.id);
    expect(sent).toMatchObject({
      state: 'sent',
      attempts: 2,
      firstSentAt: T0 + 1_000,
      lastSentAt: T0 + 3_000,
    });
  });

  it('acknowledges the response: the intent closes and the payment gets its paymentId in the same commit', () => {
    const journal = open(tempDir());
    const { intent, payment } = beginInitiate(journal);
    journal.intents.markSent(intent.id);
    const done = journal.intents.acknowledge(intent.id, { kind: 'initiatePayment', paymentId: 'pay-1' });
    expect(done).toMatchObject({ state: 'acknowledged', result: { paymentId: 'pay-1' }, resolvedAt: T0 });
    expect(journal.payments.get(payment.id)?.paymentId).toBe('pay-1');
    expect(journal.payments.byPaymentId('pay-1')?.id).toBe(payment.id);
    expect(journal.intents.open()).toEqual([]);
  });

  it('takes the same acknowledgement twice, but not a different id or a result of another kind', () => {
    const journal = open(tempDir());
    const { intent } = beginInitiate(journal);
    journal.intents.acknowledge(intent.id, { kind: 'initiatePayment', paymentId: 'pay-1' });
    expect(
      journal.intents.acknowledge(intent.id, { kind: 'initiatePayment', paymentId: 'pay-1' }).state,
    ).toBe('acknowledged');
    expect(
      codeOf(() => journal.intents.acknowledge(intent.id, { kind: 'initiatePayment', paymentId: 'x' })),
    ).toBe('conflict');
    expect(
      codeOf(() => journal.intents.acknowledge(intent.id, { kind: 'createRefund', refundId: 'r' })),
    ).toBe('invalid_input');
  });

  it('refuses a paymentId another payment in the journal already has', () => {
    const journal = open(tempDir());
    journal.payments.attachPaymentId(beginInitiate(journal, 'a').payment.id, 'pay-1');
    const second = beginInitiate(journal, 'b');
    expect(codeOf(() => journal.payments.attachPaymentId(second.payment.id, 'pay-1'))).toBe('conflict');
    expect(journal.intents.get(second.intent.id)?.state).toBe('pending');
  });

  it('notes a non-final failure (timeout, 5xx) and keeps the call open for a retry under the same key', () => {
    const journal = open(tempDir());
    const { intent } = beginInitiate(journal);
    journal.intents.markSent(intent.id);
    const failed = journal.intents.fail(intent.id, {
      code: 'timeout',
      message: 'no answer in 2 s',
      final: false,
    });
    expect(failed).toMatchObject({
      state: 'sent',
      error: { code: 'timeout', final: false },
      resolvedAt: null,
    });
    expect(journal.intents.open().map((i) => i.id)).toEqual([intent.id]);
    expect(journal.intents.markSent(intent.id).attempts).toBe(2);
  });

  it('retires the key on a final refusal (4xx): the payment is refused and a new call gets a new key', () => {
    const journal = open(tempDir());
    const { intent, payment } = beginInitiate(journal);
    journal.intents.markSent(intent.id);
    journal.intents.fail(intent.id, { code: '1102', message: 'Invalid Amount', final: true });
    expect(journal.intents.get(intent.id)).toMatchObject({ state: 'failed', error: { final: true } });
    expect(journal.payments.get(payment.id)?.refusal).toEqual({ code: '1102', message: 'Invalid Amount' });
    expect(journal.payments.active()).toEqual([]);
    expect(codeOf(() => journal.intents.markSent(intent.id))).toBe('invalid_state');
    expect(
      codeOf(() => journal.intents.acknowledge(intent.id, { kind: 'initiatePayment', paymentId: 'p' })),
    ).toBe('invalid_state');

    const retry = journal.payments.begin({ flow: 'initiate', body: { ...initiateBody(), amount: 100 } });
    expect(retry.resumed).toBe(false);
    expect(retry.intent.idempotencyKey).not.toBe(intent.idempotencyKey);
    expect(journal.intents.latestFor('initiatePayment', 'order-1')?.id).toBe(retry.intent.id);
  });

  it('lists open intents of every kind oldest first, whether sent or not', () => {
    const deps = fakeDeps();
    const journal = open(tempDir(), deps);
    const a = beginInitiate(journal, 'a').intent;
    deps.advance(10);
    const b = journal.refunds.begin(refundBody('pay-0')).intent;
    deps.advance(10);
    const c = beginInitiate(journal, 'c').intent;
    journal.intents.markSent(b.id);
    journal.intents.acknowledge(c.id, { kind: 'initiatePayment', paymentId: 'pay-c' });
    expect(journal.intents.open().map((i) => [i.kind, i.subject, i.state])).toEqual([
      ['initiatePayment', 'a', 'pending'],
      ['createRefund', 'refund-1', 'sent'],
    ]);
    expect(a.recordId).not.toBeNull();
    expect(journal.intents.latestFor('createPos', 'none')).toBeNull();
  });

  it('refuses an id generator whose ids cannot be idempotency keys, writing nothing', () => {
    const journal = open(tempDir(), { now: () => T0, newId: () => 'x'.repeat(37) });
    expect(codeOf(() => beginInitiate(journal))).toBe('invalid_input');
    expect(journal.intents.open()).toEqual([]);
  });

  it('answers not_found for an intent it never journalled', () => {
    const journal = open(tempDir());
    expect(journal.intents.get('nope')).toBeNull();
    expect(codeOf(() => journal.intents.markSent('nope'))).toBe('not_found');
  });
});
