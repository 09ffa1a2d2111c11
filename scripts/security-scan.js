#!/usr/bin/env node
// Electronegativity over the Electron sources (src/main and src/preload, scanned together so its
// global checks see the whole main process) and over the build in out/ when there is one (or over the
// directories given as arguments). Prints every finding and exits 1 on any HIGH severity one. Offline.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const engineDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const engineRequire = createRequire(join(engineDir, 'dist', 'runner.js'));

// Offline and deterministic: electronegativity fetches translations and Electron's release list with
// `got`; answer every such request with an immediate failure. The release check needs the network
// only, so it is left out (Electron's version is kept current by the lock file instead).
const gotPath = engineRequire.resolve('got');
const offline = () => Promise.reject(new Error('pos-sim security scan: no network requests'));
offline.head = offline;
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: Object.assign(offline, { default: offline, __esModule: true }),
};
const run = engineRequire('./runner.js');
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;

async function scan(label, input) {
  const log = console.log;
  // The translation fetch reports its (expected) failure on stdout; keep the summary clean.
  console.log = (...args) => {
    if (!String(args[0]).startsWith('Could not retrieve updated translations')) log(...args);
  };
  try {
    const result = await run({
      input,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: EXCLUDED_CHECKS.map((check) => check.toLowerCase()),
    });
    return { label, ...result };
  } finally {
    console.log = log;
  }
}

const reports = [];
const given = process.argv.slice(2);
if (given.length > 0) {
  // `node scripts/security-scan.js DIR...`: scan these instead (a spec proves a HIGH finding fails).
  for (const input of given) reports.push(await scan(input, resolve(input)));
} else {
  const staging = mkdtempSync(join(tmpdir(), 'pos-sim-scan-'));
  try {
    for (const part of ['main', 'preload'])
      cpSync(join(root, 'src', part), join(staging, part), { recursive: true });
    reports.push(await scan('src/main + src/preload', staging));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const out = join(root, 'out');
  if (existsSync(out)) reports.push(await scan(relative(root, out) || 'out', out));
  else console.log('security scan: no out/ (run npm run build to scan the build too)');
}

let high = 0;
for (const report of reports) {
  const counts = { HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
  for (const issue of report.issues) counts[issue.severity.name] += 1;
  high += counts.HIGH;
  console.log(
    `security scan of ${report.label}: ${report.issues.length} findings (HIGH ${counts.HIGH}, MEDIUM ${counts.MEDIUM}, LOW ${counts.LOW}, INFO ${counts.INFORMATIONAL})`,
  );
  for (const issue of report.issues) {
    const review = issue.manualReview ? ' [review]' : '';
    console.log(
      `  ${issue.severity.name.padEnd(6)} ${issue.confidence.name.padEnd(9)} ${issue.id}  ${issue.file}:${issue.location.line}${review}`,
    );
  }
  for (const error of report.errors) console.log(`  could not parse ${error.file}: ${error.message}`);
}
console.log(
  high > 0
    ? `security scan: FAILED, ${high} HIGH severity findings`
    : 'security scan: passed (no HIGH findings)',
);
process.exit(high > 0 ? 1 : 0);
