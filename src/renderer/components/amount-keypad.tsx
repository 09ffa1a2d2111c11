// The on-screen amount keypad: digits, decimal point, backspace and clear, with the entry shown big.
// Buttons do not take focus on a mouse press, so Enter after tapping digits still pays.
// Test ids: amount-display, keypad-0 … keypad-9, keypad-decimal, keypad-backspace, keypad-clear.
import type { KeypadKey } from '../lib/money.js';

const layout: readonly (readonly KeypadKey[])[] = [
  ['7', '8', '9'],
  ['4', '5', '6'],
  ['1', '2', '3'],
  ['.', '0', 'back'],
];

const keyLabels: Partial<
  Record<KeypadKey, { readonly text: string; readonly name: string; readonly id: string }>
> = {
  '.': { text: ',', name: 'Decimal point', id: 'keypad-decimal' },
  back: { text: '⌫', name: 'Delete last digit', id: 'keypad-backspace' },
  clear: { text: 'C', name: 'Clear amount', id: 'keypad-clear' },
};

/** The keypad and its display; `entry` is the typed amount, `currency` its label. */
export function AmountKeypad({
  entry,
  currency,
  onKey,
  disabled = false,
}: {
  readonly entry: string;
  readonly currency: string;
  readonly onKey: (key: KeypadKey) => void;
  readonly disabled?: boolean;
}) {
  const shown = entry === '' ? '0' : entry.replace('.', ',');
  return (
    <div className="keypad-area">
      <output className="amount-display" data-testid="amount-display" aria-live="polite" aria-label="Amount">
        {shown} <span className="amount-currency">{currency}</span>
      </output>
      <div className="keypad" role="group" aria-label="Amount keypad">
        {[...layout.flat(), 'clear' as const].map((key) => {
          const label = keyLabels[key];
          return (
            <button
              key={key}
              type="button"
              className={`button key key-${key === '.' ? 'decimal' : key}`}
              data-testid={label?.id ?? `keypad-${key}`}
              aria-label={label?.name}
              disabled={disabled}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onKey(key)}
            >
              {label?.text ?? key}
            </button>
          );
        })}
      </div>
    </div>
  );
}
