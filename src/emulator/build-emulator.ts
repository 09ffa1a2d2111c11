// buildEmulator(options): the embedded PoS v10 sandbox as a fastify instance. Listening lives in
// listen.ts; tests use inject() or a loopback port.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { ApiError, badRequest } from './api-error.js';
import { AUTH_PREFIX, registerAuthRoutes } from './auth/routes.js';
import { TokenService, generateSigningKey, type SigningKeyPem } from './auth/token-service.js';
import { isVirtualClock, realClock, virtualClock, type Clock } from './clock.js';
import { EmulatorCore } from './domain/core.js';
import { memoryPersistence } from './domain/persistence.js';
import { EmulatorState } from './domain/state.js';
import { EventBus } from './events.js';
import { createNotifier } from './notifications.js';
import { DEFAULT_POLL_DELAY_MS, defaultTiming, type EmulatorOptions } from './options.js';
import { POS_PREFIX, registerPosV10Routes } from './routes/pos-v10.js';
import { USER_SIMULATION_PREFIX, registerUserSimulationRoutes } from './routes/user-simulation.js';
import { buildSeed } from './seed.js';
import { installControlPlane } from './control/index.js';
import { installCertification, rewriteCertificationUrl } from './certification/index.js';
import { generateCertificationKey, type CertificationKey } from './certification/certificate.js';
import { defaultTestUsers } from './test-users.js';

/** What buildEmulator decorates the fastify instance with: the parts tests and the CLI reach for. */
export interface EmulatorHandle {
  readonly core: EmulatorCore;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly tokens: TokenService;
  /** Back to the seed data: every PoS, payment, refund, check-in and idempotency key is gone. */
  reset(): void;
  /** Applies every time-driven rule now (called after the clock moves). */
  sweep(): void;
  /** Resolves when background work (notification deliveries) has finished. */
  idle(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    emulator: EmulatorHandle;
  }
}

const SIGNING_KEY_META = 'signing-key';
const CERTIFICATION_KEY_META = 'certification-key';
const CLOCK_META = 'virtual-clock';

function resolveClock(option: EmulatorOptions['clock']): Clock {
  if (option === undefined || option === 'real') return realClock();
  if (option === 'virtual') return virtualClock();
  return option;
}

/** JSON bodies under every media type the API accepts; an empty body reads as no body. */
function parseJson(
  _request: FastifyRequest,
  body: string,
  done: (err: Error | null, value?: unknown) => void,
): void {
  if (body.trim() === '') return done(null, undefined);
  try {
    done(null, JSON.parse(body));
  } catch {
    done(badRequest('the request body is not valid JSON'));
  }
}

export function buildEmulator(options: EmulatorOptions = {}): FastifyInstance {
  const persistence = options.persistence ?? memoryPersistence();
  const seed = buildSeed(options.config);
  const state = new EmulatorState(persistence, seed);
  const clock = resolveClock(options.clock);
  if (isVirtualClock(clock)) {
    const saved = state.getMeta(CLOCK_META) as { now: number } | undefined;
    if (saved) clock.set(saved.now);
    else state.putMeta(CLOCK_META, { now: clock.now() });
  }
  const events = new EventBus();
  const timing = { ...defaultTiming, ...options.timing };
  const pollDelayMs = options.pollDelayMs ?? options.config?.pollDelayMs ?? DEFAULT_POLL_DELAY_MS;
  const core = new EmulatorCore(
    state,
    clock,
    events,
    timing,
    pollDelayMs,
    options.newId ?? randomUUID,
    options.testUsers ?? defaultTestUsers,
  );

  let signingKey = options.signingKey ?? (state.getMeta(SIGNING_KEY_META) as SigningKeyPem | undefined);
  if (!signingKey) {
    signingKey = generateSigningKey();
    state.putMeta(SIGNING_KEY_META, signingKey);
  }
  // The certification service signs certificates with its own key, kept like the signing key so a
  // certificate issued before a restart still verifies (with --data).
  let certificationKey =
    options.certificationKey ?? (state.getMeta(CERTIFICATION_KEY_META) as CertificationKey | undefined);
  if (!certificationKey) {
    certificationKey = generateCertificationKey();
    state.putMeta(CERTIFICATION_KEY_META, certificationKey);
  }
  const baseUrl = (request: FastifyRequest): string =>
    options.publicBaseUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
  let lastIssuer = options.publicBaseUrl ?? 'http://localhost';
  const tokens = new TokenService(
    clock,
    timing.tokenLifetimeSeconds,
    signingKey,
    () => `${lastIssuer}${AUTH_PREFIX}`,
  );

  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const notifier = createNotifier({
    core,
    fetch: options.notifications?.fetch ?? fetch,
    sleep,
    retryDelayMs: options.notifications?.retryDelayMs ?? 1000,
    timeoutMs: options.notifications?.timeoutMs ?? 5000,
  });
  core.notifier = notifier.notify;

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 256 * 1024,
    exposeHeadRoutes: false,
    // Closing must not wait for keep-alive sockets a client left behind (a timed-out request's).
    forceCloseConnections: true,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    // The API under certification (/pos-self-certification-api/...) is this API; the request log
    // keeps the original URL (request.originalUrl), so the certification judge can tell them apart.
    rewriteUrl: (request) => rewriteCertificationUrl(request.url ?? '/'),
  });

  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    ['application/json', 'application/json-patch+json', 'text/json'],
    { parseAs: 'string' },
    parseJson,
  );
  app.addContentTypeParser(/^application\/[\w.-]+\+json$/, { parseAs: 'string' }, parseJson);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.setErrorHandler((error, request, reply) => {
    const correlationId = randomUUID();
    const origin = request.url.toLowerCase().startsWith(`${POS_PREFIX}/refunds`) ? { origin: 'PoS' } : {};
    if (error instanceof ApiError) {
      const body =
        error.code === null
          ? { message: error.message, correlationId }
          : { code: error.code, message: error.message, correlationId };
      return reply.code(error.status).send({ ...body, ...origin });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Framework refusals (bad media type, oversized body, ...) become the API's own 400 1099,
      // since pos.yaml documents no 413 or 415.
      return reply
        .code(400)
        .send({ code: '1099', message: (error as Error).message, correlationId, ...origin });
    }
    request.log.error(error);
    return reply
      .code(500)
      .send({ code: '2000', message: 'Internal server error in the emulator', correlationId, ...origin });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      message: `No route ${request.method} ${request.url.split('?')[0]}`,
      correlationId: randomUUID(),
    }),
  );

  const handleRef: { current?: EmulatorHandle } = {};
  installControlPlane(app, {
    core,
    clock,
    events,
    tokens,
    reset: () => handleRef.current?.reset(),
    sweep: () => handleRef.current?.sweep(),
    sleep,
    requestLogSize: options.requestLogSize ?? 1000,
    serveRoutes: options.controlPlane ?? true,
  });
  installCertification(app, {
    core,
    clock,
    events,
    control: app.emulatorControl,
    key: certificationKey,
    fetch: options.notifications?.fetch ?? fetch,
    baseUrl,
  });
  void app.register(async (scope) => {
    scope.addHook('onRequest', (request, _reply, done) => {
      lastIssuer = options.publicBaseUrl ?? baseUrl(request);
      // The authentication guide writes the form's type as "x-www-urlencoded"; accept it as the real one.
      const type = request.headers['content-type'];
      if (type && /^x-www-(form-)?urlencoded/i.test(type))
        request.headers['content-type'] = 'application/x-www-form-urlencoded';
      done();
    });
    registerAuthRoutes(scope, { state, tokens, baseUrl });
  });
  void app.register(async (scope) => registerPosV10Routes(scope, { core, tokens }));
  void app.register(async (scope) => registerUserSimulationRoutes(scope, { core }));

  const saveClock = (): void => {
    if (isVirtualClock(clock)) state.putMeta(CLOCK_META, { now: clock.now() });
  };
  const handle: EmulatorHandle = {
    core,
    clock,
    events,
    tokens,
    reset() {
      // One transaction: a crash half-way must not leave a database without its signing key.
      state.transaction(() => {
        state.reset();
        state.putMeta(SIGNING_KEY_META, signingKey);
        state.putMeta(CERTIFICATION_KEY_META, certificationKey);
        saveClock();
      });
      events.publish({
        kind: 'state',
        at: clock.now(),
        entity: 'emulator',
        id: 'emulator',
        from: null,
        to: 'Reset',
      });
    },
    sweep() {
      saveClock();
      core.sweep();
    },
    idle: notifier.idle,
  };
  handleRef.current = handle;
  app.decorate('emulator', handle);

  const sweepEvery = options.sweepIntervalMs ?? (clock.mode === 'real' ? 1000 : 0);
  if (sweepEvery > 0) {
    const timer = setInterval(() => core.sweep(), sweepEvery);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
  app.addHook('onClose', async () => {
    await notifier.idle();
    saveClock();
    persistence.close();
  });
  return app;
}

export { POS_PREFIX, USER_SIMULATION_PREFIX, AUTH_PREFIX };
