// The built renderer over HTTP: each window is a route of its own serving index.html (the renderer
// picks its screen from the path), and the hashed assets Vite emitted, never a file outside the build.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { WindowName } from '../shared/bridge/index.js';

/** Each window's route in web mode; the host's windowOpen answers these. */
export const WINDOW_ROUTES = {
  checkout: '/',
  customer: '/customer',
  phone: '/phone',
} as const satisfies { readonly [K in WindowName]: string };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The file a URL path names inside the build, or null when it would leave it. */
export function fileInside(rootDir: string, urlPath: string): string | null {
  if (urlPath.includes('\0')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${sep}${urlPath.replace(/^\/+/, '')}`);
  return file.startsWith(root + sep) ? file : null;
}

async function sendFile(reply: FastifyReply, file: string, cacheControl: string): Promise<FastifyReply> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    reply.callNotFound();
    return reply;
  }
  const body = await readFile(file);
  return reply
    .type(CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream')
    .header('cache-control', cacheControl)
    .send(body);
}

/** GET routes for the windows and the renderer's files under rendererDir. */
export function registerRendererRoutes(app: FastifyInstance, rendererDir: string): void {
  const indexHtml = join(rendererDir, 'index.html');
  // index.html names the current build's hashed assets: read it each time, never cache it.
  for (const route of Object.values(WINDOW_ROUTES))
    app.get(route, (_request, reply) => sendFile(reply, indexHtml, 'no-cache'));
  app.get('/*', (request, reply) => {
    const path = (request.params as { readonly '*': string })['*'];
    const file = fileInside(rendererDir, path);
    if (file === null) {
      reply.callNotFound();
      return reply;
    }
    const hashed = path.startsWith('assets/');
    return sendFile(reply, file, hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
}
