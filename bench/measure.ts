// One autocannon measurement (the throughput scenarios) with sub-millisecond latency percentiles:
// autocannon's own histogram rounds to whole milliseconds, so every response time is also kept
// (bounded) and sorted here. The fixed-rate scenarios use open-loop.ts instead.
import autocannon from 'autocannon';

/** What to fire at a server: autocannon options plus an optional count of completed work units. */
export interface LoadSpec {
  readonly options: Omit<autocannon.Options, 'duration'>;
  /** Completed units (e.g. initiate + cancel cycles) so far; 2xx responses when absent. */
  readonly units?: () => number;
}

/** The figures of one measurement. Latencies in milliseconds, rates per second. */
export interface Measurement {
  readonly requestsPerSec: number;
  /** Completed units per second (2xx responses, or cycles for a cycle scenario). */
  readonly unitsPerSec: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly responses: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly resets: number;
  readonly durationSec: number;
  /** autocannon's own p99 (whole ms); absent for open-loop runs. */
  readonly autocannonP99Ms?: number;
  /** Open-loop runs only: the offered load and the generator's own send lag (see open-loop.ts). */
  readonly openLoop?: {
    readonly offeredRate: number;
    readonly scheduled: number;
    readonly maxSockets: number;
    readonly stragglers: number;
    readonly sendLagP50Ms: number;
    readonly sendLagP99Ms: number;
    readonly sendLagMaxMs: number;
    readonly fromSendP99Ms: number;
  };
}

const MAX_SAMPLES = 4_000_000;

/** The q-quantile (0..1) of sorted values, nearest-rank. */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** Runs autocannon for `seconds` against the spec and resolves with its figures. */
export async function measure(spec: LoadSpec, seconds: number): Promise<Measurement> {
  const samples = new Float64Array(Math.min(MAX_SAMPLES, Math.max(10_000, Math.ceil(seconds * 100_000))));
  let recorded = 0;
  let ok = 0;
  const unitsBefore = spec.units?.() ?? 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ timeout: 10, ...spec.options, duration: seconds }, (error, res) =>
      error ? reject(error) : resolve(res),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      if (status >= 200 && status < 300) ok += 1;
      if (recorded < samples.length) samples[recorded++] = responseTime;
    });
  });
  const sorted = samples.subarray(0, recorded).sort();
  const responses = Object.values(result.statusCodeStats).reduce((sum, s) => sum + s.count, 0);
  const duration = result.duration > 0 ? result.duration : seconds;
  const units = spec.units ? spec.units() - unitsBefore : ok;
  return {
    requestsPerSec: responses / duration,
    unitsPerSec: units / duration,
    p50Ms: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    p99Ms: quantile(sorted, 0.99),
    maxMs: recorded > 0 ? sorted[recorded - 1]! : Number.NaN,
    responses,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    resets: result.resets,
    durationSec: duration,
    autocannonP99Ms: result.latency.p99,
  };
}

/** A warm-up (figures discarded) followed by the measurement proper. */
export async function warmAndMeasure(
  makeSpec: () => LoadSpec | Promise<LoadSpec>,
  warmupSeconds: number,
  seconds: number,
): Promise<Measurement> {
  if (warmupSeconds > 0) await measure(await makeSpec(), warmupSeconds);
  return measure(await makeSpec(), seconds);
}
