// Starting the emulator on a port: the embedded default of the app and `pos-sim emulator`.
import { buildEmulator } from './build-emulator.js';
import type { FastifyInstance } from 'fastify';
import type { EmulatorOptions } from './options.js';

/** A listening emulator: where it is, and how to stop it. */
export interface RunningEmulator {
  readonly app: FastifyInstance;
  /** Base URL, e.g. http://127.0.0.1:8080 (the PoS API is under /pos/v10). */
  readonly url: string;
  close(): Promise<void>;
}

/** Listening on every interface is not an address a client can call: show the loopback one instead. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Builds the emulator and listens on host:port (port 0 picks a free one). */
export async function startEmbeddedEmulator(
  listen: { host?: string; port?: number } = {},
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  const host = listen.host ?? '127.0.0.1';
  const app = buildEmulator(options);
  try {
    await app.listen({ host, port: listen.port ?? 0 });
  } catch (error) {
    // A port in use must not leave the state (e.g. a SQLite file) open behind a failed start.
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  return { app, url: `http://${reachableHost(host)}:${port}`, close: () => app.close() };
}
