// Starting the emulator on a port: the embedded default of the app and `pos-sim emulator`.
import { buildEmulator } from './build-emulator.js';
import type { FastifyInstance } from 'fastify';
import type { EmulatorOptions } from './options.js';

export interface RunningEmulator {
  readonly app: FastifyInstance;
  /** Base URL, e.g. http://127.0.0.1:8080 (the PoS API is under /pos/v10). */
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the emulator and listens on host:port (port 0 picks a free one). */
export async function startEmbeddedEmulator(
  listen: { host?: string; port?: number } = {},
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  const host = listen.host ?? '127.0.0.1';
  const app = buildEmulator(options);
  await app.listen({ host, port: listen.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shownHost}:${port}`, close: () => app.close() };
}
