// The scenarios of the emulator benchmark: as autocannon load specs the bare-fastify ceiling, the
// authenticated GET of a Reserved payment and the initiate + cancel cycle; as open-loop runs
// (open-loop.ts) the GET at a fixed, evenly spaced rate, and the ceiling at the same rate.
import type autocannon from 'autocannon';
import type { LoadSpec, Measurement } from './measure.js';
import { runOpenLoop } from './open-loop.js';
import type { EmulatorFixture } from './server.js';

/** Which scenario a measurement belongs to; `ceiling` is the reference the others are compared with. */
export type ScenarioId = 'ceiling' | 'get' | 'ceilingFixedRate' | 'fixedRate' | 'cycle';

/** Human-readable names, in the order the table prints them. */
export const scenarioLabels: Readonly<Record<ScenarioId, string>> = {
  ceiling: 'ceiling: bare fastify GET (fixed JSON)',
  get: 'emulator GET /pos/v10/payments/{id}',
  ceilingFixedRate: 'ceiling at fixed rate, open loop (reference)',
  fixedRate: 'emulator GET at fixed rate, open loop',
  cycle: 'emulator initiate + cancel cycle',
};

/** Knobs shared by every scenario. */
export interface ScenarioConfig {
  readonly connections: number;
  readonly fixedRate: number;
  /** Keep-alive sockets of the open-loop generator (the most requests on the wire at once). */
  readonly rateSockets: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
}

/**
 * GET /pos/v10/payments/{id} with every documented header. Aimed at the ceiling server too, so both
 * pay the same HTTP parsing and differ only in what the handler does.
 */
export function getSpec(url: string, fixture: EmulatorFixture, config: ScenarioConfig): LoadSpec {
  return {
    options: {
      url: `${url}/pos/v10/payments/${fixture.paymentId}`,
      connections: config.connections,
      headers: { ...fixture.headers },
    },
  };
}

/**
 * The same GET at `fixedRate` requests per second, open loop: evenly spaced sends whatever the
 * responses do, latency from each request's scheduled send time (see open-loop.ts). The ceiling at the
 * same rate shows what the generator, loopback and this machine cost on their own.
 */
export async function openLoopGet(
  url: string,
  fixture: EmulatorFixture,
  config: ScenarioConfig,
): Promise<Measurement> {
  const r = await runOpenLoop({
    url: `${url}/pos/v10/payments/${fixture.paymentId}`,
    headers: fixture.headers,
    rate: config.fixedRate,
    seconds: config.seconds,
    warmupSeconds: config.warmupSeconds,
    maxSockets: config.rateSockets,
  });
  return {
    requestsPerSec: r.achievedRate,
    unitsPerSec: (r.responses - r.non2xx) / r.durationSec,
    p50Ms: r.p50Ms,
    p90Ms: r.p90Ms,
    p99Ms: r.p99Ms,
    maxMs: r.maxMs,
    responses: r.responses,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.stragglers,
    resets: 0,
    durationSec: r.durationSec,
    openLoop: {
      offeredRate: r.offeredRate,
      scheduled: r.scheduled,
      maxSockets: config.rateSockets,
      stragglers: r.stragglers,
      sendLagP50Ms: r.sendLagP50Ms,
      sendLagP99Ms: r.sendLagP99Ms,
      sendLagMaxMs: r.sendLagMaxMs,
      fromSendP99Ms: r.fromSendP99Ms,
    },
  };
}

let sequence = 0;

/** Counters of the cycle scenario; `cycles` counts cancels answered 200. */
export interface CycleCounters {
  cycles: number;
  initiateFailures: number;
  cancelFailures: number;
}

/**
 * Initiate + cancel: each connection drives its own PoS (one active payment per PoS), with a fresh
 * idempotency key and orderId per initiate and the paymentId of its answer in the cancel's path. Pass
 * fresh PoSes per run: autocannon stops mid-cycle, which leaves a payment active on some of them.
 */
export function cycleSpec(
  url: string,
  fixture: EmulatorFixture,
  posIds: readonly string[],
  counters: CycleCounters,
): LoadSpec {
  const json = { ...fixture.headers, 'content-type': 'application/json' };
  let nextPos = 0;
  const requestsFor = (posId: string): autocannon.Request[] => [
    {
      method: 'POST',
      path: '/pos/v10/payments',
      setupRequest: (request) => {
        sequence += 1;
        const key = `bench-${process.pid}-${sequence}`;
        const body = {
          posId,
          orderId: `order-${key}`,
          amount: 100,
          currencyCode: 'DKK',
          plannedCaptureDelay: 'None',
        };
        return {
          ...request,
          headers: { ...json, 'x-mobilepay-idempotency-key': key },
          body: JSON.stringify(body),
        };
      },
      onResponse: (status, body, context) => {
        if (status !== 200) {
          counters.initiateFailures += 1;
          return;
        }
        context['paymentId'] = (JSON.parse(body) as { paymentId: string }).paymentId;
      },
    },
    {
      method: 'POST',
      setupRequest: (request, context) => {
        const paymentId = context['paymentId'];
        // No paymentId (the initiate failed): a falsy return restarts the sequence with a new initiate.
        if (typeof paymentId !== 'string') return null;
        return {
          ...request,
          path: `/pos/v10/payments/${paymentId}/cancel`,
          headers: { ...fixture.headers },
          body: '',
        };
      },
      onResponse: (status) => {
        if (status === 200) counters.cycles += 1;
        else counters.cancelFailures += 1;
      },
    },
  ];
  const connections = posIds.length;
  return {
    options: {
      url: `${url}/pos/v10/payments`,
      connections,
      setupClient: (client) => {
        const posId = posIds[nextPos % connections]!;
        nextPos += 1;
        client.setRequests(requestsFor(posId));
      },
    },
    units: () => counters.cycles,
  };
}
