// What each bridge call answers. Keyed by the same names as the channels, checked by the compiler.
import type { BeaconAdoption } from '../hardware.js';
import type { BridgeCallName } from './channels.js';
import type {
  AppInfo,
  CertificationView,
  DisplayState,
  ExchangeView,
  HardwareView,
  PhoneRadioView,
  PaymentDetail,
  PaymentView,
  PhoneState,
  PosView,
  RefundView,
  SettingsView,
  StoreView,
  TestUserView,
  BridgeFailure,
} from './views.js';

export interface BridgeResults {
  appInfo: AppInfo;
  /** Electron opened (or focused) the window; web mode answers the route for the renderer to open. */
  windowOpen: { readonly opened: boolean; readonly url: string | null };

  settingsGet: SettingsView;
  settingsSave: SettingsView;

  posGet: PosView | null;
  posFindStores: readonly StoreView[];
  posOnboard: PosView;
  posOffboard: PosView | null;

  paymentCurrent: PaymentView | null;
  paymentStart: PaymentView;
  paymentPrepare: PaymentView;
  paymentReady: PaymentView;
  paymentCapture: PaymentView;
  paymentCancel: PaymentView;
  paymentClear: null;
  paymentGet: PaymentDetail;
  paymentFind: PaymentDetail;
  paymentsList: readonly PaymentView[];

  refundCreate: RefundView;
  refundCapture: RefundView;
  refundCancel: RefundView;

  logList: readonly ExchangeView[];
  logClear: null;

  displayGet: DisplayState;

  phoneUsers: readonly TestUserView[];
  phoneGet: PhoneState;
  phoneCheckIn: PhoneState;
  phoneAccept: PhoneState;
  phoneDecline: PhoneState;
  phoneAutoAccept: PhoneState;
  phoneRadioGet: PhoneRadioView;
  phoneDiscover: PhoneRadioView;
  phoneSetDistance: PhoneRadioView;

  hardwareGet: HardwareView;
  hardwareSetMode: HardwareView;
  hardwareAdvertise: HardwareView;
  hardwareScan: HardwareView;
  hardwareUseBeacon: BeaconAdoption;
  hardwareCheckPresence: HardwareView;
  hardwareSetDistance: HardwareView;

  certificationGet: CertificationView;
  certificationStart: CertificationView;
  certificationRestart: CertificationView;
  certificationStop: CertificationView;
}

/** Every call answers a result object instead of throwing across IPC or HTTP. */
export type BridgeResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BridgeFailure };

// The compiler proves the result map and the channel list name the same calls.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const resultsCoverChannels: Exactly<keyof BridgeResults, BridgeCallName> = true;
