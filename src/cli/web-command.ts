// `pos-sim web`: the app's renderer in a browser, against the same host as the Electron app, over
// HTTP and a WebSocket. For CI's end-to-end tests, machines without Electron and demo screens.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Host, HostOptions, SecretBox } from '../host/types.js';
import { formatOptions, integerOption, parseOptions, UsageError } from './args.js';
import { EXIT_FAILURE, EXIT_OK, type CliCommand, type CliContext } from './command.js';
import { isLoopbackHost } from './web-policy.js';
import { startWebServer, type RunningWebServer } from './web-server.js';
import { WINDOW_ROUTES } from './web-static.js';

/** Loopback by default: whoever reaches the page can take payments. */
export const DEFAULT_WEB_HOST = '127.0.0.1';
export const DEFAULT_WEB_PORT = 5173;
const STOP_TIMEOUT_MS = 10_000;

const webOptions = {
  host: {
    type: 'string',
    valueName: 'HOST',
    description: `address to listen on (default ${DEFAULT_WEB_HOST})`,
  },
  port: {
    type: 'string',
    valueName: 'N',
    description: `port, 0 = any free port (default ${DEFAULT_WEB_PORT})`,
  },
  data: {
    type: 'string',
    valueName: 'DIR',
    description: 'settings, journal and secret (default: pos-sim-web in the app-data folder)',
  },
  'poll-delay': {
    type: 'string',
    valueName: 'MS',
    description: "the embedded emulator's pollDelayInMs (default 1000)",
  },
  bluetooth: {
    type: 'string',
    valueName: 'MODE',
    description:
      'beacon radios: auto (real Bluetooth when present, and the virtual radio), ble, virtual or off (default: the saved choice, else auto)',
  },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const;

const HARDWARE_MODES = ['auto', 'ble', 'virtual', 'off'] as const;

const webUsage = [
  'Usage: pos-sim web [options]',
  '',
  'Serves the checkout (/), the customer display (/customer) and the phone simulator (/phone) to a browser,',
  'on the embedded emulator. Build the app first: npm run build.',
  '',
  formatOptions(webOptions),
].join('\n');

/** What `pos-sim web` was asked to do. */
export interface WebCommandOptions {
  readonly help: boolean;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string | undefined;
  readonly pollDelayMs: number | undefined;
  readonly bluetooth: (typeof HARDWARE_MODES)[number] | undefined;
}

/** Parses the arguments of `pos-sim web`; throws UsageError on the first mistake. */
export function parseWebArgs(argv: readonly string[]): WebCommandOptions {
  const values = parseOptions(argv, webOptions);
  if (values.host !== undefined && values.host.trim() === '') throw new UsageError('--host needs a value');
  if (values.data !== undefined && values.data.trim() === '') throw new UsageError('--data needs a value');
  const bluetooth = values.bluetooth;
  if (bluetooth !== undefined && !(HARDWARE_MODES as readonly string[]).includes(bluetooth))
    throw new UsageError(`--bluetooth is one of ${HARDWARE_MODES.join(', ')}`);
  return {
    help: values.help === true,
    host: values.host ?? DEFAULT_WEB_HOST,
    port:
      values.port === undefined
        ? DEFAULT_WEB_PORT
        : integerOption('port', values.port, { min: 0, max: 65_535 }),
    dataDir: values.data,
    pollDelayMs:
      values['poll-delay'] === undefined
        ? undefined
        : integerOption('poll-delay', values['poll-delay'], { min: 0, max: 3_600_000 }),
    bluetooth: bluetooth as WebCommandOptions['bluetooth'],
  };
}

/** `pos-sim-web` in the OS's app-data folder (where Electron keeps its userData too). */
export function defaultWebDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  const appData =
    platform === 'win32'
      ? (env['APPDATA'] ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env['XDG_CONFIG_HOME'] ?? join(home, '.config'));
  return join(appData, 'pos-sim-web');
}

/** The one line printed at start-up; a warning when the till is reachable from the network. */
export function webStartupLine(url: string, bindHost: string): string {
  const line = `pos-sim web: ${url} (customer display ${WINDOW_ROUTES.customer}, phone ${WINDOW_ROUTES.phone})`;
  return isLoopbackHost(bindHost)
    ? line
    : `${line}  WARNING: listening on ${bindHost}: anyone on the network can drive the till`;
}

/** What the command builds on: the host factory and the build, injectable for specs. */
export interface WebCommandDeps {
  readonly createHost: (options: HostOptions) => Promise<Host>;
  readonly fileSecretBox: (dataDir: string) => SecretBox;
  readonly rendererDir: string;
  readonly version: string;
}

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The given deps, the rest the real ones; the engine is loaded only now, so `--help` stays light. */
async function resolveDeps(given: Partial<WebCommandDeps>): Promise<WebCommandDeps> {
  return {
    createHost: given.createHost ?? (await import('../host/create-host.js')).createHost,
    fileSecretBox: given.fileSecretBox ?? (await import('../host/file-secret-box.js')).fileSecretBox,
    rendererDir: given.rendererDir ?? join(packageRoot, 'out', 'renderer'),
    version: given.version ?? packageVersion(),
  };
}

async function runWeb(
  argv: readonly string[],
  context: CliContext,
  given: Partial<WebCommandDeps>,
): Promise<number> {
  const options = parseWebArgs(argv);
  if (options.help) {
    context.stdout(`${webUsage}\n`);
    return EXIT_OK;
  }
  const rendererDir = given.rendererDir ?? join(packageRoot, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    context.stderr(
      `pos-sim web: the app is not built (${join(rendererDir, 'index.html')} is missing); run \`npm run build\` first\n`,
    );
    return EXIT_FAILURE;
  }
  const deps = await resolveDeps({ ...given, rendererDir });
  const dataDir = options.dataDir
    ? resolve(context.cwd, options.dataDir)
    : defaultWebDataDir(process.platform, process.env, homedir());
  let host: Host;
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    host = await deps.createHost({
      mode: 'web',
      version: deps.version,
      dataDir,
      secrets: deps.fileSecretBox(dataDir),
      openWindow: (name) => ({ opened: false, url: WINDOW_ROUTES[name] }),
      ...(options.pollDelayMs === undefined ? {} : { pollDelayMs: options.pollDelayMs }),
      ...(options.bluetooth === undefined ? {} : { hardware: { mode: options.bluetooth } }),
    });
  } catch (error) {
    context.stderr(`pos-sim web: the terminal could not start: ${describe(error)}\n`);
    return EXIT_FAILURE;
  }
  let server: RunningWebServer;
  try {
    server = await startWebServer({
      host,
      rendererDir: deps.rendererDir,
      hostname: options.host,
      port: options.port,
    });
  } catch (error) {
    await host.close().catch(() => undefined);
    context.stderr(`pos-sim web: ${listenFailure(error, options)}\n`);
    return EXIT_FAILURE;
  }
  context.stdout(`${webStartupLine(server.url, options.host)}\n`);
  await context.untilStopped();
  return stop(server, host, context);
}

async function stop(server: RunningWebServer, host: Host, context: CliContext): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), STOP_TIMEOUT_MS);
  });
  const closing = server
    .close()
    .finally(() => host.close())
    .then(() => 'closed' as const);
  const outcome = await Promise.race([closing, timedOut]).finally(() => clearTimeout(timer));
  if (outcome === 'closed') return EXIT_OK;
  context.stderr(`pos-sim web: did not stop within ${STOP_TIMEOUT_MS / 1000} s; giving up\n`);
  return EXIT_FAILURE;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function listenFailure(error: unknown, options: WebCommandOptions): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return `port ${options.port} on ${options.host} is in use; pick another with --port (0 = any free port)`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return `cannot listen on host ${options.host} (${code})`;
  if (code === 'EACCES') return `not allowed to listen on port ${options.port} (EACCES)`;
  return describe(error);
}

/** Builds the `web` subcommand; specs pass a fake host factory and a build directory. */
export function createWebCommand(deps: Partial<WebCommandDeps> = {}): CliCommand {
  return {
    name: 'web',
    summary: 'serve the app to a browser (checkout, customer display, phone) on the embedded emulator',
    usage: webUsage,
    run: (argv, context) => runWeb(argv, context, deps),
  };
}

/** The `web` subcommand, as registered in index.ts. */
export const webCommand: CliCommand = createWebCommand();
