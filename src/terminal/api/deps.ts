// What the PoS client needs from the outside world: a clock, a way to wait, randomness and fetch.
// Injected so every flow (timeouts, backoff, token expiry) runs on fake time in tests.
import { nodeFetch } from './node-fetch.js';

/** The client's view of the world; every time- or network-dependent decision goes through it. */
export interface ClientDeps {
  /** Milliseconds since the epoch: token expiry and exchange timestamps are judged on this clock. */
  readonly now: () => number;
  /**
   * Waits `ms`. A `signal` is passed when the wait may end early (a per-attempt timeout that is no
   * longer needed once the answer is in): the sleep should then resolve at once, without error.
   * Backoff waits are given no signal.
   */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1): the jitter of the backoff. */
  readonly random: () => number;
  readonly fetch: typeof fetch;
}

/** A setTimeout-based sleep that clears its timer when the signal aborts, so no timer outlives its call. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const finish = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, Math.max(0, ms));
    signal?.addEventListener('abort', finish, { once: true });
  });
}

/**
 * The real world: Date.now, real timers, Math.random and a lean keep-alive fetch over node:http
 * (`nodeFetch`; undici's fetch cost three quarters of the accept-to-Reserved delay with 100 engines
 * in one process, see docs/terminal.md).
 */
export const realClientDeps: ClientDeps = {
  now: () => Date.now(),
  sleep: realSleep,
  random: () => Math.random(),
  fetch: nodeFetch,
};

/** The real dependencies with some replaced, e.g. `clientDeps({ sleep: fakeSleep })`. */
export function clientDeps(overrides: Partial<ClientDeps> = {}): ClientDeps {
  return { ...realClientDeps, ...overrides };
}
