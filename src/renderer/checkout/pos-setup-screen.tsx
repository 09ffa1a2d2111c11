// The PoS setup tab: the till's current point of sale, offboarding it (after a confirmation), or
// the onboarding wizard when there is none (or it was offboarded). A beaconId read from a beacon on
// the Beacon tab prefills the wizard and is forgotten once a till is onboarded.
// Test ids: pos-current, pos-id, pos-beacon-id, pos-offboard, pos-offboard-confirm, pos-offboard-keep,
// pos-not-created, pos-adopted-beacon, pos-adopted-forget,
// plus the wizard's (onboard-*).
import { useState } from 'react';
import type { PosView } from '../../shared/bridge/index.js';
import { FailureMessage } from '../components/messages.js';
import { useAppStore } from '../stores/app-store.js';
import { useHardwareStore } from '../stores/hardware-store.js';
import { usePosStore } from '../stores/pos-store.js';
import { OnboardingWizard } from './onboarding-wizard.js';

/** The facts of the onboarded PoS. */
function PosFacts({ pos }: { readonly pos: PosView }) {
  const rows: readonly [string, string, string?][] = [
    ['PoS id', pos.posId ?? 'not created at MobilePay', 'pos-id'],
    ['Name', pos.posName],
    ['Merchant PoS id', pos.merchantPosId],
    ['Store id', pos.storeId],
    ['Beacon id', pos.beaconId ?? 'assigned by MobilePay', 'pos-beacon-id'],
    ['Beacon types', pos.supportedBeaconTypes.join(', ')],
    ['Callback alias', pos.callbackAlias ?? 'none'],
    ['Payment before check-in', pos.requirePaymentBeforeCheckin ? 'required' : 'not required'],
    ['Merchant VAT', pos.merchantVat],
  ];
  return (
    <dl className="facts">
      {rows.map(([term, value, testId]) => (
        <div key={term} className="fact">
          <dt>{term}</dt>
          <dd data-testid={testId} className={testId ? 'mono' : undefined}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A beaconId read from a beacon while this till is onboarded: it only takes effect by onboarding. */
function AdoptedBeaconNote({ beaconId }: { readonly beaconId: string }) {
  const clearAdopted = useHardwareStore((state) => state.clearAdopted);
  return (
    <div className="notice-line" data-testid="pos-adopted-beacon">
      <p>
        Beacon id <span className="mono">{beaconId}</span> was read from a beacon nearby. A till takes its
        beacon id when it is onboarded: offboard this till and set it up again to use it.
      </p>
      <button type="button" className="button" data-testid="pos-adopted-forget" onClick={clearAdopted}>
        Forget it
      </button>
    </div>
  );
}

/** The PoS setup screen. */
export function PosSetupScreen() {
  const { pos, loaded, busy, error, onboard, offboard } = usePosStore();
  const merchantVat = useAppStore((state) => state.settings?.merchantVat ?? null);
  const adoptedBeaconId = useHardwareStore((state) => state.adoptedBeaconId);
  const [confirming, setConfirming] = useState(false);

  if (!loaded) return <p className="empty">Loading the point of sale…</p>;
  // Offboarded (the configuration is kept, the PoS no longer exists at MobilePay) or never set up.
  if (pos === null || pos.posId === null)
    return (
      <>
        {pos !== null && (
          <p className="notice-line" data-testid="pos-not-created">
            {pos.posName} ({pos.merchantPosId}) is not created at MobilePay: onboard this till again.
          </p>
        )}
        <FailureMessage failure={error} />
        <OnboardingWizard
          merchantVat={merchantVat}
          busy={busy !== null}
          adoptedBeaconId={adoptedBeaconId}
          onOnboard={(input) =>
            void onboard(input).then((ok) => ok && useHardwareStore.getState().clearAdopted())
          }
        />
      </>
    );
  return (
    <section aria-labelledby="pos-title" data-testid="pos-current">
      <h2 id="pos-title">This till: {pos.posName}</h2>
      <PosFacts pos={pos} />
      {adoptedBeaconId !== null && adoptedBeaconId !== pos.beaconId ? (
        <AdoptedBeaconNote beaconId={adoptedBeaconId} />
      ) : null}
      <FailureMessage failure={error} />
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-labelledby="offboard-question">
          <p id="offboard-question">
            Offboard {pos.posName}? MobilePay deletes the point of sale; customers can no longer pay here
            until the till is set up again.
          </p>
          <button
            type="button"
            className="button danger"
            data-testid="pos-offboard-confirm"
            disabled={busy !== null}
            onClick={() => void offboard().then(() => setConfirming(false))}
          >
            Yes, offboard
          </button>
          <button
            type="button"
            className="button"
            data-testid="pos-offboard-keep"
            autoFocus
            onClick={() => setConfirming(false)}
          >
            Keep it
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button danger"
          data-testid="pos-offboard"
          onClick={() => setConfirming(true)}
        >
          Offboard this till
        </button>
      )}
    </section>
  );
}
