// The composition root of the terminal commands: the backend (an embedded emulator for this run, or
// --api checked to answer before anything else happens), the journal directory, the engine and the
// customer's phone, built once and closed together; plus the one-line wording of any failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedEmulator, type RunningEmulator } from '../emulator/listen.js';
import { isTerminalApiError, UserSimulationClient } from '../terminal/api/index.js';
import { TerminalEngine } from '../terminal/engine.js';
import { isFlowError } from '../terminal/flows/flow-error.js';
import type { RecoveryReport } from '../terminal/flows/recovery.js';
import { EXIT_FAILURE, type CliContext } from './command.js';
import { journalDir, type ConnectionSettings } from './terminal-options.js';

/** The x-mobilepay-client-system-* headers of the CLI. */
export const CLIENT_SYSTEM = { name: 'pos-sim CLI', version: '0.1.0' } as const;
/** How long --api may take to answer the reachability check. */
const REACH_TIMEOUT_MS = 3_000;

/** A failure at run time that is already worded for the user: printed as is, exit code 1. */
export class CommandFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailure';
  }
}

/** One command's terminal: engine, customer phone, where things are; close() releases all of it. */
export interface TerminalSession {
  readonly engine: TerminalEngine;
  readonly users: UserSimulationClient;
  readonly apiUrl: string;
  readonly embedded: boolean;
  readonly dataDir: string;
  close(): Promise<void>;
}

/**
 * Starts the embedded emulator (or checks that --api answers), opens the journal and builds the
 * engine. A temporary journal (embedded emulator, no --data) is removed on close, since the state
 * it describes dies with the emulator.
 */
export async function openSession(
  settings: ConnectionSettings,
  context: CliContext,
): Promise<TerminalSession> {
  let emulator: RunningEmulator | null = null;
  let apiUrl: string;
  if (settings.backend.kind === 'api') {
    apiUrl = settings.backend.url;
    await checkReachable(apiUrl);
  } else {
    const { pollDelayMs } = settings.backend;
    emulator = await startEmbeddedEmulator({ host: '127.0.0.1', port: 0 }, { clock: 'real', pollDelayMs });
    apiUrl = emulator.url;
    context.stdout(
      `embedded PoS v10 emulator on ${apiUrl} (poll delay ${pollDelayMs} ms; gone when this ends)\n`,
    );
  }
  const given = journalDir(settings, context.cwd);
  const dataDir = given ?? mkdtempSync(join(tmpdir(), 'pos-sim-terminal-'));
  const removeDir = (): void => {
    if (given === null) rmSync(dataDir, { recursive: true, force: true });
  };
  let engine: TerminalEngine;
  try {
    engine = new TerminalEngine({
      api: {
        apiBaseUrl: apiUrl,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        merchantVat: settings.merchantVat,
        clientSystemName: CLIENT_SYSTEM.name,
        clientSystemVersion: CLIENT_SYSTEM.version,
      },
      dataDir,
    });
  } catch (error) {
    await emulator?.close();
    removeDir();
    throw new CommandFailure(`cannot open the journal in ${dataDir}: ${explainError(error, apiUrl)}`);
  }
  if (emulator === null) context.stdout(`PoS v10 API at ${apiUrl}\n`);
  context.stdout(`journal: ${dataDir}${given === null ? ' (temporary)' : ''}\n`);
  const users = new UserSimulationClient({
    apiBaseUrl: apiUrl,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
  });
  return {
    engine,
    users,
    apiUrl,
    embedded: emulator !== null,
    dataDir,
    async close() {
      await engine.close();
      await emulator?.close();
      removeDir();
    },
  };
}

/** Any HTTP answer will do; no answer is one clear line naming the URL. */
async function checkReachable(url: string): Promise<void> {
  try {
    const response = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(REACH_TIMEOUT_MS) });
    await response.body?.cancel();
  } catch (error) {
    throw new CommandFailure(`cannot reach the PoS API at ${url} (${networkReason(error)})`);
  }
}

function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${REACH_TIMEOUT_MS} ms`;
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** One line for any error a terminal command meets: the API's code and words, or the flow's. */
export function explainError(error: unknown, apiUrl: string): string {
  if (error instanceof CommandFailure) return error.message;
  if (isFlowError(error))
    return `${error.message} [${error.code}${error.apiCode ? ` ${error.apiCode}` : ''}]`;
  if (isTerminalApiError(error)) {
    const call = `${error.method} ${error.path}`;
    switch (error.code) {
      case 'pos.api': {
        const name = error.apiErrorName ? ` ${error.apiErrorName}` : '';
        const words = error.apiMessage ? `: ${error.apiMessage}` : '';
        return `${call} refused with API code ${error.apiCode ?? 'none'}${name} (HTTP ${error.status ?? '?'})${words}`;
      }
      case 'pos.unauthorized':
        return `${call}: the API refused the credentials (HTTP 401); check --client-id and --client-secret`;
      case 'pos.network':
      case 'pos.timeout':
        return `cannot reach the PoS API at ${apiUrl}: ${error.message}`;
      default:
        return error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/** The API code of an error, when the API gave one. */
export function apiCodeOf(error: unknown): string | null {
  if (isTerminalApiError(error) || isFlowError(error)) return error.apiCode ?? null;
  return null;
}

/** What each part of the recovery report means to the person at the till. */
const RECOVERY_WORDS: Readonly<Record<string, string>> = {
  found: 'payments whose lost paymentId was found',
  notCreated: 'payments that never reached MobilePay',
  cancelled: 'interrupted payments cancelled',
  resumed: 'journalled captures or cancels carried out',
  undecided: 'reservations waiting for a capture or cancel',
  refunds: 'refunds resolved',
  failed: 'payments recovery could not settle (tried again next time)',
};

/** A line per non-empty part of the start-up recovery, so the cashier sees what an earlier run left. */
export function recoveryLines(report: RecoveryReport): string[] {
  return Object.entries(report)
    .filter((entry): entry is [string, readonly unknown[]] => Array.isArray(entry[1]) && entry[1].length > 0)
    .map(([part, items]) => `recovery: ${RECOVERY_WORDS[part] ?? part}: ${items.length}`);
}

/** Runs `work` with a session and always closes it; failures become one line on stderr and exit 1. */
export async function withSession(
  command: string,
  settings: ConnectionSettings,
  context: CliContext,
  work: (session: TerminalSession) => Promise<number>,
): Promise<number> {
  let session: TerminalSession;
  try {
    session = await openSession(settings, context);
  } catch (error) {
    context.stderr(`pos-sim ${command}: ${explainError(error, describeBackend(settings))}\n`);
    return EXIT_FAILURE;
  }
  try {
    return await work(session);
  } catch (error) {
    context.stderr(`pos-sim ${command}: ${explainError(error, session.apiUrl)}\n`);
    return EXIT_FAILURE;
  } finally {
    await session.close();
  }
}

function describeBackend(settings: ConnectionSettings): string {
  return settings.backend.kind === 'api' ? settings.backend.url : 'the embedded emulator';
}
