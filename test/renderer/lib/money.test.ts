// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  keyFromKeyboard,
  parseAmount,
  pressKey,
  subtractAmounts,
  sumAmounts,
  type KeypadKey,
} from '../../../src/renderer/lib/money.js';

const type = (keys: string): string =>
  [...keys].reduce((entry, key) => pressKey(entry, (key === '<' ? 'back' : key) as KeypadKey), '');

describe('amounts on the till', () => {
  it('types an amount digit by digit with at most two decimals', () => {
    expect(type('125.505')).toBe('125.50');
    expect(type('12..5')).toBe('12.5');
  });

  it('starts a decimal entry with a zero and drops a leading zero', () => {
    expect(type('.5')).toBe('0.5');
    expect(type('07')).toBe('7');
  });

  it('deletes the last character and clears everything', () => {
    expect(type('12.5<')).toBe('12.');
    expect(pressKey('99', 'clear')).toBe('');
  });

  it('refuses a tenth digit before the decimal point', () => {
    expect(type('1234567890')).toBe('123456789');
  });

  it('reads typed amounts with a comma or a point, and refuses what the API would refuse', () => {
    expect(parseAmount('12,50')).toBe(12.5);
    expect(parseAmount('12.')).toBe(12);
    expect(parseAmount('0')).toBeNull();
    expect(parseAmount('1.234')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
  });

  it('maps physical keys onto the keypad', () => {
    expect(keyFromKeyboard('7')).toBe('7');
    expect(keyFromKeyboard(',')).toBe('.');
    expect(keyFromKeyboard('Backspace')).toBe('back');
    expect(keyFromKeyboard('a')).toBeNull();
  });

  it('adds and subtracts without floating drift', () => {
    expect(sumAmounts([0.1, 0.2])).toBe(0.3);
    expect(subtractAmounts(10, 9.99)).toBe(0.01);
    expect(subtractAmounts(1, 2)).toBe(0);
  });

  it('formats an amount with its currency, or a dash when unknown', () => {
    expect(formatAmount(5, 'EUR')).toBe('5.00 EUR');
    expect(formatAmount(null, 'DKK')).toBe('—');
  });
});
