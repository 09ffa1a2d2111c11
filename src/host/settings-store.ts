// The till's settings: `<dataDir>/settings.json` (never the secret) and the client secret sealed by
// the secret box in its own file, readable by this user only. With nothing saved, the defaults
// talk to the embedded emulator as its demo integrator for the demo merchant: zero configuration.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { demoIntegrator } from '../emulator/seed.js';
import { settingsInputSchema } from '../shared/bridge/args.js';
import type { ParsedBridgeArgs, SettingsView } from '../shared/bridge/index.js';
import { isValidClientVersion } from '../shared/pos-v10/formats.js';
import type { SecretBox } from './types.js';

export const SETTINGS_FILE = 'settings.json';
export const SECRET_FILE = 'client-secret.sealed';
/** The embedded emulator's demo integrator client (its seed) and the demo merchant's VAT. */
export const DEMO_CLIENT = demoIntegrator.clients[0]!;
export const DEMO_VAT = 'DK12345678';
export const DEFAULT_CLIENT_SYSTEM_NAME = 'PoS terminal simulator';

export type SettingsInput = ParsedBridgeArgs['settingsSave'];

/** The settings in force, with the secret (host-internal: only SettingsView leaves the host). */
export interface Settings extends Omit<SettingsInput, 'clientSecret'> {
  readonly clientSecret: string | null;
}

const storedSchema = z.object({
  format: z.literal(1),
  settings: settingsInputSchema.omit({ clientSecret: true }),
});
const sealedSchema = z.object({ kind: z.enum(['safe-storage', 'file']), sealed: z.string() });

/** The app's version as Major.Minor.Build (a pre-release suffix dropped). */
function systemVersion(version: string): string {
  const core = /^\d+\.\d+\.\d+/.exec(version)?.[0] ?? '';
  return isValidClientVersion(core) ? core : '0.0.0';
}

/** What a fresh install uses: the embedded emulator, its demo integrator and merchant. */
export function defaultSettings(version: string): Settings {
  return {
    backend: { kind: 'embedded' },
    clientId: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.clientSecret,
    clientSystemName: DEFAULT_CLIENT_SYSTEM_NAME,
    clientSystemVersion: systemVersion(version),
    merchantVat: DEMO_VAT,
  };
}

/** Writes a file whole or not at all (temp file + rename), readable by this user only. */
export function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, file);
}

export function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Loads and saves the settings; `notice` hears what the cashier should know (never the secret). */
export class SettingsStore {
  /** The secret when the box cannot seal it: kept for this run only. */
  private unsealed: string | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly box: SecretBox,
    private readonly version: string,
    private readonly notice: (message: string) => void,
  ) {}

  /** The saved settings, or the defaults when none (or none readable) are saved. */
  load(): Settings {
    const defaults = defaultSettings(this.version);
    const text = readText(join(this.dataDir, SETTINGS_FILE));
    if (text === null) return defaults;
    let stored: Omit<SettingsInput, 'clientSecret'>;
    try {
      stored = storedSchema.parse(JSON.parse(text)).settings;
    } catch {
      this.notice(`${SETTINGS_FILE} cannot be read; the default settings are used until you save new ones.`);
      return defaults;
    }
    return { ...stored, clientSecret: this.unsealed ?? this.readSecret() ?? demoSecretFor(stored.clientId) };
  }

  /** Saves new settings (the secret as resolveSecret says; a new one sealed in its own file). */
  save(input: SettingsInput, current: Settings): Settings {
    const { clientSecret: given, ...rest } = input;
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const secret = resolveSecret(input, current);
    if (given !== undefined) this.storeSecret(given);
    else if (secret !== current.clientSecret) this.storeSecret(null);
    writeAtomically(
      join(this.dataDir, SETTINGS_FILE),
      `${JSON.stringify({ format: 1, settings: rest }, null, 2)}\n`,
    );
    return { ...rest, clientSecret: secret };
  }

  /** The settings as the screens may see them: whether a secret is stored, never the secret. */
  view(settings: Settings): SettingsView {
    const { clientSecret, ...rest } = settings;
    return { ...rest, hasClientSecret: clientSecret !== null, secretStorage: this.box.kind };
  }

  private readSecret(): string | null {
    const text = readText(join(this.dataDir, SECRET_FILE));
    if (text === null) return null;
    try {
      const stored = sealedSchema.parse(JSON.parse(text));
      if (stored.kind !== this.box.kind || !this.box.available) throw new Error('another secret box');
      return this.box.decrypt(stored.sealed);
    } catch {
      this.notice('The stored client secret cannot be read here; enter it again in the settings.');
      return null;
    }
  }

  private storeSecret(secret: string | null): void {
    const file = join(this.dataDir, SECRET_FILE);
    this.unsealed = null;
    if (secret === null) return rmSync(file, { force: true });
    if (!this.box.available) {
      this.unsealed = secret;
      rmSync(file, { force: true });
      this.notice(
        'The client secret cannot be stored safely on this machine; it is kept until the app closes.',
      );
      return;
    }
    writeAtomically(file, `${JSON.stringify({ kind: this.box.kind, sealed: this.box.encrypt(secret) })}\n`);
  }
}

/**
 * The secret new settings will use: the one given; else, for a switch to the demo client, its demo
 * secret; a switch away from the demo client needs a secret of its own; a corrected client id of
 * one's own keeps the stored secret.
 */
export function resolveSecret(input: SettingsInput, current: Settings): string | null {
  if (input.clientSecret !== undefined) return input.clientSecret;
  if (input.clientId === current.clientId) return current.clientSecret;
  if (input.clientId === DEMO_CLIENT.clientId) return DEMO_CLIENT.clientSecret;
  return current.clientId === DEMO_CLIENT.clientId ? null : current.clientSecret;
}

function demoSecretFor(clientId: string): string | null {
  return clientId === DEMO_CLIENT.clientId ? DEMO_CLIENT.clientSecret : null;
}
