// Fake time for the PoS client: a clock that moves only when told, backoff waits that pass at
// once (and are recorded), timeout waits the test expires when it chooses, and seeded randomness.
import type { ClientDeps } from '../../../src/terminal/api/deps.js';
import type { ExchangeEvent } from '../../../src/terminal/api/exchange.js';

/** mulberry32: the seeded randomness of the backoff jitter. */
export function seededRandom(seed = 42): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The client's fake time. Backoff waits (no signal) are recorded and pass at once, moving the clock.
 * Timeout waits (with a signal) are either expired at once ('immediate') or held until
 * `expireTimeouts()` ('held'); they end quietly when the answer comes first.
 */
export class FakeTime {
  nowMs = Date.UTC(2026, 0, 5, 9, 0, 0);
  readonly backoffs: number[] = [];
  readonly timeoutsAsked: number[] = [];
  private readonly pending = new Set<{ readonly ms: number; readonly resolve: () => void }>();

  constructor(private readonly timeouts: 'held' | 'immediate' = 'held') {}

  readonly now = (): number => this.nowMs;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal === undefined) {
      this.backoffs.push(ms);
      this.nowMs += ms;
      return Promise.resolve();
    }
    this.timeoutsAsked.push(ms);
    if (this.timeouts === 'immediate' || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = { ms, resolve };
      this.pending.add(entry);
      signal.addEventListener('abort', () => this.pending.delete(entry) && resolve(), { once: true });
    });
  };

  advance(ms: number): void {
    this.nowMs += ms;
  }

  /** Timeout waits still running (calls in flight). */
  get pendingTimeouts(): number {
    return this.pending.size;
  }

  /** Ends every running timeout wait, as if its time had come. */
  expireTimeouts(): void {
    for (const entry of [...this.pending]) {
      this.pending.delete(entry);
      this.nowMs += entry.ms;
      entry.resolve();
    }
  }
}

/** Client deps on fake time with the real fetch (the emulator is real). */
export function fakeDeps(time: FakeTime, overrides: Partial<ClientDeps> = {}): ClientDeps {
  return {
    now: time.now,
    sleep: time.sleep,
    random: seededRandom(),
    fetch: (input, init) => globalThis.fetch(input, init),
    ...overrides,
  };
}

/** Collects exchange events. */
export function recorder(): {
  readonly events: ExchangeEvent[];
  readonly listener: (e: ExchangeEvent) => void;
} {
  const events: ExchangeEvent[] = [];
  return { events, listener: (event) => void events.push(event) };
}
