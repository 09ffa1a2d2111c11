// Benchmark server child: `server.ts ceiling` serves a bare fastify GET with a fixed JSON body (this
// machine's ceiling); `server.ts emulator` starts the emulator with its defaults and sets up a token
// and a PoS with a Reserved payment through the API.
// Either way it prints one JSON line (ServerInfo) on stdout and serves until SIGTERM or stdin closes.
import Fastify, { type FastifyInstance } from 'fastify';
import { startEmbeddedEmulator } from '../src/emulator/listen.js';
import { authenticate, createPos, reservedPayment } from './api-setup.js';

/** What the parent needs to aim autocannon at the emulator: the token, its headers, the Reserved payment. */
export interface EmulatorFixture {
  readonly token: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly posId: string;
  readonly paymentId: string;
  /** The body of GET /pos/v10/payments/{paymentId}, so the ceiling can serve the same bytes' worth. */
  readonly sampleBody: string;
}

/** The single JSON line a server child prints once it listens. */
export interface ServerInfo {
  readonly mode: 'ceiling' | 'emulator';
  readonly url: string;
  readonly pid: number;
  readonly emulator?: EmulatorFixture;
}

async function setUpEmulator(base: string): Promise<EmulatorFixture> {
  const { token, headers } = await authenticate(base);
  const pos = await createPos(base, headers, 'bench-get');
  const { paymentId, body } = await reservedPayment(base, headers, pos);
  return { token, headers, posId: pos.posId, paymentId, sampleBody: body };
}

async function startCeiling(): Promise<{ app: FastifyInstance; url: string }> {
  const fixed = JSON.parse(process.env['BENCH_CEILING_BODY'] ?? '{"message":"ceiling"}') as Record<
    string,
    unknown
  >;
  const app = Fastify({ logger: false });
  app.get('/pos/v10/payments/:id', async () => fixed);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'ceiling' && mode !== 'emulator')
    throw new Error(`usage: server.ts ceiling|emulator, got ${mode}`);
  // Emulator defaults on purpose: real clock, sweepIntervalMs default, logger off, memory persistence.
  const running =
    mode === 'ceiling'
      ? await startCeiling()
      : await startEmbeddedEmulator(
          { host: '127.0.0.1', port: 0 },
          // BENCH_POLL_DELAY_MS: the terminal bench runs the emulator at poll delay 0.
          process.env['BENCH_POLL_DELAY_MS'] === undefined
            ? {}
            : { pollDelayMs: Number(process.env['BENCH_POLL_DELAY_MS']) },
        );
  let closing = false;
  const shutdown = (code: number): void => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(code), 2000);
    force.unref();
    // A normal exit (not a kill) so that --cpu-prof can write its profile.
    void running.app.close().finally(() => process.exit(code));
  };
  process.once('SIGTERM', () => shutdown(0));
  process.once('SIGINT', () => shutdown(0));
  process.stdin.once('end', () => shutdown(0));
  process.stdin.resume();

  const info: ServerInfo = {
    mode,
    url: running.url,
    pid: process.pid,
    ...(mode === 'emulator' ? { emulator: await setUpEmulator(running.url) } : {}),
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);
}

main().catch((error: unknown) => {
  console.error('bench server failed:', error);
  process.exit(1);
});
