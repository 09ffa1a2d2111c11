// The certification service's JSON API under /certification/api: sessions (identification and
// selection in, cases and verdicts out), restart, "invoke callback", the catalogue, and the approval
// step's certificate, report, JUnit XML, public key and verification. Like the control plane it is
// ours, unauthenticated (a local tool), never faulted and never logged.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CERTIFICATION_CONTROL_PREFIX,
  CERTIFICATION_SECTIONS,
  SECTION_TITLES,
  type SessionView,
} from '../../shared/certification.js';
import { ApiError } from '../api-error.js';
import type { Clock } from '../clock.js';
import { parseInput } from '../control/routes.js';
import type { EmulatorCore } from '../domain/core.js';
import { certificationApiBase } from './api-base.js';
import { CONDUCT_CASE_ID } from './catalogue-conduct.js';
import { callbackBody, invokeCallback } from './callback.js';
import { signCertificate, verifyCertificate, type CertificationKey } from './certificate.js';
import { renderJUnit } from './junit.js';
import { REPORT_CSP, renderReport } from './report.js';
import { startSessionSchema, toStartSessionRequest } from './schemas.js';
import type { CertificationService } from './service.js';
import { integratorOf } from './session-world.js';

/** Where the JSON API lives. */
export const CERTIFICATION_API = `${CERTIFICATION_CONTROL_PREFIX}/api`;

/** What the routes need besides the service: the core, the clock, the signing key, fetch and the base URL. */
export interface CertificationRouteDeps {
  readonly service: CertificationService;
  readonly core: EmulatorCore;
  readonly clock: Clock;
  readonly key: CertificationKey;
  readonly fetch: typeof fetch;
  /** The emulator's public base URL as a request reached it (issuer, API base of new sessions). */
  readonly baseUrl: (request: FastifyRequest) => string;
}

/** Registers the JSON API under /certification/api. */
export function registerCertificationRoutes(app: FastifyInstance, deps: CertificationRouteDeps): void {
  const { service } = deps;
  const sessionOf = (request: FastifyRequest): SessionView => {
    const id = (request.params as { id: string }).id;
    const session = service.get(id);
    if (!session) throw new ApiError(404, null, `No certification session ${id}`);
    return session;
  };

  app.post(`${CERTIFICATION_API}/sessions`, async (request, reply) => {
    const body = toStartSessionRequest(parseInput(startSessionSchema, request.body));
    if (integratorOf(deps.core, body.identification.clientId) === null)
      throw new ApiError(
        400,
        null,
        `Invalid request body: identification.clientId: ${body.identification.clientId} is not a client ` +
          'registered with the emulator (add it under "integrators" in the config file)',
      );
    const apiBaseUrl = certificationApiBase(deps.baseUrl(request));
    return reply.code(201).send(service.start(body, apiBaseUrl));
  });

  app.get(`${CERTIFICATION_API}/sessions`, async (request) => {
    const clientId = (request.query as Record<string, string | undefined>)['clientId'];
    return { sessions: service.list(clientId === '' ? undefined : clientId) };
  });

  app.get(`${CERTIFICATION_API}/sessions/:id`, async (request) => sessionOf(request));

  app.post(`${CERTIFICATION_API}/sessions/:id/restart`, async (request, reply) => {
    const previous = sessionOf(request);
    return reply.code(201).send(service.restart(previous.id));
  });

  app.post(`${CERTIFICATION_API}/sessions/:id/callback`, async (request) => {
    const session = sessionOf(request);
    const url = session.identification.callbackUrl;
    if (url === null)
      throw new ApiError(409, null, 'The identification has no callback URL: nothing to invoke');
    const body = callbackBody(deps.core, session.identification, service.sessionPosId(session.id));
    return invokeCallback(deps.fetch, url, body);
  });

  app.get(`${CERTIFICATION_API}/catalogue`, async () => {
    const cases = service.catalogue();
    return {
      sections: CERTIFICATION_SECTIONS.map((id) => ({
        id,
        title: SECTION_TITLES[id],
        mandatory: id === 'onboarding',
        cases: cases.filter((c) => c.section === id),
      })),
      conductCaseId: CONDUCT_CASE_ID,
    };
  });

  app.get(`${CERTIFICATION_API}/sessions/:id/certificate`, async (request) => {
    const session = sessionOf(request);
    if (!session.passed)
      throw new ApiError(
        409,
        null,
        session.phase === 'completed'
          ? 'The session did not pass every step: no certificate'
          : 'The session is still running: a certificate needs every step passed',
      );
    const issuer = `${deps.baseUrl(request)}${CERTIFICATION_CONTROL_PREFIX}`;
    return signCertificate(session, deps.key, issuer, new Date(deps.clock.now()));
  });

  app.get(`${CERTIFICATION_API}/sessions/:id/report`, async (request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', REPORT_CSP)
      .send(renderReport(sessionOf(request))),
  );

  app.get(`${CERTIFICATION_API}/sessions/:id/junit`, async (request, reply) =>
    reply.type('application/xml; charset=utf-8').send(renderJUnit(sessionOf(request))),
  );

  app.get(`${CERTIFICATION_API}/public-key`, async () => ({
    algorithm: 'Ed25519',
    keyId: deps.key.keyId,
    publicKeyPem: deps.key.publicKeyPem,
  }));

  app.post(`${CERTIFICATION_API}/verify`, async (request) =>
    verifyCertificate(request.body, deps.key.publicKeyPem),
  );
}
