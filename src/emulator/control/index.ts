// The control plane (ours, not MobilePay's) under /emulator: reset, clock, faults, request log, events.
import type { FastifyInstance } from 'fastify';
import type { TokenService } from '../auth/token-service.js';
import type { Clock } from '../clock.js';
import type { EmulatorCore } from '../domain/core.js';
import type { EventBus } from '../events.js';

export const CONTROL_PREFIX = '/emulator';

export interface ControlPlaneDeps {
  readonly core: EmulatorCore;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly tokens: TokenService;
  /** Back to the seed data. */
  readonly reset: () => void;
  /** Applies time-driven rules now and saves the virtual clock. */
  readonly sweep: () => void;
  readonly sleep: (ms: number) => Promise<void>;
  readonly requestLogSize: number;
  /** Whether to serve the /emulator routes (fault and log hooks are installed either way). */
  readonly serveRoutes: boolean;
}

/** Installs the fault-injection and request-log hooks on the root instance and serves /emulator. */
export function installControlPlane(_app: FastifyInstance, _deps: ControlPlaneDeps): void {
  // Filled in by the control-plane work: faults.ts, request-log.ts, sse.ts, routes.ts.
}
