// The open-loop load generator of bench:emulator against a tiny local server: counts, not durations.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { runOpenLoop } from '../../bench/open-loop.js';

let server: Server | undefined;

/** A server on 127.0.0.1:0 with the given handler; resolves with its base URL. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('runOpenLoop', () => {
  it('sends every scheduled request, evenly spaced, and records every latency', async () => {
    const arrivals: number[] = [];
    const seen = new Set<string>();
    const url = await serve((req, res) => {
      arrivals.push(performance.now());
      seen.add(String(req.headers['x-bench']));
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    const start = performance.now();
    const result = await runOpenLoop({
      url: `${url}/pos/v10/payments/x`,
      headers: { 'x-bench': 'yes' },
      rate: 200,
      seconds: 0.5,
      warmupSeconds: 0.1,
      maxSockets: 4,
    });
    expect(result.scheduled).toBe(100);
    expect(arrivals).toHaveLength(120); // warm-up included: it is sent, its samples are dropped
    expect(seen).toEqual(new Set(['yes']));
    expect(result.responses).toBe(100);
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result.latenciesMs).toHaveLength(100);
    expect(result.latenciesMs.every((ms) => ms > 0)).toBe(true);
    expect(result.p50Ms).toBeLessThanOrEqual(result.p99Ms);
    expect(result.p99Ms).toBeLessThanOrEqual(result.maxMs);
    // Never early (no burst): request i waits for t0 + i/rate, so the last one arrives >= 119 x 5 ms in.
    expect(Math.max(...arrivals) - start).toBeGreaterThanOrEqual(119 * 5);
    // The duration is never shorter than the schedule, so the achieved rate never exceeds the offer.
    expect(result.achievedRate).toBeGreaterThan(0);
    expect(result.achievedRate).toBeLessThanOrEqual(200);
  });

  it('counts non-2xx answers, with their latencies', async () => {
    const url = await serve((_req, res) => {
      res.statusCode = 503;
      res.end('busy');
    });
    const result = await runOpenLoop({ url, rate: 200, seconds: 0.25, warmupSeconds: 0 });
    expect(result.scheduled).toBe(50);
    expect(result.responses).toBe(50);
    expect(result.non2xx).toBe(50);
    expect(result.errors).toBe(0);
    expect(result.latenciesMs).toHaveLength(50);
  });

  it('gives up on stragglers after the drain timeout and counts them as errors', async () => {
    const url = await serve(() => {
      // Never answers.
    });
    const result = await runOpenLoop({
      url,
      rate: 100,
      seconds: 0.2,
      warmupSeconds: 0,
      maxSockets: 2,
      drainTimeoutMs: 100,
    });
    expect(result.scheduled).toBe(20);
    expect(result.responses).toBe(0);
    expect(result.stragglers).toBe(20);
    expect(result.errors).toBe(20);
    expect(result.latenciesMs).toHaveLength(0);
  });
});
