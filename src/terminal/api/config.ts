// The PoS client's configuration: where the API and the token endpoint are, who we are (integrator
// client, merchant, client system) and how patient to be. Checked once, at construction, so a
// wrong setting fails with pos.config before any cashier presses a button.
import { z } from 'zod';
import { CLIENT_VERSION_PATTERN, VAT_PATTERN, isValidText } from '../../shared/pos-v10/formats.js';
import { TerminalApiError } from './errors.js';
import type { ExchangeListener } from './exchange.js';
import { DEFAULT_TIMEOUTS, type TimeoutConfig, type TransportSettings } from './http.js';
import { clampRetries, resolveBackoff, type BackoffConfig } from './retry-policy.js';

/** What the app's settings (or the CLI) give the integrator client. */
export interface PosClientConfig {
  /** The base under which /pos/v10 lives, e.g. http://127.0.0.1:8080 or https://api.sandbox.mobilepay.dk. */
  readonly apiBaseUrl: string;
  /** The Integrator Authentication API; default apiBaseUrl + '/integrator-authentication'. */
  readonly authBaseUrl?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** DK or FI and 8 digits; sent on every call and (by default) bound into the token. */
  readonly merchantVat: string;
  /** x-mobilepay-client-system-name. */
  readonly clientSystemName: string;
  /** x-mobilepay-client-system-version, Major.Minor.Build. */
  readonly clientSystemVersion: string;
  /** Ask for a token restricted to merchantVat (the token request's optional merchant_vat); default true. */
  readonly bindTokenToMerchant?: boolean;
  readonly timeouts?: TimeoutConfig;
  /** Retries of network errors, timeouts and 5xx (default 2, clamped to 0..5). */
  readonly retries?: number;
  readonly backoff?: BackoffConfig;
  /** Every HTTP attempt, secrets redacted: the HTTP log screen. */
  readonly onExchange?: ExchangeListener;
}

/** The configuration with every default filled in. */
export interface ResolvedPosClientConfig {
  readonly apiBaseUrl: string;
  readonly authBaseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly merchantVat: string;
  readonly clientSystemName: string;
  readonly clientSystemVersion: string;
  readonly bindTokenToMerchant: boolean;
  readonly transport: TransportSettings;
}

const httpUrl = z
  .string()
  .refine(
    (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
    'expected an http(s) URL',
  );
const timeout = z.number().positive().max(600_000).optional();

const configSchema = z.object({
  apiBaseUrl: httpUrl,
  authBaseUrl: httpUrl.optional(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  merchantVat: z.string().regex(VAT_PATTERN, 'expected DK or FI and 8 digits'),
  clientSystemName: z.string().refine((v) => isValidText(v, 100), 'expected 1-100 valid characters'),
  clientSystemVersion: z.string().regex(CLIENT_VERSION_PATTERN, 'expected Major.Minor.Build'),
  timeouts: z.object({ writeMs: timeout, readMs: timeout }).optional(),
});

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/** Checks the config and fills in the defaults; throws pos.config naming every bad field. */
export function resolveConfig(config: PosClientConfig): ResolvedPosClientConfig {
  const checked = configSchema.safeParse(config);
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new TerminalApiError({
      code: 'pos.config',
      message: `Invalid PoS client configuration: ${problems.join('; ')}`,
      method: '',
      path: '',
      attempts: 0,
    });
  }
  const apiBaseUrl = withoutTrailingSlash(config.apiBaseUrl);
  return {
    apiBaseUrl,
    authBaseUrl: withoutTrailingSlash(config.authBaseUrl ?? `${apiBaseUrl}/integrator-authentication`),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    merchantVat: config.merchantVat,
    clientSystemName: config.clientSystemName,
    clientSystemVersion: config.clientSystemVersion,
    bindTokenToMerchant: config.bindTokenToMerchant ?? true,
    transport: transportSettings(config),
  };
}

/** The transport's settings from the parts of a config that concern it (shared with the user simulation client). */
export function transportSettings(config: {
  readonly timeouts?: TimeoutConfig;
  readonly retries?: number;
  readonly backoff?: BackoffConfig;
  readonly onExchange?: ExchangeListener;
}): TransportSettings {
  return {
    timeouts: {
      writeMs: config.timeouts?.writeMs ?? DEFAULT_TIMEOUTS.writeMs,
      readMs: config.timeouts?.readMs ?? DEFAULT_TIMEOUTS.readMs,
    },
    retries: clampRetries(config.retries),
    backoff: resolveBackoff(config.backoff),
    ...(config.onExchange === undefined ? {} : { onExchange: config.onExchange }),
  };
}
