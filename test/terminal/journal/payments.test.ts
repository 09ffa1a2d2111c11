// Payments: journalled with their creating call, every status change recorded as seen, and the
// decision on a reservation persisted before capture or cancel and executed exactly as decided.
import { describe, expect, it } from 'vitest';
import {
  codeOf,
  fakeDeps,
  initiateBody,
  open,
  POS_ID,
  prepareBody,
  reservedPayment,
  T0,
  tempDir,
} from './support.js';

describe('payments', () => {
  it('journals an initiated payment with its order and terms, no paymentId and no status yet', () => {
    const journal = open(tempDir());
    const { payment, intent } = journal.payments.begin({ flow: 'initiate', body: initiateBody() });
    expect(payment).toMatchObject({
      flow: 'initiate',
      posId: POS_ID,
      orderId: 'order-1',
      paymentId: null,
      intentId: intent.id,
      amount: 125.5,
      currencyCode: 'DKK',
      restrictions: { debitCardDisallowed: false, creditCardDisallowed: true },
      merchantPaymentLabel: 'Till 1 order-1',
      plannedCaptureDelay: 'None',
      lastStatus: null,
      refusal: null,
      decision: null,
      createdAt: T0,
    });
    expect(intent.recordId).toBe(payment.id);
    expect(journal.payments.active().map((p) => p.id)).toEqual([payment.id]);
  });

  it('takes the amount of a prepared payment when ready is journalled, not after it was issued', () => {
    const journal = open(tempDir());
    const { payment } = journal.payments.begin({ flow: 'prepare', body: prepareBody() });
    expect(payment).toMatchObject({ flow: 'prepare', amount: null, currencyCode: null });
    journal.payments.attachPaymentId(payment.id, 'pay-p');
    journal.payments.recordStatus(payment.id, { status: 'Paired', customerToken: 'ct', loyaltyIds: ['L1'] });
    const ready = journal.payments.setReady(payment.id, {
      amount: 42,
      currencyCode: 'EUR',
      plannedCaptureDelay: 'LessThan24Hours',
    });
    expect(ready).toMatchObject({ amount: 42, currencyCode: 'EUR', plannedCaptureDelay: 'LessThan24Hours' });
    journal.payments.recordStatus(payment.id, { status: 'IssuedToUser' });
    const terms = { amount: 43, currencyCode: 'EUR', plannedCaptureDelay: 'None' } as const;
    expect(codeOf(() => journal.payments.setReady(payment.id, terms))).toBe('invalid_state');
    const initiated = journal.payments.begin({ flow: 'initiate', body: initiateBody('o2') }).payment;
    expect(codeOf(() => journal.payments.setReady(initiated.id, terms))).toBe('invalid_state');
  });

  it('records status changes and customer data as seen, and writes nothing for a repeated poll', () => {
    const deps = fakeDeps();
    const journal = open(tempDir(), deps);
    const { payment } = journal.payments.begin({ flow: 'initiate', body: initiateBody() });
    expect(codeOf(() => journal.payments.recordStatus(payment.id, { status: 'Initiated' }))).toBe(
      'invalid_state',
    );
    journal.payments.attachPaymentId(payment.id, 'pay-1');
    deps.advance(1_000);
    journal.payments.recordStatus(payment.id, { status: 'Initiated' });
    deps.advance(1_000);
    const paired = journal.payments.recordStatus(payment.id, {
      status: 'IssuedToUser',
      customerToken: 'token-1',
      customerReceiptToken: 'receipt-1',
      loyaltyIds: ['loyal-1'],
    });
    deps.advance(1_000);
    const polledAgain = journal.payments.recordStatus(payment.id, {
      status: 'IssuedToUser',
      customerToken: null,
    });
    expect(polledAgain).toEqual(paired);
    expect(paired).toMatchObject({
      lastStatus: 'IssuedToUser',
      statusAt: T0 + 2_000,
      customerToken: 'token-1',
      customerReceiptToken: 'receipt-1',
      loyaltyIds: ['loyal-1'],
    });
    deps.advance(1_000);
    journal.payments.recordStatus(payment.id, { status: 'Reserved', partialCapturePossible: false });
    expect(journal.payments.history(payment.id)).toEqual([
      { status: 'Initiated', source: 'observed', at: T0 + 1_000 },
      { status: 'IssuedToUser', source: 'observed', at: T0 + 2_000 },
      { status: 'Reserved', source: 'observed', at: T0 + 4_000 },
    ]);
    expect(journal.payments.get(payment.id)?.partialCapturePossible).toBe(false);
  });

  it('never undoes a final status with a stale answer', () => {
    const journal = open(tempDir());
    const payment = reservedPayment(journal);
    journal.payments.recordStatus(payment.id, { status: 'CancelledByUser' });
    expect(journal.payments.recordStatus(payment.id, { status: 'Reserved' }).lastStatus).toBe(
      'CancelledByUser',
    );
  });

  it('persists a capture decision for a reservation and lists it until the API confirms it', () => {
    const deps = fakeDeps();
    const journal = open(tempDir(), deps);
    const payment = reservedPayment(journal);
    deps.advance(500);
    const decided = journal.payments.decide(payment.id, { kind: 'capture', amount: 100 });
    expect(decided.decision).toEqual({
      kind: 'capture',
      amount: 100,
      state: 'pending',
      decidedAt: T0 + 500,
      attempts: 0,
      lastError: null,
      resolvedAt: null,
    });
    expect(journal.payments.pendingDecisions().map((p) => p.id)).toEqual([payment.id]);
    expect(journal.payments.decide(payment.id, { kind: 'capture', amount: 100 })).toEqual(decided);
    expect(codeOf(() => journal.payments.decide(payment.id, { kind: 'cancel' }))).toBe('conflict');
    expect(codeOf(() => journal.payments.decide(payment.id, { kind: 'capture', amount: 90 }))).toBe(
      'conflict',
    );

    deps.advance(500);
    const done = journal.payments.completeDecision(payment.id);
    expect(done).toMatchObject({
      lastStatus: 'Captured',
      capturedAmount: 100,
      decision: { kind: 'capture', state: 'done', resolvedAt: T0 + 1_000 },
    });
    expect(journal.payments.history(payment.id).at(-1)).toEqual({
      status: 'Captured',
      source: 'decision',
      at: T0 + 1_000,
    });
    expect(journal.payments.pendingDecisions()).toEqual([]);
    expect(journal.payments.completeDecision(payment.id)).toEqual(done);
    expect(codeOf(() => journal.payments.decide(payment.id, { kind: 'cancel' }))).toBe('invalid_state');
  });

  it('refuses a capture that is not of a reservation, above it, or partial when that is not possible', () => {
    const journal = open(tempDir());
    const { payment } = journal.payments.begin({ flow: 'initiate', body: initiateBody('o1') });
    expect(codeOf(() => journal.payments.decide(payment.id, { kind: 'capture', amount: 1 }))).toBe(
      'invalid_state',
    );
    const reserved = reservedPayment(journal, 'o2');
    expect(codeOf(() => journal.payments.decide(reserved.id, { kind: 'capture', amount: 125.51 }))).toBe(
      'invalid_input',
    );
    expect(codeOf(() => journal.payments.decide(reserved.id, { kind: 'capture', amount: 0 }))).toBe(
      'invalid_input',
    );
    journal.payments.recordStatus(reserved.id, { status: 'Reserved', partialCapturePossible: false });
    expect(codeOf(() => journal.payments.decide(reserved.id, { kind: 'capture', amount: 100 }))).toBe(
      'invalid_input',
    );
    expect(journal.payments.decide(reserved.id, { kind: 'capture', amount: 125.5 }).decision?.state).toBe(
      'pending',
    );
  });

  it('keeps a decision pending through failed attempts, and lets a finally refused one be replaced', () => {
    const journal = open(tempDir());
    const payment = reservedPayment(journal);
    journal.payments.decide(payment.id, { kind: 'capture', amount: 125.5 });
    const retried = journal.payments.failDecision(payment.id, {
      code: 'timeout',
      message: '2 s',
      final: false,
    });
    expect(retried.decision).toMatchObject({ state: 'pending', attempts: 1, lastError: { code: 'timeout' } });
    expect(journal.payments.pendingDecisions()).toHaveLength(1);

    const refused = journal.payments.failDecision(payment.id, { code: '1151', message: 'no', final: true });
    expect(refused.decision).toMatchObject({ state: 'failed', attempts: 2, resolvedAt: T0 });
    expect(journal.payments.pendingDecisions()).toEqual([]);
    expect(journal.payments.undecidedReservations().map((p) => p.id)).toEqual([payment.id]);
    expect(codeOf(() => journal.payments.completeDecision(payment.id))).toBe('invalid_state');

    const cancel = journal.payments.decide(payment.id, { kind: 'cancel' });
    expect(cancel.decision).toMatchObject({ kind: 'cancel', state: 'pending', attempts: 0, lastError: null });
    expect(journal.payments.undecidedReservations()).toEqual([]);
  });

  it('cancels an active payment after a crash: decided, confirmed, and no longer active', () => {
    const journal = open(tempDir());
    const { payment } = journal.payments.begin({ flow: 'initiate', body: initiateBody() });
    journal.payments.attachPaymentId(payment.id, 'found-by-order-id');
    journal.payments.recordStatus(payment.id, { status: 'IssuedToUser' });
    journal.payments.decide(payment.id, { kind: 'cancel' });
    expect(journal.payments.active()).toHaveLength(1);
    const cancelled = journal.payments.completeDecision(payment.id);
    expect(cancelled).toMatchObject({ lastStatus: 'CancelledByClient', capturedAmount: null });
    expect(journal.payments.active()).toEqual([]);
    expect(codeOf(() => journal.payments.decide(payment.id, { kind: 'cancel' }))).toBe('invalid_state');
  });

  it('persists a cancel pressed while the initiate is unanswered, done by itself if the call is refused', () => {
    const journal = open(tempDir());
    const { payment, intent } = journal.payments.begin({ flow: 'initiate', body: initiateBody() });
    journal.intents.markSent(intent.id);
    journal.payments.decide(payment.id, { kind: 'cancel' });
    expect(journal.payments.pendingDecisions()).toMatchObject([{ id: payment.id, paymentId: null }]);
    journal.intents.fail(intent.id, { code: '1102', message: 'Invalid Amount', final: true });
    expect(journal.payments.get(payment.id)?.decision).toMatchObject({ kind: 'cancel', state: 'done' });
    expect(journal.payments.pendingDecisions()).toEqual([]);
    expect(journal.payments.active()).toEqual([]);
  });

  it('refuses to cancel a payment that already ended, or one that was never created', () => {
    const journal = open(tempDir());
    const ended = reservedPayment(journal, 'o1');
    journal.payments.recordStatus(ended.id, { status: 'ExpiredAndCancelled' });
    expect(codeOf(() => journal.payments.decide(ended.id, { kind: 'cancel' }))).toBe('invalid_state');
    const { payment, intent } = journal.payments.begin({ flow: 'initiate', body: initiateBody('o2') });
    journal.intents.fail(intent.id, { code: '1102', message: 'Invalid Amount', final: true });
    expect(codeOf(() => journal.payments.decide(payment.id, { kind: 'cancel' }))).toBe('invalid_state');
  });

  it('keeps a status already seen final when the decision is confirmed afterwards', () => {
    const journal = open(tempDir());
    const payment = reservedPayment(journal);
    journal.payments.decide(payment.id, { kind: 'capture', amount: 125.5 });
    journal.payments.recordStatus(payment.id, { status: 'Captured' });
    const done = journal.payments.completeDecision(payment.id);
    expect(done).toMatchObject({
      lastStatus: 'Captured',
      capturedAmount: 125.5,
      decision: { state: 'done' },
    });
    expect(journal.payments.history(payment.id).filter((h) => h.status === 'Captured')).toHaveLength(1);
  });

  it('finds payments by paymentId and by orderId (newest first, optionally on one PoS)', () => {
    const deps = fakeDeps();
    const journal = open(tempDir(), deps);
    const first = reservedPayment(journal, 'order-1', 'pay-a');
    journal.payments.decide(first.id, { kind: 'cancel' });
    journal.payments.completeDecision(first.id);
    deps.advance(10);
    const second = journal.payments.begin({ flow: 'initiate', body: initiateBody('order-1') }).payment;
    journal.payments.attachPaymentId(second.id, 'pay-b');
    deps.advance(10);
    const elsewhere = journal.payments.begin({
      flow: 'initiate',
      body: { ...initiateBody('order-1'), posId: 'other-pos' },
    }).payment;
    expect(journal.payments.byOrderId('order-1').map((p) => p.id)).toEqual([
      elsewhere.id,
      second.id,
      first.id,
    ]);
    expect(journal.payments.byOrderId('order-1', 'other-pos').map((p) => p.id)).toEqual([elsewhere.id]);
    expect(journal.payments.byPaymentId('pay-a')?.id).toBe(first.id);
    expect(journal.payments.byPaymentId('pay-zz')).toBeNull();
    expect(journal.payments.active(POS_ID).map((p) => p.id)).toEqual([second.id]);
    expect(journal.payments.active('other-pos').map((p) => p.id)).toEqual([elsewhere.id]);
  });
});
