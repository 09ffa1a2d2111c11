// The HTTP log screen's memory: the last exchanges of the terminal's PoS client (secrets already
// redacted by the client), numbered in order for this run of the app, oldest dropped first.
import type { ExchangeView } from '../shared/bridge/index.js';
import type { ExchangeEvent } from '../terminal/api/index.js';
import { exchangeView } from './views.js';

/** How many exchanges the log keeps. */
export const HTTP_LOG_SIZE = 500;

/** A ring buffer of exchanges with increasing sequence numbers (never reused, even after clear). */
export class HttpLog {
  private readonly entries: ExchangeView[] = [];
  private seq = 0;

  constructor(private readonly size: number = HTTP_LOG_SIZE) {}

  /** Records one exchange and returns it as the log shows it. */
  add(exchange: ExchangeEvent): ExchangeView {
    this.seq += 1;
    const entry = exchangeView(this.seq, exchange);
    this.entries.push(entry);
    if (this.entries.length > this.size) this.entries.splice(0, this.entries.length - this.size);
    return entry;
  }

  /** The newest `limit` exchanges (all kept by default), oldest first. */
  list(limit?: number): readonly ExchangeView[] {
    const count = Math.min(limit ?? this.entries.length, this.entries.length);
    return this.entries.slice(this.entries.length - count);
  }

  clear(): void {
    this.entries.length = 0;
  }

  get length(): number {
    return this.entries.length;
  }
}
