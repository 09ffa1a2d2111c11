// The Integrator Authentication API: client-credentials tokens, OpenID discovery and the JWKS.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, unauthorized } from '../api-error.js';
import { posHeaders } from '../../shared/pos-v10/error-codes.js';
import type { EmulatorState } from '../domain/state.js';
import type { TokenService } from './token-service.js';

export const AUTH_PREFIX = '/integrator-authentication';

export interface AuthRouteDeps {
  readonly state: EmulatorState;
  readonly tokens: TokenService;
  /** The externally visible base URL (scheme, host, port) for the discovery document. */
  readonly baseUrl: (request: FastifyRequest) => string;
}

/** An OAuth error: the token endpoint answers in RFC 6749's shape, not the PoS API's. */
class OAuthError extends ApiError {
  constructor(
    status: number,
    readonly oauthError: string,
    description: string,
  ) {
    super(status, null, description);
  }
}

function knownClient(state: EmulatorState, request: FastifyRequest) {
  const clientId = request.headers[posHeaders.clientId];
  const entry = typeof clientId === 'string' ? state.clients.get(clientId) : undefined;
  if (!entry) throw unauthorized('x-ibm-client-id must name a registered client');
  return entry;
}

/** RFC 6749 form-encodes Basic credentials, but a raw '%' in a secret must not turn into a 500. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (!header || !/^Basic\s+/i.test(header)) return null;
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString();
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { id: safeDecode(decoded.slice(0, colon)), secret: safeDecode(decoded.slice(colon + 1)) };
}

export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof OAuthError)
      return reply.code(error.status).send({ error: error.oauthError, error_description: error.message });
    throw error;
  });

  app.post(`${AUTH_PREFIX}/connect/token`, async (request, reply) => {
    const { integrator, client } = knownClient(deps.state, request);
    const form = (request.body ?? {}) as Record<string, unknown>;
    const credentials =
      basicCredentials(request.headers.authorization) ??
      (typeof form['client_id'] === 'string' && typeof form['client_secret'] === 'string'
        ? { id: form['client_id'], secret: form['client_secret'] }
        : null);
    if (!credentials || credentials.id !== client.clientId || credentials.secret !== client.clientSecret)
      throw new OAuthError(401, 'invalid_client', 'client authentication failed');
    if (form['grant_type'] !== 'client_credentials')
      throw new OAuthError(400, 'unsupported_grant_type', 'only client_credentials is supported');
    const vat = form['merchant_vat'] ?? form['vat_number'];
    const merchantVat = typeof vat === 'string' && vat !== '' ? vat : null;
    // RFC 6749 section 5.1: token responses must not be cached.
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return deps.tokens.issue(client.clientId, integrator.integratorId, merchantVat);
  });

  app.get(`${AUTH_PREFIX}/.well-known/openid-configuration`, async (request) => {
    knownClient(deps.state, request);
    const base = `${deps.baseUrl(request)}${AUTH_PREFIX}`;
    return {
      issuer: base,
      jwks_uri: `${base}/.well-known/openid-configuration/jwks`,
      token_endpoint: `${base}/connect/token`,
      scopes_supported: ['integrator_scope', 'offline_access'],
      claims_supported: ['client_id', 'integrator_id', 'merchant_vat'],
      grant_types_supported: ['client_credentials'],
      response_types_supported: ['token'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
    };
  });

  app.get(`${AUTH_PREFIX}/.well-known/openid-configuration/jwks`, async (request) => {
    knownClient(deps.state, request);
    return deps.tokens.jwks();
  });
}
