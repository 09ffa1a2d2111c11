// The phone's Bluetooth: walk towards or away from the counter (the virtual radio's distance), listen
// for the till's beacon, and check in at the till it heard, the way a customer's phone does without
// scanning the QR code. The confirmation (brand, store, PoS) is the phone window's, as for the QR.
// Test ids: phone-ble, phone-ble-notices (-item), phone-ble-radio, phone-distance, phone-distance-value,
// phone-ble-find, phone-ble-error, phone-ble-found, phone-ble-not-found, phone-ble-checkin.
import { useEffect } from 'react';
import type { PhoneRadioView } from '../../shared/bridge/index.js';
import { DistanceSlider } from '../components/distance-slider.js';
import { HardwareNotices } from '../components/hardware-notices.js';
import { FailureMessage } from '../components/messages.js';
import { distanceText, transportWords } from '../lib/hardware-words.js';
import { useHardwareStore } from '../stores/hardware-store.js';
import { usePhoneStore } from '../stores/phone-store.js';

type Found = Extract<NonNullable<PhoneRadioView['discovery']>, { kind: 'found' }>;

/** The till the phone heard, and the button that checks in there. */
function FoundTill({ found }: { readonly found: Found }) {
  const busy = usePhoneStore((state) => state.busy);
  const selected = usePhoneStore((state) => state.selected);
  const checkInByBluetooth = usePhoneStore((state) => state.checkInByBluetooth);
  return (
    <div className="phone-ble-found" data-testid="phone-ble-found">
      <p className="phone-brand">{found.localName ?? 'A till nearby'}</p>
      <p className="mono">{found.beaconId}</p>
      <p className="hint">
        {found.rssi} dBm · {distanceText(found.estimatedDistanceM)} · {transportWords[found.transport]}
      </p>
      <button
        type="button"
        className="button primary big"
        data-testid="phone-ble-checkin"
        disabled={busy !== null || selected === null}
        onClick={() => void checkInByBluetooth(found.beaconId)}
      >
        Check in by Bluetooth
      </button>
    </div>
  );
}

/** The phone's Bluetooth section. */
export function PhoneBluetooth() {
  const { radio, busy, error, discover, setPhoneDistance } = useHardwareStore();
  useEffect(() => {
    const store = useHardwareStore.getState();
    if (store.radio === null) void store.loadRadio();
  }, []);

  const discovery = radio?.discovery ?? null;
  const radios = radio?.radios ?? [];
  return (
    <section className="phone-card phone-ble" data-testid="phone-ble" aria-labelledby="phone-ble-title">
      <h2 id="phone-ble-title">Bluetooth</h2>
      {radio ? <HardwareNotices notices={radio.notices} testId="phone-ble-notices" /> : null}
      <p className="hint" data-testid="phone-ble-radio">
        {radio === null
          ? 'Starting the radio…'
          : radios.length === 0
            ? 'This phone has no radio.'
            : `Radio: ${radios.map((r) => transportWords[r.transport]).join(', ')}`}
      </p>
      {radio !== null && radio.distanceM !== null ? (
        <DistanceSlider
          label="Distance to the till"
          meters={radio.distanceM}
          onCommit={setPhoneDistance}
          testId="phone-distance"
        />
      ) : null}
      <button
        type="button"
        className="button big"
        data-testid="phone-ble-find"
        disabled={busy === 'discover'}
        onClick={() => void discover()}
      >
        {busy === 'discover' ? 'Listening for tills…' : 'Find tills nearby'}
      </button>
      <FailureMessage failure={error} testId="phone-ble-error" />
      {discovery?.kind === 'found' ? <FoundTill found={discovery} /> : null}
      {discovery?.kind === 'not-found' ? (
        <p className="problem" role="alert" data-testid="phone-ble-not-found">
          {discovery.reason}
        </p>
      ) : null}
    </section>
  );
}
