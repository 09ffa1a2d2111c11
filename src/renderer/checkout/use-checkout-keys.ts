// The checkout's physical keys: digits and , / . type the amount, Backspace deletes, Enter pays,
// Escape cancels. Keys typed into a form field, or with a modifier, are left alone; Enter on a
// focused button presses that button instead of paying.
import { useEffect, useRef } from 'react';
import { keyFromKeyboard, type KeypadKey } from '../lib/money.js';

/** What the checkout does with each key. */
export interface CheckoutKeyHandlers {
  readonly onKey: (key: KeypadKey) => void;
  readonly onEnter: () => void;
  readonly onEscape: () => void;
}

/** True for elements that take typed text (their keys are not the till's). */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(type);
}

/** Listens to the document's keys while the checkout screen is shown. */
export function useCheckoutKeys(handlers: CheckoutKeyHandlers): void {
  // The latest handlers, so the listener is added once and never sees stale state.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTextField(event.target)) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (event.key === 'Enter') {
        if (target?.closest('button, a, [role="tab"]')) return;
        event.preventDefault();
        latest.current.onEnter();
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        latest.current.onEscape();
        return;
      }
      const key = keyFromKeyboard(event.key);
      if (key !== null) {
        event.preventDefault();
        latest.current.onKey(key);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
