// The scenarios of the emulator benchmark as autocannon load specs: the bare-fastify ceiling, the
// authenticated GET of a Reserved payment, the GET at a fixed rate (and the ceiling at the same rate)
// and the initiate + cancel cycle.
import type autocannon from 'autocannon';
import type { LoadSpec } from './measure.js';
import type { EmulatorFixture } from './server.js';

/** Which scenario a measurement belongs to; `ceiling` is the reference the others are compared with. */
export type ScenarioId = 'ceiling' | 'get' | 'ceilingFixedRate' | 'fixedRate' | 'cycle';

/** Human-readable names, in the order the table prints them. */
export const scenarioLabels: Readonly<Record<ScenarioId, string>> = {
  ceiling: 'ceiling: bare fastify GET (fixed JSON)',
  get: 'emulator GET /pos/v10/payments/{id}',
  ceilingFixedRate: 'ceiling at fixed rate (reference)',
  fixedRate: 'emulator GET at fixed rate',
  cycle: 'emulator initiate + cancel cycle',
};

/** Knobs shared by every scenario. */
export interface ScenarioConfig {
  readonly connections: number;
  readonly fixedRate: number;
  /** Connections of the fixed-rate scenarios: the concurrency of autocannon's per-second bursts. */
  readonly rateConnections: number;
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
 * The same GET, paced by autocannon at `fixedRate` requests per second over all connections. autocannon
 * releases each connection's per-second budget at once, so this is bursts of `connections` concurrent
 * requests, not evenly spaced ones; the ceiling at the same rate shows what that costs on this machine.
 */
export function fixedRateSpec(url: string, fixture: EmulatorFixture, config: ScenarioConfig): LoadSpec {
  return {
    options: {
      ...getSpec(url, fixture, config).options,
      connections: config.rateConnections,
      overallRate: config.fixedRate,
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
