// The PoS v10 API under /pos/v10: every endpoint of openapi/pos.yaml. Handlers are thin: they read
// the caller, run one domain command atomically, and answer.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenService } from '../auth/token-service.js';
import type { Caller, EmulatorCore } from '../domain/core.js';
import { once, type CreatingEndpoint } from '../domain/idempotency.js';
import * as payments from '../domain/payments.js';
import * as pointsOfSale from '../domain/points-of-sale.js';
import * as refunds from '../domain/refunds.js';
import * as stores from '../domain/stores.js';
import { authenticate, readCaller, readIdempotencyKey } from '../http/caller.js';
import { unauthorized } from '../api-error.js';

export const POS_PREFIX = '/pos/v10';

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
}

type Params = { id: string };

export function registerPosV10Routes(
  app: FastifyInstance,
  deps: { core: EmulatorCore; tokens: TokenService },
): void {
  const { core, tokens } = deps;

  // Callback style: this runs on every PoS call, and a promise per request is measurable.
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      const claims = authenticate(tokens, request.raw);
      const entry = core.state.clients.get(claims.clientId);
      if (!entry) throw unauthorized('the client of this access token is no longer registered');
      request.caller = readCaller(request.raw, claims, entry.integrator.integratorId);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  const caller = (request: FastifyRequest): Caller => request.caller!;
  const id = (request: FastifyRequest): string => (request.params as Params).id;
  const creating = <T>(request: FastifyRequest, endpoint: CreatingEndpoint, command: (c: Caller) => T): T => {
    const key = readIdempotencyKey(request.raw);
    return core.run(() =>
      once(core, caller(request), endpoint, key, request.body, () => command(caller(request))),
    );
  };

  // Stores
  app.get(`${POS_PREFIX}/stores`, async (req) => ({
    storeIds: core.run(() => stores.findStores(core, caller(req), req.query)).map((s) => s.storeId),
  }));
  app.get(`${POS_PREFIX}/stores/detailed`, async (req) =>
    core.run(() => stores.findStores(core, caller(req), req.query)).map(stores.storeResponse),
  );
  app.get(`${POS_PREFIX}/stores/:id`, async (req) =>
    core.run(() => stores.getStore(core, caller(req), id(req))),
  );

  // Points of sale
  app.post(`${POS_PREFIX}/pointofsales`, async (req) =>
    creating(req, 'pointofsales', (c) => pointsOfSale.createPointOfSale(core, c, req.body)),
  );
  app.get(`${POS_PREFIX}/pointofsales`, async (req) =>
    core.run(() => pointsOfSale.findPointsOfSale(core, caller(req), req.query)),
  );
  app.get(`${POS_PREFIX}/pointofsales/:id`, async (req) =>
    core.run(() => pointsOfSale.getPointOfSale(core, caller(req), id(req))),
  );
  app.delete(`${POS_PREFIX}/pointofsales/:id`, async (req, reply) => {
    core.run(() => pointsOfSale.deletePointOfSale(core, caller(req), id(req)));
    return reply.code(200).send();
  });
  app.get(`${POS_PREFIX}/pointofsales/:id/checkin`, async (req) =>
    core.run(() => pointsOfSale.getCheckIn(core, caller(req), id(req))),
  );

  // Payments
  app.post(`${POS_PREFIX}/payments`, async (req) =>
    creating(req, 'payments', (c) => payments.initiatePayment(core, c, req.body)),
  );
  app.post(`${POS_PREFIX}/payments/prepare`, async (req) =>
    creating(req, 'payments/prepare', (c) => payments.preparePayment(core, c, req.body)),
  );
  app.get(`${POS_PREFIX}/payments`, async (req) =>
    core.run(() => payments.findPayments(core, caller(req), req.query)),
  );
  app.get(`${POS_PREFIX}/payments/:id`, async (req) =>
    core.run(() => payments.getPayment(core, caller(req), id(req))),
  );
  app.post(`${POS_PREFIX}/payments/:id/ready`, async (req, reply) => {
    core.run(() => payments.readyPayment(core, caller(req), id(req), req.body));
    return reply.code(200).send();
  });
  app.post(`${POS_PREFIX}/payments/:id/capture`, async (req, reply) => {
    core.run(() => payments.capturePayment(core, caller(req), id(req), req.body));
    return reply.code(200).send();
  });
  app.post(`${POS_PREFIX}/payments/:id/cancel`, async (req, reply) => {
    core.run(() => payments.cancelPayment(core, caller(req), id(req)));
    return reply.code(200).send();
  });

  // Refunds
  app.post(`${POS_PREFIX}/refunds`, async (req) =>
    creating(req, 'refunds', (c) => refunds.createRefund(core, c, req.body)),
  );
  app.get(`${POS_PREFIX}/refunds`, async (req) =>
    core.run(() => refunds.findRefunds(core, caller(req), req.query)),
  );
  app.get(`${POS_PREFIX}/refunds/:id`, async (req) =>
    core.run(() => refunds.getRefund(core, caller(req), id(req))),
  );
  app.post(`${POS_PREFIX}/refunds/:id/capture`, async (req, reply) => {
    core.run(() => refunds.captureRefund(core, caller(req), id(req)));
    return reply.code(200).send();
  });
  app.post(`${POS_PREFIX}/refunds/:id/cancel`, async (req, reply) => {
    core.run(() => refunds.cancelRefund(core, caller(req), id(req)));
    return reply.code(200).send();
  });
}
