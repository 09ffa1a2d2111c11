// Timers and addresses for the hardware layer, injectable so tests decide when time passes.
import { randomBytes } from 'node:crypto';
import type { HardwareTimers } from './types.js';

/** Node's timers. */
export const realTimers: HardwareTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Lets a periodic timer not keep the process alive (a no-op for fake timers). */
export function unref(handle: unknown): unknown {
  if (
    typeof handle === 'object' &&
    handle !== null &&
    'unref' in handle &&
    typeof handle.unref === 'function'
  )
    handle.unref();
  return handle;
}

/** A random static device address (the two top bits set), as "c4:12:…" like noble writes addresses. */
export function randomStaticAddress(bytes: Uint8Array = randomBytes(6)): string {
  const address = Uint8Array.from(bytes.slice(0, 6));
  address[0] = (address[0] ?? 0) | 0xc0;
  return [...address].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** Waits for `ms` on the given timers. */
export function delay(timers: HardwareTimers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, ms));
}
