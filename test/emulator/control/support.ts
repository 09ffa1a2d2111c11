// Helpers for control-plane tests that need a real loopback socket: dropped and refused connections
// and the event stream cannot be observed through inject().
import http from 'node:http';
import type { Harness } from '../harness.js';

/** What a client saw: an answer, or a socket error (the point of drop and refuse). */
export type Outcome =
  { readonly status: number; readonly body: string } | { readonly error: NodeJS.ErrnoException };

/** Starts listening on 127.0.0.1 on a free port; returns the base URL. */
export async function listen(harness: Harness): Promise<string> {
  await harness.app.listen({ host: '127.0.0.1', port: 0 });
  const address = harness.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return `http://127.0.0.1:${address.port}`;
}

/** One request on a fresh connection (no pooling, so one test's broken socket cannot touch another). */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request(
      `${baseUrl}${path}`,
      {
        method,
        agent: false,
        headers: { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on('error', (error) => resolve({ error }));
      },
    );
    request.on('error', (error) => resolve({ error }));
    request.end(payload);
  });
}

/** An open event stream: the raw text received so far, and a way to wait for more. */
export interface EventStream {
  /** Resolves with the first complete SSE message whose `event:` is the given kind. */
  next(kind: 'state' | 'request'): Promise<{ event: string; data: Record<string, unknown> }>;
  readonly headers: http.IncomingHttpHeaders;
  close(): void;
}

/** Connects to GET /emulator/events and resolves once the stream's headers have arrived. */
export function openEventStream(baseUrl: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}/emulator/events`, { agent: false }, (response) => {
      let buffer = '';
      let waiter: (() => void) | null = null;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        waiter?.();
      });
      const take = (kind: string) => {
        const messages = buffer.split('\n\n');
        for (let i = 0; i < messages.length - 1; i += 1) {
          const lines = messages[i]!.split('\n');
          const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
          const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
          if (event === kind && data !== undefined) {
            buffer = messages.slice(i + 1).join('\n\n');
            return { event, data: JSON.parse(data) as Record<string, unknown> };
          }
        }
        return undefined;
      };
      resolve({
        headers: response.headers,
        next: (kind) =>
          new Promise((found) => {
            const attempt = (): void => {
              const message = take(kind);
              if (message) {
                waiter = null;
                found(message);
              }
            };
            waiter = attempt;
            attempt();
          }),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}

/** A sleep that records what it was asked for and resolves at once: delay faults without real time. */
export function recordingSleep(): {
  readonly calls: number[];
  readonly sleep: (ms: number) => Promise<void>;
} {
  const calls: number[] = [];
  return { calls, sleep: async (ms: number) => void calls.push(ms) };
}
