// Keeps the autopilot's polls as far apart as the backend asked even across two follows of one
// resource. The engine's poll loops honour pollDelayInMs between their own polls, but every new
// follow (after ready, after a reservation the step wants followed to its end, a second check-in
// watch) starts with an immediate read: without this pacer that read could come sooner than
// pollDelayInMs after the previous loop's last one, which is exactly what the judge fails.
import type { ClientDeps } from '../api/index.js';
import type { EngineEvent } from '../events.js';

/** The engine's event stream, as far as the pacer needs it. */
export interface EventSource {
  subscribe(listener: (event: EngineEvent) => void): () => void;
}

/** The last answered GET of each polled resource: when its answer came and the delay it asked for. */
interface LastPoll {
  readonly answeredAt: number;
  readonly pollDelayInMs: number;
}

/** Someone waiting for polls of a resource. */
interface PollWaiter {
  readonly suffix: string;
  readonly seen: () => void;
  readonly cancel: () => void;
}

/** Watches the engine's GETs and tells when a resource may be read again. */
export class PollPacer {
  private readonly last = new Map<string, LastPoll>();
  private readonly waiters = new Set<PollWaiter>();
  private readonly unsubscribe: () => void;

  constructor(
    engine: EventSource,
    private readonly deps: Pick<ClientDeps, 'now' | 'sleep'>,
  ) {
    this.unsubscribe = engine.subscribe((event) => this.record(event));
  }

  /** The earliest time the resource whose path ends with `pathSuffix` may be polled; 0 when it never was. */
  nextAllowed(pathSuffix: string): number {
    const suffix = pathSuffix.toLowerCase();
    let next = 0;
    for (const [path, poll] of this.last)
      if (path.endsWith(suffix)) next = Math.max(next, poll.answeredAt + poll.pollDelayInMs);
    return next;
  }

  /** Waits until the resource may be polled again (at once when it may); ends early when the signal aborts. */
  async waitTurn(pathSuffix: string, signal?: AbortSignal): Promise<void> {
    const wait = this.nextAllowed(pathSuffix) - this.deps.now();
    if (wait > 0 && signal?.aborted !== true) await this.deps.sleep(wait, signal);
  }

  /** Resolves once `count` more polls of that resource are answered (or at once when the signal aborts). */
  nextPolls(pathSuffix: string, count = 1, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted === true || count <= 0) return resolve();
      let remaining = count;
      const finish = (): void => {
        this.waiters.delete(waiter);
        signal?.removeEventListener('abort', finish);
        resolve();
      };
      const waiter: PollWaiter = {
        suffix: pathSuffix.toLowerCase(),
        seen: () => {
          remaining -= 1;
          if (remaining <= 0) finish();
        },
        cancel: finish,
      };
      this.waiters.add(waiter);
      signal?.addEventListener('abort', finish, { once: true });
    });
  }

  close(): void {
    this.unsubscribe();
    for (const waiter of [...this.waiters]) waiter.cancel();
  }

  private record(event: EngineEvent): void {
    if (event.kind !== 'request') return;
    const { exchange } = event;
    if (exchange.method !== 'GET' || exchange.status === undefined) return;
    const body = exchange.responseBody;
    if (typeof body !== 'object' || body === null || !('pollDelayInMs' in body)) return;
    const delay = (body as { readonly pollDelayInMs: unknown }).pollDelayInMs;
    if (typeof delay !== 'number' || !Number.isFinite(delay)) return;
    const path = pathOf(exchange.url);
    this.last.set(path, { answeredAt: exchange.at + exchange.durationMs, pollDelayInMs: Math.max(0, delay) });
    for (const waiter of [...this.waiters]) if (path.endsWith(waiter.suffix)) waiter.seen();
  }
}

/** The URL's path without query or trailing slash, lower-case (the API's paths are case-insensitive). */
function pathOf(url: string): string {
  const path = URL.canParse(url) ? new URL(url).pathname : url.split('?')[0]!;
  return path.replace(/\/+$/, '').toLowerCase();
}
