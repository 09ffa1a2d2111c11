// Amounts as the till shows and types them: major units on screen, minor units for sums, and the
// keypad's entry string (digits and one decimal point, at most two decimals).
import { fromMinorUnits, isValidAmount, toMinorUnits } from '../../shared/pos-v10/formats.js';

export { fromMinorUnits, toMinorUnits };

/** "125.50 DKK"; a dash when the amount is unknown. */
export function formatAmount(amount: number | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined) return '—';
  const text = amount.toFixed(2);
  return currency ? `${text} ${currency}` : text;
}

/** A typed amount ("12", "12.5", "12,50") as a number, or null when it is not a valid payment amount. */
export function parseAmount(text: string): number | null {
  const normalised = text.trim().replace(',', '.');
  if (!/^[0-9]+(\.[0-9]{0,2})?$/.test(normalised)) return null;
  const value = Number(normalised);
  return isValidAmount(value) ? value : null;
}

/** The largest amount the keypad accepts before the decimal point (nine digits). */
const MAX_INTEGER_DIGITS = 9;

/** The keys of the amount keypad: digits, the decimal point, backspace and clear. */
export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '.' | 'back' | 'clear';

/** The entry after one key press; keys that would make it invalid are ignored. */
export function pressKey(entry: string, key: KeypadKey): string {
  if (key === 'clear') return '';
  if (key === 'back') return entry.slice(0, -1);
  const [whole = '', decimals] = entry.split('.');
  if (key === '.') {
    if (decimals !== undefined) return entry;
    return entry === '' ? '0.' : `${entry}.`;
  }
  if (decimals !== undefined) return decimals.length >= 2 ? entry : entry + key;
  if (whole === '0') return key;
  if (whole.length >= MAX_INTEGER_DIGITS) return entry;
  return entry + key;
}

/** The keypad key a physical key stands for, if any. */
export function keyFromKeyboard(key: string): KeypadKey | null {
  if (/^[0-9]$/.test(key)) return key as KeypadKey;
  if (key === '.' || key === ',') return '.';
  if (key === 'Backspace') return 'back';
  if (key === 'Delete') return 'clear';
  return null;
}

/** Sum of amounts without floating drift. */
export function sumAmounts(amounts: readonly number[]): number {
  return fromMinorUnits(amounts.reduce((total, amount) => total + toMinorUnits(amount), 0));
}

/** a - b without floating drift, never below zero. */
export function subtractAmounts(a: number, b: number): number {
  return fromMinorUnits(Math.max(0, toMinorUnits(a) - toMinorUnits(b)));
}

/** A time of day for timelines and lists (HH:MM:SS, the viewer's clock). */
export function formatTime(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
