// A row of radio buttons that look like a segmented switch (currency, sale mode, backend, ...):
// native radios, so arrow keys and screen readers work without extra code.
// Test ids: `${testIdPrefix}-${value}` on each radio input.
import { useId } from 'react';

/** One choice of the group. */
export interface Choice<V extends string> {
  readonly value: V;
  readonly label: string;
}

interface ChoiceGroupProps<V extends string> {
  readonly legend: string;
  readonly choices: readonly Choice<V>[];
  readonly value: V;
  readonly onChange: (value: V) => void;
  readonly testIdPrefix: string;
  readonly disabled?: boolean;
  /** Hides the legend visually (it stays the group's accessible name). */
  readonly hideLegend?: boolean;
}

/** A segmented switch built on native radio inputs. */
export function ChoiceGroup<V extends string>({
  legend,
  choices,
  value,
  onChange,
  testIdPrefix,
  disabled = false,
  hideLegend = false,
}: ChoiceGroupProps<V>) {
  const name = useId();
  return (
    <fieldset className="choice-group" data-testid={testIdPrefix} disabled={disabled}>
      <legend className={hideLegend ? 'visually-hidden' : undefined}>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="choice">
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={value === choice.value}
            data-testid={`${testIdPrefix}-${choice.value}`}
            onChange={() => onChange(choice.value)}
          />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
