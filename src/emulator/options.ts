// Options of buildEmulator: every timing rule of the reference, with the production values as defaults.
import { DAY, HOUR, MINUTE, type Clock } from './clock.js';
import type { TestUser } from './domain/model.js';
import type { Persistence } from './domain/persistence.js';
import type { EmulatorConfig } from './seed.js';
import type { SigningKeyPem } from './auth/token-service.js';
import type { CertificationKey } from './certification/certificate.js';

export interface EmulatorOptions {
  /** 'real' (default), 'virtual' (stands still until advanced), or a clock of your own. */
  readonly clock?: Clock | 'real' | 'virtual';
  /** pollDelayInMs on every polling endpoint; production used 1000. */
  readonly pollDelayMs?: number;
  /** Seed overrides (the config file's content). */
  readonly config?: EmulatorConfig;
  /** Where state lives; memory unless given (the CLI passes SQLite for --data). */
  readonly persistence?: Persistence;
  readonly testUsers?: readonly TestUser[];
  /** The RSA key tokens are signed with; generated (and persisted with --data) when absent. */
  readonly signingKey?: SigningKeyPem;
  /** The Ed25519 key certificates are signed with; generated (and persisted with --data) when absent. */
  readonly certificationKey?: CertificationKey;
  /** Generates ids (GUIDs); inject a deterministic one in tests. */
  readonly newId?: () => string;
  /** fastify's logger option; off by default. */
  readonly logger?: boolean;
  readonly timing?: Partial<EmulatorTiming>;
  /** Notification service: the fetch to call integrators' callback URLs with, and its retry pause. */
  readonly notifications?: {
    readonly fetch?: typeof fetch;
    readonly retryDelayMs?: number;
    readonly timeoutMs?: number;
  };
  /** Waits used by delay faults and notification retries; injectable so tests need no real sleeps. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** How many requests the control plane's request log keeps. */
  readonly requestLogSize?: number;
  /** Serve the control plane under /emulator (default true). */
  readonly controlPlane?: boolean;
  /** Issuer and URLs of the OpenID discovery document; derived from the request's host when absent. */
  readonly publicBaseUrl?: string;
  /** With a real clock, how often time-driven transitions are swept and announced (0 turns it off). */
  readonly sweepIntervalMs?: number;
}

/** The time rules. Defaults follow the reference; where it is silent, docs/emulator.md gives our choice. */
export interface EmulatorTiming {
  readonly tokenLifetimeSeconds: number;
  /** Initiated / Prepared / Paired / IssuedToUser payments untouched this long are cancelled by MobilePay. */
  readonly paymentInactivityMs: number;
  /** A reservation not captured or cancelled within this expires (ExpiredAndCancelled). */
  readonly reservationLifetimeMs: number;
  /** How long a refund stays Initiated before it is Reserved. */
  readonly refundReserveDelayMs: number;
  /** A reserved refund is captured automatically after this (ExpiredAndCaptured). */
  readonly refundAutoCaptureMs: number;
  /** A payment can be refunded up to this long after its capture (1366 after). */
  readonly refundWindowMs: number;
  /** Idempotency keys are remembered at least this long. */
  readonly idempotencyRetentionMs: number;
  /** A check-in with no payment lapses after this. */
  readonly checkInLifetimeMs: number;
}

export const defaultTiming: EmulatorTiming = {
  tokenLifetimeSeconds: 3600,
  paymentInactivityMs: 5 * MINUTE,
  reservationLifetimeMs: 7 * DAY,
  refundReserveDelayMs: 0,
  refundAutoCaptureMs: 24 * HOUR,
  refundWindowMs: 90 * DAY,
  idempotencyRetentionMs: 24 * HOUR,
  checkInLifetimeMs: 5 * MINUTE,
};

export const DEFAULT_POLL_DELAY_MS = 1000;
