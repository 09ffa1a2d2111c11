// The virtual radio's distance: a range input from 0 to 30 m in half metres with the value beside
// it. The host re-derives RSSI and range on every change, so it is told once a drag ends (pointer
// up, key up, leaving the slider), not on every step of the drag.
// Test ids: `${testId}` on the range input, `${testId}-value` on the metres shown.
import { useId, useState } from 'react';

export const MAX_DISTANCE_M = 30;
export const DISTANCE_STEP_M = 0.5;

interface DistanceSliderProps {
  readonly label: string;
  /** The host's distance in metres. */
  readonly meters: number;
  /** Tells the host; the slider keeps showing the dragged value until this settles. */
  readonly onCommit: (meters: number) => Promise<unknown>;
  readonly testId: string;
}

/** A distance slider that commits at the end of a change. */
export function DistanceSlider({ label, meters, onCommit, testId }: DistanceSliderProps) {
  const id = useId();
  const [draft, setDraft] = useState<number | null>(null);
  const shown = draft ?? meters;
  const commit = () => {
    if (draft === null) return;
    if (draft === meters) {
      setDraft(null);
      return;
    }
    void onCommit(draft).finally(() => setDraft(null));
  };
  return (
    <div className="field distance">
      <label htmlFor={id}>{label}</label>
      <div className="distance-row">
        <input
          id={id}
          type="range"
          min={0}
          max={MAX_DISTANCE_M}
          step={DISTANCE_STEP_M}
          value={Math.min(shown, MAX_DISTANCE_M)}
          data-testid={testId}
          aria-valuetext={`${shown} metres`}
          onChange={(event) => setDraft(Number(event.target.value))}
          onPointerUp={commit}
          onKeyUp={commit}
          onBlur={commit}
        />
        <output htmlFor={id} className="distance-value" data-testid={`${testId}-value`}>
          {shown.toFixed(1)} m
        </output>
      </div>
    </div>
  );
}
