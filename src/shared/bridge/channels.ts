// The bridge's calls by name and IPC channel (`domain:verb`). This file is the one list of calls:
// argument schemas, result types, main's handlers, the preload and the web bridge are keyed by it.
// It stays free of zod so the renderer can import it without pulling the validators into its bundle.

export const bridgeChannels = {
  appInfo: 'app:info',
  windowOpen: 'window:open',

  settingsGet: 'settings:get',
  settingsSave: 'settings:save',

  posGet: 'pos:get',
  posFindStores: 'pos:find-stores',
  posOnboard: 'pos:onboard',
  posOffboard: 'pos:offboard',

  paymentCurrent: 'payment:current',
  paymentStart: 'payment:start',
  paymentPrepare: 'payment:prepare',
  paymentReady: 'payment:ready',
  paymentCapture: 'payment:capture',
  paymentCancel: 'payment:cancel',
  paymentClear: 'payment:clear',
  paymentGet: 'payment:get',
  paymentFind: 'payment:find',
  paymentsList: 'payments:list',

  refundCreate: 'refund:create',
  refundCapture: 'refund:capture',
  refundCancel: 'refund:cancel',

  logList: 'log:list',
  logClear: 'log:clear',

  displayGet: 'display:get',

  phoneUsers: 'phone:users',
  phoneGet: 'phone:get',
  phoneCheckIn: 'phone:check-in',
  phoneAccept: 'phone:accept',
  phoneDecline: 'phone:decline',
  phoneAutoAccept: 'phone:auto-accept',
  phoneRadioGet: 'phone:radio-get',
  phoneDiscover: 'phone:discover',
  phoneSetDistance: 'phone:set-distance',

  hardwareGet: 'hardware:get',
  hardwareSetMode: 'hardware:set-mode',
  hardwareAdvertise: 'hardware:advertise',
  hardwareScan: 'hardware:scan',
  hardwareUseBeacon: 'hardware:use-beacon',
  hardwareCheckPresence: 'hardware:check-presence',
  hardwareSetDistance: 'hardware:set-distance',

  certificationGet: 'certification:get',
  certificationStart: 'certification:start',
  certificationRestart: 'certification:restart',
  certificationStop: 'certification:stop',
} as const;

export type BridgeCallName = keyof typeof bridgeChannels;

/** Every call name, in the contract's order. */
export const bridgeCallNames = Object.keys(bridgeChannels) as BridgeCallName[];

/** The one channel on which the host pushes events (payment states, log lines, display updates). */
export const BRIDGE_EVENT_CHANNEL = 'bridge:event';
