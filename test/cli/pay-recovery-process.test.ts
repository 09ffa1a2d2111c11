// `pos-sim pay` killed half-way, then run again on the same journal (--data) and backend (--api):
// the start-up recovery cancels the interrupted sale, so it neither blocks the PoS nor lingers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedEmulator, type RunningEmulator } from '../../src/emulator/listen.js';
import { killStrays, spawnCli, within } from './cli-process.js';
import { printedStates } from './terminal-support.js';

/** Long enough that the first run is surely still waiting for the customer when it is killed. */
const POLL_DELAY_MS = 1_500;
const RUN_TIMEOUT_MS = 30_000;

let emulator: RunningEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmbeddedEmulator({ port: 0 }, { pollDelayMs: POLL_DELAY_MS });
  dir = mkdtempSync(join(tmpdir(), 'pos-sim-cli-crash-'));
});

afterEach(() => killStrays());

afterAll(async () => {
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Resolves once `read()` contains `text`; checked every 20 ms, bounded by `within`. */
async function printed(read: () => string, text: string): Promise<void> {
  while (!read().includes(text)) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('pos-sim pay after a crash (process, --api)', () => {
  it(
    'cancels the interrupted payment at start-up and then takes the new one',
    { timeout: 3 * RUN_TIMEOUT_MS },
    async () => {
      const data = join(dir, 'till');
      const args = ['--api', emulator.url, '--data', data];
      const first = spawnCli(['pay', '10', ...args]);
      await within(
        printed(first.stdout, 'Initiated'),
        RUN_TIMEOUT_MS,
        () => `Initiated; stdout: ${first.stdout()}`,
      );
      first.child.kill('SIGKILL');
      expect(await first.exited()).toEqual({ code: null, signal: 'SIGKILL' });

      const second = spawnCli(['pay', '20', ...args]);
      expect((await second.exited(RUN_TIMEOUT_MS)).code, second.stderr()).toBe(0);
      expect(second.stdout()).toMatch(/^recovery: interrupted payments cancelled: 1$/m);
      expect(printedStates(second.stdout())).toEqual(['Initiated', 'IssuedToUser', 'Reserved', 'Captured']);

      const status = spawnCli(['status', '--data', data]);
      expect((await status.exited(RUN_TIMEOUT_MS)).code).toBe(0);
      expect(status.stdout()).toMatch(/^ {2}CancelledByClient +1$/m);
      expect(status.stdout()).toMatch(/^ {2}Captured +1$/m);
      expect(status.stdout()).toMatch(/^ {2}active \(may block the PoS\) +0$/m);
    },
  );
});
