// The simulated customer's phone: it checks in at a beacon (found by decoding the display's QR code
// or by hearing it over BLE) as one of the sandbox test users, is shown the payment MobilePay
// issues to it, and accepts or declines it through the sandbox's user simulation. In demo mode it
// accepts by itself after a few seconds (on injectable timers).
import type { PaymentStatus } from '../shared/pos-v10/schemas.js';
import type { BeaconConfirmation, CurrencyCode, PhoneState, TestUserView } from '../shared/bridge/index.js';
import { UserSimulationClient, type ClientDeps } from '../terminal/api/index.js';
import { PhoneError } from './phone-error.js';
import { SandboxDirectory } from './sandbox-directory.js';

/** setTimeout and clearTimeout, injectable so tests decide when the auto-accept fires. */
export interface PhoneTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: PhoneTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The till's current payment as the phone's app learns of it (MobilePay pushes it to the phone). */
export interface PaymentOffer {
  readonly journalId: string;
  readonly beaconId: string;
  readonly status: PaymentStatus;
  readonly amount: number | null;
  readonly currencyCode: CurrencyCode | null;
  /** The customer the API says the payment is issued to, when known. */
  readonly customerToken: string | null;
}

export interface PhoneSimulatorOptions {
  readonly apiBaseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly clientDeps?: ClientDeps;
  readonly directory?: SandboxDirectory;
  /** The test users when the backend does not list them (no control plane). */
  readonly fallbackUsers?: readonly TestUserView[];
  /** Confirms a beacon the control plane cannot (e.g. the till's own, on an external backend). */
  readonly fallbackBeacon?: (beaconId: string) => BeaconConfirmation | null;
  readonly timers?: PhoneTimers;
  readonly now?: () => number;
  readonly autoAcceptSeconds?: number | null;
  readonly onChange?: (state: PhoneState) => void;
  /** An automatic accept failed (e.g. 1903: the card is not allowed). */
  readonly onError?: (error: unknown) => void;
}

/** Statuses in which the payment waits for this phone's answer. */
const waiting: ReadonlySet<PaymentStatus> = new Set(['Paired', 'IssuedToUser']);
const normalize = (phoneNumber: string): string => phoneNumber.replace(/[\s-]/g, '');
const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** One phone in the customer's hand; the host feeds it the till's payment with observePayment. */
export class PhoneSimulator {
  private readonly client: UserSimulationClient;
  private readonly directory: SandboxDirectory;
  private readonly timers: PhoneTimers;
  private readonly now: () => number;
  private phoneNumber: string | null = null;
  private checkedIn: BeaconConfirmation | null = null;
  private offer: PaymentOffer | null = null;
  /** The payment this phone took part in (paired, issued, answered): its end ends the check-in. */
  private engaged: string | null = null;
  private autoAcceptSeconds: number | null;
  private lastAction: PhoneState['lastAction'] = null;
  private knownUsers: readonly (TestUserView & { readonly customerToken?: string | null })[] | null = null;
  private timer: { readonly journalId: string; readonly seconds: number; readonly handle: unknown } | null =
    null;
  private lastEmitted = '';
  private closed = false;

  constructor(private readonly options: PhoneSimulatorOptions) {
    this.client = new UserSimulationClient(
      { apiBaseUrl: options.apiBaseUrl, clientId: options.clientId, clientSecret: options.clientSecret },
      options.clientDeps,
    );
    this.directory = options.directory ?? new SandboxDirectory({ apiBaseUrl: options.apiBaseUrl });
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? Date.now;
    this.autoAcceptSeconds = options.autoAcceptSeconds ?? null;
  }

  /** What the phone's screen shows. */
  state(): PhoneState {
    const pending = this.pending();
    return {
      phoneNumber: this.phoneNumber,
      checkedIn: this.checkedIn,
      pending:
        pending === null
          ? null
          : { amount: pending.amount, currencyCode: pending.currencyCode, status: pending.status },
      autoAcceptSeconds: this.autoAcceptSeconds,
      lastAction: this.lastAction,
    };
  }

  /** The sandbox's test users (the backend's list, else the fallback). */
  async users(): Promise<readonly TestUserView[]> {
    if (this.knownUsers === null) {
      const listed = await this.directory.testUsers();
      if (listed !== null) this.knownUsers = listed;
      else return this.options.fallbackUsers ?? [];
    }
    return this.knownUsers.map(({ customerToken: _token, ...user }) => user);
  }

  /** The customer scanned the QR (or heard the beacon): the app confirms the shop, then checks in. */
  async checkIn(request: { readonly phoneNumber: string; readonly beaconId: string }): Promise<PhoneState> {
    const phoneNumber = normalize(request.phoneNumber);
    const users = await this.users();
    if (users.length > 0 && !users.some((user) => normalize(user.phoneNumber) === phoneNumber))
      throw new PhoneError('phone.unknown-user');
    const confirmation = await this.confirm(request.beaconId);
    await this.client.checkIn({ beaconId: request.beaconId, phoneNumber });
    this.phoneNumber = phoneNumber;
    this.checkedIn = confirmation;
    this.engaged = null;
    this.lastAction = { kind: 'checked-in', at: this.now() };
    this.observePayment(this.offer);
    return this.state();
  }

  /** The customer swipes to pay the payment issued to them. */
  async accept(): Promise<PhoneState> {
    const { beaconId, phoneNumber } = this.atBeacon();
    this.cancelTimer();
    await this.client.acceptPayment({ beaconId, phoneNumber });
    if (this.offer !== null && sameId(this.offer.beaconId, beaconId)) this.engaged = this.offer.journalId;
    this.lastAction = { kind: 'accepted', at: this.now() };
    this.changed();
    return this.state();
  }

  /** The customer cancels the payment in the app; the check-in is over. */
  async decline(): Promise<PhoneState> {
    const { beaconId } = this.atBeacon();
    this.cancelTimer();
    await this.client.cancelPaymentByUser({ beaconId });
    this.checkedIn = null;
    this.engaged = null;
    this.lastAction = { kind: 'declined', at: this.now() };
    this.changed();
    return this.state();
  }

  /** Demo mode: accept an issued payment after this many seconds; null turns it off. */
  setAutoAccept(seconds: number | null): PhoneState {
    this.autoAcceptSeconds = seconds;
    this.schedule();
    this.changed();
    return this.state();
  }

  /** The till's current payment changed (or is gone): update the screen and the auto-accept. */
  observePayment(offer: PaymentOffer | null): void {
    if (this.closed) return;
    this.offer = offer;
    if (offer !== null && this.isMine(offer)) {
      if (waiting.has(offer.status)) this.engaged = offer.journalId;
      else if (
        this.engaged === offer.journalId &&
        offer.status !== 'Initiated' &&
        offer.status !== 'Prepared'
      ) {
        // Reserved or ended: the check-in was used up by this payment.
        this.checkedIn = null;
        this.engaged = null;
      }
    } else if (this.engaged !== null && offer?.journalId !== this.engaged) this.engaged = null;
    this.schedule();
    this.changed();
  }

  /** Stops the auto-accept timer; the phone is no longer used. */
  close(): void {
    this.closed = true;
    this.cancelTimer();
  }

  private pending(): PaymentOffer | null {
    const offer = this.offer;
    if (offer === null || !this.isMine(offer) || !waiting.has(offer.status)) return null;
    return offer;
  }

  /** At the phone's beacon, and issued to this phone as far as anyone can tell. */
  private isMine(offer: PaymentOffer): boolean {
    if (this.checkedIn === null || !sameId(offer.beaconId, this.checkedIn.beaconId)) return false;
    const token = this.knownUsers?.find(
      (user) => normalize(user.phoneNumber) === this.phoneNumber,
    )?.customerToken;
    return offer.customerToken === null || token == null || offer.customerToken === token;
  }

  private atBeacon(): { readonly beaconId: string; readonly phoneNumber: string } {
    if (this.checkedIn === null || this.phoneNumber === null) throw new PhoneError('phone.not-checked-in');
    return { beaconId: this.checkedIn.beaconId, phoneNumber: this.phoneNumber };
  }

  private async confirm(beaconId: string): Promise<BeaconConfirmation> {
    const lookup = await this.directory.beacon(beaconId);
    if (lookup.kind === 'found') return lookup.confirmation;
    if (lookup.kind === 'unknown') throw new PhoneError('phone.unknown-beacon');
    // No control plane to ask: the till may know its own beacon; otherwise the check-in decides.
    const known = this.options.fallbackBeacon?.(beaconId) ?? null;
    return known ?? { beaconId, posId: '', posName: 'MobilePay point of sale', storeName: '', brandName: '' };
  }

  private schedule(): void {
    const pending = this.pending();
    const seconds = this.autoAcceptSeconds;
    if (seconds === null || pending === null || pending.status !== 'IssuedToUser' || this.closed) {
      this.cancelTimer();
      return;
    }
    if (this.timer?.journalId === pending.journalId && this.timer.seconds === seconds) return;
    this.cancelTimer();
    const handle = this.timers.setTimeout(() => {
      this.timer = null;
      if (this.closed || this.pending()?.journalId !== pending.journalId) return;
      this.accept().catch((error: unknown) => this.options.onError?.(error));
    }, seconds * 1000);
    this.timer = { journalId: pending.journalId, seconds, handle };
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer.handle);
    this.timer = null;
  }

  private changed(): void {
    if (this.closed) return;
    const state = this.state();
    const text = JSON.stringify(state);
    if (text === this.lastEmitted) return;
    this.lastEmitted = text;
    this.options.onChange?.(state);
  }
}
