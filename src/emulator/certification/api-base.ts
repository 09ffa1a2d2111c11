// The API under certification: `/pos-self-certification-api/pos/v10/...` and
// `/pos-self-certification-api/integrator-authentication/...` are the emulator's own API (the same
// core and state), as the old site's base URL was MobilePay's sandbox API plus the case script.
// fastify's rewriteUrl maps them before routing; request.originalUrl (what the request log and the
// judge see) keeps the prefix, which is how the service knows a call came through its base.
import { CERTIFICATION_API_PREFIX } from '../../shared/certification.js';

const CERTIFIED_PATH = new RegExp(
  `^${CERTIFICATION_API_PREFIX}(/(?:pos/v10|integrator-authentication)(?:[/?#]|$).*)$`,
  'i',
);

/** The URL the router should see: the certification base stripped, any other URL unchanged. */
export function rewriteCertificationUrl(url: string): string {
  const match = CERTIFIED_PATH.exec(url);
  return match ? match[1]! : url;
}

/** Whether a logged URL (the original, as the client sent it) came through the certification base. */
export function isCertificationUrl(url: string): boolean {
  return CERTIFIED_PATH.test(url);
}

/**
 * The path of a logged URL below the certification base, without the query string, with the case
 * of the client kept (ids are compared case-insensitively by the judge).
 */
export function certifiedPath(url: string): string {
  const rewritten = rewriteCertificationUrl(url);
  const query = rewritten.indexOf('?');
  return query < 0 ? rewritten : rewritten.slice(0, query);
}

/** A fault rule's path pattern for a path of the API under certification (`/pos/v10/payments/*`). */
export function certifiedGlob(path: string): string {
  return `${CERTIFICATION_API_PREFIX}${path}`;
}

/** The base a session's client is configured with (its /pos/v10 and token endpoint live below it). */
export function certificationApiBase(origin: string): string {
  return `${origin.replace(/\/+$/, '')}${CERTIFICATION_API_PREFIX}`;
}
