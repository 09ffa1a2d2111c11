// The sandbox user simulation API (/pos/app/usersimulation), authenticated with the client id and secret.
import type { FastifyInstance } from 'fastify';
import { unauthorized } from '../api-error.js';
import { posHeaders } from '../../shared/pos-v10/error-codes.js';
import type { EmulatorCore } from '../domain/core.js';
import * as users from '../domain/user-simulation.js';

export const USER_SIMULATION_PREFIX = '/pos/app/usersimulation';

export function registerUserSimulationRoutes(app: FastifyInstance, deps: { core: EmulatorCore }): void {
  const { core } = deps;
  app.addHook('onRequest', async (request) => {
    const clientId = request.headers[posHeaders.clientId];
    const secret = request.headers[posHeaders.clientSecret];
    const entry = typeof clientId === 'string' ? core.state.clients.get(clientId) : undefined;
    if (!entry || secret !== entry.client.clientSecret)
      throw unauthorized('x-ibm-client-id and x-ibm-client-secret must name a registered client');
  });
  app.post(`${USER_SIMULATION_PREFIX}/checkin`, async (req, reply) => {
    core.run(() => users.checkIn(core, req.body));
    return reply.code(200).send();
  });
  app.post(`${USER_SIMULATION_PREFIX}/acceptpayment`, async (req, reply) => {
    core.run(() => users.acceptPayment(core, req.body));
    return reply.code(200).send();
  });
  app.post(`${USER_SIMULATION_PREFIX}/cancelpaymentbyuser`, async (req, reply) => {
    core.run(() => users.cancelPaymentByUser(core, req.body));
    return reply.code(200).send();
  });
}
