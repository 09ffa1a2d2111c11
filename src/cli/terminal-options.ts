// The options every terminal command (pay, refund, onboard) shares: which backend, whose credentials,
// which journal; and the values they parse (amounts, currencies, phone numbers), each checked with a
// one-line UsageError before anything is sent.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CURRENCY_CODES, VAT_PATTERN } from '../shared/pos-v10/formats.js';
import { integerOption, UsageError } from './args.js';

/** The demo integrator and merchant of the embedded emulator's seed: no configuration needed. */
export const DEMO_CLIENT_ID = '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const DEMO_CLIENT_SECRET = 'pos-sim-demo-secret';
export const DEMO_VAT = 'DK12345678';
export const DEMO_STORE_ID = '7b1e4c2a-9d3f-4e5a-8b6c-100000010001';
/** The embedded emulator's pollDelayInMs unless --poll-delay says otherwise (production's value). */
export const DEFAULT_POLL_DELAY_MS = 1000;
/** The slowest embedded poll delay: each customer step waits at most 30 s for the terminal to see it. */
export const MAX_POLL_DELAY_MS = 10_000;
/** The journal of a terminal that talks to a backend outliving the command (--api). */
export const DEFAULT_DATA_DIR = join(homedir(), '.pos-sim', 'terminal');
/** DEFAULT_DATA_DIR as the help shows it, the same for every user. */
export const DEFAULT_DATA_DIR_LABEL = '~/.pos-sim/terminal';

/** DKK or EUR: the currencies of PoS v10. */
export type Currency = (typeof CURRENCY_CODES)[number];

/** Where the backend, the credentials and the journal come from (pay, refund, onboard). */
export const connectionOptions = {
  api: {
    type: 'string',
    valueName: 'URL',
    description: 'a running PoS v10 backend, e.g. `pos-sim emulator` (default: an embedded emulator)',
  },
  data: {
    type: 'string',
    valueName: 'DIR',
    description: `the journal's directory (default ${DEFAULT_DATA_DIR_LABEL} with --api, else a temporary one)`,
  },
  'client-id': {
    type: 'string',
    valueName: 'ID',
    description: 'integrator client id (default: the demo one)',
  },
  'client-secret': { type: 'string', valueName: 'SECRET', description: "the client's secret" },
  vat: { type: 'string', valueName: 'VAT', description: `merchant VAT number (default ${DEMO_VAT})` },
} as const;

/** Only for commands that may run against the embedded emulator. */
export const pollDelayOption = {
  'poll-delay': {
    type: 'string',
    valueName: 'MS',
    description: `pollDelayInMs of the embedded emulator (default ${DEFAULT_POLL_DELAY_MS}); not with --api`,
  },
} as const;

/** The backend: an emulator inside this process, or a URL. */
export type BackendChoice =
  | { readonly kind: 'embedded'; readonly pollDelayMs: number }
  | { readonly kind: 'api'; readonly url: string };

/** What a terminal command needs to build its engine, validated. */
export interface ConnectionSettings {
  readonly backend: BackendChoice;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly merchantVat: string;
  /** As given on the command line (resolved against the cwd later); undefined picks the default. */
  readonly dataDir: string | undefined;
}

type ConnectionValues = {
  readonly api?: string | undefined;
  readonly data?: string | undefined;
  readonly 'client-id'?: string | undefined;
  readonly 'client-secret'?: string | undefined;
  readonly vat?: string | undefined;
  readonly 'poll-delay'?: string | undefined;
};

/** Checks the shared options; --client-id and --client-secret come together, --poll-delay only without --api. */
export function parseConnection(values: ConnectionValues): ConnectionSettings {
  const api = nonEmpty('api', values.api);
  if (api !== undefined && values['poll-delay'] !== undefined)
    throw new UsageError('--poll-delay is for the embedded emulator; it cannot be used with --api');
  const clientId = nonEmpty('client-id', values['client-id']);
  const clientSecret = nonEmpty('client-secret', values['client-secret']);
  if ((clientId === undefined) !== (clientSecret === undefined))
    throw new UsageError('--client-id and --client-secret must be given together');
  const vat = nonEmpty('vat', values.vat)?.toUpperCase();
  if (vat !== undefined && !VAT_PATTERN.test(vat))
    throw new UsageError(`--vat must be DK or FI followed by 8 digits, got '${values.vat}'`);
  return {
    backend:
      api === undefined
        ? {
            kind: 'embedded',
            pollDelayMs:
              values['poll-delay'] === undefined
                ? DEFAULT_POLL_DELAY_MS
                : integerOption('poll-delay', values['poll-delay'], { min: 0, max: MAX_POLL_DELAY_MS }),
          }
        : { kind: 'api', url: apiUrl(api) },
    clientId: clientId ?? DEMO_CLIENT_ID,
    clientSecret: clientSecret ?? DEMO_CLIENT_SECRET,
    merchantVat: vat ?? DEMO_VAT,
    dataDir: nonEmpty('data', values.data),
  };
}

/** The journal directory: --data, else a temporary one for the embedded emulator (null), else the per-user one. */
export function journalDir(settings: ConnectionSettings, cwd: string): string | null {
  if (settings.dataDir !== undefined) return resolve(cwd, settings.dataDir);
  return settings.backend.kind === 'embedded' ? null : DEFAULT_DATA_DIR;
}

/** An http(s) base URL without a trailing slash. */
export function apiUrl(raw: string): string {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new UsageError(`--api must be an http(s) URL, e.g. http://127.0.0.1:8080, got '${raw}'`);
  return raw.replace(/\/+$/, '');
}

/** An amount as the API takes it: positive, at most two decimals, a dot as the separator. */
export function parseAmount(what: string, raw: string): number {
  const text = raw.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(text))
    throw new UsageError(
      `${what} must be a positive amount with at most two decimals, e.g. 12.50, got '${raw}'`,
    );
  const value = Number(text);
  if (value <= 0) throw new UsageError(`${what} must be more than 0, got '${raw}'`);
  if (value > 1e12) throw new UsageError(`${what} must be at most 1000000000000, got '${raw}'`);
  return value;
}

/** DKK or EUR (either case). */
export function parseCurrency(raw: string | undefined): Currency | undefined {
  if (raw === undefined) return undefined;
  const found = CURRENCY_CODES.find((code) => code === raw.trim().toUpperCase());
  if (found === undefined)
    throw new UsageError(`--currency must be ${CURRENCY_CODES.join(' or ')}, got '${raw}'`);
  return found;
}

/** A phone number of a sandbox test user, e.g. +4520031801 (spaces allowed). */
export function parsePhone(raw: string): string {
  const phone = raw.replace(/\s+/g, '');
  if (!/^\+?\d{6,15}$/.test(phone))
    throw new UsageError(`--user must be a phone number such as +4520031801, got '${raw}'`);
  return phone;
}

/** 12.5 -> "12.50 DKK". */
export function formatAmount(amount: number, currency: string | null): string {
  return `${amount.toFixed(2)}${currency === null ? '' : ` ${currency}`}`;
}

/** An option's value, refused when it is blank (`--api ""`). */
export function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`--${name} needs a value`);
  return value?.trim();
}
