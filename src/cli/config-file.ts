// The emulator's --config file and --integrator flags, turned into one EmulatorConfig; every mistake is
// reported in one line that names the file and the field, so a lab can fix its config without guessing.
import { readFileSync } from 'node:fs';
import { emulatorConfigSchema, type EmulatorConfig } from '../emulator/seed.js';
import { UsageError } from './args.js';

/** The client credentials of one --integrator CLIENT_ID:CLIENT_SECRET flag. */
export interface IntegratorCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Top-level keys a config may carry besides the schema's own (editors add `$schema`). */
const TOLERATED_KEYS = new Set(['$schema']);

/** Reads and validates a JSON config file; errors name the file and the offending field. */
export function loadEmulatorConfig(file: string): EmulatorConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw configError(file, code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw configError(file, `is not valid JSON: ${(error as Error).message}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw configError(file, 'must contain a JSON object');
  const known = new Set(Object.keys(emulatorConfigSchema.shape));
  const unknown = Object.keys(json).find((k) => !known.has(k) && !TOLERATED_KEYS.has(k));
  if (unknown !== undefined)
    throw configError(file, `unknown field '${unknown}' (known: ${[...known].join(', ')})`);
  const parsed = emulatorConfigSchema.safeParse(json);
  if (!parsed.success) throw configError(file, describeIssues(parsed.error.issues));
  return parsed.data;
}

/** Parses CLIENT_ID:CLIENT_SECRET (the secret may itself contain colons). */
export function parseIntegratorFlag(raw: string): IntegratorCredentials {
  const colon = raw.indexOf(':');
  if (colon <= 0 || colon === raw.length - 1)
    throw new UsageError(
      `--integrator expects CLIENT_ID:CLIENT_SECRET, got '${colon < 0 ? raw : `${raw.slice(0, colon)}:…`}'`,
    );
  return { clientId: raw.slice(0, colon), clientSecret: raw.slice(colon + 1) };
}

/** The integratorId the emulator gives an integrator added with --integrator: derived from its client id. */
export function integratorIdFor(clientId: string): string {
  return `integrator-${clientId}`;
}

/** Adds one integrator per --integrator flag to the config's integrators. */
export function withIntegrators(
  config: EmulatorConfig,
  credentials: readonly IntegratorCredentials[],
): EmulatorConfig {
  if (credentials.length === 0) return config;
  const seen = new Set<string>();
  for (const { clientId } of credentials) {
    if (seen.has(clientId)) throw new UsageError(`--integrator ${clientId} is given more than once`);
    seen.add(clientId);
  }
  const added = credentials.map(({ clientId, clientSecret }) => ({
    integratorId: integratorIdFor(clientId),
    name: `Integrator of client ${clientId} (--integrator)`,
    clients: [{ clientId, clientSecret }],
  }));
  return { ...config, integrators: [...(config.integrators ?? []), ...added] };
}

function configError(file: string, detail: string): UsageError {
  return new UsageError(`config file ${file}: ${detail}`, { showUsage: false });
}

/** `merchants[0].vat: Invalid string ...`, plus how many more problems there are. */
function describeIssues(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): string {
  const [first] = issues;
  if (first === undefined) return 'is not a valid emulator config';
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${formatPath(first.path)}: ${first.message}${more}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}
