// `npm run bench:emulator`: the emulator against this machine's ceiling (a bare fastify handler), side
// by side in one run. Servers run in child processes; the load comes from here: autocannon for the
// throughput scenarios, our open-loop generator (open-loop.ts, evenly spaced sends, latency from the
// scheduled send time) for the fixed-rate ones. Ceiling and emulator alternate for several rounds and
// the medians are reported. A measurement, not a test: exit 0 unless it crashed.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createPoses } from './api-setup.js';
import { projectRoot, startServer, stopAllServers, type ServerChild } from './children.js';
import { warmAndMeasure, type LoadSpec, type Measurement } from './measure.js';
import { formatReport, judge, summarize, writeResults, type Round } from './report.js';
import {
  cycleSpec,
  getSpec,
  openLoopGet,
  scenarioLabels,
  type CycleCounters,
  type ScenarioId,
} from './scenarios.js';

/** Every knob, from the environment. */
interface BenchConfig {
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly rounds: number;
  readonly connections: number;
  readonly fixedRate: number;
  readonly rateSockets: number;
  readonly cpuProfile: boolean;
}

function envNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`${name} must be a number from ${min} to ${max}, got ${raw}`);
  return value;
}

function readConfig(): BenchConfig {
  if (process.env['BENCH_RATE_CONNECTIONS'] !== undefined)
    console.warn(
      'BENCH_RATE_CONNECTIONS is ignored: the fixed rate is open loop now, see BENCH_RATE_SOCKETS',
    );
  return {
    seconds: envNumber('BENCH_SECONDS', 5, 0.5, 600),
    warmupSeconds: envNumber('BENCH_WARMUP_SECONDS', 1, 0, 60),
    rounds: Math.round(envNumber('BENCH_ROUNDS', 3, 1, 20)),
    connections: Math.round(envNumber('BENCH_CONNECTIONS', 10, 1, 500)),
    fixedRate: Math.round(envNumber('BENCH_RATE', 1000, 1, 100_000)),
    rateSockets: Math.round(envNumber('BENCH_RATE_SOCKETS', 32, 1, 500)),
    cpuProfile: process.env['BENCH_CPU_PROF'] === '1',
  };
}

const resultsDir = join(projectRoot, 'bench', 'results');

async function checkGet(url: string, headers: Readonly<Record<string, string>>, what: string): Promise<void> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  await response.text();
  if (response.status !== 200) throw new Error(`${what} answered ${response.status} to the benchmarked GET`);
}

async function run(config: BenchConfig): Promise<void> {
  const profileDir = join(resultsDir, 'profiles');
  const nodeFlags = config.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const emulator = await startServer('emulator', { nodeFlags });
  const fixture = emulator.info.emulator!;
  const ceiling = await startServer('ceiling', { env: { BENCH_CEILING_BODY: fixture.sampleBody } });
  const target = (server: ServerChild): string => `${server.info.url}/pos/v10/payments/${fixture.paymentId}`;
  await checkGet(target(ceiling), fixture.headers, 'the ceiling server');
  await checkGet(target(emulator), fixture.headers, 'the emulator');
  console.log(
    `emulator ${emulator.info.url} (pid ${emulator.pid}), ceiling ${ceiling.info.url} (pid ${ceiling.pid})`,
  );
  console.log(
    `${config.rounds} round(s) x ${config.seconds}s (+${config.warmupSeconds}s warm-up), ${config.connections} connections ` +
      `(open loop at ${config.fixedRate} req/s: up to ${config.rateSockets} sockets), ` +
      `payment body ${Buffer.byteLength(fixture.sampleBody)} bytes, ${cpus().length} CPUs, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );

  const counters: CycleCounters = { cycles: 0, initiateFailures: 0, cancelFailures: 0 };
  const base = emulator.info.url;
  const autocannon = (makeSpec: () => LoadSpec | Promise<LoadSpec>) => () =>
    warmAndMeasure(makeSpec, config.warmupSeconds, config.seconds);
  const plan: readonly [ScenarioId, ServerChild, () => Promise<Measurement>][] = [
    ['ceiling', ceiling, autocannon(() => getSpec(ceiling.info.url, fixture, config))],
    ['get', emulator, autocannon(() => getSpec(emulator.info.url, fixture, config))],
    ['ceilingFixedRate', ceiling, () => openLoopGet(ceiling.info.url, fixture, config)],
    ['fixedRate', emulator, () => openLoopGet(emulator.info.url, fixture, config)],
    [
      'cycle',
      emulator,
      autocannon(async () =>
        cycleSpec(
          base,
          fixture,
          await createPoses(base, { ...fixture.headers }, 'bench-cycle', config.connections),
          counters,
        ),
      ),
    ],
  ];
  const rounds: Round[] = [];
  for (let round = 1; round <= config.rounds; round += 1) {
    const measured: Partial<Record<ScenarioId, Measurement>> = {};
    for (const [id, server, measureIt] of plan) {
      const m = await measureIt();
      if (!server.alive())
        throw new Error(`the ${server.info.mode} server died during ${scenarioLabels[id]}`);
      measured[id] = m;
      const rate =
        id === 'cycle'
          ? `${m.unitsPerSec.toFixed(0)} cycles/s (${m.requestsPerSec.toFixed(0)} req/s)`
          : `${m.requestsPerSec.toFixed(0)} req/s`;
      const open = m.openLoop
        ? `, p90 ${m.p90Ms.toFixed(3)} ms, max ${m.maxMs.toFixed(3)} ms, errors ${m.errors}` +
          ` (send lag p99 ${m.openLoop.sendLagP99Ms.toFixed(3)} ms; p99 from the actual send ${m.openLoop.fromSendP99Ms.toFixed(3)} ms)`
        : '';
      console.log(
        `  round ${round} ${id.padEnd(16)} ${rate}, p50 ${m.p50Ms.toFixed(3)} ms, p99 ${m.p99Ms.toFixed(3)} ms, non-2xx ${m.non2xx}${open}`,
      );
    }
    rounds.push(measured as Round);
  }

  const summary = summarize(rounds);
  const targets = judge(summary, config.fixedRate);
  console.log(`\n${formatReport(summary, targets, config)}`);
  if (counters.initiateFailures + counters.cancelFailures > 0)
    console.log(
      `WARN  cycle: ${counters.initiateFailures} failed initiates, ${counters.cancelFailures} failed cancels`,
    );
  await stopAllServers();
  const file = join(resultsDir, 'emulator.json');
  writeResults(file, {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadavgAtEnd: loadavg(),
    },
    config,
    paymentBodyBytes: Buffer.byteLength(fixture.sampleBody),
    cycleCounters: counters,
    summary,
    targets,
    rounds,
  });
  console.log(`\nresults: ${file}${config.cpuProfile ? `\nemulator CPU profile: ${profileDir}` : ''}`);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    void stopAllServers().finally(() => process.exit(130));
  });
}

try {
  await run(readConfig());
} catch (error) {
  if (!interrupted) {
    console.error('bench:emulator crashed:', error);
    process.exitCode = 1;
  }
} finally {
  await stopAllServers();
}
