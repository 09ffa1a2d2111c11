// Polling that honours pollDelayInMs: never sooner than the backend asked, and, when a poll fails,
// the last delay again with exponential backoff and jitter (reference: api-principles, call throttling).
import { isTerminalApiError, type ClientDeps } from '../api/index.js';
import { FlowError } from './flow-error.js';

export interface PollOptions<T extends { readonly pollDelayInMs: number }> {
  readonly read: () => Promise<T>;
  /** Called with every answer, before `until` is asked. */
  readonly onValue?: (value: T) => void;
  readonly until: (value: T) => boolean;
  readonly deps: ClientDeps;
  readonly signal?: AbortSignal;
  /** The wait before the first answer told us the backend's delay, and the floor under it. */
  readonly minDelayMs?: number;
  /** Gives up after this many consecutive failed polls (each already retried by the client). */
  readonly maxFailures?: number;
}

const MAX_BACKOFF_MS = 30_000;

/** Polls until `until` holds; the wait between two polls is at least the last pollDelayInMs. */
export async function poll<T extends { readonly pollDelayInMs: number }>(
  options: PollOptions<T>,
): Promise<T> {
  const { deps, signal } = options;
  let delay = Math.max(options.minDelayMs ?? 1000, 0);
  let failures = 0;
  for (;;) {
    if (signal?.aborted) throw new FlowError('flow.aborted');
    try {
      const value = await options.read();
      failures = 0;
      delay = Math.max(value.pollDelayInMs, options.minDelayMs ?? 0);
      options.onValue?.(value);
      if (options.until(value)) return value;
      if (signal?.aborted) throw new FlowError('flow.aborted');
      await deps.sleep(delay, signal);
    } catch (error) {
      if (error instanceof FlowError || !isTerminalApiError(error) || !error.retryable) throw error;
      failures += 1;
      if (failures > (options.maxFailures ?? 20)) throw error;
      // Never sooner than the last delay; then up to twice as long per consecutive failure (jittered).
      if (signal?.aborted) throw new FlowError('flow.aborted');
      const backoff = Math.max(delay, Math.min(MAX_BACKOFF_MS, delay * 2 ** Math.min(failures, 10)));
      await deps.sleep(delay + deps.random() * (backoff - delay), signal);
    }
  }
}
