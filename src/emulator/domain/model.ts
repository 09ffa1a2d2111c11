// The emulator's entities: what MobilePay's backend knows about integrators, merchants, stores,
// points of sale, check-ins, payments and refunds. Amounts are kept in minor units.
import type { PaymentStatus, RefundStatus } from '../../shared/pos-v10/schemas.js';

export type CurrencyCode = 'DKK' | 'EUR';
export type BeaconType = 'QR' | 'NFC' | 'Bluetooth';
export type PlannedCaptureDelay = 'None' | 'LessThan24Hours' | 'LessThan14Days';

/** An OAuth client of an integrator (what `x-ibm-client-id` names). */
export interface IntegratorClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A company that builds PoS clients; resources are isolated between integrators. */
export interface Integrator {
  readonly integratorId: string;
  readonly name: string;
  readonly clients: readonly IntegratorClient[];
}

/** A merchant, known to the API by its VAT number. */
export interface Merchant {
  readonly merchantId: string;
  readonly vat: string;
  readonly name: string;
}

export interface Store {
  readonly storeId: string;
  readonly merchantVat: string;
  readonly storeName: string;
  readonly storeStreet: string;
  readonly storeZipCode: string;
  readonly storeCity: string;
  readonly brandName: string;
  readonly merchantBrandId: string;
  readonly merchantLocationId: string;
  /** A store that is not activated refuses payments (1204). */
  readonly active: boolean;
  /** Money on the store's balance before any payment of this emulator, per currency, in minor units. */
  readonly openingBalance: Readonly<Record<CurrencyCode, number>>;
}

export interface PointOfSale {
  readonly posId: string;
  readonly integratorId: string;
  readonly merchantVat: string;
  readonly storeId: string;
  readonly merchantPosId: string;
  readonly name: string;
  readonly beaconId: string;
  readonly callbackAlias: string | null;
  readonly supportedBeaconTypes: readonly BeaconType[];
  readonly requirePaymentBeforeCheckin: boolean;
  readonly createdAt: number;
  readonly deletedAt: number | null;
}

/** A customer checked in at a PoS and not yet bound to a payment. */
export interface CheckIn {
  readonly posId: string;
  readonly phoneNumber: string;
  readonly at: number;
}

export interface Restrictions {
  readonly debitCardDisallowed: boolean | null;
  readonly creditCardDisallowed: boolean | null;
}

export interface Payment {
  readonly paymentId: string;
  readonly posId: string;
  readonly integratorId: string;
  readonly merchantVat: string;
  readonly storeId: string;
  readonly orderId: string;
  readonly flow: 'initiate' | 'prepare';
  readonly amount: number | null;
  readonly currencyCode: CurrencyCode | null;
  readonly restrictions: Restrictions | null;
  readonly merchantPaymentLabel: string | null;
  readonly plannedCaptureDelay: PlannedCaptureDelay | null;
  readonly status: PaymentStatus;
  /** The customer paired with the payment (phone number of a test user), once checked in. */
  readonly phoneNumber: string | null;
  readonly createdAt: number;
  /** When the status last changed: the start of the inactivity window. */
  readonly statusChangedAt: number;
  readonly reservedAt: number | null;
  readonly capturedAt: number | null;
  readonly capturedAmount: number | null;
  /** A monotonically increasing sequence so "the latest payment with this orderId" is well defined. */
  readonly sequence: number;
}

export interface Refund {
  readonly refundId: string;
  readonly paymentId: string;
  readonly integratorId: string;
  readonly merchantVat: string;
  readonly storeId: string;
  readonly refundOrderId: string;
  readonly amount: number;
  readonly currencyCode: CurrencyCode;
  readonly status: RefundStatus;
  readonly createdAt: number;
  readonly statusChangedAt: number;
  readonly reservedAt: number | null;
}

/** The first successful answer to a creating POST, replayed on every retry with the same key. */
export interface IdempotencyRecord {
  readonly scopeKey: string;
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
  readonly createdAt: number;
}

/** A sandbox test user (reference: docs/development-guide/test.mdx). */
export interface TestUser {
  readonly phoneNumber: string;
  readonly country: 'DK' | 'FI';
  readonly paymentSource: 'Credit' | 'Debit';
  readonly feature: 'CreditCard' | 'DebitCard' | 'Storebox' | 'Loyalty' | 'NoPartialCapture';
  readonly customerToken: string;
  /** Empty string: the user has no receipt token. */
  readonly customerReceiptToken: string;
  readonly loyaltyIds: readonly string[];
  readonly partialCapturePossible: boolean;
}
