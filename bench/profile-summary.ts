// `tsx bench/profile-summary.ts [file.cpuprofile] [top]`: the hottest functions and files of a V8 CPU
// profile (as written by `BENCH_CPU_PROF=1 npm run bench:emulator`), by self time, to find hot spots.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from './children.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

/** The parts of a .cpuprofile this summary reads. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function newestProfile(): string {
  const dir = join(projectRoot, 'bench', 'results', 'profiles');
  const files = readdirSync(dir)
    // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (1 is tsx's loader).
    .filter((f) => f.endsWith('.cpuprofile') && f.split('.')[4] === '0')
    .map((f) => join(dir, f));
  if (files.length === 0)
    throw new Error(`no .cpuprofile in ${dir}; run BENCH_CPU_PROF=1 npm run bench:emulator first`);
  return files.reduce((a, b) => (statSync(a).mtimeMs >= statSync(b).mtimeMs ? a : b));
}

function where(node: ProfileNode): string {
  const url = node.callFrame.url.replace(/^file:\/\//, '');
  if (url === '') return '(native)';
  const local = url.startsWith(projectRoot) ? relative(projectRoot, url) : url;
  return local.replace(/^.*node_modules\//, 'node_modules/');
}

/** Self time in microseconds per key (function or file), highest first. */
export function selfTimes(profile: CpuProfile, key: (node: ProfileNode) => string): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    const k = key(node);
    totals.set(k, (totals.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

function print(title: string, rows: [string, number][], total: number, top: number): void {
  console.log(`\n${title}`);
  for (const [name, us] of rows.slice(0, top))
    console.log(
      `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
}

const file = process.argv[2] || newestProfile();
const top = Number(process.argv[3] ?? '30');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
const idle =
  selfTimes(profile, (n) => n.callFrame.functionName).find(([name]) => name === '(idle)')?.[1] ?? 0;
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled, ${((idle / total) * 100).toFixed(1)}% idle`);
print(
  'By function (self time)',
  selfTimes(
    profile,
    (n) => `${n.callFrame.functionName || '(anonymous)'}  ${where(n)}:${n.callFrame.lineNumber + 1}`,
  ),
  total,
  top,
);
print('By file (self time)', selfTimes(profile, where), total, top);
