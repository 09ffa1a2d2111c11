// Check-in detection while the QR code is shown and no payment needs it (reference:
// detecting-mobilepay.md): the engine polls GET /pointofsales/{posId}/checkin under an AbortSignal
// the host aborts as soon as a payment starts, the PoS changes or the till closes.
import type { TerminalEngine } from '../terminal/engine.js';

/** Whether a customer is checked in, as the last answer (or notification) said. */
export interface CheckInState {
  readonly isUserCheckedIn: boolean;
  readonly loyaltyIds: readonly string[] | null;
}

export const nobodyCheckedIn: CheckInState = { isUserCheckedIn: false, loyaltyIds: null };

/** One background watch at a time; its check-ins arrive as the engine's 'checkin' events. */
export class CheckInWatch {
  private controller: AbortController | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: TerminalEngine,
    private readonly onError: (error: unknown) => void,
  ) {}

  get watching(): boolean {
    return this.controller !== null;
  }

  /** Starts polling the check-in (nothing when already polling). */
  start(): void {
    if (this.controller !== null) return;
    const controller = new AbortController();
    this.controller = controller;
    this.running = this.engine
      .watchCheckIn({ signal: controller.signal, keepWatching: true })
      .then(
        () => undefined,
        (error: unknown) => {
          if (!controller.signal.aborted) this.onError(error);
        },
      )
      .finally(() => {
        if (this.controller === controller) this.controller = null;
      });
  }

  /** Stops polling at once (the QR is hidden); resolves when the last poll has settled. */
  async stop(): Promise<void> {
    this.controller?.abort();
    this.controller = null;
    await this.running;
  }
}
