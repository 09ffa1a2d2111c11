// Refunds when answers are lost (reference: api-principles.md "Error Handling", cancel-flows.md
// "Cancelling Refunds"): a lost create is found by paymentId, a timed-out create is retried under the
// same key, a lost capture stays pending until resolveRefund completes it, and a refund that never
// reached MobilePay is concluded not created. Against the real emulator with its fault rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  REFUND_NOT_CREATED,
  cancelRefund,
  captureRefund,
  createRefund,
  followRefund,
  resolveRefund,
} from '../../../src/terminal/flows/refunds.js';
import { capturedPayment, rejection, startBench, type RefundBench } from './refunds-support.js';

const REFUNDS = '/pos/v10/refunds';
const CAPTURE = /^\/pos\/v10\/refunds\/[^/]+\/capture$/;
/** Every attempt of one call: the first and the client's two retries. */
const EVERY_ATTEMPT = 3;

let bench: RefundBench;

beforeEach(async () => {
  bench = await startBench();
});

afterEach(async () => {
  await bench.close();
});

describe('refund recovery', () => {
  it('finds a refund whose create answer was lost by its paymentId and attaches it', async () => {
    const { ctx, sandbox } = bench;
    const paymentId = await capturedPayment(bench, 100);
    await sandbox.addFault({ method: 'POST', path: REFUNDS, times: EVERY_ATTEMPT, action: { kind: 'drop' } });

    const refund = await createRefund(ctx, {
      paymentId,
      refundOrderId: 'lost-1',
      amount: 30,
      currencyCode: 'DKK',
    });

    const atEmulator = await ctx.client.findRefundIds(paymentId);
    expect(atEmulator).toHaveLength(1);
    expect(refund).toMatchObject({ refundId: atEmulator[0], lastStatus: 'Initiated' });
    const intent = ctx.journal.intents.get(refund.intentId)!;
    expect(intent).toMatchObject({ state: 'acknowledged', result: { refundId: atEmulator[0] } });
    const sent = await sandbox.requestsTo('POST', REFUNDS);
    expect(sent.map((e) => [e.status, e.headers['x-mobilepay-idempotency-key']])).toEqual(
      Array(EVERY_ATTEMPT).fill([null, intent.idempotencyKey]),
    );
    expect(bench.events).toContainEqual(expect.objectContaining({ kind: 'notice', topic: 'recovery' }));
    expect(ctx.journal.refunds.unresolved().map((r) => r.id)).toEqual([refund.id]);
  });

  it('picks the refund the journal does not know when an earlier one has the same order and amount', async () => {
    const { ctx, sandbox } = bench;
    const paymentId = await capturedPayment(bench, 100);
    const first = await createRefund(ctx, {
      paymentId,
      refundOrderId: 'line-7',
      amount: 10,
      currencyCode: 'DKK',
    });
    await sandbox.addFault({ method: 'POST', path: REFUNDS, times: EVERY_ATTEMPT, action: { kind: 'drop' } });

    const second = await createRefund(ctx, {
      paymentId,
      refundOrderId: 'line-7',
      amount: 10,
      currencyCode: 'DKK',
    });

    const atEmulator = await ctx.client.findRefundIds(paymentId);
    expect(atEmulator).toHaveLength(2);
    expect(second.refundId).not.toBe(first.refundId);
    expect(atEmulator).toEqual([first.refundId, second.refundId]);
  });

  it('retries a create that timed out under the same idempotency key, and one refund exists', async () => {
    const { ctx, sandbox, time } = bench;
    const paymentId = await capturedPayment(bench, 100);
    await sandbox.addFault({ method: 'POST', path: REFUNDS, action: { kind: 'delay', ms: 2500 } });
    // The emulator holds the first answer; the client's 2 s timeout expires while it waits.
    sandbox.held.onHold = () => time.expireTimeouts();

    const refund = await createRefund(ctx, {
      paymentId,
      refundOrderId: 'slow',
      amount: 25,
      currencyCode: 'DKK',
    });

    const intent = ctx.journal.intents.get(refund.intentId)!;
    const sent = await sandbox.requestsTo('POST', REFUNDS);
    expect(sent.map((e) => e.headers['x-mobilepay-idempotency-key'])).toEqual([
      intent.idempotencyKey,
      intent.idempotencyKey,
    ]);
    expect(time.backoffs).toHaveLength(1);
    expect(await ctx.client.findRefundIds(paymentId)).toEqual([refund.refundId]);
    expect(intent.state).toBe('acknowledged');
  });

  it('leaves a create that never got through open, and resolveRefund concludes it was not created', async () => {
    const { ctx, sandbox } = bench;
    const paymentId = await capturedPayment(bench, 100);
    await sandbox.addFault({
      method: 'POST',
      path: REFUNDS,
      times: EVERY_ATTEMPT,
      action: { kind: 'refuse' },
    });

    const error = await rejection(
      createRefund(ctx, { paymentId, refundOrderId: 'never', amount: 15, currencyCode: 'DKK' }),
    );

    expect(error).toMatchObject({ code: 'pos.network', retryable: true });
    const [open] = ctx.journal.refunds.unresolved();
    expect(open).toMatchObject({ refundOrderId: 'never', refundId: null, refusal: null });
    expect(ctx.journal.intents.get(open!.intentId)).toMatchObject({
      state: 'sent',
      error: { code: 'pos.network', final: false },
    });

    const resolved = await resolveRefund(ctx, open!.id);

    expect(resolved.refusal?.code).toBe(REFUND_NOT_CREATED);
    expect(ctx.journal.intents.get(open!.intentId)?.state).toBe('failed');
    expect(ctx.journal.refunds.unresolved()).toEqual([]);
    expect(await ctx.client.findRefundIds(paymentId)).toEqual([]);
  });

  it('sends the create again under the key of the open intent when the cashier retries it', async () => {
    const { ctx, sandbox } = bench;
    const paymentId = await capturedPayment(bench, 100);
    const request = { paymentId, refundOrderId: 'retry', amount: 12.5, currencyCode: 'DKK' } as const;
    await sandbox.addFault({
      method: 'POST',
      path: REFUNDS,
      times: EVERY_ATTEMPT,
      action: { kind: 'refuse' },
    });
    await rejection(createRefund(ctx, request));

    const refund = await createRefund(ctx, request);

    const intent = ctx.journal.intents.get(refund.intentId)!;
    expect(intent).toMatchObject({ state: 'acknowledged', attempts: 2 });
    const sent = await sandbox.requestsTo('POST', REFUNDS);
    expect(new Set(sent.map((e) => e.headers['x-mobilepay-idempotency-key']))).toEqual(
      new Set([intent.idempotencyKey]),
    );
    expect(await ctx.client.findRefundIds(paymentId)).toEqual([refund.refundId]);
    expect(ctx.journal.refunds.forPayment(paymentId)).toHaveLength(1);
  });

  it('concludes a refund journalled but never sent (a crash before the send) not created, without asking', async () => {
    const { ctx, sandbox } = bench;
    const paymentId = await capturedPayment(bench, 100);
    const { refund } = ctx.journal.refunds.begin({
      paymentId,
      refundOrderId: 'crash',
      amount: 9,
      currencyCode: 'DKK',
    });

    const resolved = await resolveRefund(ctx, refund.id);

    expect(resolved.refusal?.code).toBe(REFUND_NOT_CREATED);
    expect(await sandbox.requestsTo('GET', REFUNDS)).toEqual([]);
  });

  it('keeps a capture whose answer is lost pending, and resolveRefund completes it without a second capture', async () => {
    const { ctx, sandbox } = bench;
    const paymentId = await capturedPayment(bench, 100);
    const refund = await createRefund(ctx, {
      paymentId,
      refundOrderId: 'cap',
      amount: 40,
      currencyCode: 'DKK',
    });
    await followRefund(ctx, refund.id);
    await sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/refunds/*/capture',
      times: EVERY_ATTEMPT,
      action: { kind: 'drop' },
    });

    expect((await rejection(captureRefund(ctx, refund.id))).code).toBe('pos.network');

    expect(ctx.journal.refunds.get(refund.id)).toMatchObject({
      lastStatus: 'Reserved',
      decision: { kind: 'capture', state: 'pending', attempts: 1 },
    });
    expect(ctx.journal.refunds.pendingDecisions().map((r) => r.id)).toEqual([refund.id]);

    const resolved = await resolveRefund(ctx, refund.id);

    expect(resolved).toMatchObject({ lastStatus: 'Captured', decision: { kind: 'capture', state: 'done' } });
    const captures = await sandbox.requestsTo('POST', CAPTURE);
    expect(captures.map((e) => e.status)).toEqual([null, null, null, 200]);
    const stored = await bench.storedRefunds(paymentId);
    expect(stored.map((r) => [r.refundId, r.status])).toEqual([[refund.refundId, 'Captured']]);
    expect(ctx.journal.refunds.history(refund.id).filter((h) => h.status === 'Captured')).toHaveLength(1);
    expect(ctx.journal.refunds.pendingDecisions()).toEqual([]);
  });

  it('carries out a cancel decided while the create was unanswered, once the refund is found', async () => {
    const { ctx, sandbox } = bench;
    const paymentId = await capturedPayment(bench, 100);
    await sandbox.addFault({ method: 'POST', path: REFUNDS, times: EVERY_ATTEMPT, action: { kind: 'drop' } });
    // The lookup by paymentId fails too, so the create ends unresolved.
    await sandbox.addFault({
      method: 'GET',
      path: REFUNDS,
      times: EVERY_ATTEMPT,
      action: { kind: 'status', status: 503 },
    });
    await rejection(createRefund(ctx, { paymentId, refundOrderId: 'cash', amount: 50, currencyCode: 'DKK' }));
    const [open] = ctx.journal.refunds.unresolved();
    expect(open?.refundId).toBeNull();

    const cancelled = await cancelRefund(ctx, open!.id);

    expect(cancelled).toMatchObject({
      lastStatus: 'CancelledByClient',
      decision: { kind: 'cancel', state: 'done' },
    });
    const atEmulator = await ctx.client.findRefundIds(paymentId);
    expect(atEmulator).toEqual([cancelled.refundId]);
    expect((await ctx.client.getRefund(atEmulator[0]!)).status).toBe('CancelledByClient');
  });

  it('reads the status once when resolving a refund with no decision, leaving a Reserved one to the cashier', async () => {
    const { ctx } = bench;
    const paymentId = await capturedPayment(bench, 100);
    const refund = await createRefund(ctx, {
      paymentId,
      refundOrderId: 'idle',
      amount: 5,
      currencyCode: 'DKK',
    });
    await bench.sandbox.advanceClock(3);

    const resolved = await resolveRefund(ctx, refund.id);

    expect(resolved).toMatchObject({ lastStatus: 'Reserved', decision: null });
    expect(ctx.journal.refunds.unresolved().map((r) => r.id)).toEqual([refund.id]);
  });
});
