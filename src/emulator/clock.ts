// The emulator's sense of time. Real by default; a virtual clock stands still until advanced, so the
// 7-day, 24-hour and 90-day rules are testable in milliseconds.

/** Milliseconds since the epoch, as the emulator sees them. */
export interface Clock {
  readonly mode: 'real' | 'virtual';
  now(): number;
}

/** A clock that can be moved forward by the control plane or by tests. */
export interface VirtualClock extends Clock {
  readonly mode: 'virtual';
  advance(ms: number): number;
  set(epochMs: number): void;
}

export function realClock(): Clock {
  return { mode: 'real', now: () => Date.now() };
}

export function virtualClock(startMs: number = Date.now()): VirtualClock {
  let current = startMs;
  return {
    mode: 'virtual',
    now: () => current,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('a virtual clock only moves forward');
      current += ms;
      return current;
    },
    set(epochMs: number) {
      current = epochMs;
    },
  };
}

export function isVirtualClock(clock: Clock): clock is VirtualClock {
  return clock.mode === 'virtual' && 'advance' in clock;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
