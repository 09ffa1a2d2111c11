// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { usePaymentStore } from '../../../src/renderer/stores/payment-store.js';
import { capturedPayment, makePayment, reservedPayment, T0 } from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

const store = () => usePaymentStore.getState();

describe('payment store', () => {
  it('starts a payment through the bridge and holds it as current', async () => {
    const fake = installFakeBridge();
    expect(await store().start({ amount: 42, currencyCode: 'EUR' })).toBe(true);
    expect(fake.calls('paymentStart')).toEqual([{ amount: 42, currencyCode: 'EUR' }]);
    expect(store().current).toMatchObject({ amount: 42, currencyCode: 'EUR' });
  });

  it('keeps the failure for the screen when the API refuses', async () => {
    const fake = installFakeBridge();
    fake.refuse('paymentStart');
    expect(await store().start({ amount: 42, currencyCode: 'DKK' })).toBe(false);
    expect(store().error).toMatchObject({ apiCode: '1301' });
    expect(store().current).toBeNull();
    expect(store().busy).toBeNull();
  });

  it('marks the action busy while the bridge has not answered', async () => {
    const fake = installFakeBridge();
    fake.hold('paymentStart');
    const started = store().start({ amount: 10, currencyCode: 'DKK' });
    expect(store().busy).toBe('start');
    fake.held('paymentStart')[0]?.resolve(makePayment());
    await started;
    expect(store().busy).toBeNull();
  });

  it('turns a bridge that throws into a failure instead of an exception', async () => {
    const fake = installFakeBridge();
    Object.assign(fake, { paymentCurrent: () => Promise.reject(new Error('ipc closed')) });
    await store().load();
    expect(store().error).toMatchObject({ code: 'bridge', message: 'ipc closed' });
  });

  it('captures in part with the amount and in full without one', async () => {
    const fake = installFakeBridge();
    usePaymentStore.setState({ current: reservedPayment() });
    await store().capture(50);
    await store().capture();
    expect(fake.calls('paymentCapture')).toEqual([
      { journalId: 'pay-1', amount: 50 },
      { journalId: 'pay-1' },
    ]);
  });

  it('follows the current payment from events and ignores older views', () => {
    installFakeBridge();
    usePaymentStore.setState({ current: makePayment() });
    store().receivePayment(reservedPayment());
    expect(store().current?.status).toBe('Reserved');
    store().receivePayment(makePayment({ updatedAt: T0 }));
    expect(store().current?.status).toBe('Reserved');
  });

  it('never lets a late answer overwrite a newer event', async () => {
    const fake = installFakeBridge();
    fake.hold('paymentStart');
    const started = store().start({ amount: 125.5, currencyCode: 'DKK' });
    store().receivePayment(reservedPayment());
    fake.held('paymentStart')[0]?.resolve(makePayment());
    await started;
    expect(store().current?.status).toBe('Reserved');
  });

  it('adopts an active payment from another window but not a finished one after New sale', async () => {
    installFakeBridge();
    store().receivePayment(capturedPayment({ journalId: 'old' }));
    expect(store().current).toBeNull();
    store().receivePayment(makePayment({ journalId: 'other', status: 'IssuedToUser' }));
    expect(store().current?.journalId).toBe('other');
    await store().clear();
    expect(store().current).toBeNull();
  });

  it('sends ready with the journal id of the prepared payment', async () => {
    const fake = installFakeBridge();
    usePaymentStore.setState({
      current: makePayment({ journalId: 'prep-1', flow: 'prepare', status: 'Paired' }),
    });
    await store().ready({ amount: 30, currencyCode: 'DKK', restrictions: { debitCardDisallowed: true } });
    expect(fake.calls('paymentReady')[0]).toMatchObject({ journalId: 'prep-1', amount: 30 });
  });

  it('does nothing for capture, cancel or ready without a payment', async () => {
    const fake = installFakeBridge();
    expect(await store().capture()).toBe(false);
    expect(await store().cancel()).toBe(false);
    expect(await store().ready({ amount: 1, currencyCode: 'DKK' })).toBe(false);
    expect(fake.calls('paymentCapture')).toEqual([]);
  });
});
