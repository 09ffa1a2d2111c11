// The header's beacon status: how a customer can find this till right now ("BLE: advertising",
// "QR only"), at a glance from every tab; pressing it opens the Beacon tab.
// Test id: beacon-chip (data-tone: ok, neutral or warning).
import { beaconChip } from '../lib/hardware-words.js';
import { useHardwareStore } from '../stores/hardware-store.js';

/** The chip; `onOpen` selects the Beacon tab. */
export function BeaconChip({ onOpen }: { readonly onOpen: () => void }) {
  const hardware = useHardwareStore((state) => state.hardware);
  const status = beaconChip(hardware);
  // The most important notice explains a warning without opening the tab.
  const why = hardware?.state.notices[0]?.message;
  return (
    <button
      type="button"
      className={`button chip chip-${status.tone}`}
      data-testid="beacon-chip"
      data-tone={status.tone}
      title={why ? `${why} Open the Beacon tab.` : 'Open the Beacon tab'}
      onClick={onOpen}
    >
      {status.text}
    </button>
  );
}
