// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { connectStores } from '../../../src/renderer/stores/event-router.js';
import { useAppStore } from '../../../src/renderer/stores/app-store.js';
import { useCertificationStore } from '../../../src/renderer/stores/certification-store.js';
import { useDisplayStore } from '../../../src/renderer/stores/display-store.js';
import { useHardwareStore } from '../../../src/renderer/stores/hardware-store.js';
import { useLogStore } from '../../../src/renderer/stores/log-store.js';
import { usePaymentStore } from '../../../src/renderer/stores/payment-store.js';
import { usePhoneStore } from '../../../src/renderer/stores/phone-store.js';
import { usePosStore } from '../../../src/renderer/stores/pos-store.js';
import { useRefundsStore } from '../../../src/renderer/stores/refunds-store.js';
import { useTransactionsStore } from '../../../src/renderer/stores/transactions-store.js';
import {
  capturedPayment,
  connectedCertification,
  makeDisplay,
  makeExchange,
  makeFailure,
  makeHardware,
  makePayment,
  makePhone,
  makePhoneRadio,
  makePos,
  makeRefund,
  makeSettings,
  reservedPayment,
  T0,
} from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

describe('event router', () => {
  it('subscribes once and unsubscribes', () => {
    const fake = installFakeBridge();
    expect(fake.listenerCount()).toBe(1);
    const disconnect = connectStores(fake);
    expect(fake.listenerCount()).toBe(2);
    disconnect();
    expect(fake.listenerCount()).toBe(1);
  });

  it('hands a payment to the checkout, the journal and the refund screen', () => {
    const fake = installFakeBridge();
    usePaymentStore.setState({ current: makePayment() });
    useTransactionsStore.setState({ items: [makePayment()], loaded: true });
    useRefundsStore.setState({ detail: { payment: reservedPayment(), refunds: [] } });
    fake.emit({ kind: 'payment', payment: capturedPayment() });
    expect(usePaymentStore.getState().current?.status).toBe('Captured');
    expect(useTransactionsStore.getState().items[0]?.status).toBe('Captured');
    expect(useRefundsStore.getState().detail?.payment.status).toBe('Captured');
  });

  it('routes refunds, check-ins, exchanges, display, phone, radios, certification, PoS and settings to their stores', () => {
    const fake = installFakeBridge();
    useRefundsStore.setState({ detail: { payment: capturedPayment(), refunds: [] } });
    fake.emit({ kind: 'refund', refund: makeRefund() });
    fake.emit({ kind: 'checkin', posId: 'pos-1', isUserCheckedIn: true, loyaltyIds: ['L'] });
    fake.emit({ kind: 'exchange', exchange: makeExchange() });
    fake.emit({ kind: 'display', display: makeDisplay({ phase: 'thanks' }) });
    fake.emit({ kind: 'phone', phone: makePhone({ phoneNumber: '+4520031801' }) });
    fake.emit({ kind: 'phone-radio', radio: makePhoneRadio({ distanceM: 7 }) });
    fake.emit({ kind: 'hardware', hardware: makeHardware({ state: { mode: 'ble' } }) });
    fake.emit({ kind: 'certification', certification: connectedCertification() });
    fake.emit({ kind: 'pos', pos: makePos({ posName: 'Till 9' }) });
    fake.emit({ kind: 'settings', settings: makeSettings({ clientId: 'new' }) });
    expect(useRefundsStore.getState().detail?.refunds).toHaveLength(1);
    expect(usePosStore.getState().checkin?.isUserCheckedIn).toBe(true);
    expect(useLogStore.getState().exchanges).toHaveLength(1);
    expect(useDisplayStore.getState().display?.phase).toBe('thanks');
    expect(usePhoneStore.getState().phone?.phoneNumber).toBe('+4520031801');
    expect(useHardwareStore.getState().radio?.distanceM).toBe(7);
    expect(useHardwareStore.getState().hardware?.state.mode).toBe('ble');
    expect(useCertificationStore.getState().certification?.connected).toBe(true);
    expect(usePosStore.getState().pos?.posName).toBe('Till 9');
    expect(useAppStore.getState().settings?.clientId).toBe('new');
  });

  it('turns notices and errors into lines of the status area', () => {
    const fake = installFakeBridge();
    fake.emit({ kind: 'notice', at: T0, topic: 'recovery', message: 'Cancelled an unfinished payment' });
    fake.emit({ kind: 'error', at: T0, topic: 'sweeper', error: makeFailure() });
    const notices = useAppStore.getState().notices;
    expect(notices.map((n) => [n.topic, n.failure?.apiCode ?? null])).toEqual([
      ['recovery', null],
      ['sweeper', '1301'],
    ]);
  });

  it('skips an event kind it does not know instead of breaking the window', () => {
    const fake = installFakeBridge();
    const unknown = { kind: 'from-the-future' } as unknown as Parameters<typeof fake.emit>[0];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(() => fake.emit(unknown)).not.toThrow();
    expect(warn).toHaveBeenCalledOnce();
  });
});
