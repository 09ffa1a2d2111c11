// Who may talk to the web mode's server. On loopback, only requests addressed to a loopback name are
// served (a DNS-rebinding page sends its own Host); a browser request that changes state or opens the
// event socket must come from the server's own origin (CSRF, cross-site WebSocket hijacking).
import { isIP } from 'node:net';

/** A refusal: the HTTP status and a sentence for the log or the failure result. */
export interface Refusal {
  readonly status: 403 | 421;
  readonly message: string;
}

/** Whether the address only this machine can reach. */
export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** The Host header's name without the port (`[::1]:80` -> `::1`). */
function hostName(hostHeader: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1]!;
  const colon = hostHeader.lastIndexOf(':');
  return colon < 0 || hostHeader.indexOf(':') !== colon ? hostHeader : hostHeader.slice(0, colon);
}

/** The request policy for a server bound to `bindHost`. */
export interface WebPolicy {
  /** Checks the Host header (every request). */
  checkHost(hostHeader: string | undefined): Refusal | null;
  /** Checks Host and Origin (bridge calls and the event socket); an absent Origin is a non-browser client. */
  checkOrigin(hostHeader: string | undefined, origin: string | undefined): Refusal | null;
}

/** Builds the policy: strict Host names on loopback, any Host when the user chose to bind another address. */
export function webPolicy(bindHost: string): WebPolicy {
  const loopback = isLoopbackHost(bindHost);
  const checkHost = (hostHeader: string | undefined): Refusal | null => {
    if (hostHeader === undefined || hostHeader === '')
      return { status: 421, message: 'The request names no host.' };
    if (!/^[a-z0-9.\-[\]:]+$/i.test(hostHeader))
      return { status: 421, message: 'The request names an invalid host.' };
    if (loopback && !isLoopbackHost(hostName(hostHeader)))
      return {
        status: 421,
        message: `This server answers to 127.0.0.1 and localhost only, not to ${hostHeader}.`,
      };
    return null;
  };
  return {
    checkHost,
    checkOrigin(hostHeader, origin) {
      const host = checkHost(hostHeader);
      if (host !== null) return host;
      if (origin === undefined) return null;
      if (origin.toLowerCase() === `http://${hostHeader!.toLowerCase()}`) return null;
      return {
        status: 403,
        message: `Calls from ${origin} are refused: only this server's own pages may drive the till.`,
      };
    },
  };
}

/** The policy of the HTML pages: the built renderer's own scripts and styles, its own bridge only. */
export function htmlSecurityHeaders(hostHeader: string): Readonly<Record<string, string>> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://${hostHeader}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}
