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
