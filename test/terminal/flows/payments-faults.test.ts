// The payment flow when the network and the backend misbehave (reference: api-principles.md, "Error
// handling"; payment-flow-error-handling.md): journalled keys, retries under the same key, lost
// answers, persisted decisions and the one-active-payment rule, against the emulator's faults.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Intent } from '../../../src/terminal/journal/index.js';
import {
  capturePayment,
  followPayment,
  initiatePayment,
  resumeDecision,
  type PaymentRequest,
} from '../../../src/terminal/flows/payments.js';
import { CREDIT_USER, gapsBetween, keyOf, newKey, startFlowRig, type FlowRig } from './support.js';

let rig: FlowRig;

beforeEach(async () => {
  rig = await startFlowRig();
});

function order(amount = 100): PaymentRequest {
  return { orderId: newKey('order'), amount, currencyCode: 'DKK' };
}

async function reserved(amount = 100) {
  const customer = rig.customer(CREDIT_USER);
  const started = await initiatePayment(rig.ctx, order(amount));
  await customer.checkIn();
  rig.waits.script(customer.accept);
  return followPayment(rig.ctx, started.id);
}

const capturesOf = (paymentId: string) =>
  rig.sandbox.requestsTo('POST', `/pos/v10/payments/${paymentId}/capture`);

describe('payment flow: creating calls', () => {
  it('journals the idempotency key before the initiate leaves, and retries a refused connection under it', async () => {
    const request = order();
    const leaving: { key: string | null; intent: Intent | null }[] = [];
    rig = await startFlowRig({
      clientDeps: {
        fetch: (input, init) => {
          if (init?.method === 'POST' && new URL(String(input)).pathname === '/pos/v10/payments')
            leaving.push({
              key: new Headers(init.headers).get('x-mobilepay-idempotency-key'),
              intent: rig.journal.intents.latestFor('initiatePayment', request.orderId),
            });
          return globalThis.fetch(input, init);
        },
      },
    });
    await rig.sandbox.addFault({ method: 'POST', path: '/pos/v10/payments', action: { kind: 'refuse' } });

    const payment = await initiatePayment(rig.ctx, request);

    const intent = rig.journal.intents.get(payment.intentId)!;
    expect(leaving).toHaveLength(2);
    for (const request of leaving) {
      // Durable before the request left: the intent, marked sent, under the key the request carries.
      expect(request.intent).toMatchObject({ id: intent.id, state: 'sent' });
      expect(request.key).toBe(intent.idempotencyKey);
    }
    const initiates = await rig.sandbox.requestsTo('POST', '/pos/v10/payments');
    expect(initiates.map((e) => [e.status, keyOf(e)])).toEqual([
      [null, intent.idempotencyKey],
      [200, intent.idempotencyKey],
    ]);
    expect(intent).toMatchObject({ state: 'acknowledged', result: { paymentId: payment.paymentId } });
  });

  it('resumes the journalled initiate under the same key when the cashier retries one that failed', async () => {
    const request = order();
    await rig.sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/payments',
      times: 3,
      action: { kind: 'refuse' },
    });

    await expect(initiatePayment(rig.ctx, request)).rejects.toMatchObject({
      code: 'pos.network',
      retryable: true,
    });
    const [open] = rig.journal.intents.open();
    expect(open).toMatchObject({ kind: 'initiatePayment', subject: request.orderId, state: 'sent' });

    const payment = await initiatePayment(rig.ctx, request);

    const initiates = await rig.sandbox.requestsTo('POST', '/pos/v10/payments');
    expect(initiates.map((e) => [e.status, keyOf(e)])).toEqual([
      [null, open!.idempotencyKey],
      [null, open!.idempotencyKey],
      [null, open!.idempotencyKey],
      [200, open!.idempotencyKey],
    ]);
    expect(payment.intentId).toBe(open!.id);
    expect(initiates[3]?.responseBody).toEqual({ paymentId: payment.paymentId });
    expect(rig.journal.payments.list()).toHaveLength(1);
  });

  it('finds the payment by posId + orderId when every initiate attempt times out', async () => {
    await rig.sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/payments',
      times: 3,
      action: { kind: 'delay', ms: 2500 },
    });
    rig.sandbox.held.onHold = () => rig.time.expireTimeouts();

    const payment = await initiatePayment(rig.ctx, order());

    const intent = rig.journal.intents.get(payment.intentId)!;
    // All three were carried out under the one key (the client heard none of them), then looked up.
    const initiates = await rig.sandbox.requestsTo('POST', '/pos/v10/payments');
    expect(initiates.map(keyOf)).toEqual([
      intent.idempotencyKey,
      intent.idempotencyKey,
      intent.idempotencyKey,
    ]);
    const lookups = await rig.sandbox.requestsTo('GET', '/pos/v10/payments');
    expect(lookups.map((e) => new URL(e.url, rig.sandbox.url).searchParams.get('orderId'))).toEqual([
      payment.orderId,
    ]);
    expect(intent).toMatchObject({ state: 'acknowledged', result: { paymentId: payment.paymentId } });
    expect(await rig.ctx.client.findPaymentIds({ posId: rig.pos.posId })).toEqual([payment.paymentId]);
  });

  it('reuses the idempotency key when the first initiate times out: one payment exists, journalled', async () => {
    await rig.sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/payments',
      action: { kind: 'delay', ms: 2500 },
    });
    // The emulator creates the payment and holds the answer; the client's 2 s timeout expires meanwhile.
    rig.sandbox.held.onHold = () => rig.time.expireTimeouts();

    const payment = await initiatePayment(rig.ctx, order());

    const key = rig.journal.intents.get(payment.intentId)!.idempotencyKey;
    const sent = rig.events.flatMap((e) =>
      e.kind === 'request' && e.exchange.method === 'POST' && e.exchange.url.endsWith('/pos/v10/payments')
        ? [
            [
              e.exchange.error?.kind ?? e.exchange.status,
              e.exchange.requestHeaders['x-mobilepay-idempotency-key'],
            ],
          ]
        : [],
    );
    expect(sent).toEqual([
      ['timeout', key],
      [200, key],
    ]);
    expect(await rig.ctx.client.findPaymentIds({ posId: rig.pos.posId })).toEqual([payment.paymentId]);
    expect(rig.journal.payments.get(payment.id)?.paymentId).toBe(payment.paymentId);
    expect(rig.journal.intents.open()).toEqual([]);
  });
});

describe('payment flow: capture decisions', () => {
  it('retries a capture answered 500 and captures once', async () => {
    const payment = await reserved(100);
    await rig.sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/payments/*/capture',
      action: { kind: 'status', status: 500 },
    });

    const captured = await capturePayment(rig.ctx, payment.id);

    expect(captured).toMatchObject({ lastStatus: 'Captured', decision: { state: 'done', attempts: 0 } });
    expect((await capturesOf(payment.paymentId!)).map((c) => c.status)).toEqual([500, 200]);
    expect(await rig.sandbox.storedPayment(payment.paymentId!)).toMatchObject({
      status: 'Captured',
      capturedAmount: 100,
    });
  });

  it('retries a capture whose answer was lost: the retry answers 200 and nothing is captured twice', async () => {
    const payment = await reserved(100);
    await rig.sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/payments/*/capture',
      action: { kind: 'drop' },
    });

    const captured = await capturePayment(rig.ctx, payment.id, 70);

    const captures = await capturesOf(payment.paymentId!);
    expect(captures.map((c) => [c.status, c.body])).toEqual([
      [null, { amount: 70 }],
      [200, { amount: 70 }],
    ]);
    // Committed by the first (dropped) call: the retry changed nothing.
    expect(await rig.sandbox.storedPayment(payment.paymentId!)).toMatchObject({
      status: 'Captured',
      capturedAmount: 70,
      capturedAt: captures[0]!.at,
    });
    expect(captured).toMatchObject({
      capturedAmount: 70,
      decision: { kind: 'capture', amount: 70, state: 'done' },
    });
    expect(rig.journal.payments.pendingDecisions()).toEqual([]);
  });

  it('keeps the capture decision pending, with its amount, when every attempt fails, and resumes it later', async () => {
    const payment = await reserved(100);
    await rig.sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/payments/*/capture',
      times: 3,
      action: { kind: 'status', status: 500 },
    });

    await expect(capturePayment(rig.ctx, payment.id, 80)).rejects.toMatchObject({
      code: 'pos.server',
      retryable: true,
    });

    expect((await capturesOf(payment.paymentId!)).map((c) => c.status)).toEqual([500, 500, 500]);
    expect(rig.journal.payments.pendingDecisions().map((p) => [p.id, p.decision])).toEqual([
      [payment.id, expect.objectContaining({ kind: 'capture', amount: 80, state: 'pending', attempts: 1 })],
    ]);
    expect(rig.journal.payments.get(payment.id)?.lastStatus).toBe('Reserved');
    expect(await rig.sandbox.storedPayment(payment.paymentId!)).toMatchObject({ status: 'Reserved' });

    // The backend recovers; what was decided is what is done (the sweeper's and recovery's call).
    const resumed = await resumeDecision(rig.ctx, payment.id);

    expect(resumed).toMatchObject({
      lastStatus: 'Captured',
      capturedAmount: 80,
      decision: { state: 'done' },
    });
    expect(await rig.sandbox.storedPayment(payment.paymentId!)).toMatchObject({ capturedAmount: 80 });
    expect(rig.journal.payments.pendingDecisions()).toEqual([]);
  });
});

describe('payment polling under faults', () => {
  /** Initiated; the customer checks in and accepts during the terminal's waits; one poll answers 500 thrice. */
  async function followThroughAFailedPoll() {
    const customer = rig.customer(CREDIT_USER);
    const started = await initiatePayment(rig.ctx, order());
    await rig.sandbox.addFault({
      method: 'GET',
      path: '/pos/v10/payments/*',
      nth: 2,
      times: 3,
      action: { kind: 'status', status: 500 },
    });
    rig.waits.script(customer.checkIn, () => undefined, customer.accept);
    const payment = await followPayment(rig.ctx, started.id);
    return { payment, polls: await rig.pollsOf(started.paymentId!) };
  }

  it('keeps following through a failed poll, waiting at least pollDelayInMs before polling again', async () => {
    const { payment, polls } = await followThroughAFailedPoll();

    expect(payment.lastStatus).toBe('Reserved');
    // Each failed poll is one request (polling GETs are not retried by the transport) and a wait.
    expect(polls.map((p) => p.status)).toEqual([200, 500, 500, 500, 200]);
    expect(rig.waits.asked).toHaveLength(4);
    for (const wait of rig.waits.asked) expect(wait).toBeGreaterThanOrEqual(1000);
  });

  // Polling GETs go out once, without the transport's retries: the poll loop owns the next try.
  it('never polls sooner than pollDelayInMs, even right after a failed poll', async () => {
    const { polls } = await followThroughAFailedPoll();

    for (const gap of gapsBetween(polls)) expect(gap).toBeGreaterThanOrEqual(1000);
  });
});
