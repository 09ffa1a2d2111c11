import { describe, expect, it } from 'vitest';
import { decodeQrPng, parseBeaconQr } from '../../src/customer/qr-scan.js';
import type { BridgeEvent, PaymentView } from '../../src/shared/bridge/index.js';
import {
  CREDIT_USER,
  DEBIT_USER,
  ManualTimers,
  NO_PARTIAL_CAPTURE_USER,
  paymentIs,
  phonePending,
  refundIs,
  startTestHost,
  type TestHost,
} from './support.js';

/** The customer scans the display's QR code with the phone and checks in. */
async function checkInFromDisplay(t: TestHost, phoneNumber: string): Promise<string> {
  const { qrImage } = await t.call('displayGet');
  const beaconId = parseBeaconQr(decodeQrPng(qrImage!)!);
  expect(beaconId).not.toBeNull();
  await t.call('phoneCheckIn', { phoneNumber, beaconId: beaconId!, via: 'qr' });
  return beaconId!;
}

/** Start, check in, accept: a payment reserved for the given test user. */
async function reserved(t: TestHost, phoneNumber: string, amount = 100): Promise<PaymentView> {
  const started = await t.call('paymentStart', { amount, currencyCode: 'DKK' });
  await checkInFromDisplay(t, phoneNumber);
  await t.waitFor(phonePending('IssuedToUser'));
  await t.call('phoneAccept');
  return (await t.waitFor(paymentIs(started.journalId, 'Reserved'))).payment;
}

const pollsOf = async (t: TestHost, paymentId: string): Promise<number> =>
  (await t.call('logList', {})).filter((e) => e.method === 'GET' && e.url.endsWith(`/payments/${paymentId}`))
    .length;

describe('a sale at the checkout', () => {
  it('takes a payment end to end: QR check-in, accept, partial capture, partial refund captured', async () => {
    const t = await startTestHost();

    const started = await t.call('paymentStart', { amount: 100, currencyCode: 'DKK' });
    expect(started).toMatchObject({ flow: 'initiate', amount: 100, plannedCaptureDelay: 'None' });
    expect(started.orderId).toMatch(/^pos-sim-/);
    await t.waitFor(paymentIs(started.journalId, 'Initiated'));
    await t.waitFor((e) => e.kind === 'display' && e.display.phase === 'awaiting-customer');

    const beaconId = await checkInFromDisplay(t, CREDIT_USER);
    const pending = await t.waitFor(phonePending('IssuedToUser'));
    expect(pending.phone).toMatchObject({
      phoneNumber: CREDIT_USER,
      checkedIn: { beaconId, posName: 'Checkout 1', storeName: 'Demo Kaffebar Nørreport' },
      pending: { amount: 100, currencyCode: 'DKK' },
    });

    await t.call('phoneAccept');
    const reservedEvent = await t.waitFor(paymentIs(started.journalId, 'Reserved'));
    expect(reservedEvent.payment).toMatchObject({ partialCapturePossible: true, hanging: true });
    await t.waitFor((e) => e.kind === 'display' && e.display.phase === 'reserved');

    const captured = await t.call('paymentCapture', { journalId: started.journalId, amount: 60 });
    expect(captured).toMatchObject({ status: 'Captured', capturedAmount: 60, hanging: false });
    await t.waitFor((e) => e.kind === 'display' && e.display.phase === 'thanks' && e.display.amount === 60);

    const refund = await t.call('refundCreate', { paymentJournalId: started.journalId, amount: 20 });
    expect(refund).toMatchObject({ amount: 20, currencyCode: 'DKK', paymentId: captured.paymentId });
    await t.waitFor(refundIs(refund.journalId, 'Reserved'));
    expect(await t.call('refundCapture', { journalId: refund.journalId })).toMatchObject({
      status: 'Captured',
      timeline: [
        { status: 'Reserved', at: expect.any(Number) },
        { status: 'Captured', at: expect.any(Number) },
      ],
    });

    const detail = await t.call('paymentGet', { journalId: started.journalId });
    expect(detail.payment).toMatchObject({ status: 'Captured', capturedAmount: 60, refundedAmount: 20 });
    expect(detail.payment.timeline.map((step) => step.status)).toEqual([
      'Initiated',
      'IssuedToUser',
      'Reserved',
      'Captured',
    ]);
    expect(detail.refunds).toHaveLength(1);
    expect((await t.call('phoneGet')).checkedIn).toBeNull();
  });

  it('takes a prepared payment whose restriction refuses the debit card, until the customer declines', async () => {
    const t = await startTestHost();
    const prepared = await t.call('paymentPrepare', {});
    await t.waitFor(paymentIs(prepared.journalId, 'Prepared'));

    await checkInFromDisplay(t, DEBIT_USER);
    await t.waitFor(paymentIs(prepared.journalId, 'Paired'));
    expect((await t.call('phoneGet')).pending).toEqual({
      amount: null,
      currencyCode: null,
      status: 'Paired',
    });

    const readied = await t.call('paymentReady', {
      journalId: prepared.journalId,
      amount: 45.5,
      currencyCode: 'DKK',
      restrictions: { debitCardDisallowed: true },
      merchantPaymentLabel: 'Table 4',
    });
    expect(readied).toMatchObject({ amount: 45.5, restrictions: { debitCardDisallowed: true } });
    await t.waitFor(paymentIs(prepared.journalId, 'IssuedToUser'));

    const refused = await t.fail('phoneAccept');
    expect(refused).toMatchObject({
      code: 'pos.api',
      apiCode: '1903',
      message: "The payment does not allow this customer's card.",
    });

    await t.call('phoneDecline');
    await t.waitFor(paymentIs(prepared.journalId, 'CancelledByUser'));
    await t.waitFor((e) => e.kind === 'display' && e.display.phase === 'cancelled');
  });

  it('stops following a payment the customer declined', async () => {
    const t = await startTestHost();
    const started = await t.call('paymentStart', { amount: 10, currencyCode: 'EUR' });
    await checkInFromDisplay(t, CREDIT_USER);
    await t.waitFor(phonePending('IssuedToUser'));

    await t.call('phoneDecline');
    const ended = await t.waitFor(paymentIs(started.journalId, 'CancelledByUser'));
    const polls = await pollsOf(t, ended.payment.paymentId!);
    await new Promise((resolve) => setTimeout(resolve, 10 * 20));

    expect(await pollsOf(t, ended.payment.paymentId!)).toBe(polls);
    expect(await t.call('phoneGet')).toMatchObject({
      checkedIn: null,
      pending: null,
      lastAction: { kind: 'declined' },
    });
  });

  it('refuses a second payment while one is active (busy), and takes it after a cancel and clear', async () => {
    const t = await startTestHost();
    const first = await t.call('paymentStart', { amount: 10, currencyCode: 'DKK' });

    const busy = await t.fail('paymentStart', { amount: 20, currencyCode: 'DKK' });
    expect(busy).toMatchObject({ code: 'busy', retryable: true });
    expect((await t.fail('paymentClear')).code).toBe('busy');

    expect(await t.call('paymentCancel', { journalId: first.journalId })).toMatchObject({
      status: 'CancelledByClient',
    });
    expect(await t.call('paymentClear')).toBeNull();
    expect(await t.call('paymentCurrent')).toBeNull();
    const second = await t.call('paymentStart', { amount: 20, currencyCode: 'DKK' });
    expect(await t.call('paymentCurrent')).toMatchObject({ journalId: second.journalId, amount: 20 });
  });

  it('refuses a partial capture when the payment allows none (the NoPartialCapture user), then captures in full', async () => {
    const t = await startTestHost();
    const payment = await reserved(t, NO_PARTIAL_CAPTURE_USER, 80);
    expect(payment.partialCapturePossible).toBe(false);

    const partial = await t.fail('paymentCapture', { journalId: payment.journalId, amount: 50 });
    const tooMuch = await t.fail('paymentCapture', { journalId: payment.journalId, amount: 90 });

    expect(partial).toMatchObject({
      code: 'bad-input',
      message: expect.stringMatching(/only be captured in full/),
    });
    expect(tooMuch.code).toBe('bad-input');
    expect(await t.call('paymentCapture', { journalId: payment.journalId })).toMatchObject({
      status: 'Captured',
      capturedAmount: 80,
    });
  });

  it('leaves a cleared reservation hanging, lists it, and cancels it from the list', async () => {
    const t = await startTestHost();
    const payment = await reserved(t, CREDIT_USER, 30);

    expect((await t.fail('paymentStart', { amount: 1, currencyCode: 'DKK' })).message).toMatch(/reserved/);
    await t.call('paymentClear');
    const hanging = await t.call('paymentsList', { hangingOnly: true });
    expect(hanging.map((p) => p.journalId)).toEqual([payment.journalId]);

    expect(await t.call('paymentCancel', { journalId: payment.journalId })).toMatchObject({
      status: 'CancelledByClient',
      hanging: false,
    });
    expect(await t.call('paymentsList', { hangingOnly: true })).toEqual([]);
  });

  it('accepts on its own after the configured seconds in demo mode (fake timers)', async () => {
    const timers = new ManualTimers();
    const t = await startTestHost({ timers });
    expect(await t.call('phoneAutoAccept', { seconds: 3 })).toMatchObject({ autoAcceptSeconds: 3 });

    const started = await t.call('paymentStart', { amount: 12, currencyCode: 'DKK' });
    await checkInFromDisplay(t, CREDIT_USER);
    await t.waitFor(phonePending('IssuedToUser'));

    expect(timers.pending.map((timer) => timer.ms)).toEqual([3000]);
    expect(t.events.some(paymentIs(started.journalId, 'Reserved'))).toBe(false);
    timers.fireAll();

    await t.waitFor(paymentIs(started.journalId, 'Reserved'));
    expect((await t.call('phoneGet')).lastAction?.kind).toBe('accepted');
  });
});

describe('check-in while the QR code is shown', () => {
  it('announces a customer who checks in before any payment, and shows it on the display', async () => {
    const t = await startTestHost();
    const pos = await t.call('posGet');

    await checkInFromDisplay(t, '+4520031804');

    const checkin = await t.waitFor((e: BridgeEvent) => e.kind === 'checkin' && e.isUserCheckedIn);
    expect(checkin).toMatchObject({ posId: pos!.posId, loyaltyIds: ['DK-LOYALTY-1804'] });
    await t.waitFor((e) => e.kind === 'display' && e.display.phase === 'checked-in');
  });
});
