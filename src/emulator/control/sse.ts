// GET /emulator/events: the emulator's event bus as a server-sent event stream, so a browser, the
// web-mode UI or `curl -N` can watch state changes and requests live.
import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { EmulatorEvent, EventBus } from '../events.js';

/** Proxies and browsers drop idle streams; a comment line every 15 s keeps the stream open. */
export const HEARTBEAT_MS = 15_000;

/** The SSE wire form of one event: `event: state|request` and the event as JSON. */
export function formatEvent(event: EmulatorEvent): string {
  return `event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The open streams, so the server can end them when it closes (an open stream would block close()). */
export class EventStreams {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly events: EventBus,
    private readonly heartbeatMs: number = HEARTBEAT_MS,
  ) {}

  get size(): number {
    return this.open.size;
  }

  /** Takes over the reply and streams every event until the client goes away or the server closes. */
  serve(reply: FastifyReply): void {
    void reply.hijack();
    const res: ServerResponse = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // One stream per connection: when the stream ends, so does the socket (nothing lingers on close()).
      connection: 'close',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');

    const unsubscribe = this.events.subscribe((event) => {
      res.write(formatEvent(event));
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs);
    heartbeat.unref();

    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      unsubscribe();
      clearInterval(heartbeat);
      this.open.delete(end);
      if (!res.writableEnded) res.end();
    };
    this.open.add(end);
    // The response's 'close' (not the request's: that fires once a GET has been read) marks the
    // client going away.
    res.once('close', end);
  }

  /** Ends every open stream (called when the server closes). */
  closeAll(): void {
    for (const end of [...this.open]) end();
  }
}
