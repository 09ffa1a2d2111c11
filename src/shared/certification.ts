// The self-certification service's contract: the four steps of MobilePay's old site (identification,
// selection, certification, approval) as data. The emulator serves it (its JSON API and web UI under
// /certification, the API under test under /pos-self-certification-api); the unattended runner
// (`pos-sim certify`) and the checkout app's certification screen read it. Plain readonly data.

/** Where the API under certification lives on the emulator: `<base>/pos/v10/...` and `<base>/integrator-authentication/...`. */
export const CERTIFICATION_API_PREFIX = '/pos-self-certification-api';
/** The service's own JSON API (sessions, steps, certificates) and its web UI (at `/certification/`). */
export const CERTIFICATION_CONTROL_PREFIX = '/certification';

/** The certification merchant and store of the reference (verification.md, "Configuration details"). */
export const CERTIFICATION_MERCHANT = {
  vatDk: 'DK90000028',
  vatFi: 'FI90000040',
  merchantBrandId: 'MPPOSCERT1',
  merchantLocationId: '00001',
} as const;

/**
 * The sections of the selection step, in the site's order. Onboarding is mandatory; loyalty comes
 * from the older guide and is optional.
 */
export const CERTIFICATION_SECTIONS = [
  'onboarding',
  'payments',
  'prepared-payments',
  'payments-with-restrictions',
  'prepared-payments-with-restrictions',
  'refunds',
  'loyalty',
] as const;
export type SectionId = (typeof CERTIFICATION_SECTIONS)[number];

export const SECTION_TITLES: Readonly<Record<SectionId, string>> = {
  onboarding: 'Onboarding',
  payments: 'Payments',
  'prepared-payments': 'Prepared payments',
  'payments-with-restrictions': 'Payments with restrictions',
  'prepared-payments-with-restrictions': 'Prepared payments with restrictions',
  refunds: 'Refunds',
  loyalty: 'Loyalty',
};

/** The identification step: who and what is being certified. */
export interface Identification {
  readonly clientSystemName: string;
  /** The integrator's client id (x-ibm-client-id): the session's requests are recognised by it. */
  readonly clientId: string;
  /** Major.Minor.Build as sent in x-mobilepay-client-system-version. A certificate covers Major.Minor. */
  readonly clientSystemVersion: string;
  /** Which merchant the client calls as (x-mobilepay-merchant-vat-number): DK90000028 or FI90000040. */
  readonly merchantVat: string;
  readonly callbackAlias: string | null;
  /** Where "invoke callback" sends the notification service's call. */
  readonly callbackUrl: string | null;
}

/** POST /certification/api/sessions. */
export interface StartSessionRequest {
  readonly identification: Identification;
  /** Onboarding is added when missing. */
  readonly sections: readonly SectionId[];
}

export type StepStatus = 'not-tested' | 'in-progress' | 'passed' | 'failed';
export type CaseStatus = StepStatus;

/**
 * What the client must do for a step, machine-readable for the autopilot (`pos-sim certify`); the
 * step's `instruction` says the same to a tester. Amounts in major units (DKK/EUR), as the API.
 */
export type ClientAction =
  /** Look up the certification store by brand and location (GET /stores). */
  | { readonly do: 'find-store'; readonly merchantBrandId: string; readonly merchantLocationId: string }
  /** Create the PoS (POST /pointofsales) on the store found, with these values. */
  | {
      readonly do: 'onboard';
      readonly posName: string;
      readonly merchantPosId: string;
      readonly beaconId: string | null;
      readonly supportedBeaconTypes: readonly ('QR' | 'NFC' | 'Bluetooth')[];
    }
  /** Delete the PoS created in the previous case (DELETE /pointofsales/{posId}). */
  | { readonly do: 'offboard' }
  /** Show the QR code and poll the check-in (no faster than pollDelayInMs) until a customer is there. */
  | { readonly do: 'watch-check-in' }
  /** Stop showing the QR code: no more check-in polls. */
  | { readonly do: 'hide-qr' }
  /** Initiate a payment (POST /payments) and follow it until it is reserved or ends. */
  | {
      readonly do: 'initiate-payment';
      readonly orderId: string;
      readonly amount: number;
      readonly currencyCode: 'DKK' | 'EUR';
      readonly restrictions: PaymentRestrictionsAction | null;
    }
  /** Start a prepared payment (POST /payments/prepare) and follow it until it is paired. */
  | { readonly do: 'prepare-payment'; readonly orderId: string }
  /** Make the prepared payment ready with the amount (POST /payments/{id}/ready) and follow it. */
  | {
      readonly do: 'ready-payment';
      readonly amount: number;
      readonly currencyCode: 'DKK' | 'EUR';
      readonly restrictions: PaymentRestrictionsAction | null;
    }
  /** Capture the current payment: in full without an amount, else that amount if partial capture is possible. */
  | { readonly do: 'capture'; readonly amount: number | null; readonly otherwiseCancel: boolean }
  /** Cancel the current payment (POST /payments/{id}/cancel). */
  | { readonly do: 'cancel-payment' }
  /** Keep following the current payment until it ends (the customer or MobilePay ends it); then stop polling. */
  | { readonly do: 'await-payment-end' }
  /** Refund this amount of the last captured payment (POST /refunds), follow it. */
  | { readonly do: 'refund'; readonly amount: number; readonly currencyCode: 'DKK' | 'EUR' }
  | { readonly do: 'capture-refund' }
  | { readonly do: 'cancel-refund' };

/** Restrictions as the autopilot sends them (pos.yaml PaymentRestrictions). */
export interface PaymentRestrictionsAction {
  /** true: debit cards are disallowed (debitCardDisallowed: true). */
  readonly debitCard?: boolean;
  /** true: credit cards are disallowed (creditCardDisallowed: true). */
  readonly creditCard?: boolean;
}

export interface StepView {
  /** Stable id: `<case id>.<n>` (e.g. `onboarding-1.2`). */
  readonly id: string;
  readonly title: string;
  /** What the tester does on the client. */
  readonly instruction: string;
  /** What the service does meanwhile: the fault it injects, the customer it plays. */
  readonly service: string;
  /** What the judge checks, and the reference's rule it comes from. */
  readonly judges: string;
  readonly rule: string;
  /** The same instruction for the autopilot; null when the step needs nothing new from the client. */
  readonly action: ClientAction | null;
  readonly status: StepStatus;
  /** Why it failed (or a note on a pass), in plain words. */
  readonly reason: string | null;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

export interface CaseView {
  readonly id: string;
  readonly section: SectionId;
  readonly title: string;
  readonly description: string;
  readonly status: CaseStatus;
  readonly steps: readonly StepView[];
}

export type SessionPhase = 'certification' | 'completed';

/** GET /certification/api/sessions/{id}: everything the four screens show. */
export interface SessionView {
  readonly id: string;
  readonly identification: Identification;
  readonly sections: readonly SectionId[];
  readonly phase: SessionPhase;
  readonly cases: readonly CaseView[];
  /** The step the service waits for, null when every step has a verdict. */
  readonly current: { readonly caseId: string; readonly stepId: string } | null;
  /** The API base the client must use (absolute URL). */
  readonly apiBaseUrl: string;
  readonly pollDelayMs: number;
  readonly startedAt: number;
  readonly completedAt: number | null;
  /** True when every step passed. */
  readonly passed: boolean;
  /**
   * Whether requests are still judged into the session: false once it completed, or when it ended
   * unfinished because a newer session of the same client id replaced it (or the emulator stopped).
   * Optional: a service from before this field leaves it out.
   */
  readonly active?: boolean;
}

/** The certificate's signed content: which client version is certified for which sections. */
export interface CertificateBody {
  readonly kind: 'pos-sim-certificate';
  readonly version: 1;
  readonly sessionId: string;
  readonly clientSystemName: string;
  readonly clientId: string;
  /** Major.Minor: what the certificate covers (any Build). */
  readonly certifiedVersion: string;
  /** The version that ran the cases. */
  readonly testedVersion: string;
  readonly sections: readonly SectionId[];
  readonly issuedAt: string;
  readonly issuer: string;
}

/** GET /certification/api/sessions/{id}/certificate: the body and its signature (Ed25519, base64url). */
export interface Certificate {
  readonly certificate: CertificateBody;
  readonly algorithm: 'Ed25519';
  /** Over the canonical JSON of `certificate` (keys sorted, no spaces). */
  readonly signature: string;
  /** The service's public key id (SHA-256 of the SPKI, hex, first 16). */
  readonly keyId: string;
}
