// The autopilot's action executor against a scripted engine: each ClientAction becomes the flows a
// careful cashier would run, in order, with follows in the background; engine errors are outcomes.
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientAction } from '../../../src/shared/certification.js';
import { ActionExecutor, restrictionsOf, type ActionOutcome } from '../../../src/terminal/autopilot/index.js';
import { TerminalApiError } from '../../../src/terminal/api/index.js';
import { CERT_STORE, FAKE_POLL_DELAY_MS, FakeClock, FakeEngine } from './fake-engine.js';

const running: ActionExecutor[] = [];
afterEach(async () => {
  for (const executor of running.splice(0)) await executor.stop();
});

function setup() {
  const clock = new FakeClock();
  const engine = new FakeEngine(clock);
  const background: string[] = [];
  const executor = new ActionExecutor({
    engine,
    merchantVat: 'DK90000028',
    deps: clock,
    onBackgroundFailure: (what, outcome) => void background.push(`${what}: ${outcome.code}`),
  });
  running.push(executor);
  return { clock, engine, executor, background };
}

/** Lets queued actions and follows take their next steps. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

const initiate = (orderId: string, amount = 100): ClientAction => ({
  do: 'initiate-payment',
  orderId,
  amount,
  currencyCode: 'DKK',
  restrictions: null,
});

/** Whether a promise has resolved yet. */
async function isDone(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await settle();
  return done;
}

describe('the action executor', () => {
  it('onboards on the store it found, for the certification merchant, letting MobilePay choose the beacon', async () => {
    const { engine, executor } = setup();
    const found = await executor.run({
      do: 'find-store',
      merchantBrandId: 'MPPOSCERT1',
      merchantLocationId: '00001',
    });
    expect(found).toMatchObject({ kind: 'done', detail: expect.stringContaining(CERT_STORE.storeId) });
    const onboarded = await executor.run({
      do: 'onboard',
      posName: 'Certification PoS 1',
      merchantPosId: 'cert-1',
      beaconId: null,
      supportedBeaconTypes: ['QR'],
    });
    expect(onboarded).toEqual({ kind: 'done', detail: 'PoS pos-1 (beacon beacon-1)' });
    expect(engine.calls[1]).toEqual({
      name: 'onboard',
      args: [
        {
          storeId: CERT_STORE.storeId,
          merchantPosId: 'cert-1',
          posName: 'Certification PoS 1',
          beaconId: null,
          supportedBeaconTypes: ['QR'],
          callbackAlias: null,
          requirePaymentBeforeCheckin: false,
          merchantVat: 'DK90000028',
        },
      ],
    });
  });

  it('looks the certification store up by brand and location when told to onboard without one', async () => {
    const { engine, executor } = setup();
    await executor.run({
      do: 'onboard',
      posName: 'P',
      merchantPosId: 'm',
      beaconId: null,
      supportedBeaconTypes: ['QR'],
    });
    expect(engine.names()).toEqual(['findStores', 'onboard']);
    expect(engine.calls[0]!.args).toEqual([
      { by: 'location', merchantBrandId: 'MPPOSCERT1', merchantLocationId: '00001' },
    ]);
  });

  it('shows the QR in the background and stops the check-in polls when told to hide it', async () => {
    const { engine, executor } = setup();
    expect(await executor.run({ do: 'watch-check-in' })).toEqual({
      kind: 'done',
      detail: 'QR shown: polling the check-in',
    });
    const signal = (engine.calls[0]!.args[0] as { signal: AbortSignal }).signal;
    expect(signal.aborted).toBe(false);
    expect(await executor.run({ do: 'hide-qr' })).toEqual({
      kind: 'done',
      detail: 'QR hidden: check-in polling stopped',
    });
    expect(signal.aborted).toBe(true);
    expect(await executor.run({ do: 'hide-qr' })).toEqual({ kind: 'done', detail: 'no QR was shown' });
  });

  it('hides the QR before a payment starts: no check-in poll while a payment is active', async () => {
    const { engine, executor } = setup();
    await executor.run({ do: 'watch-check-in' });
    await executor.run(initiate('order-1'));
    const signal = (engine.calls[0]!.args[0] as { signal: AbortSignal }).signal;
    expect(signal.aborted).toBe(true);
    expect(engine.names()).toEqual(['watchCheckIn', 'startPayment', 'followPayment']);
  });

  it('captures in full once the follow has seen the payment Reserved', async () => {
    const { engine, executor } = setup();
    await executor.run(initiate('order-1'));
    const capture = executor.run({ do: 'capture', amount: null, otherwiseCancel: false });
    expect(await isDone(capture)).toBe(false);
    const { id } = engine.paymentOf('order-1');
    engine.setPayment(id, { lastStatus: 'Reserved', partialCapturePossible: true });
    expect(await capture).toEqual({ kind: 'done', detail: 'captured 100.00 DKK' });
    expect(engine.calls.at(-1)).toEqual({ name: 'capturePayment', args: [id] });
  });

  it('captures part of the amount only when the payment says partial capture is possible', async () => {
    const { engine, executor } = setup();
    await executor.run(initiate('order-1'));
    engine.setPayment(engine.paymentOf('order-1').id, {
      lastStatus: 'Reserved',
      partialCapturePossible: true,
    });
    expect(await executor.run({ do: 'capture', amount: 60, otherwiseCancel: true })).toEqual({
      kind: 'done',
      detail: 'captured 60.00 DKK',
    });
    expect(engine.calls.at(-1)!.args).toEqual([engine.paymentOf('order-1').id, 60]);
  });

  it('cancels instead of a partial capture that is not possible, when told to', async () => {
    const { engine, executor } = setup();
    await executor.run(initiate('order-1'));
    engine.setPayment(engine.paymentOf('order-1').id, {
      lastStatus: 'Reserved',
      partialCapturePossible: false,
    });
    expect(await executor.run({ do: 'capture', amount: 60, otherwiseCancel: true })).toEqual({
      kind: 'done',
      detail: 'partial capture not possible: cancelled instead',
    });
    expect(engine.names()).not.toContain('capturePayment');
    expect(engine.names().at(-1)).toBe('cancelPayment');
  });

  it('never captures a payment that ended before it was reserved', async () => {
    const { engine, executor } = setup();
    await executor.run(initiate('order-1'));
    const capture = executor.run({ do: 'capture', amount: null, otherwiseCancel: false });
    engine.setPayment(engine.paymentOf('order-1').id, { lastStatus: 'CancelledByUser' });
    expect(await capture).toMatchObject({ kind: 'failed', code: 'flow.not-reserved' });
    expect(engine.names()).not.toContain('capturePayment');
  });

  it('cancels a payment whose follow is still waiting for the customer', async () => {
    const { engine, executor } = setup();
    await executor.run(initiate('order-1'));
    expect(await executor.run({ do: 'cancel-payment' })).toEqual({
      kind: 'done',
      detail: 'cancelled (CancelledByClient)',
    });
    expect(engine.names()).toEqual(['startPayment', 'followPayment', 'cancelPayment']);
    expect(await executor.run({ do: 'await-payment-end' })).toEqual({
      kind: 'done',
      detail: 'the payment ended CancelledByClient',
    });
  });

  it('readies a prepared payment once paired, and waits out pollDelayInMs before polling it again', async () => {
    const { clock, engine, executor } = setup();
    const polls: number[] = [];
    engine.subscribe((event) => {
      if (event.kind === 'request' && event.exchange.url.includes('/payments/')) polls.push(event.at);
    });
    await executor.run({ do: 'prepare-payment', orderId: 'order-2' });
    const { id } = engine.paymentOf('order-2');
    engine.setPayment(id, { lastStatus: 'Paired', loyaltyIds: ['DK-LOYALTY-1804'] });
    const ready = await executor.run({
      do: 'ready-payment',
      amount: 100,
      currencyCode: 'DKK',
      restrictions: { debitCard: true, creditCard: false },
    });
    expect(ready).toEqual({ kind: 'done', detail: 'readied with 100.00 DKK (was Paired)' });
    expect(engine.calls.find((c) => c.name === 'readyPayment')!.args[1]).toEqual({
      amount: 100,
      currencyCode: 'DKK',
      restrictions: { debitCardDisallowed: true, creditCardDisallowed: false },
      plannedCaptureDelay: 'None',
    });
    await settle();
    expect(engine.names().filter((n) => n === 'followPayment')).toHaveLength(2);
    expect(polls.at(-1)! - polls.at(-2)!).toBeGreaterThanOrEqual(FAKE_POLL_DELAY_MS);
    expect(clock.waits).toContain(FAKE_POLL_DELAY_MS);
  });

  it('readies a prepared payment that stays Prepared after a few polls without a customer', async () => {
    const { engine, executor } = setup();
    await executor.run({ do: 'prepare-payment', orderId: 'order-3' });
    const { paymentId } = engine.paymentOf('order-3');
    const ready = executor.run({ do: 'ready-payment', amount: 10, currencyCode: 'DKK', restrictions: null });
    expect(await isDone(ready)).toBe(false);
    for (let i = 0; i < 3; i += 1) engine.poll(`/payments/${paymentId}`, { status: 'Prepared' });
    expect(await ready).toEqual({ kind: 'done', detail: 'readied with 10.00 DKK (was Prepared)' });
  });

  it('refunds the last captured payment and captures the refund once it is reserved', async () => {
    const { engine, executor } = setup();
    await executor.run(initiate('order-4', 300));
    const payment = engine.paymentOf('order-4');
    engine.setPayment(payment.id, { lastStatus: 'Reserved' });
    await executor.run({ do: 'capture', amount: null, otherwiseCancel: false });
    const refund = await executor.run({ do: 'refund', amount: 100, currencyCode: 'DKK' });
    expect(refund).toMatchObject({ kind: 'done', detail: expect.stringContaining('R1-order-4') });
    expect(engine.calls.find((c) => c.name === 'createRefund')!.args[0]).toEqual({
      refundOrderId: 'R1-order-4',
      amount: 100,
      currencyCode: 'DKK',
      journalPaymentId: payment.id,
    });
    const capture = executor.run({ do: 'capture-refund' });
    expect(await isDone(capture)).toBe(false);
    engine.setRefund([...engine.refunds.keys()][0]!, 'Reserved');
    expect(await capture).toMatchObject({ kind: 'done', detail: expect.stringContaining('Captured') });
  });

  it('reports an engine error as an outcome and carries on with the next action', async () => {
    const { engine, executor } = setup();
    engine.failNext.set(
      'startPayment',
      new TerminalApiError({
        code: 'pos.api',
        message: 'refused',
        apiCode: '1301',
        status: 409,
        method: 'POST',
        path: '/pos/v10/payments',
        attempts: 1,
      }),
    );
    const outcomes: ActionOutcome[] = await Promise.all([
      executor.run(initiate('order-5')),
      executor.run({ do: 'cancel-payment' }),
      executor.run({ do: 'find-store', merchantBrandId: 'MPPOSCERT1', merchantLocationId: '00001' }),
    ]);
    expect(outcomes.map((o) => (o.kind === 'failed' ? `${o.code} ${o.apiCode}` : o.kind))).toEqual([
      'pos.api 1301',
      'flow.unknown-payment null',
      'done',
    ]);
  });

  it('stops every follow when stopped, and skips the actions still queued', async () => {
    const { engine, executor, background } = setup();
    await executor.run(initiate('order-6'));
    const capture = executor.run({ do: 'capture', amount: null, otherwiseCancel: false });
    const later = executor.run(initiate('order-7'));
    await settle();
    await executor.stop();
    expect(await capture).toMatchObject({ kind: 'failed', code: 'flow.aborted' });
    expect(await later).toMatchObject({ kind: 'failed', code: 'autopilot.stopped' });
    expect(engine.names()).toEqual(['startPayment', 'followPayment']);
    expect(background).toEqual([]);
  });
});

describe('restrictions of an action', () => {
  it('disallow the kind of card flagged true, in the API words', () => {
    expect(restrictionsOf({ debitCard: true, creditCard: false })).toEqual({
      debitCardDisallowed: true,
      creditCardDisallowed: false,
    });
    expect(restrictionsOf({ creditCard: true })).toEqual({ creditCardDisallowed: true });
    expect(restrictionsOf(null)).toBeNull();
  });
});
