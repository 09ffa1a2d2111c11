// The self-certification service inside the emulator: the API under test (the emulator's own API
// through the certification base, see api-base.ts), sessions judged from the request log, the JSON
// API under /certification/api and the web UI under /certification. Installed by buildEmulator
// after the control plane, whose fault rules and request log it uses.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { ControlPlane } from '../control/index.js';
import type { EmulatorCore } from '../domain/core.js';
import type { EventBus } from '../events.js';
import type { CertificationKey } from './certificate.js';
import { registerCertificationRoutes } from './routes.js';
import { CertificationService } from './service.js';
import { registerCertificationUi } from './ui.js';

export { rewriteCertificationUrl } from './api-base.js';
export { CertificationService } from './service.js';

/** What buildEmulator hands the certification service. */
export interface CertificationDeps {
  readonly core: EmulatorCore;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly control: ControlPlane;
  readonly key: CertificationKey;
  readonly fetch: typeof fetch;
  readonly baseUrl: (request: FastifyRequest) => string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The certification service, for in-process callers (the CLI, tests). */
    certification: CertificationService;
  }
}

/** Creates the service, serves its API and UI, and stops it when the emulator closes. */
export function installCertification(app: FastifyInstance, deps: CertificationDeps): CertificationService {
  const service = new CertificationService({
    core: deps.core,
    clock: deps.clock,
    events: deps.events,
    faults: deps.control.faults,
    requests: deps.control.requests,
  });
  app.decorate('certification', service);
  void app.register(async (scope) => {
    registerCertificationRoutes(scope, {
      service,
      core: deps.core,
      clock: deps.clock,
      key: deps.key,
      fetch: deps.fetch,
      baseUrl: deps.baseUrl,
    });
    registerCertificationUi(scope);
  });
  app.addHook('onClose', async () => service.close());
  return service;
}
