// The autopilot's background work: a follow of a payment or refund, or a check-in watch, runs while
// the session moves on (a cancel must reach a payment whose follow is still waiting for the
// customer). Each runs under its own AbortController, never rejects, and is stopped with the rest
// when the run ends, so no poll outlives the autopilot.

/** How a piece of work ended: its value, or the error it threw. */
export type Settled<T> =
  { readonly kind: 'value'; readonly value: T } | { readonly kind: 'error'; readonly error: unknown };

/** One running piece of background work. */
export interface Task<T> {
  /** Aborting stops the work's polls (the flows check their signal before every request). */
  readonly abort: AbortController;
  /** Never rejects. */
  readonly settled: Promise<Settled<T>>;
  /** True once `settled` has resolved. */
  done(): boolean;
}

/** Runs work in the background and stops all of it at the end. */
export class TaskSet {
  private readonly running = new Set<Task<unknown>>();
  private stopped = false;

  /** Starts `work` with a signal that aborts when the task or the whole set is stopped. */
  start<T>(work: (signal: AbortSignal) => Promise<T>): Task<T> {
    const abort = new AbortController();
    if (this.stopped) abort.abort();
    let finished = false;
    const settled = work(abort.signal).then(
      (value): Settled<T> => ({ kind: 'value', value }),
      (error: unknown): Settled<T> => ({ kind: 'error', error }),
    );
    const task: Task<T> = { abort, settled, done: () => finished };
    this.running.add(task);
    void settled.then(() => {
      finished = true;
      this.running.delete(task);
    });
    return task;
  }

  /** Aborts every task and waits for them to end. Later tasks start already aborted. */
  async stopAll(): Promise<void> {
    this.stopped = true;
    const tasks = [...this.running];
    for (const task of tasks) task.abort.abort();
    await Promise.all(tasks.map((task) => task.settled));
  }
}
