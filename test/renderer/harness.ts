// Shared set-up of the renderer's specs: install a fake bridge with setBridge(), connect the stores
// to its events, and after each spec unmount, disconnect, reset every store and restore the timers.
import { act, cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import type { BridgeEvent } from '../../src/shared/bridge/index.js';
import { setBridge } from '../../src/renderer/bridge/index.js';
import { appInitialState, useAppStore } from '../../src/renderer/stores/app-store.js';
import {
  certificationInitialState,
  useCertificationStore,
} from '../../src/renderer/stores/certification-store.js';
import { displayInitialState, useDisplayStore } from '../../src/renderer/stores/display-store.js';
import { connectStores } from '../../src/renderer/stores/event-router.js';
import { hardwareInitialState, useHardwareStore } from '../../src/renderer/stores/hardware-store.js';
import { logInitialState, useLogStore } from '../../src/renderer/stores/log-store.js';
import { paymentInitialState, usePaymentStore } from '../../src/renderer/stores/payment-store.js';
import { phoneInitialState, usePhoneStore } from '../../src/renderer/stores/phone-store.js';
import { posInitialState, usePosStore } from '../../src/renderer/stores/pos-store.js';
import { refundsInitialState, useRefundsStore } from '../../src/renderer/stores/refunds-store.js';
import { saleInitialState, useSaleStore } from '../../src/renderer/stores/sale-store.js';
import {
  transactionsInitialState,
  useTransactionsStore,
} from '../../src/renderer/stores/transactions-store.js';
import { createFakeBridge, type FakeBridge } from './fake-bridge.js';

let disconnect: (() => void) | null = null;

/** A fresh fake bridge, installed and connected to the stores. */
export function installFakeBridge(): FakeBridge {
  const fake = createFakeBridge();
  setBridge(fake);
  disconnect?.();
  disconnect = connectStores(fake);
  return fake;
}

/** Every store back to its initial state (actions stay). */
export function resetStores(): void {
  useAppStore.setState(appInitialState);
  usePosStore.setState(posInitialState);
  usePaymentStore.setState(paymentInitialState);
  useSaleStore.setState(saleInitialState);
  useTransactionsStore.setState(transactionsInitialState);
  useRefundsStore.setState(refundsInitialState);
  useLogStore.setState(logInitialState);
  useDisplayStore.setState(displayInitialState);
  usePhoneStore.setState(phoneInitialState);
  useHardwareStore.setState(hardwareInitialState);
  useCertificationStore.setState(certificationInitialState);
}

/** Changes store state inside act(), as if the bridge had answered, so React renders it. */
export function given(change: () => void): void {
  act(change);
}

/** Pushes a host event inside act(), so React renders what it changed. */
export function emit(fake: FakeBridge, event: BridgeEvent): void {
  act(() => fake.emit(event));
}

afterEach(() => {
  cleanup();
  disconnect?.();
  disconnect = null;
  setBridge(null);
  resetStores();
  vi.useRealTimers();
  vi.restoreAllMocks();
  if (typeof window !== 'undefined') window.location.hash = '';
});
