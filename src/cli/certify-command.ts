// `pos-sim certify`: the self-certification without a tester. Starts a session for this terminal
// (on an embedded emulator unless --api names a running one), lets the autopilot carry out every
// step of the selected sections with the terminal engine, prints one line per step, writes the
// report, the JUnit XML and (when every step passed) the certificate, and exits 0 only on a pass.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CERTIFICATION_SECTIONS, type SectionId } from '../shared/certification.js';
import { CLIENT_VERSION_PATTERN } from '../shared/pos-v10/formats.js';
import { formatOptions, integerOption, parseOptions, UsageError } from './args.js';
import { EXIT_OK, type CliCommand, type CliContext } from './command.js';
import { runCertification, type CertifyPlan } from './certify-run.js';
import { apiUrl, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, nonEmpty } from './terminal-options.js';

/** Every section but the older guide's optional loyalty; onboarding is always certified. */
export const DEFAULT_SECTIONS: readonly SectionId[] = CERTIFICATION_SECTIONS.filter((s) => s !== 'loyalty');
export const DEFAULT_OUT_DIR = 'certification-out';
/** How long a run may take before it gives up, naming the step it was waiting on. */
export const DEFAULT_TIMEOUT_S = 300;

const certifyOptions = {
  sections: {
    type: 'string',
    valueName: 'a,b,...',
    description: `sections to certify (default all but loyalty; onboarding always): ${CERTIFICATION_SECTIONS.join(', ')}`,
  },
  api: {
    type: 'string',
    valueName: 'URL',
    description: 'a running emulator with the certification service (default: an embedded one)',
  },
  out: {
    type: 'string',
    valueName: 'DIR',
    description: `where report.html, junit.xml and certificate.json go (default ./${DEFAULT_OUT_DIR})`,
  },
  'client-id': {
    type: 'string',
    valueName: 'ID',
    description: 'integrator client id (default: the demo one)',
  },
  'client-secret': { type: 'string', valueName: 'SECRET', description: "the client's secret" },
  version: {
    type: 'string',
    valueName: 'X.Y.Z',
    description: 'client system version to certify, Major.Minor.Build (default: the package version)',
  },
  timeout: {
    type: 'string',
    valueName: 'SECONDS',
    description: `give up after this long, naming the step waited on (default ${DEFAULT_TIMEOUT_S})`,
  },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const;

/** The help of `pos-sim certify --help`. */
export const certifyUsage = [
  'Usage: pos-sim certify [--sections a,b,...] [--api URL] [--out DIR] [--version X.Y.Z]',
  '                       [--client-id ID --client-secret SECRET] [--timeout SECONDS]',
  '',
  "Certifies this terminal unattended: an autopilot carries out every step of MobilePay's",
  'self-certification with the terminal engine while the service injects faults, plays the',
  'customer and judges each step. Prints one line per step (✔ passed, ✘ failed with the reason),',
  'then writes report.html, junit.xml and, when every step passed, certificate.json to --out.',
  'Without --api an emulator runs inside this command (poll delay 50 ms, so a run takes seconds).',
  'Exits 0 when every step passed, 1 when any failed or the run gave up, 2 on a usage error.',
  '',
  formatOptions(certifyOptions),
].join('\n');

/** Parses and checks the arguments of `pos-sim certify`; throws UsageError on the first mistake. */
export function parseCertifyArgs(
  argv: readonly string[],
  cwd: string,
): CertifyPlan | { readonly help: true } {
  const options = parseOptions(argv, certifyOptions);
  if (options.help === true) return { help: true };
  const clientId = nonEmpty('client-id', options['client-id']);
  const clientSecret = nonEmpty('client-secret', options['client-secret']);
  if ((clientId === undefined) !== (clientSecret === undefined))
    throw new UsageError('--client-id and --client-secret must be given together');
  const version = nonEmpty('version', options.version) ?? packageVersion();
  if (!CLIENT_VERSION_PATTERN.test(version))
    throw new UsageError(`--version must be Major.Minor.Build, e.g. 1.4.0, got '${version}'`);
  const api = nonEmpty('api', options.api);
  const timeout = nonEmpty('timeout', options.timeout);
  return {
    help: false,
    sections: parseSections(options.sections),
    backend: api === undefined ? { kind: 'embedded' } : { kind: 'api', url: apiUrl(api) },
    outDir: resolve(cwd, nonEmpty('out', options.out) ?? DEFAULT_OUT_DIR),
    clientId: clientId ?? DEMO_CLIENT_ID,
    clientSecret: clientSecret ?? DEMO_CLIENT_SECRET,
    version,
    timeoutMs:
      1000 *
      (timeout === undefined
        ? DEFAULT_TIMEOUT_S
        : integerOption('timeout', timeout, { min: 1, max: 86_400 })),
  };
}

/** A comma list of sections, in the site's order, onboarding first and always; unknown names are refused. */
export function parseSections(raw: string | undefined): readonly SectionId[] {
  if (raw === undefined) return DEFAULT_SECTIONS;
  const names = raw
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.length === 0) throw new UsageError('--sections needs at least one section');
  const unknown = names.filter((name) => !(CERTIFICATION_SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new UsageError(
      `--sections: unknown section${unknown.length === 1 ? '' : 's'} ${unknown.map((n) => `'${n}'`).join(', ')}; ` +
        `choose from ${CERTIFICATION_SECTIONS.join(', ')}`,
    );
  return CERTIFICATION_SECTIONS.filter((section) => section === 'onboarding' || names.includes(section));
}

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The version certified by default: the product's own (package.json). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(resolve(packageRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
}

async function runCertify(argv: readonly string[], context: CliContext): Promise<number> {
  const plan = parseCertifyArgs(argv, context.cwd);
  if (plan.help) {
    context.stdout(`${certifyUsage}\n`);
    return EXIT_OK;
  }
  return runCertification(plan, context);
}

/** The `certify` subcommand, as registered in index.ts. */
export const certifyCommand: CliCommand = {
  name: 'certify',
  summary: 'run the self-certification unattended and write the report, JUnit XML and certificate',
  usage: certifyUsage,
  run: runCertify,
};
