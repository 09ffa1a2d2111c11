// Refunds: journalled with their create call before it leaves, so no refund is lost; a refund stays
// unresolved until it is refused or settled, and its capture or cancel is persisted before the call.
import { describe, expect, it } from 'vitest';
import { codeOf, fakeDeps, open, refundBody, reservedPayment, T0, tempDir } from './support.js';

describe('refunds', () => {
  it('journals a refund with its create intent, linked to the journalled payment it refunds', () => {
    const journal = open(tempDir());
    const payment = reservedPayment(journal, 'order-1', 'pay-1');
    const { refund, intent, resumed } = journal.refunds.begin(refundBody('pay-1'));
    expect(resumed).toBe(false);
    expect(refund).toMatchObject({
      refundOrderId: 'refund-1',
      paymentId: 'pay-1',
      paymentLocalId: payment.id,
      refundId: null,
      intentId: intent.id,
      amount: 25,
      currencyCode: 'DKK',
      lastStatus: null,
      decision: null,
      createdAt: T0,
    });
    expect(intent).toMatchObject({ kind: 'createRefund', subject: 'refund-1', recordId: refund.id });
    expect(journal.refunds.unresolved().map((r) => r.id)).toEqual([refund.id]);
    expect(journal.refunds.begin(refundBody('pay-1'))).toMatchObject({
      resumed: true,
      refund: { id: refund.id },
    });
  });

  it('keeps a refund of a payment the journal does not know, without a local link', () => {
    const journal = open(tempDir());
    expect(journal.refunds.begin(refundBody('pay-elsewhere')).refund.paymentLocalId).toBeNull();
  });

  it('takes a refund from Initiated through Reserved to a confirmed capture, and then it is resolved', () => {
    const deps = fakeDeps();
    const journal = open(tempDir(), deps);
    const { refund, intent } = journal.refunds.begin(refundBody('pay-1'));
    journal.intents.markSent(intent.id);
    expect(codeOf(() => journal.refunds.recordStatus(refund.id, { status: 'Initiated' }))).toBe(
      'invalid_state',
    );
    journal.refunds.attachRefundId(refund.id, 'ref-1');
    expect(journal.intents.get(intent.id)).toMatchObject({
      state: 'acknowledged',
      result: { refundId: 'ref-1' },
    });
    deps.advance(100);
    journal.refunds.recordStatus(refund.id, { status: 'Initiated' });
    expect(codeOf(() => journal.refunds.decide(refund.id, { kind: 'capture' }))).toBe('invalid_state');
    deps.advance(100);
    journal.refunds.recordStatus(refund.id, { status: 'Reserved' });
    journal.refunds.recordStatus(refund.id, { status: 'Reserved' });
    const decided = journal.refunds.decide(refund.id, { kind: 'capture' });
    expect(decided.decision).toMatchObject({ kind: 'capture', state: 'pending', decidedAt: T0 + 200 });
    expect(journal.refunds.pendingDecisions().map((r) => r.id)).toEqual([refund.id]);
    expect(codeOf(() => journal.refunds.decide(refund.id, { kind: 'cancel' }))).toBe('conflict');
    deps.advance(100);
    const done = journal.refunds.completeDecision(refund.id);
    expect(done).toMatchObject({ lastStatus: 'Captured', decision: { state: 'done', resolvedAt: T0 + 300 } });
    expect(journal.refunds.unresolved()).toEqual([]);
    expect(journal.refunds.pendingDecisions()).toEqual([]);
    expect(journal.refunds.history(refund.id)).toEqual([
      { status: 'Initiated', source: 'observed', at: T0 + 100 },
      { status: 'Reserved', source: 'observed', at: T0 + 200 },
      { status: 'Captured', source: 'decision', at: T0 + 300 },
    ]);
    expect(journal.refunds.recordStatus(refund.id, { status: 'Reserved' }).lastStatus).toBe('Captured');
  });

  it('cancels an Initiated refund (cash given instead) and retries a failed attempt until it is confirmed', () => {
    const journal = open(tempDir());
    const { refund } = journal.refunds.begin(refundBody('pay-1'));
    journal.refunds.attachRefundId(refund.id, 'ref-1');
    journal.refunds.recordStatus(refund.id, { status: 'Initiated' });
    journal.refunds.decide(refund.id, { kind: 'cancel' });
    const failed = journal.refunds.failDecision(refund.id, {
      code: '503',
      message: 'unavailable',
      final: false,
    });
    expect(failed.decision).toMatchObject({ kind: 'cancel', state: 'pending', attempts: 1 });
    expect(journal.refunds.unresolved()).toHaveLength(1);
    expect(journal.refunds.completeDecision(refund.id).lastStatus).toBe('CancelledByClient');
    expect(journal.refunds.unresolved()).toEqual([]);
  });

  it('leaves a refund unresolved while its create call is unanswered, and resolved once finally refused', () => {
    const journal = open(tempDir());
    const { refund, intent } = journal.refunds.begin(refundBody('pay-1', 'refund-9', 10_000));
    journal.intents.markSent(intent.id);
    journal.intents.fail(intent.id, { code: 'network', message: 'socket hang up', final: false });
    expect(journal.refunds.unresolved().map((r) => r.id)).toEqual([refund.id]);
    journal.intents.fail(intent.id, { code: '1368', message: 'Insufficient balance', final: true });
    expect(journal.refunds.get(refund.id)?.refusal).toEqual({
      code: '1368',
      message: 'Insufficient balance',
    });
    expect(journal.refunds.unresolved()).toEqual([]);
    expect(codeOf(() => journal.refunds.decide(refund.id, { kind: 'cancel' }))).toBe('invalid_state');
  });

  it('finds refunds by refundId and by payment, and lists them with filters', () => {
    const deps = fakeDeps();
    const journal = open(tempDir(), deps);
    const a = journal.refunds.begin(refundBody('pay-1', 'r-a')).refund;
    journal.refunds.attachRefundId(a.id, 'ref-a');
    deps.advance(10);
    const b = journal.refunds.begin(refundBody('pay-1', 'r-b')).refund;
    deps.advance(10);
    const c = journal.refunds.begin(refundBody('pay-2', 'r-c')).refund;
    expect(journal.refunds.byRefundId('ref-a')?.id).toBe(a.id);
    expect(journal.refunds.byRefundId('nope')).toBeNull();
    expect(journal.refunds.forPayment('pay-1').map((r) => r.id)).toEqual([a.id, b.id]);
    expect(journal.refunds.list().map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    expect(journal.refunds.list({ paymentId: 'pay-1', statuses: ['Unknown'] }).map((r) => r.id)).toEqual([
      b.id,
      a.id,
    ]);
    expect(journal.refunds.list({ text: 'R-C' }).map((r) => r.id)).toEqual([c.id]);
    expect(journal.refunds.list({ from: T0 + 10 }).map((r) => r.id)).toEqual([c.id, b.id]);
  });
});
