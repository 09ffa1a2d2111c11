// An open-loop load generator: request i is sent at t0 + i/rate (evenly spaced, 1 ms apart at 1,000
// req/s) over a keep-alive node:http agent, whatever the responses do, and its latency is measured from
// its SCHEDULED send time to the end of the response, so a stall (server or client) shows up in the
// percentiles instead of silently slowing the load down (no coordinated omission).
// Timers fire late (Node's are whole-millisecond, so at 1 ms spacing sends lag by ~0-1 ms, more on a
// busy machine); every request whose time has passed is sent at once, none is skipped, and that lag
// counts in the latencies. sendLag and the p99 from the actual send show the generator's own share.
import { Agent, request, type ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { quantile } from './measure.js';

/** What to send, how fast and for how long. */
export interface OpenLoopOptions {
  /** The http:// URL to GET. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Offered load in requests per second, evenly spaced. */
  readonly rate: number;
  /** Length of the measured part, in seconds. */
  readonly seconds: number;
  /** Sent first at the same rate, samples dropped (connections, JIT); default 1. */
  readonly warmupSeconds?: number;
  /** Keep-alive sockets of the agent (more requests in flight queue in the agent); default 32. */
  readonly maxSockets?: number;
  /** How long to wait for stragglers after the last send; they then count as errors. Default 5000. */
  readonly drainTimeoutMs?: number;
}

/** The figures of one open-loop run (measured part only). Latencies in ms from the scheduled send. */
export interface OpenLoopResult {
  readonly offeredRate: number;
  /** Requests scheduled in the measured part (seconds x rate). */
  readonly scheduled: number;
  /** Responses received (any status) over durationSec. */
  readonly achievedRate: number;
  /** The scheduled window, or longer if the last response ended after it. */
  readonly durationSec: number;
  readonly responses: number;
  readonly non2xx: number;
  /** Failed requests, stragglers included. */
  readonly errors: number;
  /** Requests still unanswered drainTimeoutMs after the last send (destroyed, counted in errors). */
  readonly stragglers: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Actual minus scheduled send time: the generator's own lateness, part of every latency. */
  readonly sendLagP50Ms: number;
  readonly sendLagP99Ms: number;
  readonly sendLagMaxMs: number;
  /** p99 measured from the actual send instead (hides the generator's lateness; for diagnosis only). */
  readonly fromSendP99Ms: number;
  /** Every response's latency, sorted ascending. */
  readonly latenciesMs: Float64Array;
}

/** Runs one open-loop GET load against `options.url` and resolves once every request is settled. */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { rate, seconds } = options;
  if (!(rate > 0) || !(seconds > 0)) throw new Error(`open loop: rate and seconds must be > 0`);
  const target = new URL(options.url);
  if (target.protocol !== 'http:') throw new Error(`open loop: only http:// URLs, got ${options.url}`);
  const interval = 1000 / rate;
  const warmupCount = Math.round(rate * (options.warmupSeconds ?? 1));
  const measuredCount = Math.max(1, Math.round(rate * seconds));
  const total = warmupCount + measuredCount;
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 32, noDelay: true });
  const requestOptions = {
    agent,
    host: target.hostname,
    port: target.port,
    path: `${target.pathname}${target.search}`,
    method: 'GET',
    headers: { ...options.headers },
  };

  const latencies = new Float64Array(measuredCount);
  const sendLags = new Float64Array(measuredCount);
  const fromSend = new Float64Array(measuredCount);
  let recorded = 0;
  let non2xx = 0;
  let errors = 0;
  let stragglers = 0;
  let lastEnd = 0;
  const inFlight = new Map<ClientRequest, number>();
  let onIdle: (() => void) | undefined;
  const t0 = performance.now();
  const scheduledAt = (i: number): number => t0 + i * interval;

  // Settles request i once (later events of the same request are ignored); warm-up ones are dropped.
  const settle = (req: ClientRequest, i: number, sentAt: number, status: number | undefined): void => {
    if (!inFlight.delete(req)) return;
    if (i >= warmupCount) {
      if (status === undefined) errors += 1;
      else {
        const end = performance.now();
        fromSend[recorded] = end - sentAt;
        latencies[recorded++] = end - scheduledAt(i);
        lastEnd = Math.max(lastEnd, end);
        if (status < 200 || status >= 300) non2xx += 1;
      }
    }
    if (inFlight.size === 0) onIdle?.();
  };
  const send = (i: number, now: number): void => {
    if (i >= warmupCount) sendLags[i - warmupCount] = now - scheduledAt(i);
    const req = request(requestOptions, (res) => {
      res.on('end', () => settle(req, i, now, res.statusCode ?? 0));
      res.on('close', () => {
        if (!res.complete) settle(req, i, now, undefined);
      });
      res.resume();
    });
    inFlight.set(req, i);
    req.on('error', () => settle(req, i, now, undefined));
    req.end();
  };

  await new Promise<void>((allSent) => {
    let next = 0;
    const pump = (): void => {
      let now = performance.now();
      // Catch up: everything due by now goes out, however late the timer fired.
      while (next < total && scheduledAt(next) <= now) {
        send(next, now);
        next += 1;
        now = performance.now();
      }
      if (next < total) setTimeout(pump, scheduledAt(next) - now);
      else allSent();
    };
    pump();
  });

  // Hard stop: wait at most drainTimeoutMs for the responses still in flight, then give up on them.
  if (inFlight.size > 0) {
    const drainTimeoutMs = options.drainTimeoutMs ?? 5000;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, drainTimeoutMs);
      onIdle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  onIdle = undefined;
  for (const [req, i] of [...inFlight]) {
    inFlight.delete(req);
    if (i >= warmupCount) {
      stragglers += 1;
      errors += 1;
    }
    req.destroy();
  }
  agent.destroy();

  const sorted = latencies.subarray(0, recorded).sort();
  const lags = sendLags.sort();
  const windowSec = measuredCount / rate;
  const measuredStart = scheduledAt(warmupCount);
  const durationSec = Math.max(windowSec, (lastEnd - measuredStart) / 1000);
  return {
    offeredRate: rate,
    scheduled: measuredCount,
    achievedRate: recorded / durationSec,
    durationSec,
    responses: recorded,
    non2xx,
    errors,
    stragglers,
    p50Ms: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    p99Ms: quantile(sorted, 0.99),
    maxMs: recorded > 0 ? sorted[recorded - 1]! : Number.NaN,
    sendLagP50Ms: quantile(lags, 0.5),
    sendLagP99Ms: quantile(lags, 0.99),
    sendLagMaxMs: lags[lags.length - 1]!,
    fromSendP99Ms: quantile(fromSend.subarray(0, recorded).sort(), 0.99),
    latenciesMs: sorted,
  };
}
