// What the host pushes to every window on BRIDGE_EVENT_CHANNEL: whole views, so a store just
// replaces what it holds; tagged by `kind`.
import type {
  BridgeFailure,
  CertificationView,
  DisplayState,
  ExchangeView,
  HardwareView,
  PhoneRadioView,
  PaymentView,
  PhoneState,
  PosView,
  RefundView,
  SettingsView,
} from './views.js';

export type BridgeEvent =
  | { readonly kind: 'payment'; readonly payment: PaymentView }
  | { readonly kind: 'refund'; readonly refund: RefundView }
  | {
      readonly kind: 'checkin';
      readonly posId: string;
      readonly isUserCheckedIn: boolean;
      readonly loyaltyIds: readonly string[] | null;
    }
  | { readonly kind: 'exchange'; readonly exchange: ExchangeView }
  | { readonly kind: 'display'; readonly display: DisplayState }
  | { readonly kind: 'phone'; readonly phone: PhoneState }
  | { readonly kind: 'phone-radio'; readonly radio: PhoneRadioView }
  | { readonly kind: 'hardware'; readonly hardware: HardwareView }
  | { readonly kind: 'certification'; readonly certification: CertificationView }
  | { readonly kind: 'pos'; readonly pos: PosView | null }
  | { readonly kind: 'settings'; readonly settings: SettingsView }
  | {
      readonly kind: 'notice';
      readonly at: number;
      readonly topic: string;
      readonly message: string;
    }
  | { readonly kind: 'error'; readonly at: number; readonly topic: string; readonly error: BridgeFailure };

export type BridgeEventKind = BridgeEvent['kind'];
