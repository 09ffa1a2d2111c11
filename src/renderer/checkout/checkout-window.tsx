// The checkout window: a header (PoS, backend, the beacon chip, the certification chip while the till
// is being certified, buttons that open the customer display and the phone simulator), the host's
// notices, and the tabs. The tab follows the URL hash (#refunds) so a tester or an end-to-end test
// can link straight to one.
// Test ids: checkout-window, header-pos, beacon-chip, certification-chip, open-customer-display,
// open-phone, tab-<id>, tabpanel-<id> with id one of checkout, prepared, refunds, pos, beacon,
// transactions, log, certification, settings.
import { useEffect, useState, type ReactNode } from 'react';
import { FailureMessage, Notices } from '../components/messages.js';
import { Tabs, type TabSpec } from '../components/tabs.js';
import { useAppStore } from '../stores/app-store.js';
import { useCertificationStore } from '../stores/certification-store.js';
import { useHardwareStore } from '../stores/hardware-store.js';
import { usePaymentStore } from '../stores/payment-store.js';
import { usePosStore } from '../stores/pos-store.js';
import { BeaconChip } from './beacon-chip.js';
import { CertificationChip } from './certification-chip.js';
import { CertificationScreen } from './certification-screen.js';
import { CheckoutScreen } from './checkout-screen.js';
import { HardwareScreen } from './hardware-screen.js';
import { HttpLogScreen } from './http-log-screen.js';
import { PosSetupScreen } from './pos-setup-screen.js';
import { PreparedScreen } from './prepared-screen.js';
import { RefundsScreen } from './refunds-screen.js';
import { SettingsScreen } from './settings-screen.js';
import { TransactionsScreen } from './transactions-screen.js';

/** The checkout window's tabs. */
export type CheckoutTab =
  | 'checkout'
  | 'prepared'
  | 'refunds'
  | 'pos'
  | 'beacon'
  | 'transactions'
  | 'log'
  | 'certification'
  | 'settings';

const tabs: readonly TabSpec<CheckoutTab>[] = [
  { id: 'checkout', label: 'Checkout' },
  { id: 'prepared', label: 'Prepared payment' },
  { id: 'refunds', label: 'Refunds' },
  { id: 'pos', label: 'PoS setup' },
  { id: 'beacon', label: 'Beacon' },
  { id: 'transactions', label: 'Transactions' },
  { id: 'log', label: 'HTTP log' },
  { id: 'certification', label: 'Certification' },
  { id: 'settings', label: 'Settings' },
];

/** Each tab's screen; `open` lets a screen send the cashier to another tab. */
const screens: Readonly<Record<CheckoutTab, (open: (tab: CheckoutTab) => void) => ReactNode>> = {
  checkout: () => <CheckoutScreen />,
  prepared: () => <PreparedScreen />,
  refunds: () => <RefundsScreen />,
  pos: () => <PosSetupScreen />,
  beacon: (open) => <HardwareScreen onOpenSetup={() => open('pos')} />,
  transactions: () => <TransactionsScreen />,
  log: () => <HttpLogScreen />,
  certification: () => <CertificationScreen />,
  settings: () => <SettingsScreen />,
};

/** The tab named by a URL hash, or the checkout. */
export function tabFromHash(hash: string): CheckoutTab {
  const id = hash.replace(/^#/, '');
  return tabs.find((tab) => tab.id === id)?.id ?? 'checkout';
}

/** The header: which till, which backend, its beacon, and the other windows. */
function Header({
  onOpenBeacon,
  onOpenCertification,
}: {
  readonly onOpenBeacon: () => void;
  readonly onOpenCertification: () => void;
}) {
  const pos = usePosStore((state) => state.pos);
  const info = useAppStore((state) => state.info);
  const busy = useAppStore((state) => state.busy);
  const error = useAppStore((state) => state.error);
  const openWindow = useAppStore((state) => state.openWindow);
  return (
    <header className="app-header">
      <h1>MobilePay till</h1>
      <p className="header-pos" data-testid="header-pos">
        {pos ? `${pos.posName} (${pos.merchantPosId})` : 'Not set up'}
        {info ? <span className="header-backend"> · {info.backend.kind} backend</span> : null}
      </p>
      <div className="header-actions">
        <CertificationChip onOpen={onOpenCertification} />
        <BeaconChip onOpen={onOpenBeacon} />
        <button
          type="button"
          className="button"
          data-testid="open-customer-display"
          disabled={busy === 'open-customer'}
          onClick={() => void openWindow('customer')}
        >
          Customer display
        </button>
        <button
          type="button"
          className="button"
          data-testid="open-phone"
          disabled={busy === 'open-phone'}
          onClick={() => void openWindow('phone')}
        >
          Phone simulator
        </button>
      </div>
      <FailureMessage failure={error} testId="app-error" />
    </header>
  );
}

/** The cashier's window. */
export function CheckoutWindow() {
  const [tab, setTab] = useState<CheckoutTab>(() => tabFromHash(window.location.hash));
  useEffect(() => {
    void useAppStore.getState().load();
    void usePosStore.getState().load();
    void usePaymentStore.getState().load();
    void useHardwareStore.getState().load();
    // At once, not when the tab opens: the header's chip must say whether the till is being certified.
    void useCertificationStore.getState().load();
    const onHash = () => setTab(tabFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const select = (next: CheckoutTab) => {
    setTab(next);
    window.history.replaceState(null, '', `#${next}`);
  };
  return (
    <div className="window checkout-window" data-testid="checkout-window">
      <Header onOpenBeacon={() => select('beacon')} onOpenCertification={() => select('certification')} />
      <Notices />
      <main>
        <Tabs label="Till sections" tabs={tabs} selected={tab} onSelect={select}>
          {screens[tab](select)}
        </Tabs>
      </main>
    </div>
  );
}
