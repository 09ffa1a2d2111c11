// Plain views for the renderer's specs: each builder gives a complete, valid view and takes overrides.
import type {
  AdapterState,
  AppInfo,
  BeaconHardwareState,
  BeaconSighting,
  BridgeFailure,
  CaseView,
  CertificationView,
  DisplayState,
  ExchangeView,
  HardwareView,
  PaymentView,
  PhoneRadioView,
  PhoneState,
  PosView,
  RefundView,
  SessionView,
  SettingsView,
  StepView,
  StoreView,
  TestUserView,
} from '../../src/shared/bridge/index.js';

/** A fixed moment so timelines never depend on the clock (2025-01-15 10:00:00 UTC). */
export const T0 = Date.UTC(2025, 0, 15, 10, 0, 0);

export function makePayment(overrides: Partial<PaymentView> = {}): PaymentView {
  return {
    journalId: 'pay-1',
    flow: 'initiate',
    orderId: 'order-1',
    paymentId: 'f3a1c2d4-0000-4000-8000-000000000001',
    posId: 'pos-1',
    amount: 125.5,
    currencyCode: 'DKK',
    restrictions: null,
    merchantPaymentLabel: null,
    plannedCaptureDelay: null,
    status: 'Initiated',
    timeline: [{ status: 'Initiated', at: T0 }],
    partialCapturePossible: null,
    customerToken: null,
    customerReceiptToken: null,
    loyaltyIds: null,
    capturedAmount: null,
    refundedAmount: 0,
    pendingDecision: null,
    hanging: false,
    refusal: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** A payment reserved by the customer, ready for the cashier's capture. */
export function reservedPayment(overrides: Partial<PaymentView> = {}): PaymentView {
  return makePayment({
    status: 'Reserved',
    timeline: [
      { status: 'Initiated', at: T0 },
      { status: 'IssuedToUser', at: T0 + 1000 },
      { status: 'Reserved', at: T0 + 5000 },
    ],
    partialCapturePossible: true,
    updatedAt: T0 + 5000,
    ...overrides,
  });
}

/** A captured payment with its receipt facts. */
export function capturedPayment(overrides: Partial<PaymentView> = {}): PaymentView {
  return reservedPayment({
    status: 'Captured',
    timeline: [
      { status: 'Initiated', at: T0 },
      { status: 'IssuedToUser', at: T0 + 1000 },
      { status: 'Reserved', at: T0 + 5000 },
      { status: 'Captured', at: T0 + 7000 },
    ],
    capturedAmount: 125.5,
    customerReceiptToken: 'receipt-token-42',
    loyaltyIds: ['LOYAL-1'],
    updatedAt: T0 + 7000,
    ...overrides,
  });
}

export function makeRefund(overrides: Partial<RefundView> = {}): RefundView {
  return {
    journalId: 'ref-1',
    paymentId: 'f3a1c2d4-0000-4000-8000-000000000001',
    refundId: 'r-1',
    refundOrderId: 'refund-1',
    amount: 25,
    currencyCode: 'DKK',
    status: 'Reserved',
    timeline: [
      { status: 'Initiated', at: T0 + 10_000 },
      { status: 'Reserved', at: T0 + 11_000 },
    ],
    pendingDecision: null,
    refusal: null,
    createdAt: T0 + 10_000,
    updatedAt: T0 + 11_000,
    ...overrides,
  };
}

export function makePos(overrides: Partial<PosView> = {}): PosView {
  return {
    posId: 'pos-1',
    storeId: 'store-1',
    merchantPosId: 'till-1',
    posName: 'Till 1',
    beaconId: '123456789012345',
    supportedBeaconTypes: ['QR', 'Bluetooth'],
    callbackAlias: null,
    requirePaymentBeforeCheckin: false,
    merchantVat: 'DK12345678',
    ...overrides,
  };
}

export function makeStore(overrides: Partial<StoreView> = {}): StoreView {
  return {
    storeId: 'store-1',
    storeName: 'Nørrebro',
    brandName: 'Kaffebar',
    merchantBrandId: 'MPPOS12345',
    merchantLocationId: '00001',
    address: 'Jægersborggade 1, København',
    ...overrides,
  };
}

export function makeSettings(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    backend: { kind: 'embedded' },
    clientId: 'demo-client',
    hasClientSecret: true,
    secretStorage: 'file',
    clientSystemName: 'pos-sim',
    clientSystemVersion: '1.0.0',
    merchantVat: 'DK12345678',
    ...overrides,
  };
}

export function makeAppInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.1.0',
    mode: 'web',
    backend: { kind: 'embedded', apiBaseUrl: 'http://127.0.0.1:8080', pollDelayMs: 1000 },
    dataDir: '/home/tester/.pos-sim',
    ...overrides,
  };
}

export function makeDisplay(overrides: Partial<DisplayState> = {}): DisplayState {
  return {
    phase: 'idle',
    beaconId: '123456789012345',
    qrPayload: 'mobilepaypos://pos?id=123456789012345&source=qr',
    qrImage: 'data:image/png;base64,iVBORw0KGgo=',
    amount: null,
    currencyCode: null,
    posName: 'Till 1',
    storeName: 'Nørrebro',
    ...overrides,
  };
}

export function makePhone(overrides: Partial<PhoneState> = {}): PhoneState {
  return {
    phoneNumber: null,
    checkedIn: null,
    pending: null,
    autoAcceptSeconds: null,
    lastAction: null,
    ...overrides,
  };
}

export const testUsers: readonly TestUserView[] = [
  {
    phoneNumber: '+4520031801',
    country: 'DK',
    paymentSource: 'Credit',
    feature: 'CreditCard',
    loyaltyIds: [],
    partialCapturePossible: true,
  },
  {
    phoneNumber: '+4520031805',
    country: 'DK',
    paymentSource: 'Debit',
    feature: 'NoPartialCapture',
    loyaltyIds: [],
    partialCapturePossible: false,
  },
];

export function makeExchange(overrides: Partial<ExchangeView> = {}): ExchangeView {
  return {
    seq: 1,
    at: T0,
    method: 'POST',
    url: 'http://127.0.0.1:8080/pos/v10/payments',
    requestHeaders: { authorization: 'Bearer [redacted]', 'content-type': 'application/json' },
    requestBody: { amount: 125.5, currencyCode: 'DKK', orderId: 'order-1' },
    attempt: 1,
    durationMs: 42,
    status: 200,
    responseBody: { paymentId: 'f3a1c2d4' },
    ...overrides,
  };
}

/** A failure as the host reports it; an API refusal by default. */
export function makeFailure(overrides: Partial<BridgeFailure> = {}): BridgeFailure {
  return {
    code: 'pos.api',
    message: 'A payment is already active. Cancel it before starting a new one',
    apiCode: '1301',
    retryable: false,
    ...overrides,
  };
}

/** The adapter of a machine without Bluetooth, as the host reports it (EAFNOSUPPORT at load). */
export const noBluetooth: AdapterState = {
  kind: 'unsupported',
  reason: 'This system has no Bluetooth support',
  action: 'Plug in a Bluetooth LE adapter, or use the virtual radio (mode Auto or Virtual only).',
  detail: 'EAFNOSUPPORT',
};

/**
 * The till's hardware on a machine without Bluetooth (like the build machine): the virtual radio
 * advertises the PoS's beaconId one metre away, nothing scanned yet.
 */
export function makeHardware(
  overrides: Partial<Omit<HardwareView, 'state'>> & { readonly state?: Partial<BeaconHardwareState> } = {},
): HardwareView {
  const { state, ...rest } = overrides;
  return {
    state: {
      mode: 'auto',
      bluetooth: noBluetooth,
      radios: [
        {
          transport: 'virtual',
          address: '02:00:00:00:00:01',
          advertiser: { kind: 'powered-on', reason: 'The virtual radio is on', action: null, detail: null },
          scanner: { kind: 'powered-on', reason: 'The virtual radio is on', action: null, detail: null },
          advertising: true,
          scanning: false,
        },
      ],
      advertising: { kind: 'advertising', beaconId: '123456789012345', posName: 'Till 1', on: ['virtual'] },
      scanning: false,
      presence: { kind: 'unchecked' },
      distanceM: 1,
      virtualRadio: 'memory #1',
      notices: [
        {
          level: 'info',
          code: 'virtual-only',
          message: 'No Bluetooth: the beacon is on the virtual radio only.',
          action: null,
        },
      ],
      ...state,
    },
    beacons: [],
    advertise: true,
    beacon: { beaconId: '123456789012345', posName: 'Till 1' },
    beaconNote: null,
    ...rest,
  };
}

/** A beacon heard nearby: an iBeacon by default, heard a second before T0 + 10 s. */
export function makeSighting(overrides: Partial<BeaconSighting> = {}): BeaconSighting {
  return {
    id: 'ble:c0:ff:ee:00:00:01',
    transport: 'ble',
    address: 'c0:ff:ee:00:00:01',
    frame: {
      kind: 'ibeacon',
      uuid: 'f7826da6-4fa2-4e98-8024-bc5b71e0893e',
      major: 1,
      minor: 42,
      measuredPower: -59,
    },
    localName: 'Kontakt',
    rssi: -67,
    estimatedDistanceM: 2.4,
    firstSeenAt: T0,
    lastSeenAt: T0 + 9000,
    ...overrides,
  };
}

/** The phone's radio: virtual, three metres from the counter, nothing heard yet. */
export function makePhoneRadio(overrides: Partial<PhoneRadioView> = {}): PhoneRadioView {
  return {
    radios: [
      {
        transport: 'virtual',
        address: '02:00:00:00:00:02',
        advertiser: null,
        scanner: { kind: 'powered-on', reason: 'The virtual radio is on', action: null, detail: null },
        advertising: false,
        scanning: false,
      },
    ],
    scanning: false,
    distanceM: 3,
    notices: [],
    discovery: null,
    ...overrides,
  };
}

/** What the phone hears from the till of makePos() over the virtual radio. */
export const foundTill: NonNullable<PhoneRadioView['discovery']> = {
  kind: 'found',
  beaconId: '123456789012345',
  transport: 'virtual',
  address: '02:00:00:00:00:01',
  rssi: -63,
  estimatedDistanceM: 3,
  localName: 'Till 1',
};

export function makeStep(overrides: Partial<StepView> & Pick<StepView, 'id' | 'title'>): StepView {
  return {
    instruction: 'Onboard a PoS named "Certification PoS" on the certification store.',
    service: 'Lets the first POST /pointofsales time out.',
    judges: 'The retry carries the same idempotency key and no second PoS is created.',
    rule: 'api-principles.md, Idempotency',
    action: null,
    status: 'not-tested',
    reason: null,
    startedAt: null,
    endedAt: null,
    ...overrides,
  };
}

export function makeCase(overrides: Partial<CaseView> & Pick<CaseView, 'id' | 'title' | 'steps'>): CaseView {
  return {
    section: 'onboarding',
    description: 'Create a PoS and handle different retry scenarios',
    status: 'not-tested',
    ...overrides,
  };
}

/**
 * A session in its first step, as the embedded service starts it for the till of makeSettings():
 * onboarding (two cases) and payments (one case); the service waits for "Create a PoS (timeout)".
 */
export function makeSession(overrides: Partial<SessionView> = {}): SessionView {
  return {
    id: 'cert-1',
    identification: {
      clientSystemName: 'pos-sim',
      clientId: 'demo-client',
      clientSystemVersion: '1.4.2',
      merchantVat: 'DK90000028',
      callbackAlias: null,
      callbackUrl: null,
    },
    sections: ['onboarding', 'payments'],
    phase: 'certification',
    cases: [
      makeCase({
        id: 'onboarding-1',
        title: 'Onboard a PoS',
        status: 'in-progress',
        steps: [
          makeStep({
            id: 'onboarding-1.1',
            title: 'Create a PoS (timeout)',
            status: 'in-progress',
            startedAt: T0,
          }),
          makeStep({
            id: 'onboarding-1.2',
            title: 'Create a PoS (500 Internal Server Error)',
            service: 'Answers the first POST /pointofsales with a 500.',
          }),
          makeStep({ id: 'onboarding-1.3', title: 'Create a PoS', service: 'Creates the PoS.' }),
        ],
      }),
      makeCase({
        id: 'onboarding-2',
        title: 'Offboard a PoS',
        description: 'Offboard the PoS created in the previous step and handle different retry scenarios',
        steps: [
          makeStep({
            id: 'onboarding-2.1',
            title: 'Delete a PoS (timeout)',
            instruction: 'Offboard the PoS.',
            service: 'Lets the first DELETE /pointofsales/{posId} time out.',
          }),
        ],
      }),
      makeCase({
        id: 'payments-1',
        section: 'payments',
        title: 'Payment with check-in before initiate',
        description: 'The customer checks in, then the till asks for the amount',
        steps: [
          makeStep({
            id: 'payments-1.1',
            title: 'Initiate a payment of 10.00 DKK',
            instruction: 'Sell 10.00 DKK with MobilePay once the customer has checked in.',
            service: 'Checks the customer in, then accepts.',
            judges: 'Check-in is polled no faster than pollDelayInMs.',
            rule: 'api-principles.md, Polling',
          }),
        ],
      }),
    ],
    current: { caseId: 'onboarding-1', stepId: 'onboarding-1.1' },
    apiBaseUrl: 'http://127.0.0.1:8080/pos-self-certification-api',
    pollDelayMs: 1000,
    startedAt: T0,
    completedAt: null,
    passed: false,
    ...overrides,
  };
}

/** The session with some of its steps changed (status, reason, ...), each case's status left as given. */
export function patchSteps(
  session: SessionView,
  patches: Readonly<Record<string, Partial<StepView>>>,
  overrides: Partial<SessionView> = {},
): SessionView {
  return {
    ...session,
    cases: session.cases.map((item) => ({
      ...item,
      steps: item.steps.map((step) => ({ ...step, ...patches[step.id] })),
    })),
    ...overrides,
  };
}

/** The session with every step passed and completed. */
export function passedSession(overrides: Partial<SessionView> = {}): SessionView {
  const session = makeSession();
  return {
    ...session,
    cases: session.cases.map((item, index) => ({
      ...item,
      status: 'passed',
      steps: item.steps.map((step, n) => ({
        ...step,
        status: 'passed',
        startedAt: T0 + index * 10_000 + n * 1000,
        endedAt: T0 + index * 10_000 + n * 1000 + 500,
      })),
    })),
    phase: 'completed',
    current: null,
    completedAt: T0 + 60_000,
    passed: true,
    ...overrides,
  };
}

/** The till on its own settings: no certification. */
export function makeCertification(overrides: Partial<CertificationView> = {}): CertificationView {
  return { connected: false, serviceUrl: null, apiBaseUrl: null, session: null, problem: null, ...overrides };
}

/** The till linked to a session at the service (the embedded emulator's unless serviceUrl says). */
export function connectedCertification(
  overrides: Partial<Omit<CertificationView, 'serviceUrl'>> & { readonly serviceUrl?: string | null } = {},
): CertificationView {
  const serviceUrl = overrides.serviceUrl ?? 'http://127.0.0.1:8080';
  return {
    connected: true,
    apiBaseUrl: `${serviceUrl}/pos-self-certification-api`,
    session: makeSession(),
    problem: null,
    ...overrides,
    serviceUrl,
  };
}
