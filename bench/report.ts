// Turns the rounds of the emulator benchmark into medians, the printed table, the PASS/FAIL lines of
// the two targets and the machine-readable bench/results/emulator.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Measurement } from './measure.js';
import { scenarioLabels, type ScenarioId } from './scenarios.js';

/** One round: each scenario measured once, the ceiling first so GET's comparison is side by side. */
export type Round = Readonly<Record<ScenarioId, Measurement>>;

/** The median figures of one scenario over all rounds. */
export interface ScenarioSummary {
  readonly id: ScenarioId;
  readonly label: string;
  readonly requestsPerSec: number;
  readonly cyclesPerSec: number | null;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** This scenario's median req/s over the ceiling's median req/s; null at a fixed rate. */
  readonly ratioToCeiling: number | null;
  /** Each round's req/s over the same round's ceiling req/s (the side-by-side pairs); empty at a fixed rate. */
  readonly pairedRatios: readonly number[];
  readonly non2xx: number;
  readonly errors: number;
}

/** One of the targets, judged on the medians. */
export interface Target {
  readonly name: string;
  readonly pass: boolean;
  readonly detail: string;
}

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const order: readonly ScenarioId[] = ['ceiling', 'get', 'cycle', 'ceilingFixedRate', 'fixedRate'];
const isFixedRate = (id: ScenarioId): boolean => id === 'fixedRate' || id === 'ceilingFixedRate';

/** Medians per scenario over the rounds, and the ratios to the ceiling. */
export function summarize(rounds: readonly Round[]): ScenarioSummary[] {
  const ceiling = median(rounds.map((r) => r.ceiling.requestsPerSec));
  return order.map((id) => {
    const of = (pick: (m: Measurement) => number): number => median(rounds.map((r) => pick(r[id])));
    const requestsPerSec = of((m) => m.requestsPerSec);
    return {
      id,
      label: scenarioLabels[id],
      requestsPerSec,
      cyclesPerSec: id === 'cycle' ? of((m) => m.unitsPerSec) : null,
      p50Ms: of((m) => m.p50Ms),
      p90Ms: of((m) => m.p90Ms),
      p99Ms: of((m) => m.p99Ms),
      maxMs: of((m) => m.maxMs),
      ratioToCeiling: isFixedRate(id) ? null : requestsPerSec / ceiling,
      pairedRatios: isFixedRate(id) ? [] : rounds.map((r) => r[id].requestsPerSec / r.ceiling.requestsPerSec),
      non2xx: rounds.reduce((sum, r) => sum + r[id].non2xx, 0),
      errors: rounds.reduce((sum, r) => sum + r[id].errors, 0),
    };
  });
}

/**
 * The targets: GET at least 50% of the ceiling; p99 under 5 ms for the emulator's open-loop GET
 * at the fixed rate, which must be reached with no failed request (an unanswered request has no latency).
 */
export function judge(summary: readonly ScenarioSummary[], fixedRate: number): Target[] {
  const get = summary.find((s) => s.id === 'get')!;
  const fixed = summary.find((s) => s.id === 'fixedRate')!;
  const reference = summary.find((s) => s.id === 'ceilingFixedRate')!;
  const reached = fixed.requestsPerSec >= fixedRate * 0.95;
  const failures = fixed.errors > 0 ? ` (${fixed.errors} failed requests)` : '';
  return [
    {
      name: 'GET >= 50% of ceiling',
      pass: (get.ratioToCeiling ?? 0) >= 0.5,
      detail:
        `${pct(get.ratioToCeiling)} of ceiling (median ${num(get.requestsPerSec, 0)} vs ${num(summary[0]!.requestsPerSec, 0)} req/s;` +
        ` per round ${get.pairedRatios.map(pct).join(', ')})`,
    },
    {
      name: `p99 < 5 ms at ${fixedRate} req/s`,
      pass: fixed.p99Ms < 5 && reached && fixed.errors === 0,
      detail:
        `open loop: p99 ${num(fixed.p99Ms, 2)} ms (p90 ${num(fixed.p90Ms, 2)}, max ${num(fixed.maxMs, 2)})` +
        ` at ${num(fixed.requestsPerSec, 0)} req/s achieved${reached ? '' : ' (rate not reached)'}${failures}` +
        ` (the ceiling at the same rate: p99 ${num(reference.p99Ms, 2)} ms)`,
    },
  ];
}

const num = (value: number, digits: number): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
const pct = (value: number | null): string => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

/** The table and the PASS/FAIL lines, ready to print. */
export function formatReport(
  summary: readonly ScenarioSummary[],
  targets: readonly Target[],
  config: { readonly rounds: number; readonly fixedRate: number; readonly rateSockets: number },
): string {
  const header = ['scenario', 'req/s', 'cycles/s', 'p50 ms', 'p99 ms', 'vs ceiling', 'non-2xx', 'errors'];
  const rows = summary.map((s) => [
    s.label,
    num(s.requestsPerSec, 0),
    s.cyclesPerSec === null ? '-' : num(s.cyclesPerSec, 0),
    num(s.p50Ms, 3),
    num(s.p99Ms, 3),
    isFixedRate(s.id) ? '- (fixed)' : pct(s.ratioToCeiling),
    String(s.non2xx),
    String(s.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `Medians of ${config.rounds} round(s); fixed rate = ${config.fixedRate} req/s open loop (evenly spaced sends, up to ${config.rateSockets}` +
      ` keep-alive sockets; latency from each request's scheduled send time).`,
    'Cycle req/s counts both requests of a cycle (POST payments + POST cancel); its p50/p99 are per request.',
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    ...targets.map((t) => `${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.detail}`),
  ].join('\n');
}

/** Writes the machine-readable results (bench/results is gitignored). */
export function writeResults(path: string, results: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
