// The refund flow (reference: payment-flows/refunds.md, cancel-flows.md) against the real emulator on
// loopback: create under a journalled key, poll to Reserved honouring pollDelayInMs, capture or
// cancel, several partial refunds up to the captured amount, and the API's refusals journalled.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refundListStatus } from '../../../src/terminal/journal/index.js';
import {
  cancelRefund,
  captureRefund,
  createRefund,
  followRefund,
} from '../../../src/terminal/flows/refunds.js';
import { reservedPayment } from '../api/support.js';
import {
  capturedPayment,
  flowRejection,
  journalledCapturedPayment,
  rejection,
  startBench,
  type RefundBench,
} from './refunds-support.js';

const DAY_AND_AN_HOUR_S = 25 * 3600;

let bench: RefundBench;

beforeEach(async () => {
  bench = await startBench();
});

afterEach(async () => {
  await bench.close();
});

describe('refund flow', () => {
  it('refunds a journalled payment in full: created under its journalled key, polled to Reserved, captured', async () => {
    const { ctx } = bench;
    const payment = await journalledCapturedPayment(bench, 100);

    const created = await createRefund(ctx, {
      journalPaymentId: payment.id,
      refundOrderId: 'refund-full',
      amount: 100,
      currencyCode: 'DKK',
    });

    expect(created).toMatchObject({
      paymentId: payment.paymentId,
      paymentLocalId: payment.id,
      lastStatus: null,
    });
    const intent = ctx.journal.intents.get(created.intentId)!;
    expect(intent).toMatchObject({
      state: 'acknowledged',
      attempts: 1,
      result: { refundId: created.refundId },
    });
    const sent = await bench.sandbox.requestsTo('POST', '/pos/v10/refunds');
    expect(sent.map((e) => e.headers['x-mobilepay-idempotency-key'])).toEqual([intent.idempotencyKey]);

    const reserved = await followRefund(ctx, created.id);
    expect(reserved.lastStatus).toBe('Reserved');
    // The emulator reserves after 2.5 s; the engine never polled sooner than pollDelayInMs (1000).
    expect(bench.pollWaits).toEqual([1000, 1000, 1000]);

    const captured = await captureRefund(ctx, created.id);
    expect(captured).toMatchObject({ lastStatus: 'Captured', decision: { kind: 'capture', state: 'done' } });
    expect((await ctx.client.getRefund(created.refundId!)).status).toBe('Captured');
    expect(bench.refundStates()).toEqual([
      ['Initiated', null],
      ['Reserved', 'Initiated'],
      ['Captured', 'Reserved'],
    ]);
    expect(ctx.journal.refunds.unresolved()).toEqual([]);
  });

  it('refunds in several parts up to the captured amount and refuses the next part with 1367', async () => {
    const { ctx } = bench;
    const paymentId = await capturedPayment(bench, 100);
    const parts = [
      { refundOrderId: 'part-1', amount: 60 },
      { refundOrderId: 'part-2', amount: 40 },
    ];
    for (const part of parts) await createRefund(ctx, { paymentId, currencyCode: 'DKK', ...part });

    const error = await rejection(
      createRefund(ctx, { paymentId, refundOrderId: 'part-3', amount: 0.01, currencyCode: 'DKK' }),
    );

    expect(error).toMatchObject({ code: 'pos.api', apiCode: '1367', retryable: false });
    const journalled = ctx.journal.refunds.forPayment(paymentId);
    expect(journalled.map((r) => [r.refundOrderId, refundListStatus(r)])).toEqual([
      ['part-1', 'Unknown'],
      ['part-2', 'Unknown'],
      ['part-3', 'Refused'],
    ]);
    expect(journalled[2]!.refusal).toMatchObject({ code: '1367' });
    expect(ctx.journal.intents.get(journalled[2]!.intentId)?.state).toBe('failed');
    expect(ctx.journal.refunds.unresolved().map((r) => r.refundOrderId)).toEqual(['part-1', 'part-2']);
    expect(await ctx.client.findRefundIds(paymentId)).toEqual(journalled.slice(0, 2).map((r) => r.refundId));
  });

  it('cancels a reserved refund (CancelledByClient), and its amount can then be refunded again', async () => {
    const { ctx } = bench;
    const paymentId = await capturedPayment(bench, 100);
    const refund = await createRefund(ctx, {
      paymentId,
      refundOrderId: 'cash-instead',
      amount: 100,
      currencyCode: 'DKK',
    });
    await followRefund(ctx, refund.id);

    const cancelled = await cancelRefund(ctx, refund.id);

    expect(cancelled).toMatchObject({
      lastStatus: 'CancelledByClient',
      decision: { kind: 'cancel', state: 'done' },
    });
    expect((await ctx.client.getRefund(refund.refundId!)).status).toBe('CancelledByClient');
    expect(bench.refundStates().at(-1)).toEqual(['CancelledByClient', 'Reserved']);
    const again = await createRefund(ctx, {
      paymentId,
      refundOrderId: 'by-app',
      amount: 100,
      currencyCode: 'DKK',
    });
    expect(again.refundId).not.toBeNull();
  });

  it('refuses a refund in another currency than the payment with 1365 and journals it refused', async () => {
    const { ctx } = bench;
    const paymentId = await capturedPayment(bench, 100);

    const error = await rejection(
      createRefund(ctx, { paymentId, refundOrderId: 'in-euro', amount: 10, currencyCode: 'EUR' }),
    );

    expect(error).toMatchObject({ apiCode: '1365', apiErrorName: 'RefundCurrencyMismatch' });
    const [refund] = ctx.journal.refunds.forPayment(paymentId);
    expect(refund).toMatchObject({ refundId: null, refusal: { code: '1365' } });
    expect(ctx.journal.refunds.unresolved()).toEqual([]);
    expect(await flowRejection(followRefund(ctx, refund!.id))).toMatchObject({ code: 'flow.refund-refused' });
  });

  it('refuses to refund a payment that is reserved but not captured with 1354', async () => {
    const { ctx } = bench;
    const { paymentId } = await reservedPayment(ctx.client, bench.users, 100);

    const error = await rejection(
      createRefund(ctx, { paymentId, refundOrderId: 'too-early', amount: 10, currencyCode: 'DKK' }),
    );

    expect(error.apiCode).toBe('1354');
    expect(ctx.journal.refunds.forPayment(paymentId)[0]?.refusal?.code).toBe('1354');
  });

  it('refuses to capture a refund not seen Reserved, before any call is made', async () => {
    const { ctx } = bench;
    const paymentId = await capturedPayment(bench, 100);
    const refund = await createRefund(ctx, {
      paymentId,
      refundOrderId: 'not-yet',
      amount: 5,
      currencyCode: 'DKK',
    });

    const error = await flowRejection(captureRefund(ctx, refund.id));

    expect(error.code).toBe('flow.refund-not-reserved');
    expect(ctx.journal.refunds.get(refund.id)?.decision).toBeNull();
    expect(await bench.sandbox.requestsTo('POST', /\/refunds\/[^/]+\/capture$/)).toEqual([]);
  });

  it('sees a reserved refund left alone for 24 hours captured by MobilePay as ExpiredAndCaptured', async () => {
    const { ctx } = bench;
    const paymentId = await capturedPayment(bench, 100);
    const refund = await createRefund(ctx, {
      paymentId,
      refundOrderId: 'forgotten',
      amount: 20,
      currencyCode: 'DKK',
    });
    await followRefund(ctx, refund.id);

    await bench.sandbox.advanceClock(DAY_AND_AN_HOUR_S);
    const expired = await followRefund(ctx, refund.id);

    expect(expired.lastStatus).toBe('ExpiredAndCaptured');
    expect(bench.refundStates().at(-1)).toEqual(['ExpiredAndCaptured', 'Reserved']);
    expect(ctx.journal.refunds.unresolved()).toEqual([]);
    expect(await flowRejection(captureRefund(ctx, refund.id))).toMatchObject({ code: 'flow.refund-ended' });
  });

  it('fails a cancel refused with 1352 because MobilePay captured the refund, and journals the truth', async () => {
    const { ctx } = bench;
    const paymentId = await capturedPayment(bench, 100);
    const refund = await createRefund(ctx, {
      paymentId,
      refundOrderId: 'too-late',
      amount: 20,
      currencyCode: 'DKK',
    });
    await followRefund(ctx, refund.id);
    await bench.sandbox.advanceClock(DAY_AND_AN_HOUR_S);

    const error = await rejection(cancelRefund(ctx, refund.id));

    expect(error.apiCode).toBe('1352');
    expect(ctx.journal.refunds.get(refund.id)).toMatchObject({
      lastStatus: 'ExpiredAndCaptured',
      decision: { kind: 'cancel', state: 'failed', lastError: { code: '1352' } },
    });
    expect(ctx.journal.refunds.pendingDecisions()).toEqual([]);
  });

  it('stops following a refund when the signal aborts', async () => {
    const { ctx } = bench;
    const paymentId = await capturedPayment(bench, 100);
    const refund = await createRefund(ctx, {
      paymentId,
      refundOrderId: 'closed',
      amount: 5,
      currencyCode: 'DKK',
    });
    const stop = new AbortController();
    ctx.events.subscribe((event) => event.kind === 'refund.state' && stop.abort());

    const error = await flowRejection(followRefund(ctx, refund.id, { signal: stop.signal }));

    expect(error.code).toBe('flow.aborted');
    expect(ctx.journal.refunds.get(refund.id)?.lastStatus).toBe('Initiated');
    // Aborted as soon as the first answer was seen: no further wait, no further poll.
    expect(bench.pollWaits).toEqual([]);
  });
});
