// The Beacon tab: the till's beacon hardware for the hardware lab. Which radios to use (mode), the
// Bluetooth adapter's state with its reason and what to do, the radios in use, advertising the PoS's
// beaconId, the start-up check that a beacon in the room is heard, the virtual radio's distance, and
// the beacons nearby (BeaconList). The host's notices come first: they say when customers can only
// use the QR code.
// Test ids: hardware-screen, hardware-notices (-item, data-level, data-code), hardware-mode
// (-auto, -ble, -virtual, -off), hardware-bluetooth (data-kind), hardware-bluetooth-reason,
// hardware-bluetooth-action, hardware-bluetooth-detail, hardware-radio (data-transport),
// hardware-virtual-radio, hardware-distance, hardware-distance-value, hardware-advertise,
// hardware-beacon, hardware-advertising (data-kind), hardware-presence (data-kind),
// hardware-check-presence, plus the beacon list's (hardware-scan, hardware-beacon-row, ...).
import { useEffect } from 'react';
import type { AdapterState, HardwareView, RadioStatus } from '../../shared/bridge/index.js';
import { ChoiceGroup } from '../components/choice-group.js';
import { DistanceSlider } from '../components/distance-slider.js';
import { HardwareNotices } from '../components/hardware-notices.js';
import { FailureMessage } from '../components/messages.js';
import {
  adapterKindWords,
  advertisingText,
  modeWords,
  presenceText,
  transportWords,
} from '../lib/hardware-words.js';
import { useHardwareStore } from '../stores/hardware-store.js';
import { BeaconList } from './beacon-list.js';

const modes = (['auto', 'ble', 'virtual', 'off'] as const).map((value) => ({
  value,
  label: modeWords[value],
}));

/** The real Bluetooth adapter: its state in words, why, and what the tester can do about it. */
function BluetoothAdapter({ adapter }: { readonly adapter: AdapterState | null }) {
  if (adapter === null)
    return (
      <p className="hint" data-testid="hardware-bluetooth" data-kind="not-used">
        Bluetooth is not used in this mode.
      </p>
    );
  return (
    <div
      className={adapter.kind === 'powered-on' ? 'adapter' : 'adapter warning'}
      data-testid="hardware-bluetooth"
      data-kind={adapter.kind}
    >
      <p className="adapter-state">
        Bluetooth adapter: <strong>{adapterKindWords[adapter.kind]}</strong>
      </p>
      <p data-testid="hardware-bluetooth-reason">{adapter.reason}</p>
      {adapter.action ? (
        <p className="adapter-action" data-testid="hardware-bluetooth-action">
          <strong>What to do: </strong>
          {adapter.action}
        </p>
      ) : null}
      {adapter.detail ? (
        <p className="mono hint" data-testid="hardware-bluetooth-detail">
          {adapter.detail}
        </p>
      ) : null}
    </div>
  );
}

/** A role's adapter when it is not simply on ("scanner: Switched off"). */
function roleProblem(role: string, adapter: AdapterState | null): string | null {
  return adapter === null || adapter.kind === 'powered-on'
    ? null
    : `${role}: ${adapterKindWords[adapter.kind]}`;
}

/** The radios in use, per transport. */
function Radios({
  radios,
  virtualRadio,
}: {
  readonly radios: readonly RadioStatus[];
  readonly virtualRadio: string | null;
}) {
  return (
    <>
      {radios.length === 0 ? (
        <p className="empty">No radio is in use: customers can only scan the QR code.</p>
      ) : (
        <table className="table radios">
          <thead>
            <tr>
              <th scope="col">Radio</th>
              <th scope="col">Address</th>
              <th scope="col">Advertising</th>
              <th scope="col">Scanning</th>
            </tr>
          </thead>
          <tbody>
            {radios.map((radio) => {
              const problems = [
                roleProblem('advertiser', radio.advertiser),
                roleProblem('scanner', radio.scanner),
              ];
              return (
                <tr key={radio.transport} data-testid="hardware-radio" data-transport={radio.transport}>
                  <td>
                    {transportWords[radio.transport]}
                    {problems.map((problem) =>
                      problem ? (
                        <span key={problem} className="hint radio-problem">
                          {problem}
                        </span>
                      ) : null,
                    )}
                  </td>
                  <td className="mono nowrap">{radio.address ?? '—'}</td>
                  <td>{radio.advertising ? 'on the air' : 'off'}</td>
                  <td>{radio.scanning ? 'listening' : 'off'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {virtualRadio ? (
        <p className="hint" data-testid="hardware-virtual-radio">
          Virtual radio: <span className="mono">{virtualRadio}</span>
        </p>
      ) : null}
    </>
  );
}

/** Advertising the PoS's beaconId, or checking that a beacon in the room carries it. */
function Advertising({ view, busy }: { readonly view: HardwareView; readonly busy: string | null }) {
  const { advertise, checkPresence } = useHardwareStore.getState();
  const { advertising, presence } = view.state;
  return (
    <section aria-labelledby="advertising-title">
      <h2 id="advertising-title">Advertising</h2>
      <label className="check">
        <input
          type="checkbox"
          data-testid="hardware-advertise"
          checked={view.advertise}
          disabled={busy === 'advertise'}
          onChange={(event) => void advertise(event.target.checked)}
        />
        This till advertises its beacon id
      </label>
      <p className="hint">
        {view.advertise
          ? 'Phones nearby hear the till itself.'
          : 'Off: a beacon in the room carries the beacon id; the till only checks that it is heard.'}
      </p>
      <p data-testid="hardware-beacon">
        {view.beacon ? (
          <>
            Beacon id <span className="mono">{view.beacon.beaconId}</span> of {view.beacon.posName}
          </>
        ) : (
          (view.beaconNote ?? 'No beacon id to advertise.')
        )}
      </p>
      <p
        className={advertising.kind === 'failed' ? 'warning' : undefined}
        data-testid="hardware-advertising"
        data-kind={advertising.kind}
      >
        {advertisingText(advertising)}
      </p>
      <h3>Beacon presence</h3>
      <p
        className={presence.kind === 'missing' || presence.kind === 'unavailable' ? 'warning' : undefined}
        data-testid="hardware-presence"
        data-kind={presence.kind}
        aria-live="polite"
      >
        {presenceText(presence)}
      </p>
      <button
        type="button"
        className="button"
        data-testid="hardware-check-presence"
        disabled={busy === 'check-presence' || presence.kind === 'checking'}
        onClick={() => void checkPresence()}
      >
        Check again
      </button>
    </section>
  );
}

/** The Beacon tab; `onOpenSetup` opens the PoS setup tab after a beaconId was read from a beacon. */
export function HardwareScreen({ onOpenSetup }: { readonly onOpenSetup?: () => void }) {
  const { hardware, busy, error, setMode, setDistance } = useHardwareStore();
  useEffect(() => {
    const store = useHardwareStore.getState();
    if (store.hardware === null && store.busy !== 'load') void store.load();
  }, []);

  if (hardware === null)
    return (
      <>
        <FailureMessage failure={error} />
        <p className="empty">Loading the beacon hardware…</p>
      </>
    );
  const { state } = hardware;
  return (
    <div data-testid="hardware-screen">
      <HardwareNotices notices={state.notices} testId="hardware-notices" />
      <FailureMessage failure={error} />
      <div className="checkout-grid">
        <section aria-labelledby="radio-title">
          <h2 id="radio-title">Radios</h2>
          <ChoiceGroup
            legend="Mode"
            testIdPrefix="hardware-mode"
            value={state.mode}
            choices={modes}
            disabled={busy === 'mode'}
            onChange={(mode) => void setMode(mode)}
          />
          <BluetoothAdapter adapter={state.bluetooth} />
          <Radios radios={state.radios} virtualRadio={state.virtualRadio} />
          {state.distanceM === null ? null : (
            <DistanceSlider
              label="Distance of the till's virtual radio"
              meters={state.distanceM}
              onCommit={setDistance}
              testId="hardware-distance"
            />
          )}
        </section>
        <Advertising view={hardware} busy={busy} />
      </div>
      <BeaconList view={hardware} busy={busy} onOpenSetup={onOpenSetup} />
    </div>
  );
}
