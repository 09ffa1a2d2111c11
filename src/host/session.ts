// One run of the till on one backend with one set of settings: the terminal engine, the checkout,
// the refund desk, the check-in watch and the phone, wired to the host's events, display and HTTP
// log. A settings change closes the session and opens a new one.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { PhoneSimulator, type PaymentOffer, type PhoneTimers } from '../customer/phone-simulator.js';
import type { BeaconConfirmation, PaymentView, PosView, TestUserView } from '../shared/bridge/index.js';
import { activePaymentStatuses } from '../shared/pos-v10/schemas.js';
import { clientDeps, type ClientDeps } from '../terminal/api/index.js';
import { TerminalEngine } from '../terminal/engine.js';
import type { EngineEvent } from '../terminal/events.js';
import type { Payment } from '../terminal/journal/index.js';
import type { RunningBackend } from './backend.js';
import { CheckInWatch, nobodyCheckedIn, type CheckInState } from './checkin-watch.js';
import { Checkout } from './checkout.js';
import { preparePos } from './default-pos.js';
import type { CustomerDisplay } from './display.js';
import type { EventHub } from './event-hub.js';
import type { HttpLog } from './http-log.js';
import { PaymentLookup } from './payment-lookup.js';
import { RefundDesk } from './refund-desk.js';
import { recoveryNotices, wordEngineError } from './session-events.js';
import type { Settings } from './settings-store.js';
import { paymentView, posView, refundView } from './views.js';

/** What a session is built from; the host-level parts outlive it. */
export interface SessionDeps {
  readonly settings: Settings & { readonly clientSecret: string };
  readonly backend: RunningBackend;
  readonly dataDir: string;
  /** The journal's directory when not the settings' own (a certification session's). */
  readonly journalDir?: string;
  readonly hub: EventHub;
  readonly log: HttpLog;
  readonly display: CustomerDisplay;
  readonly newId: () => string;
  readonly engineDeps?: Partial<ClientDeps>;
  readonly engineNewId?: () => string;
  readonly sweepIntervalMs?: number;
  readonly timers?: PhoneTimers;
  readonly autoAcceptSeconds: number | null;
  readonly fallbackUsers: readonly TestUserView[];
}

/** The journal of one backend and merchant: payments made at one backend mean nothing at another. */
export function journalDir(dataDir: string, settings: Settings): string {
  const { backend, merchantVat } = settings;
  if (backend.kind === 'embedded') return join(dataDir, 'journal', `embedded-${merchantVat}`);
  const url = new URL(backend.apiBaseUrl);
  const hash = createHash('sha256').update(backend.apiBaseUrl).digest('hex').slice(0, 8);
  return join(dataDir, 'journal', `${url.hostname.replace(/[^a-z0-9.-]/gi, '_')}-${hash}-${merchantVat}`);
}

/** The engine and everything that follows the till's state for one settings/backend pair. */
export class TillSession {
  readonly engine: TerminalEngine;
  readonly checkout: Checkout;
  readonly refunds: RefundDesk;
  readonly lookup: PaymentLookup;
  readonly phone: PhoneSimulator;
  /** Start-up (recovery, the PoS check); never rejects: failures are announced as events. */
  readonly ready: Promise<void>;
  private readonly watch: CheckInWatch;
  private readonly unsubscribe: () => void;
  private checkIn: CheckInState = nobodyCheckedIn;
  private store: { readonly storeId: string; storeName: string; brandName: string } | null = null;
  private loadingStore: string | null = null;
  private closed = false;

  constructor(private readonly deps: SessionDeps) {
    const { settings, hub } = deps;
    const world = clientDeps(deps.engineDeps);
    this.engine = new TerminalEngine({
      api: {
        apiBaseUrl: deps.backend.apiBaseUrl,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        merchantVat: settings.merchantVat,
        clientSystemName: settings.clientSystemName,
        clientSystemVersion: settings.clientSystemVersion,
      },
      dataDir: deps.journalDir ?? journalDir(deps.dataDir, settings),
      deps: world,
      ...(deps.engineNewId ? { newId: deps.engineNewId } : {}),
    });
    this.unsubscribe = this.engine.subscribe((event) => this.onEngineEvent(event));
    const onError = (topic: string) => (error: unknown) => hub.error(topic, error);
    this.checkout = new Checkout({
      engine: this.engine,
      newId: deps.newId,
      onCurrentChange: () => void this.refresh(),
      onError: onError('payment'),
    });
    this.refunds = new RefundDesk({ engine: this.engine, newId: deps.newId, onError: onError('refund') });
    this.lookup = new PaymentLookup(this.engine, world.now);
    this.watch = new CheckInWatch(this.engine, onError('checkin'));
    this.phone = new PhoneSimulator({
      apiBaseUrl: deps.backend.apiBaseUrl,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      clientDeps: world,
      fallbackUsers: deps.fallbackUsers,
      fallbackBeacon: (beaconId) => this.ownBeacon(beaconId),
      ...(deps.timers ? { timers: deps.timers } : {}),
      now: world.now,
      autoAcceptSeconds: deps.autoAcceptSeconds,
      onChange: (phone) => hub.emit({ kind: 'phone', phone }),
      onError: onError('phone'),
    });
    this.ready = this.startUp();
  }

  /** The merchant this session acts for (the certification merchant while certifying). */
  get merchantVat(): string {
    return this.deps.settings.merchantVat;
  }

  /** The PoS as configured and onboarded, or null before any configuration. */
  pos(): PosView | null {
    const config = this.engine.journal.posConfig.get();
    return config === null ? null : posView(config);
  }

  view(payment: Payment): PaymentView {
    return paymentView(this.engine.journal, payment);
  }

  currentView(): PaymentView | null {
    const current = this.checkout.current();
    return current === null ? null : this.view(current);
  }

  /** Announces a payment's view (and, when it is the current one, what follows from it). */
  emitPayment(payment: Payment): PaymentView {
    const view = this.view(payment);
    this.deps.hub.emit({ kind: 'payment', payment: view });
    if (payment.id === this.checkout.current()?.id) void this.refresh();
    return view;
  }

  /** Announces the PoS and re-derives the display (after onboarding or offboarding). */
  async posChanged(): Promise<void> {
    const pos = this.pos();
    this.deps.hub.emit({ kind: 'pos', pos });
    this.checkIn = nobodyCheckedIn;
    await this.watch.stop();
    if (pos !== null && this.store?.storeId !== pos.storeId) await this.loadStore(pos.storeId);
    await this.refresh();
  }

  /**
   * Re-derives what follows from the PoS, the current payment and the check-in: the display, the
   * phone's screen, and whether to watch the check-in (QR shown and no payment waiting for a customer).
   */
  async refresh(): Promise<void> {
    if (this.closed) return;
    const pos = this.pos();
    const current = this.checkout.current();
    const view = current === null ? null : this.view(current);
    const active =
      current !== null &&
      current.refusal === null &&
      (current.lastStatus === null || activePaymentStatuses.has(current.lastStatus));
    if (active) this.checkIn = nobodyCheckedIn;
    if (pos?.posId && pos.beaconId && !active) this.watch.start();
    else void this.watch.stop();
    this.phone.observePayment(offerOf(view, pos?.beaconId ?? null));
    if (pos !== null && this.store?.storeId !== pos.storeId) void this.loadStore(pos.storeId);
    await this.deps.display.update({
      pos,
      storeName: this.store?.storeId === pos?.storeId ? (this.store?.storeName ?? null) : null,
      payment: view,
      checkedIn: this.checkIn.isUserCheckedIn,
    });
  }

  /**
   * A phone wrote its check-in token to the till's beacon: ask the PoS API now instead of at the
   * next poll (the answer arrives as the engine's 'checkin' event, like a poll's).
   */
  async checkInNow(): Promise<void> {
    await this.ready;
    if (this.closed || !this.pos()?.posId) return;
    await this.engine.queryCheckIn();
  }

  /** Stops every background task and closes the engine (the backend belongs to the host). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.phone.close();
    await Promise.all([this.watch.stop(), this.checkout.close(), this.refunds.close()]);
    this.unsubscribe();
    await this.engine.close();
  }

  private async startUp(): Promise<void> {
    const { hub } = this.deps;
    try {
      for (const message of recoveryNotices(await this.engine.recover())) hub.notice('recovery', message);
    } catch (error) {
      if (!this.closed) hub.error('recovery', error);
    }
    if (this.closed) return;
    try {
      await preparePos(this.engine, this.deps.settings, this.deps.newId);
    } catch (error) {
      if (!this.closed) hub.error('onboarding', error);
    }
    if (this.closed) return;
    this.engine.startSweeper(this.deps.sweepIntervalMs);
    const pos = this.pos();
    hub.emit({ kind: 'pos', pos });
    // The store's name belongs on the display from the start (loadStore refreshes it).
    if (pos !== null) await this.loadStore(pos.storeId);
    await this.refresh();
  }

  private onEngineEvent(event: EngineEvent): void {
    const { hub, log } = this.deps;
    const { journal } = this.engine;
    switch (event.kind) {
      case 'request':
        hub.emit({ kind: 'exchange', exchange: log.add(event.exchange) });
        return;
      case 'payment.state': {
        const payment = journal.payments.get(event.journalId);
        if (payment !== null) this.emitPayment(payment);
        return;
      }
      case 'refund.state': {
        const refund = journal.refunds.get(event.journalId);
        if (refund !== null) hub.emit({ kind: 'refund', refund: refundView(journal, refund) });
        const payment = refund?.paymentLocalId ? journal.payments.get(refund.paymentLocalId) : null;
        if (payment) this.emitPayment(payment);
        return;
      }
      case 'checkin':
        this.checkIn = { isUserCheckedIn: event.isUserCheckedIn, loyaltyIds: event.loyaltyIds };
        hub.emit({
          kind: 'checkin',
          posId: event.posId,
          isUserCheckedIn: event.isUserCheckedIn,
          loyaltyIds: event.loyaltyIds,
        });
        void this.refresh();
        return;
      case 'notice':
        // The check-in watch starts and stops with every sale: routine, not news for the status area
        // (the display and the HTTP log show it).
        if (event.topic === 'checkin') return;
        hub.emit({ kind: 'notice', at: event.at, topic: event.topic, message: event.message });
        return;
      case 'error':
        hub.emit({ kind: 'error', at: event.at, topic: event.topic, error: wordEngineError(event) });
        return;
    }
  }

  private async loadStore(storeId: string): Promise<void> {
    if (this.loadingStore === storeId) return;
    this.loadingStore = storeId;
    try {
      const store = await this.engine.client.getStore(storeId);
      this.store = { storeId, storeName: store.storeName, brandName: store.brandName };
      await this.refresh();
    } catch {
      // The display shows no store name; the next refresh asks again.
    } finally {
      this.loadingStore = null;
    }
  }

  /** The phone's fallback confirmation when the backend has no control plane: the till's own beacon. */
  private ownBeacon(beaconId: string): BeaconConfirmation | null {
    const pos = this.pos();
    if (pos?.beaconId?.toLowerCase() !== beaconId.toLowerCase() || pos.posId === null) return null;
    return {
      beaconId,
      posId: pos.posId,
      posName: pos.posName,
      storeName: this.store?.storeName ?? '',
      brandName: this.store?.brandName ?? '',
    };
  }
}

/** The till's current payment as the phone learns of it. */
function offerOf(view: PaymentView | null, beaconId: string | null): PaymentOffer | null {
  if (view === null || beaconId === null || view.status === 'Unknown' || view.status === 'Refused')
    return null;
  return {
    journalId: view.journalId,
    beaconId,
    status: view.status,
    amount: view.amount,
    currencyCode: view.currencyCode,
    customerToken: view.customerToken,
  };
}
