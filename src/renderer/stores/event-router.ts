// The one subscription to the host's events: each event is a whole view, handed to the store of its
// domain (a payment also updates the journal and the refund screen's payment).
import type { BridgeEvent, PosSimBridge } from '../../shared/bridge/index.js';
import { getBridge } from '../bridge/index.js';
import { useAppStore } from './app-store.js';
import { useCertificationStore } from './certification-store.js';
import { useDisplayStore } from './display-store.js';
import { useHardwareStore } from './hardware-store.js';
import { useLogStore } from './log-store.js';
import { usePaymentStore } from './payment-store.js';
import { usePhoneStore } from './phone-store.js';
import { usePosStore } from './pos-store.js';
import { useRefundsStore } from './refunds-store.js';
import { useTransactionsStore } from './transactions-store.js';

function assertNever(value: never): never {
  throw new Error(`unhandled bridge event ${JSON.stringify(value)}`);
}

/** Hands one event to the stores that hold its domain. */
export function routeEvent(event: BridgeEvent): void {
  switch (event.kind) {
    case 'payment':
      usePaymentStore.getState().receivePayment(event.payment);
      useTransactionsStore.getState().receivePayment(event.payment);
      useRefundsStore.getState().receivePayment(event.payment);
      return;
    case 'refund':
      useRefundsStore.getState().receiveRefund(event.refund);
      return;
    case 'checkin':
      usePosStore.getState().receiveCheckin({
        posId: event.posId,
        isUserCheckedIn: event.isUserCheckedIn,
        loyaltyIds: event.loyaltyIds,
      });
      return;
    case 'exchange':
      useLogStore.getState().receiveExchange(event.exchange);
      return;
    case 'display':
      useDisplayStore.getState().receiveDisplay(event.display);
      return;
    case 'phone':
      usePhoneStore.getState().receivePhone(event.phone);
      return;
    case 'phone-radio':
      useHardwareStore.getState().receiveRadio(event.radio);
      return;
    case 'hardware':
      useHardwareStore.getState().receiveHardware(event.hardware);
      return;
    case 'certification':
      useCertificationStore.getState().receiveCertification(event.certification);
      return;
    case 'pos':
      usePosStore.getState().receivePos(event.pos);
      return;
    case 'settings':
      useAppStore.getState().receiveSettings(event.settings);
      return;
    case 'notice':
      useAppStore
        .getState()
        .pushNotice({ at: event.at, topic: event.topic, text: event.message, failure: null });
      return;
    case 'error':
      useAppStore
        .getState()
        .pushNotice({ at: event.at, topic: event.topic, text: event.error.message, failure: event.error });
      return;
    default:
      assertNever(event);
  }
}

/** Subscribes the stores to the bridge's events (once per window); returns the unsubscribe. */
export function connectStores(bridge: PosSimBridge = getBridge()): () => void {
  return bridge.onEvent((event) => {
    // An event of a newer host than this renderer knows is skipped, not fatal.
    try {
      routeEvent(event);
    } catch (error) {
      console.warn(error);
    }
  });
}
