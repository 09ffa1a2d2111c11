// Runs bin/pos-sim.js as a child process, the way a lab starts it, with every wait bounded so a broken
// CLI fails a test instead of hanging it. Also a tiny PoS v10 client over real HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEMO_VAT } from '../emulator/harness.js';

const BIN = fileURLToPath(new URL('../../bin/pos-sim.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Start-up includes tsx compiling the sources on a cold cache and generating an RSA key. */
export const START_TIMEOUT_MS = 20_000;
export const STOP_TIMEOUT_MS = 5_000;

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running `node bin/pos-sim.js ...`. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /** The first complete line on stdout. */
  firstLine(timeoutMs?: number): Promise<string>;
  exited(timeoutMs?: number): Promise<Exit>;
}

const running = new Set<ChildProcess>();

/** Rejects with a message naming what was awaited, so a timeout explains itself. */
export function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function spawnCli(args: readonly string[], cwd: string = ROOT): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exit = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const line = new Promise<string>((resolve, reject) => {
    const check = (): void => {
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end));
    };
    child.stdout!.on('data', check);
    void exit.then(() => reject(new Error(`pos-sim exited before printing a line; stderr: ${err}`)));
  });
  line.catch(() => undefined);
  const describe = (what: string) => () =>
    `${what} of pos-sim ${args.join(' ')}; stdout: ${out} stderr: ${err}`;
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    firstLine: (ms = START_TIMEOUT_MS) => within(line, ms, describe('the start-up line')),
    exited: (ms = STOP_TIMEOUT_MS) => within(exit, ms, describe('the exit')),
  };
}

/** Kills what a failed test left running (only children this helper started). */
export function killStrays(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** The base URL and demo credentials of the start-up line, or a failed match. */
export function parseStartupLine(
  line: string,
): { url: string; clientId: string; clientSecret: string } | null {
  const match =
    /^PoS v10 emulator on (http:\/\/\S+) {2}client_id=(\S+) client_secret=(\S+) {2}\(Ctrl\+C stops\)$/.exec(
      line,
    );
  return match ? { url: match[1]!, clientId: match[2]!, clientSecret: match[3]! } : null;
}

/** A PoS client of one integrator for the demo merchant, over real HTTP with bounded requests. */
export async function httpClient(url: string, clientId: string, clientSecret: string) {
  const tokenResponse = await fetch(`${url}/integrator-authentication/connect/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'x-ibm-client-id': clientId,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: `grant_type=client_credentials&merchant_vat=${DEMO_VAT}`,
    signal: AbortSignal.timeout(5_000),
  });
  if (tokenResponse.status !== 200)
    throw new Error(`token: ${tokenResponse.status} ${await tokenResponse.text()}`);
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  return async (method: string, path: string, body?: object, idempotencyKey?: string) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'x-ibm-client-id': clientId,
        'x-mobilepay-merchant-vat-number': DEMO_VAT,
        'x-mobilepay-client-system-name': 'pos-sim CLI test',
        'x-mobilepay-client-system-version': '1.0.0',
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(idempotencyKey ? { 'x-mobilepay-idempotency-key': idempotencyKey } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(5_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
    };
  };
}
