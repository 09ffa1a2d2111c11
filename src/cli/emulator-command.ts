// `pos-sim emulator`: the PoS v10 sandbox on a local port, for a lab, a demo or another team's PoS
// client. One line on stdout says where it is and how to log in; SIGINT/SIGTERM stop it cleanly.
import { resolve } from 'node:path';
import { demoIntegrator, type EmulatorConfig } from '../emulator/seed.js';
import { sqlitePersistence } from '../emulator/domain/sqlite-persistence.js';
import type { Persistence } from '../emulator/domain/persistence.js';
import { startEmbeddedEmulator, type RunningEmulator } from '../emulator/listen.js';
import { choiceOption, formatOptions, integerOption, parseOptions, UsageError } from './args.js';
import { EXIT_FAILURE, EXIT_OK, type CliCommand, type CliContext } from './command.js';
import {
  loadEmulatorConfig,
  parseIntegratorFlag,
  withIntegrators,
  type IntegratorCredentials,
} from './config-file.js';

/** Loopback by default: a sandbox with demo credentials should not be reachable from the network unasked. */
export const DEFAULT_HOST = '127.0.0.1';
/** The port a lab's PoS clients are configured for unless told otherwise. */
export const DEFAULT_PORT = 8080;
/** How long a stop may take (open requests, pending notifications) before the process gives up waiting. */
const STOP_TIMEOUT_MS = 10_000;

const emulatorOptions = {
  host: { type: 'string', valueName: 'HOST', description: `address to listen on (default ${DEFAULT_HOST})` },
  port: {
    type: 'string',
    valueName: 'N',
    description: `port to listen on, 0 = any free port (default ${DEFAULT_PORT})`,
  },
  'poll-delay': {
    type: 'string',
    valueName: 'MS',
    description: "pollDelayInMs told to polling clients (default: the config's, else 1000)",
  },
  data: {
    type: 'string',
    valueName: 'FILE',
    description: 'keep the state in this SQLite file across restarts (default: memory)',
  },
  clock: {
    type: 'string',
    valueName: 'real|virtual',
    description: 'wall-clock time, or a clock that moves only when advanced (default real)',
  },
  integrator: {
    type: 'string',
    multiple: true,
    valueName: 'CLIENT_ID:CLIENT_SECRET',
    description: 'add an integrator with this client (repeatable)',
  },
  config: {
    type: 'string',
    valueName: 'FILE',
    description: 'JSON config: integrators, merchants, stores, callbacks, pollDelayMs',
  },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const;

/** The help of `pos-sim emulator --help`, also shown after a bad argument. */
export const emulatorUsage = [
  'Usage: pos-sim emulator [--host 127.0.0.1] [--port N] [--poll-delay MS] [--data FILE] [--clock real|virtual]',
  '                        [--integrator CLIENT_ID:CLIENT_SECRET]... [--config FILE]',
  '',
  'Runs the MobilePay PoS v10 sandbox emulator. The demo integrator needs no configuration;',
  'its credentials are printed at start-up.',
  '',
  formatOptions(emulatorOptions),
].join('\n');

/** What `pos-sim emulator` was asked to do, validated; `pollDelayMs` is absent when the config file decides. */
export interface EmulatorCommandOptions {
  readonly help: boolean;
  readonly host: string;
  readonly port: number;
  readonly pollDelayMs: number | undefined;
  readonly dataFile: string | undefined;
  readonly clock: 'real' | 'virtual';
  readonly integrators: readonly IntegratorCredentials[];
  readonly configFile: string | undefined;
}

/** Parses and checks the arguments of `pos-sim emulator`; throws UsageError on the first mistake. */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorCommandOptions {
  const values = parseOptions(argv, emulatorOptions);
  const nonEmpty = (name: string, value: string | undefined): string | undefined => {
    if (value !== undefined && value.trim() === '') throw new UsageError(`--${name} needs a value`);
    return value;
  };
  return {
    help: values.help === true,
    host: nonEmpty('host', values.host) ?? DEFAULT_HOST,
    port:
      values.port === undefined ? DEFAULT_PORT : integerOption('port', values.port, { min: 0, max: 65_535 }),
    pollDelayMs:
      values['poll-delay'] === undefined
        ? undefined
        : integerOption('poll-delay', values['poll-delay'], { min: 0, max: 3_600_000 }),
    dataFile: nonEmpty('data', values.data),
    clock:
      values.clock === undefined ? 'real' : choiceOption('clock', values.clock, ['real', 'virtual'] as const),
    integrators: values.integrator.map(parseIntegratorFlag),
    configFile: nonEmpty('config', values.config),
  };
}

/** The line printed at start-up: where the emulator is and a client that can log in right away. */
export function startupLine(running: RunningEmulator): string {
  const clients = running.app.emulator.core.state.clients;
  const demo = clients.get(demoIntegrator.clients[0]!.clientId) ?? clients.values().next().value;
  const login = demo
    ? `client_id=${demo.client.clientId} client_secret=${demo.client.clientSecret}`
    : 'no integrator configured (add one with --integrator)';
  return `PoS v10 emulator on ${running.url}  ${login}  (Ctrl+C stops)`;
}

async function runEmulator(argv: readonly string[], context: CliContext): Promise<number> {
  const options = parseEmulatorArgs(argv);
  if (options.help) {
    context.stdout(`${emulatorUsage}\n`);
    return EXIT_OK;
  }
  const fileConfig: EmulatorConfig = options.configFile
    ? loadEmulatorConfig(resolve(context.cwd, options.configFile))
    : {};
  const config = withIntegrators(fileConfig, options.integrators);

  let persistence: Persistence | undefined;
  let running: RunningEmulator;
  try {
    persistence =
      options.dataFile === undefined ? undefined : sqlitePersistence(resolve(context.cwd, options.dataFile));
    running = await startEmbeddedEmulator(
      { host: options.host, port: options.port },
      {
        clock: options.clock,
        config,
        ...(options.pollDelayMs === undefined ? {} : { pollDelayMs: options.pollDelayMs }),
        persistence,
      },
    );
  } catch (error) {
    persistence?.close();
    context.stderr(`pos-sim emulator: ${startFailure(error, options)}\n`);
    return EXIT_FAILURE;
  }
  context.stdout(`${startupLine(running)}\n`);

  await context.untilStopped();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), STOP_TIMEOUT_MS);
  });
  const outcome = await Promise.race([running.close().then(() => 'closed' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    context.stderr(`pos-sim emulator: did not stop within ${STOP_TIMEOUT_MS / 1000} s; giving up\n`);
    return EXIT_FAILURE;
  }
  return EXIT_OK;
}

function startFailure(error: unknown, options: EmulatorCommandOptions): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return `port ${options.port} on ${options.host} is in use; pick another with --port (0 = any free port)`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return `cannot listen on host ${options.host} (${code})`;
  if (code === 'EACCES') return `not allowed to listen on port ${options.port} (EACCES)`;
  return error instanceof Error ? error.message : String(error);
}

/** The `emulator` subcommand, as registered in index.ts. */
export const emulatorCommand: CliCommand = {
  name: 'emulator',
  summary: 'run the PoS v10 sandbox emulator on a local port',
  usage: emulatorUsage,
  run: runEmulator,
};
