// End-to-end rig: the real web mode (`pos-sim web`, a child process on loopback with its own data
// directory and the embedded emulator) driven by real headless Chromium through playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '../..');
/** Where every screen's screenshot is saved (README images are copied from here). */
export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');
/** Debian's chromium (apt-get install -y chromium); CI installs it. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** A running `pos-sim web` and where it answers. */
export interface WebMode {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Starts `pos-sim web` on a free port and waits for its one line with the URL. */
export async function startWebMode(options: { pollDelayMs?: number } = {}): Promise<WebMode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-sim-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/pos-sim.js'),
      'web',
      '--port',
      '0',
      '--data',
      dataDir,
      '--poll-delay',
      String(options.pollDelayMs ?? 200),
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own virtual radio ports: other specs' radios on this machine must not be heard.
      env: { ...process.env, POS_SIM_RADIO_PORT: String(47_600 + (process.pid % 100) * 16) },
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pos-sim web did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pos-sim web exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Debian Chromium with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Saves a screenshot of `page` as `<name>.png`: the whole page, or the viewport for endless lists. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

/** A `node bin/pos-sim.js ...` started by a spec: its output, a bounded wait for a line, its end. */
export interface CliRun {
  /** Everything it wrote so far (stdout and stderr). */
  output(): string;
  /** The first match of `pattern` on stdout; rejects after `timeoutMs` or when it ends without one. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Its exit code once it ends by itself; rejects after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<number | null>;
  /** SIGTERM (SIGKILL after 10 s) unless it already ended. */
  stop(): Promise<void>;
}

/** Starts `node bin/pos-sim.js <args>` in the project root. */
export function startCli(args: readonly string[]): CliRun {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin/pos-sim.js'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const name = `pos-sim ${args.join(' ')}`;
  let stdout = '';
  let all = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const wake = (): void => waiters.forEach((waiter) => waiter());
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    all += chunk.toString();
    wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => (all += chunk.toString()));
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      ended = true;
      resolve(code);
      wake();
    }),
  );

  /** Waits until `read` answers a value (or throws), re-reading on every output and at the exit. */
  const until = <T>(what: string, timeoutMs: number, read: () => T | undefined): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const settle = (outcome: () => void): void => {
        clearTimeout(timer);
        waiters.delete(check);
        outcome();
      };
      const check = (): void => {
        try {
          const value = read();
          if (value !== undefined) settle(() => resolve(value));
        } catch (error) {
          settle(() => reject(error instanceof Error ? error : new Error(String(error))));
        }
      };
      const timer = setTimeout(
        () => settle(() => reject(new Error(`${name}: no ${what} within ${timeoutMs} ms:\n${all}`))),
        timeoutMs,
      );
      waiters.add(check);
      check();
    });

  return {
    output: () => all,
    waitFor: (pattern, timeoutMs = 30_000) =>
      until(`output matching ${pattern}`, timeoutMs, () => {
        const match = pattern.exec(stdout);
        if (match) return match;
        if (ended) throw new Error(`${name} ended without ${pattern}:\n${all}`);
        return undefined;
      }),
    exited: (timeoutMs = 30_000) => until('exit', timeoutMs, () => (ended ? child.exitCode : undefined)),
    async stop() {
      if (ended) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** A running `pos-sim emulator` (real clock, its own port) and where it answers. */
export interface EmulatorProcess {
  readonly url: string;
  /** The demo integrator's client id, as its start-up line says. */
  readonly clientId: string;
  stop(): Promise<void>;
}

/** Starts `pos-sim emulator --port 0` with these extra arguments and waits for its one line. */
export async function startEmulator(extraArgs: readonly string[] = []): Promise<EmulatorProcess> {
  const cli = startCli(['emulator', '--port', '0', ...extraArgs]);
  try {
    const [, url, clientId] = await cli.waitFor(/PoS v10 emulator on (http:\/\/\S+) {2}client_id=(\S+)/);
    return { url: url!, clientId: clientId!, stop: () => cli.stop() };
  } catch (error) {
    await cli.stop();
    throw error;
  }
}
