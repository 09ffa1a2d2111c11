// The emulator's state: entities in maps with the indexes the API's lookups need, written through to
// the persistence on every change.
import type {
  CheckIn,
  IdempotencyRecord,
  Integrator,
  IntegratorClient,
  Merchant,
  Payment,
  PointOfSale,
  Refund,
  Store,
} from './model.js';
import type { DocKind, Persistence } from './persistence.js';
import type { SeedData } from '../seed.js';
import { activePaymentStatuses } from '../../shared/pos-v10/schemas.js';

const key = (...parts: string[]): string => parts.join('\u0000');

export class EmulatorState {
  readonly clients = new Map<string, { integrator: Integrator; client: IntegratorClient }>();
  readonly merchants = new Map<string, Merchant>();
  readonly stores = new Map<string, Store>();
  readonly pointsOfSale = new Map<string, PointOfSale>();
  readonly payments = new Map<string, Payment>();
  readonly refunds = new Map<string, Refund>();
  readonly checkIns = new Map<string, CheckIn>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly callbacks = new Map<string, string>();

  /** Active (not deleted) PoS by lowercase beaconId: beaconIds are unique among active PoSes. */
  private readonly posByBeacon = new Map<string, string>();
  /** Active PoS by integrator + merchant + merchantPosId. */
  private readonly posByMerchantPosId = new Map<string, string>();
  /** The one active payment of each PoS. */
  private readonly activePaymentByPos = new Map<string, string>();
  private readonly paymentsByPos = new Map<string, string[]>();
  private readonly paymentsByOrder = new Map<string, string[]>();
  private readonly refundsByPayment = new Map<string, string[]>();
  /** Payments and refunds whose state can still change with time (swept on clock moves). */
  readonly livePayments = new Set<string>();
  readonly liveRefunds = new Set<string>();
  private sequence = 0;

  constructor(
    private readonly persistence: Persistence,
    private readonly seed: SeedData,
  ) {
    this.loadSeed();
    this.loadPersisted();
  }

  transaction<T>(fn: () => T): T {
    return this.persistence.transaction(fn);
  }

  /** Back to the seed: no PoS, payment, refund, check-in or idempotency key survives. */
  reset(): void {
    this.persistence.clear();
    for (const map of [this.pointsOfSale, this.payments, this.refunds, this.checkIns, this.idempotency])
      map.clear();
    for (const map of [
      this.posByBeacon,
      this.posByMerchantPosId,
      this.activePaymentByPos,
      this.paymentsByPos,
      this.paymentsByOrder,
      this.refundsByPayment,
    ])
      map.clear();
    this.livePayments.clear();
    this.liveRefunds.clear();
    this.clients.clear();
    this.merchants.clear();
    this.stores.clear();
    this.callbacks.clear();
    this.meta.clear();
    this.sequence = 0;
    this.loadSeed();
  }

  nextSequence(): number {
    this.sequence += 1;
    return this.sequence;
  }

  // --- master data -------------------------------------------------------------------------------

  addIntegrator(integrator: Integrator): void {
    for (const client of integrator.clients) this.clients.set(client.clientId, { integrator, client });
  }

  saveStore(store: Store): void {
    this.stores.set(store.storeId, store);
    this.persistence.put('store', store.storeId, store);
  }

  setCallback(alias: string, url: string): void {
    this.callbacks.set(alias, url);
    this.persistence.put('meta', `callback:${alias}`, { alias, url });
  }

  storesOfMerchant(vat: string): Store[] {
    return [...this.stores.values()].filter((s) => s.merchantVat === vat);
  }

  // --- points of sale ----------------------------------------------------------------------------

  savePointOfSale(pos: PointOfSale): void {
    const previous = this.pointsOfSale.get(pos.posId);
    if (previous && previous.deletedAt === null) this.unindexPos(previous);
    this.indexPos(pos);
    this.persistence.put('pointOfSale', pos.posId, pos);
  }

  /** Keeps the PoS and, while it is active, its beaconId and merchantPosId lookups. */
  private indexPos(pos: PointOfSale): void {
    this.pointsOfSale.set(pos.posId, pos);
    if (pos.deletedAt !== null) return;
    this.posByBeacon.set(pos.beaconId.toLowerCase(), pos.posId);
    this.posByMerchantPosId.set(key(pos.integratorId, pos.merchantVat, pos.merchantPosId), pos.posId);
  }

  private unindexPos(pos: PointOfSale): void {
    if (this.posByBeacon.get(pos.beaconId.toLowerCase()) === pos.posId)
      this.posByBeacon.delete(pos.beaconId.toLowerCase());
    const k = key(pos.integratorId, pos.merchantVat, pos.merchantPosId);
    if (this.posByMerchantPosId.get(k) === pos.posId) this.posByMerchantPosId.delete(k);
  }

  activePosByBeacon(beaconId: string): PointOfSale | undefined {
    const posId = this.posByBeacon.get(beaconId.toLowerCase());
    return posId === undefined ? undefined : this.pointsOfSale.get(posId);
  }

  activePosByMerchantPosId(
    integratorId: string,
    vat: string,
    merchantPosId: string,
  ): PointOfSale | undefined {
    const posId = this.posByMerchantPosId.get(key(integratorId, vat, merchantPosId));
    return posId === undefined ? undefined : this.pointsOfSale.get(posId);
  }

  // --- check-ins ---------------------------------------------------------------------------------

  saveCheckIn(checkIn: CheckIn): void {
    this.checkIns.set(checkIn.posId, checkIn);
    this.persistence.put('checkIn', checkIn.posId, checkIn);
  }

  removeCheckIn(posId: string): void {
    if (this.checkIns.delete(posId)) this.persistence.remove('checkIn', posId);
  }

  // --- payments ----------------------------------------------------------------------------------

  savePayment(payment: Payment): void {
    const isNew = !this.payments.has(payment.paymentId);
    this.payments.set(payment.paymentId, payment);
    if (isNew) {
      push(this.paymentsByPos, payment.posId, payment.paymentId);
      push(
        this.paymentsByOrder,
        key(payment.integratorId, payment.merchantVat, payment.orderId),
        payment.paymentId,
      );
    }
    if (activePaymentStatuses.has(payment.status))
      this.activePaymentByPos.set(payment.posId, payment.paymentId);
    else if (this.activePaymentByPos.get(payment.posId) === payment.paymentId)
      this.activePaymentByPos.delete(payment.posId);
    if (activePaymentStatuses.has(payment.status) || payment.status === 'Reserved')
      this.livePayments.add(payment.paymentId);
    else this.livePayments.delete(payment.paymentId);
    this.persistence.put('payment', payment.paymentId, payment);
  }

  activePaymentOf(posId: string): Payment | undefined {
    const paymentId = this.activePaymentByPos.get(posId);
    return paymentId === undefined ? undefined : this.payments.get(paymentId);
  }

  paymentsOfPos(posId: string): Payment[] {
    return (this.paymentsByPos.get(posId) ?? []).map((id) => this.payments.get(id)).filter(isDefined);
  }

  /** Payments with this orderId for the integrator and merchant, oldest first. */
  paymentsWithOrderId(integratorId: string, vat: string, orderId: string): Payment[] {
    return (this.paymentsByOrder.get(key(integratorId, vat, orderId)) ?? [])
      .map((id) => this.payments.get(id))
      .filter(isDefined);
  }

  // --- refunds -----------------------------------------------------------------------------------

  saveRefund(refund: Refund): void {
    if (!this.refunds.has(refund.refundId)) push(this.refundsByPayment, refund.paymentId, refund.refundId);
    this.refunds.set(refund.refundId, refund);
    if (refund.status === 'Initiated' || refund.status === 'Reserved') this.liveRefunds.add(refund.refundId);
    else this.liveRefunds.delete(refund.refundId);
    this.persistence.put('refund', refund.refundId, refund);
  }

  refundsOfPayment(paymentId: string): Refund[] {
    return (this.refundsByPayment.get(paymentId) ?? []).map((id) => this.refunds.get(id)).filter(isDefined);
  }

  // --- idempotency -------------------------------------------------------------------------------

  saveIdempotency(record: IdempotencyRecord): void {
    // Delete first so the map stays in creation order (the sweep stops at the first live key).
    this.idempotency.delete(record.scopeKey);
    this.idempotency.set(record.scopeKey, record);
    this.persistence.put('idempotency', record.scopeKey, record);
  }

  removeIdempotency(scopeKey: string): void {
    if (this.idempotency.delete(scopeKey)) this.persistence.remove('idempotency', scopeKey);
  }

  // --- meta --------------------------------------------------------------------------------------

  putMeta(id: string, doc: unknown): void {
    this.meta.set(id, doc);
    this.persistence.put('meta', id, doc);
  }

  getMeta(id: string): unknown {
    return this.meta.get(id);
  }

  private readonly meta = new Map<string, unknown>();

  private loadSeed(): void {
    for (const integrator of this.seed.integrators) this.addIntegrator(integrator);
    for (const merchant of this.seed.merchants) this.merchants.set(merchant.vat, merchant);
    for (const store of this.seed.stores) this.stores.set(store.storeId, store);
    for (const [alias, url] of Object.entries(this.seed.callbacks)) this.callbacks.set(alias, url);
  }

  private loadPersisted(): void {
    const loaders: Record<DocKind, (doc: unknown, id: string) => void> = {
      store: (doc) => this.stores.set((doc as Store).storeId, doc as Store),
      pointOfSale: (doc) => this.indexPos(doc as PointOfSale),
      payment: (doc) => this.loadPayment(doc as Payment),
      refund: (doc) => this.loadRefund(doc as Refund),
      checkIn: (doc) => this.checkIns.set((doc as CheckIn).posId, doc as CheckIn),
      idempotency: (doc) =>
        this.idempotency.set((doc as IdempotencyRecord).scopeKey, doc as IdempotencyRecord),
      meta: (doc, id) => {
        this.meta.set(id, doc);
        if (id.startsWith('callback:')) {
          const { alias, url } = doc as { alias: string; url: string };
          this.callbacks.set(alias, url);
        }
      },
    };
    const entries = this.persistence.loadAll();
    // Rows are rewritten on every change, so restore creation order from the entities themselves.
    const rank = (entry: { kind: DocKind; doc: unknown }): number =>
      entry.kind === 'payment'
        ? (entry.doc as Payment).sequence
        : entry.kind === 'refund'
          ? (entry.doc as Refund).createdAt
          : entry.kind === 'idempotency'
            ? (entry.doc as IdempotencyRecord).createdAt
            : 0;
    entries.sort((a, b) => rank(a) - rank(b));
    const order: DocKind[] = ['meta', 'store', 'pointOfSale', 'checkIn', 'payment', 'refund', 'idempotency'];
    for (const kind of order)
      for (const entry of entries) if (entry.kind === kind) loaders[kind](entry.doc, entry.id);
  }

  private loadPayment(payment: Payment): void {
    this.sequence = Math.max(this.sequence, payment.sequence);
    this.payments.set(payment.paymentId, payment);
    push(this.paymentsByPos, payment.posId, payment.paymentId);
    push(
      this.paymentsByOrder,
      key(payment.integratorId, payment.merchantVat, payment.orderId),
      payment.paymentId,
    );
    if (activePaymentStatuses.has(payment.status))
      this.activePaymentByPos.set(payment.posId, payment.paymentId);
    if (activePaymentStatuses.has(payment.status) || payment.status === 'Reserved')
      this.livePayments.add(payment.paymentId);
  }

  private loadRefund(refund: Refund): void {
    this.refunds.set(refund.refundId, refund);
    push(this.refundsByPayment, refund.paymentId, refund.refundId);
    if (refund.status === 'Initiated' || refund.status === 'Reserved') this.liveRefunds.add(refund.refundId);
  }
}

function push(map: Map<string, string[]>, k: string, value: string): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
