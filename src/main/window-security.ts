// The hardening every window and the session get: a strict CSP sent as a response header (the
// renderer's meta tag says the same), every permission refused, no navigation, no new windows.
import type { Session, Shell, WebContents } from 'electron';
import type { RendererTarget } from './renderer-target.js';

/** The production policy: only our own files, inline styles (React), QR images as data URLs. */
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The CSP header for the windows; the dev server also needs its HMR socket and React's refresh preamble. */
export function contentSecurityPolicy(target: RendererTarget): string {
  if (target.kind === 'file') return STRICT_CSP;
  const dev = new URL(target.url);
  const socket = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
  return STRICT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${socket}`,
  );
}

/** Session-wide guards: the CSP on every response and a refusal for every permission request or check. */
export function registerSessionSecurity(session: Session, target: RendererTarget): void {
  const policy = contentSecurityPolicy(target);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers))
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    headers['Content-Security-Policy'] = [policy];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });
  // A cash register needs no camera, microphone, notifications, geolocation, USB, ... from the web side.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Per-window guards: the page never navigates away, never opens windows; https links, and http links
 * to this machine (the embedded certification service's report and certificate), go to the browser.
 */
export function hardenWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isBrowserUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isBrowserUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}
