// The PoS v10 client's public surface: what flows, the CLI and main import (nothing deeper).
export { PosClient, type PaymentFilter, type PosFilter, type StoreLocation } from './pos-client.js';
export {
  UserSimulationClient,
  type UserAtBeacon,
  type UserSimulationConfig,
} from './user-simulation-client.js';
export type { PosClientConfig, ResolvedPosClientConfig } from './config.js';
export { clientDeps, realClientDeps, realSleep, type ClientDeps } from './deps.js';
export {
  TerminalApiError,
  isApiError,
  isTerminalApiError,
  terminalApiErrors,
  type TerminalApiErrorCode,
  type TerminalApiErrorData,
} from './errors.js';
export { REDACTED, type ExchangeEvent, type ExchangeListener } from './exchange.js';
export { DEFAULT_TIMEOUTS, type HttpMethod, type TimeoutConfig } from './http.js';
export { DEFAULT_BACKOFF, DEFAULT_RETRIES, MAX_RETRIES, type BackoffConfig } from './retry-policy.js';
export {
  TOKEN_REFRESH_FRACTION,
  TOKEN_REFRESH_MIN_MARGIN_MS,
  refreshTime,
  type AccessToken,
} from './token-provider.js';
