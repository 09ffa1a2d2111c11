// Bounded waits for the hardware specs: poll a condition every few milliseconds until it holds or
// the limit passes, so a broken radio fails a test with a message instead of hanging it.

/** Resolves with the first truthy value of `check`, or rejects after `timeoutMs` naming `what`. */
export async function eventually<T>(
  check: () => T | null | undefined | false | '' | 0,
  what: string,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A clock the spec moves by hand. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let at = start;
  return { now: () => at, advance: (ms) => (at += ms) };
}
