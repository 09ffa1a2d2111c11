// The web mode's server: the built renderer (a route per window) and the bridge over HTTP and a
// WebSocket. `POST /bridge/<call>` runs the call through dispatch (zod parse, result object);
// `GET /bridge/events` is a WebSocket on which every host event is pushed to every page.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { WebSocket, WebSocketServer } from 'ws';
import { dispatch } from '../host/dispatch.js';
import type { Host } from '../host/types.js';
import { bridgeCallNames, type BridgeResult } from '../shared/bridge/index.js';
import { htmlSecurityHeaders, webPolicy, type WebPolicy } from './web-policy.js';
import { registerRendererRoutes } from './web-static.js';

/** Large enough for any call's argument (settings are the largest), small enough to refuse a flood. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
/** The event socket's path. */
export const BRIDGE_EVENTS_PATH = '/bridge/events';

/** What the server needs: the host to call and to listen to, the build to serve, where to listen. */
export interface WebServerOptions {
  readonly host: Pick<Host, 'handlers' | 'subscribe'>;
  readonly rendererDir: string;
  readonly hostname: string;
  readonly port: number;
  readonly bodyLimit?: number;
}

/** A listening server; `routes` are the HTTP routes it registered (the architecture spec reads them). */
export interface RunningWebServer {
  readonly url: string;
  readonly routes: readonly { readonly method: string; readonly url: string }[];
  close(): Promise<void>;
}

function failure(code: string, message: string): BridgeResult<never> {
  return { ok: false, error: { code, message, apiCode: null, retryable: false } };
}

function registerBridgeRoutes(app: FastifyInstance, host: WebServerOptions['host']): void {
  for (const name of bridgeCallNames)
    app.post(`/bridge/${name}`, (request) => dispatch(host.handlers, name, request.body));
  app.get(BRIDGE_EVENTS_PATH, (_request, reply) =>
    reply.code(426).header('upgrade', 'websocket').send({ error: 'Open this path as a WebSocket.' }),
  );
}

function registerGuards(app: FastifyInstance, policy: WebPolicy, bodyLimit: number): void {
  app.addHook('onRequest', async (request, reply) => {
    const { host, origin } = request.headers;
    const safe = request.method === 'GET' || request.method === 'HEAD';
    const refusal = safe ? policy.checkHost(host) : policy.checkOrigin(host, origin);
    if (refusal) return reply.code(refusal.status).send(failure('forbidden', refusal.message));
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html'))
      reply.headers(htmlSecurityHeaders(request.headers.host ?? ''));
    return payload;
  });
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method === 'POST' && path.startsWith('/bridge/'))
      return reply.code(404).send(failure('bad-input', `There is no call named "${path.slice(8, 108)}".`));
    return reply.code(404).send({ error: 'Not found' });
  });
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (!request.url.startsWith('/bridge/') || status >= 500)
      return reply.code(status >= 400 ? status : 500).send(failure('internal', 'The server failed.'));
    if (status === 413)
      return reply.code(413).send(failure('bad-input', `The argument is over ${bodyLimit} bytes.`));
    if (status === 415)
      return reply
        .code(415)
        .send(failure('bad-input', 'Send the argument as JSON (content-type: application/json).'));
    return reply.code(200).send(failure('bad-input', 'The argument is not valid JSON.'));
  });
}

/** Accepts WebSocket upgrades on the event path from the server's own pages; pushes every host event. */
function attachEventSocket(
  app: FastifyInstance,
  host: WebServerOptions['host'],
  policy: WebPolicy,
): () => void {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const refuse = (socket: Duplex, status: number, text: string): void => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== BRIDGE_EVENTS_PATH)
      return refuse(socket, 404, 'Not Found');
    const refusal = policy.checkOrigin(request.headers.host, request.headers.origin);
    if (refusal)
      return refuse(socket, refusal.status, refusal.status === 403 ? 'Forbidden' : 'Misdirected Request');
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
  });
  // Pages only listen; anything they send is ignored.
  sockets.on('connection', (client: WebSocket) => client.on('error', () => client.terminate()));
  const unsubscribe = host.subscribe((event) => {
    const data = JSON.stringify(event);
    for (const client of sockets.clients) if (client.readyState === WebSocket.OPEN) client.send(data);
  });
  return () => {
    unsubscribe();
    for (const client of sockets.clients) client.terminate();
    sockets.close();
  };
}

/** Builds the server and listens; close() stops the event fan-out and the server (not the host). */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({ logger: false, bodyLimit });
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    routes.push({ method: [route.method].flat().join(','), url: route.url });
  });
  registerGuards(app, webPolicy(options.hostname), bodyLimit);
  registerBridgeRoutes(app, options.host);
  registerRendererRoutes(app, options.rendererDir);
  const stopEvents = attachEventSocket(app, options.host, webPolicy(options.hostname));
  try {
    await app.listen({ host: options.hostname, port: options.port });
  } catch (error) {
    stopEvents();
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const shownHost = options.hostname.includes(':') ? `[${options.hostname}]` : options.hostname;
  return {
    url: `http://${shownHost}:${port}/`,
    routes,
    async close() {
      stopEvents();
      await app.close();
    },
  };
}
