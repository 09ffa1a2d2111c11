// Watching one payment through the engine's events: every state the terminal sees is printed the
// moment it is seen, and the simulated customer can wait for the terminal to have seen a state
// before acting, so the printed sequence is the real one and no state is skipped.
import type { TerminalEngine } from '../terminal/engine.js';
import type { PaymentStateEvent } from '../terminal/events.js';
import type { Payment } from '../terminal/journal/index.js';
import type { PaymentStatus } from '../shared/pos-v10/schemas.js';
import { CommandFailure } from './terminal-setup.js';

/** How a background follow ended: never rejects, so nothing is left unhandled while others wait. */
export type Followed =
  { readonly ok: true; readonly payment: Payment } | { readonly ok: false; readonly error: unknown };

/** Wraps followPayment's promise so that its failure is a value. */
export function settled(following: Promise<Payment>): Promise<Followed> {
  return following.then(
    (payment) => ({ ok: true, payment }),
    (error: unknown) => ({ ok: false, error }),
  );
}

interface Waiter {
  readonly status: PaymentStatus;
  readonly wake: () => void;
}

/** The states of one payment as the engine announces them; close() unsubscribes. */
export class PaymentWatch {
  private journalId: string | null = null;
  private readonly seen = new Set<PaymentStatus>();
  private readonly waiters = new Set<Waiter>();
  private readonly unsubscribe: () => void;

  constructor(engine: TerminalEngine, onState: (event: PaymentStateEvent) => void) {
    this.unsubscribe = engine.subscribe((event) => {
      if (event.kind !== 'payment.state' || event.journalId !== this.journalId) return;
      this.seen.add(event.status);
      onState(event);
      for (const waiter of [...this.waiters]) if (waiter.status === event.status) waiter.wake();
    });
  }

  /** From now on, the events of this journalled payment are the ones watched. */
  track(journalId: string): void {
    this.journalId = journalId;
  }

  /**
   * True once the terminal has seen `status`; false when the follow ended first without it.
   * Gives up with a CommandFailure after `timeoutMs`, so no step waits forever.
   */
  async reached(status: PaymentStatus, following: Promise<Followed>, timeoutMs: number): Promise<boolean> {
    if (this.seen.has(status)) return true;
    let timer: NodeJS.Timeout | undefined;
    let waiter: Waiter | undefined;
    const outcome = await new Promise<boolean | 'timeout'>((resolve) => {
      waiter = { status, wake: () => resolve(true) };
      this.waiters.add(waiter);
      void following.then(() => resolve(this.seen.has(status)));
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    clearTimeout(timer);
    if (waiter) this.waiters.delete(waiter);
    if (outcome === 'timeout')
      throw new CommandFailure(
        `the terminal did not see the payment become ${status} within ${timeoutMs / 1000} s`,
      );
    return outcome;
  }

  close(): void {
    this.unsubscribe();
    this.waiters.clear();
  }
}
