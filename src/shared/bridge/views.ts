// What the screens show, as plain readonly data: the bridge's answers and event payloads. The host
// maps the engine's journal rows onto these, so the renderer never sees a database shape.
import type { BEACON_TYPES, CURRENCY_CODES, PLANNED_CAPTURE_DELAYS } from '../pos-v10/formats.js';
import type {
  BeaconHardwareState,
  BeaconSighting,
  HardwareNotice,
  RadioStatus,
  RadioTransport,
} from '../hardware.js';
import type { SessionView } from '../certification.js';
import type { PaymentRestrictions, PaymentStatus, RefundStatus } from '../pos-v10/schemas.js';

export type * from '../hardware.js';
export type * from '../certification.js';

export type CurrencyCode = (typeof CURRENCY_CODES)[number];
export type BeaconType = (typeof BEACON_TYPES)[number];
export type PlannedCaptureDelay = (typeof PLANNED_CAPTURE_DELAYS)[number];

/** The windows of the app; in web mode each is a route (`/`, `/customer`, `/phone`). */
export type WindowName = 'checkout' | 'customer' | 'phone';

/** Where the terminal's PoS v10 calls go. */
export type BackendView =
  | { readonly kind: 'embedded'; readonly apiBaseUrl: string; readonly pollDelayMs: number }
  | { readonly kind: 'external'; readonly apiBaseUrl: string };

/** Who and where the app is: the header of every screen. */
export interface AppInfo {
  readonly version: string;
  readonly mode: 'electron' | 'web';
  readonly backend: BackendView;
  /** The journal's directory, for the tester who wants to look at it. */
  readonly dataDir: string;
}

/** The saved settings; the client secret never leaves the host, only whether one is stored. */
export interface SettingsView {
  readonly backend:
    { readonly kind: 'embedded' } | { readonly kind: 'external'; readonly apiBaseUrl: string };
  readonly clientId: string;
  readonly hasClientSecret: boolean;
  /** How the secret is kept: the OS keychain (Electron safeStorage) or a file only this user can read. */
  readonly secretStorage: 'safe-storage' | 'file';
  readonly clientSystemName: string;
  readonly clientSystemVersion: string;
  readonly merchantVat: string;
}

/** A store of the merchant, for the onboarding wizard. */
export interface StoreView {
  readonly storeId: string;
  readonly storeName: string;
  readonly brandName: string;
  readonly merchantBrandId: string;
  readonly merchantLocationId: string;
  readonly address: string;
}

/** The terminal's point of sale as configured and as MobilePay knows it. */
export interface PosView {
  readonly posId: string | null;
  readonly storeId: string;
  readonly merchantPosId: string;
  readonly posName: string;
  /** The beaconId the QR and BLE carry (the assigned one when MobilePay generated it). */
  readonly beaconId: string | null;
  readonly supportedBeaconTypes: readonly BeaconType[];
  readonly callbackAlias: string | null;
  readonly requirePaymentBeforeCheckin: boolean;
  readonly merchantVat: string;
}

/** A payment status as listed: the API's, or Unknown (none seen yet) or Refused (never created). */
export type PaymentListStatus = PaymentStatus | 'Unknown' | 'Refused';

/** One step of a payment's or refund's timeline. */
export interface StatusStep<S extends string> {
  readonly status: S;
  readonly at: number;
}

/** A payment as the checkout, the receipt and the transaction list show it (amounts in major units). */
export interface PaymentView {
  /** The journal's id: what every payment call takes. */
  readonly journalId: string;
  readonly flow: 'initiate' | 'prepare';
  readonly orderId: string;
  readonly paymentId: string | null;
  readonly posId: string;
  readonly amount: number | null;
  readonly currencyCode: CurrencyCode | null;
  readonly restrictions: PaymentRestrictions | null;
  readonly merchantPaymentLabel: string | null;
  readonly plannedCaptureDelay: PlannedCaptureDelay | null;
  readonly status: PaymentListStatus;
  readonly timeline: readonly StatusStep<PaymentStatus>[];
  readonly partialCapturePossible: boolean | null;
  readonly customerToken: string | null;
  readonly customerReceiptToken: string | null;
  readonly loyaltyIds: readonly string[] | null;
  readonly capturedAmount: number | null;
  /** The amount refunded so far (captured or reserved refunds). */
  readonly refundedAmount: number;
  /** A capture or cancel persisted and not yet confirmed by the API. */
  readonly pendingDecision: 'capture' | 'cancel' | null;
  /** Reserved with nobody's decision: the cashier must capture or cancel (hanging reservation). */
  readonly hanging: boolean;
  /** Why the creating call was refused, when it was. */
  readonly refusal: BridgeFailure | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface RefundView {
  readonly journalId: string;
  readonly paymentId: string;
  readonly refundId: string | null;
  readonly refundOrderId: string;
  readonly amount: number;
  readonly currencyCode: CurrencyCode;
  readonly status: RefundStatus | 'Unknown' | 'Refused';
  readonly timeline: readonly StatusStep<RefundStatus>[];
  readonly pendingDecision: 'capture' | 'cancel' | null;
  readonly refusal: BridgeFailure | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A payment with its refunds, for the refund screen and the receipt. */
export interface PaymentDetail {
  readonly payment: PaymentView;
  readonly refunds: readonly RefundView[];
}

/** One HTTP attempt for the log screen (secrets already redacted by the client). */
export interface ExchangeView {
  /** Increasing number within this run of the app. */
  readonly seq: number;
  readonly at: number;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody?: unknown;
  readonly attempt: number;
  readonly durationMs: number;
  readonly status?: number;
  readonly responseBody?: unknown;
  readonly error?: { readonly kind: 'timeout' | 'network'; readonly message: string };
}

/** What the customer display shows, phase by phase. */
export type DisplayPhase =
  | 'closed' // no PoS yet
  | 'idle' // QR shown, nothing to pay
  | 'checked-in' // a customer checked in, waiting for the cashier
  | 'awaiting-customer' // payment issued, the customer confirms on the phone
  | 'reserved' // accepted, the cashier captures
  | 'thanks' // captured
  | 'cancelled'; // cancelled by anyone, or expired

export interface DisplayState {
  readonly phase: DisplayPhase;
  readonly beaconId: string | null;
  /** `mobilepaypos://pos?id=<beaconId>&source=qr`, null without a beaconId. */
  readonly qrPayload: string | null;
  /** The QR code as an image (PNG data URL) rendered by the hardware layer. */
  readonly qrImage: string | null;
  readonly amount: number | null;
  readonly currencyCode: CurrencyCode | null;
  readonly posName: string | null;
  readonly storeName: string | null;
}

/** A sandbox test user for the phone simulator. */
export interface TestUserView {
  readonly phoneNumber: string;
  readonly country: 'DK' | 'FI';
  readonly paymentSource: 'Credit' | 'Debit';
  readonly feature: 'CreditCard' | 'DebitCard' | 'Storebox' | 'Loyalty' | 'NoPartialCapture';
  readonly loyaltyIds: readonly string[];
  readonly partialCapturePossible: boolean;
}

/** What the phone's app shows after it found a beacon: where the customer is about to pay. */
export interface BeaconConfirmation {
  readonly beaconId: string;
  readonly posId: string;
  readonly posName: string;
  readonly storeName: string;
  readonly brandName: string;
}

/** The simulated phone: who holds it, where it is checked in, what it is asked to pay. */
export interface PhoneState {
  readonly phoneNumber: string | null;
  readonly checkedIn: BeaconConfirmation | null;
  /** The payment waiting for the customer's answer, if any. */
  readonly pending: {
    readonly amount: number | null;
    readonly currencyCode: CurrencyCode | null;
    readonly status: PaymentStatus;
  } | null;
  /** Accept automatically after this many seconds (demo mode); null: the tester answers. */
  readonly autoAcceptSeconds: number | null;
  readonly lastAction: { readonly kind: 'checked-in' | 'accepted' | 'declined'; readonly at: number } | null;
}

/** A failure as a cashier reads it, with the codes a tester needs. */
export interface BridgeFailure {
  /** Stable code of our catalogue (e.g. `pos.api`, `timeout`, `bad-input`, `no-pos`). */
  readonly code: string;
  /** A sentence a cashier understands. */
  readonly message: string;
  /** The PoS v10 error code (e.g. "1301") when the API gave one. */
  readonly apiCode: string | null;
  readonly retryable: boolean;
}

/** The till's beacon hardware as the hardware panel shows it. */
export interface HardwareView {
  /** Radios, adapter states with reasons, advertising, the presence check, notices. */
  readonly state: BeaconHardwareState;
  /** Beacons heard nearby, strongest first. */
  readonly beacons: readonly BeaconSighting[];
  /**
   * The tester's choice: this terminal advertises the PoS's beaconId itself (true), or a real beacon
   * in the room carries it and the terminal only checks at start-up that it is heard (false).
   */
  readonly advertise: boolean;
  /** What the terminal advertises (or checks for): the PoS's beaconId when it lists Bluetooth. */
  readonly beacon: { readonly beaconId: string; readonly posName: string } | null;
  /** Why there is no beacon to advertise (no PoS, no beaconId, Bluetooth not among its beacon types). */
  readonly beaconNote: string | null;
}

/** The simulated phone's radio: where it is, and the till it heard last. */
export interface PhoneRadioView {
  readonly radios: readonly RadioStatus[];
  readonly scanning: boolean;
  /** The phone's distance on the virtual radio in metres, null without one. */
  readonly distanceM: number | null;
  readonly notices: readonly HardwareNotice[];
  readonly discovery:
    | {
        readonly kind: 'found';
        readonly beaconId: string;
        readonly transport: RadioTransport;
        readonly address: string;
        readonly rssi: number;
        readonly estimatedDistanceM: number | null;
        readonly localName: string | null;
      }
    | { readonly kind: 'not-found'; readonly reason: string }
    | null;
}

/** The till's link to a self-certification session (the certification screen). */
export interface CertificationView {
  /** The till's calls go to the certification API now (not to its own settings' backend). */
  readonly connected: boolean;
  /** The service's base URL (the embedded emulator's, or the one the tester gave). */
  readonly serviceUrl: string | null;
  /** Where the till's PoS v10 calls go while connected. */
  readonly apiBaseUrl: string | null;
  /** The session as the service judges it, refreshed every second until it completes. */
  readonly session: SessionView | null;
  /** Why the service could not be reached or refused, in plain words. */
  readonly problem: string | null;
}
