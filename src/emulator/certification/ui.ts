// The certification web UI: one static page and its two assets, served by the emulator under
// /certification. The assets are TypeScript string modules (ui/*.ts), not files read from disk: the
// emulator runs from source (vitest, bin/pos-sim.js through tsx) and bundled into Electron's
// out/main/index.js by electron-vite, which copies no loose files, and the packaged app ships only
// out/**. Text compiled into the module is found in all three, with nothing to copy or resolve.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CERTIFICATION_CONTROL_PREFIX } from '../../shared/certification.js';
import { APP_JS } from './ui/app-js.js';
import { INDEX_HTML } from './ui/index-html.js';
import { STYLES_CSS } from './ui/styles-css.js';

/**
 * Only our own origin, and no inline script or style: the page builds every dynamic text with
 * textContent, so even a client name full of markup cannot run. Nothing may frame the page.
 */
export const CERTIFICATION_UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  readonly type: string;
  readonly body: string;
}

/** The files under /certification/assets/; anything else is a 404. */
export const CERTIFICATION_UI_ASSETS: Readonly<Record<string, Asset>> = {
  'app.js': { type: 'text/javascript; charset=utf-8', body: APP_JS },
  'styles.css': { type: 'text/css; charset=utf-8', body: STYLES_CSS },
};

function send(reply: FastifyReply, asset: Asset): FastifyReply {
  return (
    reply
      .type(asset.type)
      .header('content-security-policy', CERTIFICATION_UI_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      // Not hashed file names: always revalidate, so a new emulator version is picked up at once.
      .header('cache-control', 'no-cache')
      .send(asset.body)
  );
}

/** True when the router already answers "/x/" for "/x" (the emulator's ignoreTrailingSlash). */
function ignoresTrailingSlash(app: FastifyInstance): boolean {
  const config = app.initialConfig as {
    ignoreTrailingSlash?: boolean;
    routerOptions?: { ignoreTrailingSlash?: boolean };
  };
  return config.routerOptions?.ignoreTrailingSlash ?? config.ignoreTrailingSlash ?? false;
}

/** GET /certification and /certification/ (the page) and /certification/assets/<file>. */
export function registerCertificationUi(app: FastifyInstance): void {
  const page: Asset = { type: 'text/html; charset=utf-8', body: INDEX_HTML };
  app.get(CERTIFICATION_CONTROL_PREFIX, (_request, reply) => send(reply, page));
  if (!ignoresTrailingSlash(app))
    app.get(`${CERTIFICATION_CONTROL_PREFIX}/`, (_request, reply) => send(reply, page));
  app.get(`${CERTIFICATION_CONTROL_PREFIX}/assets/:file`, (request, reply) => {
    const { file } = request.params as { readonly file: string };
    const asset = Object.hasOwn(CERTIFICATION_UI_ASSETS, file) ? CERTIFICATION_UI_ASSETS[file] : undefined;
    if (asset === undefined) {
      reply.callNotFound();
      return reply;
    }
    return send(reply, asset);
  });
}
