// The control plane (ours, not MobilePay's) under /emulator: reset, clock, faults, request log, events.
import type { FastifyInstance } from 'fastify';
import type { TokenService } from '../auth/token-service.js';
import type { Clock } from '../clock.js';
import type { EmulatorCore } from '../domain/core.js';
import type { EventBus } from '../events.js';
import { FaultRules } from './fault-rules.js';
import { installInterception } from './interception.js';
import { RequestLog } from './request-log.js';
import { registerControlRoutes } from './routes.js';
import { registerSandboxRoutes } from './sandbox-routes.js';
import { EventStreams } from './sse.js';

export { CONTROL_PREFIX } from './interception.js';

/** What buildEmulator hands the control plane: the engine's parts and the options that shape it. */
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

/** The control plane's parts, for in-process callers (the CLI, the certification service, tests). */
export interface ControlPlane {
  readonly faults: FaultRules;
  readonly requests: RequestLog;
  readonly streams: EventStreams;
}

declare module 'fastify' {
  interface FastifyInstance {
    emulatorControl: ControlPlane;
  }
}

/** Installs the fault-injection and request-log hooks on the root instance and serves /emulator. */
export function installControlPlane(app: FastifyInstance, deps: ControlPlaneDeps): void {
  const faults = new FaultRules();
  const log = new RequestLog(deps.requestLogSize, deps.clock, deps.events);
  const streams = new EventStreams(deps.events);
  app.decorate('emulatorControl', { faults, requests: log, streams });

  installInterception(app, { faults, log, sleep: deps.sleep });

  // An open event stream would keep server.close() waiting forever, and onClose hooks only run
  // after it returns: end the streams in preClose, before the server stops listening.
  app.addHook('preClose', (done) => {
    streams.closeAll();
    done();
  });

  if (!deps.serveRoutes) return;
  void app.register(async (scope) => {
    registerControlRoutes(scope, { ...deps, faults, log, streams });
    registerSandboxRoutes(scope, { core: deps.core });
  });
}

export type { FaultAction, AppliedFault } from './faults.js';
export type { FaultRuleInput, FaultRuleView } from './fault-rules.js';
export type { RequestLogEntry, RequestLogFilter } from './request-log.js';
