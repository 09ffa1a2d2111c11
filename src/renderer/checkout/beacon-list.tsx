// The beacons the till hears nearby (our profile, iBeacon, Eddystone-UID), strongest first, with
// signal, estimated distance and how long ago each was heard; "Use as beaconId" reads one's id for
// the PoS setup ("read the beaconId from the device"). Part of the Beacon tab.
// Test ids: hardware-scan, hardware-beacons, hardware-beacons-empty, hardware-beacon-row
// (data-sighting-id, data-frame), hardware-use-beacon, hardware-adoption (data-kind),
// hardware-adoption-note, hardware-adoption-reason, hardware-open-setup.
import { useEffect, useState } from 'react';
import type { BeaconAdoption, BeaconSighting, HardwareView } from '../../shared/bridge/index.js';
import { agoText, distanceText, frameIdText, frameKindWords } from '../lib/hardware-words.js';
import { useHardwareStore } from '../stores/hardware-store.js';

/** Re-renders every second while `active`, so "n s ago" keeps counting. */
function useSecondTick(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
}

/** What became of the last "Use as beaconId". */
function Adoption({
  adoption,
  onOpenSetup,
}: {
  readonly adoption: BeaconAdoption;
  readonly onOpenSetup: (() => void) | undefined;
}) {
  if (adoption.kind === 'refused')
    return (
      <div className="problem" role="alert" data-testid="hardware-adoption" data-kind="refused">
        <p>
          This beacon cannot be the till’s beacon id:{' '}
          <span data-testid="hardware-adoption-reason">{adoption.reason}</span>
        </p>
      </div>
    );
  return (
    <div className="adoption" role="status" data-testid="hardware-adoption" data-kind="adopted">
      <p>
        Beacon id <span className="mono">{adoption.beaconId}</span> is ready for the PoS setup.
      </p>
      <p className="hint" data-testid="hardware-adoption-note">
        {adoption.note}
      </p>
      {onOpenSetup ? (
        <button
          type="button"
          className="button primary"
          data-testid="hardware-open-setup"
          onClick={onOpenSetup}
        >
          Open PoS setup
        </button>
      ) : null}
    </div>
  );
}

/** One beacon heard nearby. */
function Row({
  sighting,
  now,
  busy,
}: {
  readonly sighting: BeaconSighting;
  readonly now: number;
  readonly busy: boolean;
}) {
  const { adoptBeacon } = useHardwareStore.getState();
  const { frame } = sighting;
  return (
    <tr data-testid="hardware-beacon-row" data-sighting-id={sighting.id} data-frame={frame.kind}>
      <td>
        {frameKindWords[frame.kind]}
        {sighting.transport === 'virtual' ? <span className="hint"> (virtual)</span> : null}
      </td>
      <td className="mono" title={sighting.address}>
        {frameIdText(frame)}
      </td>
      <td className="nowrap">{sighting.rssi} dBm</td>
      <td className="nowrap">{distanceText(sighting.estimatedDistanceM)}</td>
      <td>{sighting.localName ?? '—'}</td>
      <td className="nowrap">{agoText(sighting.lastSeenAt, now)}</td>
      <td className="actions">
        <button
          type="button"
          className="button"
          data-testid="hardware-use-beacon"
          disabled={busy}
          onClick={() => void adoptBeacon(sighting.id)}
        >
          Use as beaconId
        </button>
      </td>
    </tr>
  );
}

/** Scanning on/off and the beacons it found. */
export function BeaconList({
  view,
  busy,
  onOpenSetup,
}: {
  readonly view: HardwareView;
  readonly busy: string | null;
  readonly onOpenSetup: (() => void) | undefined;
}) {
  const adoption = useHardwareStore((state) => state.adoption);
  const scan = useHardwareStore((state) => state.scan);
  const { scanning } = view.state;
  useSecondTick(view.beacons.length > 0);
  // Read at render: the tick above only makes React render again.
  const now = Date.now();
  return (
    <section aria-labelledby="beacons-title">
      <h2 id="beacons-title">Beacons nearby</h2>
      <label className="check">
        <input
          type="checkbox"
          data-testid="hardware-scan"
          checked={scanning}
          disabled={busy === 'scan'}
          onChange={(event) => void scan(event.target.checked)}
        />
        Scan for beacons
      </label>
      {adoption ? <Adoption adoption={adoption} onOpenSetup={onOpenSetup} /> : null}
      {view.beacons.length === 0 ? (
        <p className="empty" data-testid="hardware-beacons-empty">
          {scanning
            ? 'Listening… no beacon heard yet.'
            : 'Scanning is off: turn it on to list the beacons nearby.'}
        </p>
      ) : (
        <table className="table" data-testid="hardware-beacons">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Id</th>
              <th scope="col">Signal</th>
              <th scope="col">Distance</th>
              <th scope="col">Name</th>
              <th scope="col">Last seen</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.beacons.map((sighting) => (
              <Row key={sighting.id} sighting={sighting} now={now} busy={busy === 'use-beacon'} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
