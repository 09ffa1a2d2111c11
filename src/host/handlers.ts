// Every bridge call of the contract, implemented on the host's runtime. Arguments arrive parsed
// (dispatch checked them against the contract); each handler answers a view or throws, and dispatch
// turns a throw into a failure result. Calls that change money wait for start-up recovery first.
import type { PhoneState } from '../shared/bridge/index.js';
import { applyPos } from './default-pos.js';
import type { HostRuntime } from './host-runtime.js';
import { API_ID_PREFIX } from './payment-lookup.js';
import type { BridgeHandlers } from './types.js';
import { posView, refundView, storeView } from './views.js';

/** What the phone shows when there is no till to shop at (no session). */
function idlePhone(runtime: HostRuntime): PhoneState {
  return {
    phoneNumber: null,
    checkedIn: null,
    pending: null,
    autoAcceptSeconds: runtime.autoAcceptSeconds,
    lastAction: null,
  };
}

/** The handlers of every call, bound to one runtime. */
export function buildHandlers(runtime: HostRuntime): BridgeHandlers {
  const till = () => runtime.till();
  const ready = () => runtime.readyTill();

  return {
    appInfo: async () => runtime.appInfo(),
    windowOpen: async ({ window, fullScreen }) => runtime.options.openWindow(window, fullScreen ?? false),

    settingsGet: async () => runtime.settingsView(),
    settingsSave: (input) => runtime.saveSettings(input),

    posGet: async () => till().pos(),
    posFindStores: async (query) => (await (await ready()).engine.findStores(query)).map(storeView),
    async posOnboard(input) {
      const session = await ready();
      session.checkout.assertIdle();
      const config = await applyPos(session.engine, input, session.merchantVat);
      await session.posChanged();
      return posView(config);
    },
    async posOffboard() {
      const session = await ready();
      session.checkout.assertIdle();
      const config = await session.engine.offboard();
      await session.posChanged();
      return posView(config);
    },

    async paymentCurrent() {
      const session = till();
      session.checkout.resume();
      return session.currentView();
    },
    paymentStart: async (args) => {
      const session = await ready();
      return session.emitPayment(await session.checkout.start(args));
    },
    paymentPrepare: async ({ orderId }) => {
      const session = await ready();
      return session.emitPayment(await session.checkout.prepare(orderId));
    },
    paymentReady: async (args) => {
      const session = await ready();
      return session.emitPayment(await session.checkout.ready(args));
    },
    paymentCapture: async ({ journalId, amount }) => {
      const session = await ready();
      return session.emitPayment(await session.checkout.capture(journalId, amount));
    },
    paymentCancel: async ({ journalId }) => {
      const session = await ready();
      return session.emitPayment(await session.checkout.cancel(journalId));
    },
    async paymentClear() {
      till().checkout.clear();
      return null;
    },
    paymentGet: async ({ journalId }) => {
      const session = till();
      if (journalId.startsWith(API_ID_PREFIX))
        return session.lookup.find({ paymentId: journalId.slice(API_ID_PREFIX.length) });
      return session.lookup.detail(journalId);
    },
    paymentFind: async (query) => (await ready()).lookup.find(query),
    paymentsList: async (filter) => till().lookup.list(filter),

    refundCreate: async ({ paymentJournalId, amount }) => {
      const session = await ready();
      const refund = await session.refunds.create(paymentJournalId, amount);
      return refundView(session.engine.journal, refund);
    },
    refundCapture: async ({ journalId }) => {
      const session = await ready();
      return refundView(session.engine.journal, await session.refunds.capture(journalId));
    },
    refundCancel: async ({ journalId }) => {
      const session = await ready();
      return refundView(session.engine.journal, await session.refunds.cancel(journalId));
    },

    logList: async ({ limit }) => runtime.log.list(limit),
    async logClear() {
      runtime.log.clear();
      return null;
    },

    displayGet: async () => runtime.display.current(),

    phoneUsers: async () => till().phone.users(),
    async phoneGet() {
      try {
        return till().phone.state();
      } catch {
        return idlePhone(runtime);
      }
    },
    phoneCheckIn: async ({ phoneNumber, beaconId, via }) => {
      const phone = till().phone;
      if (via === 'qr') return phone.checkIn({ phoneNumber, beaconId });
      await runtime.beacons.checkInByBluetooth({ phoneId: phoneNumber, beaconId }, () =>
        phone.checkIn({ phoneNumber, beaconId }),
      );
      // The phone's state now, not as it was at the check-in: the till may have issued the payment
      // (pushed as an event) while the token was being written, and the screen keeps the last answer.
      return phone.state();
    },
    phoneAccept: async () => till().phone.accept(),
    phoneDecline: async () => till().phone.decline(),
    async phoneAutoAccept({ seconds }) {
      runtime.autoAcceptSeconds = seconds;
      try {
        return till().phone.setAutoAccept(seconds);
      } catch {
        return idlePhone(runtime);
      }
    },
    phoneRadioGet: async () => runtime.beacons.phoneView(),
    phoneDiscover: async ({ withinMs }) =>
      runtime.beacons.discover(withinMs === undefined ? {} : { withinMs }),
    phoneSetDistance: async ({ meters }) => runtime.beacons.setPhoneDistance(meters),

    hardwareGet: async () => runtime.beacons.view(),
    hardwareSetMode: ({ mode }) => runtime.beacons.setMode(mode),
    hardwareAdvertise: ({ on }) => runtime.beacons.setAdvertise(on),
    hardwareScan: ({ on }) => runtime.beacons.setScanning(on),
    hardwareUseBeacon: async ({ sightingId }) => runtime.beacons.useBeacon(sightingId),
    hardwareCheckPresence: ({ withinMs }) => runtime.beacons.checkPresence(withinMs),
    hardwareSetDistance: async ({ meters }) => runtime.beacons.setDistance(meters),

    certificationGet: () => runtime.certification.refresh(),
    certificationStart: (request) => runtime.certification.start(request),
    certificationRestart: () => runtime.certification.restart(),
    certificationStop: () => runtime.certification.stop(),
  };
}
