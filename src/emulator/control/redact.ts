// Secrets never reach the request log: bearer tokens keep only their last four characters (enough to
// tell two tokens apart), client secrets and Basic credentials are replaced outright.
import type { IncomingHttpHeaders } from 'node:http';

/** What a hidden secret reads as in the log. */
export const REDACTED = '[redacted]';

/** `Bearer …abcd` for a bearer token, `Basic [redacted]` for client credentials, `[redacted]` otherwise. */
export function redactAuthorization(value: string): string {
  // No capture group: a token is hundreds of characters and this runs on every request.
  if (/^Bearer\s/i.test(value)) return `Bearer …${lastFour(value.slice(7))}`;
  if (/^Basic\b/i.test(value)) return `Basic ${REDACTED}`;
  return REDACTED;
}

function lastFour(secret: string): string {
  return secret.length > 8 ? secret.slice(-4) : '';
}

/** A copy of the headers without secrets; the same object when there is nothing to hide. */
export function redactHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const authorization = headers.authorization;
  const secret = headers['x-ibm-client-secret'];
  if (authorization === undefined && secret === undefined) return headers;
  const copy = { ...headers };
  if (authorization !== undefined) copy.authorization = redactAuthorization(authorization);
  if (secret !== undefined) copy['x-ibm-client-secret'] = REDACTED;
  return copy;
}

/** The token endpoint's form may carry `client_secret` (client_secret_post): hide it. */
export function redactSecretsInBody(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || !('client_secret' in body)) return body;
  return { ...body, client_secret: REDACTED };
}

/** The token endpoint's answer carries the access token itself: keep only its last four characters. */
export function redactTokenInPayload(payload: unknown): unknown {
  if (typeof payload !== 'string' || !payload.includes('"access_token"')) return payload;
  return payload.replace(
    /("access_token"\s*:\s*")([^"]*)"/g,
    (_m, prefix: string, token: string) => `${prefix}…${lastFour(token)}"`,
  );
}
