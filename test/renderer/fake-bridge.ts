// A fake PosSimBridge for the renderer's specs: every call answers a configurable result (a sensible
// default otherwise), records its arguments, can be held until the spec releases it, and the spec
// pushes host events with emit().
import { bridgeCallNames, type BridgeCallName } from '../../src/shared/bridge/channels.js';
import type {
  BridgeArgs,
  BridgeEvent,
  BridgeFailure,
  BridgeResult,
  BridgeResults,
  PosSimBridge,
} from '../../src/shared/bridge/index.js';
import {
  connectedCertification,
  foundTill,
  makeAppInfo,
  makeCertification,
  makeDisplay,
  makeFailure,
  makeHardware,
  makePayment,
  makePhone,
  makePhoneRadio,
  makePos,
  makeSettings,
  testUsers,
} from './fixtures.js';

type Answer<K extends BridgeCallName> = (args: BridgeArgs[K]) => BridgeResult<BridgeResults[K]>;

/** A call held by the spec: release it with a result when the spec is ready. */
export interface HeldCall<K extends BridgeCallName> {
  readonly args: BridgeArgs[K];
  resolve(value: BridgeResults[K]): void;
  fail(failure?: Partial<BridgeFailure>): void;
}

export type FakeBridge = PosSimBridge & {
  /** Answers every later call of `name` with this value (or the function's value for the args). */
  answer<K extends BridgeCallName>(
    name: K,
    value: BridgeResults[K] | ((args: BridgeArgs[K]) => BridgeResults[K]),
  ): void;
  /** Refuses every later call of `name` with this failure. */
  refuse<K extends BridgeCallName>(name: K, failure?: Partial<BridgeFailure>): void;
  /** Holds the next calls of `name` until the spec resolves them (see held()). */
  hold(name: BridgeCallName): void;
  held<K extends BridgeCallName>(name: K): HeldCall<K>[];
  /** The arguments of every call of `name` so far. */
  calls<K extends BridgeCallName>(name: K): BridgeArgs[K][];
  /** Pushes an event to every listener, as the host does. */
  emit(event: BridgeEvent): void;
  listenerCount(): number;
};

const ok = <T>(value: T): BridgeResult<T> => ({ ok: true, value });

/** What each call answers when the spec did not say. */
function defaults(): { [K in BridgeCallName]: Answer<K> } {
  const payment = makePayment();
  return {
    appInfo: () => ok(makeAppInfo()),
    windowOpen: () => ok({ opened: true, url: null }),
    settingsGet: () => ok(makeSettings()),
    settingsSave: () => ok(makeSettings()),
    posGet: () => ok(makePos()),
    posFindStores: () => ok([]),
    posOnboard: () => ok(makePos()),
    posOffboard: () => ok(null),
    paymentCurrent: () => ok(null),
    paymentStart: (args) => ok({ ...payment, amount: args.amount, currencyCode: args.currencyCode }),
    paymentPrepare: () =>
      ok(
        makePayment({
          flow: 'prepare',
          status: 'Prepared',
          amount: null,
          currencyCode: null,
          timeline: [{ status: 'Prepared', at: payment.createdAt }],
        }),
      ),
    paymentReady: (args) => ok({ ...payment, amount: args.amount, currencyCode: args.currencyCode }),
    paymentCapture: () => ok(payment),
    paymentCancel: () => ok(payment),
    paymentClear: () => ok(null),
    paymentGet: () => ok({ payment, refunds: [] }),
    paymentFind: () => ok({ payment, refunds: [] }),
    paymentsList: () => ok([]),
    refundCreate: () => refused(),
    refundCapture: () => refused(),
    refundCancel: () => refused(),
    logList: () => ok([]),
    logClear: () => ok(null),
    displayGet: () => ok(makeDisplay()),
    phoneUsers: () => ok(testUsers),
    phoneGet: () => ok(makePhone()),
    phoneCheckIn: () => ok(makePhone()),
    phoneAccept: () => ok(makePhone()),
    phoneDecline: () => ok(makePhone()),
    phoneAutoAccept: (args) => ok(makePhone({ autoAcceptSeconds: args.seconds })),
    phoneRadioGet: () => ok(makePhoneRadio()),
    phoneDiscover: () => ok(makePhoneRadio({ discovery: foundTill })),
    phoneSetDistance: (args) => ok(makePhoneRadio({ distanceM: args.meters })),
    hardwareGet: () => ok(makeHardware()),
    hardwareSetMode: (args) => ok(makeHardware({ state: { mode: args.mode } })),
    hardwareAdvertise: (args) => ok(makeHardware({ advertise: args.on })),
    hardwareScan: (args) => ok(makeHardware({ state: { scanning: args.on } })),
    hardwareUseBeacon: (args) =>
      ok({
        kind: 'adopted',
        beaconId: 'f7826da6-4fa2-4e98-8024-bc5b71e0893e',
        sightingId: args.sightingId,
        note: 'The PoS setup takes this beacon id when the till is onboarded.',
      }),
    hardwareCheckPresence: () => ok(makeHardware()),
    hardwareSetDistance: (args) => ok(makeHardware({ state: { distanceM: args.meters } })),
    certificationGet: () => ok(makeCertification()),
    certificationStart: (args) => ok(connectedCertification({ serviceUrl: args.serviceUrl })),
    certificationRestart: () => ok(connectedCertification()),
    certificationStop: () => ok(makeCertification()),
  };
}

function refused(failure: Partial<BridgeFailure> = {}): { ok: false; error: BridgeFailure } {
  return { ok: false, error: makeFailure(failure) };
}

/** A fresh fake bridge with the default answers. */
export function createFakeBridge(): FakeBridge {
  const answers = defaults() as Record<BridgeCallName, (args: unknown) => BridgeResult<unknown>>;
  const recorded = new Map<BridgeCallName, unknown[]>();
  const holding = new Set<BridgeCallName>();
  const heldCalls = new Map<BridgeCallName, HeldCall<BridgeCallName>[]>();
  const listeners = new Set<(event: BridgeEvent) => void>();

  const call =
    (name: BridgeCallName) =>
    (args: unknown = {}) => {
      recorded.set(name, [...(recorded.get(name) ?? []), args]);
      if (!holding.has(name)) return Promise.resolve(answers[name](args));
      return new Promise<BridgeResult<unknown>>((resolve) => {
        const held = {
          args,
          resolve: (value: unknown) => resolve(ok(value)),
          fail: (failure: Partial<BridgeFailure> = {}) => resolve(refused(failure)),
        } as HeldCall<BridgeCallName>;
        heldCalls.set(name, [...(heldCalls.get(name) ?? []), held]);
      });
    };

  const bridge = Object.fromEntries(
    bridgeCallNames.map((name) => [name, call(name)]),
  ) as unknown as PosSimBridge;
  return Object.assign(bridge, {
    onEvent(listener: (event: BridgeEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    answer(name: BridgeCallName, value: unknown) {
      answers[name] = (args) =>
        ok(typeof value === 'function' ? (value as (a: unknown) => unknown)(args) : value);
    },
    refuse(name: BridgeCallName, failure: Partial<BridgeFailure> = {}) {
      answers[name] = () => refused(failure);
    },
    hold(name: BridgeCallName) {
      holding.add(name);
    },
    held: (name: BridgeCallName) => heldCalls.get(name) ?? [],
    calls: (name: BridgeCallName) => recorded.get(name) ?? [],
    emit(event: BridgeEvent) {
      for (const listener of listeners) listener(event);
    },
    listenerCount: () => listeners.size,
  }) as FakeBridge;
}
