// pos-sim's dispatcher and the emulator command run in-process: help, unknown commands, bad arguments,
// and a start/stop with an integrator added on the command line.
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/command.js';
import { emulatorUsage } from '../../src/cli/emulator-command.js';
import { cliUsage, runCli } from '../../src/cli/index.js';
import { httpClient, parseStartupLine, within } from './cli-process.js';

/** A context that records output and stops when the test says so. */
function fakeContext() {
  let out = '';
  let err = '';
  let stop: (signal: string) => void = () => undefined;
  const stopRequested = new Promise<string>((resolve) => (stop = resolve));
  const context: CliContext = {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    cwd: process.cwd(),
    untilStopped: () => stopRequested,
  };
  return { context, out: () => out, err: () => err, stop: (signal = 'SIGTERM') => stop(signal) };
}

describe('pos-sim', () => {
  it('prints its usage for --help, -h and help, and exits 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const io = fakeContext();
      expect(await runCli([flag], io.context)).toBe(0);
      expect(io.out()).toBe(`${cliUsage()}\n`);
      expect(io.err()).toBe('');
    }
    expect(cliUsage()).toMatch(/^ {2}emulator {2}run the PoS v10 sandbox emulator/m);
  });

  it('prints the usage of a command for `pos-sim emulator --help` and `pos-sim help emulator`', async () => {
    for (const argv of [
      ['emulator', '--help'],
      ['help', 'emulator'],
    ]) {
      const io = fakeContext();
      expect(await runCli(argv, io.context)).toBe(0);
      expect(io.out()).toBe(`${emulatorUsage}\n`);
    }
  });

  it('exits 2 with the usage on stderr without a command or with an unknown one', async () => {
    const none = fakeContext();
    expect(await runCli([], none.context)).toBe(2);
    expect(none.err().split('\n')[0]).toBe('pos-sim: missing command');
    const unknown = fakeContext();
    expect(await runCli(['certifyy'], unknown.context)).toBe(2);
    expect(unknown.err()).toBe(`pos-sim: unknown command 'certifyy'\n\n${cliUsage()}\n`);
    expect(unknown.out()).toBe('');
  });

  it('exits 2 on a bad argument with a one-line error followed by the command usage', async () => {
    const io = fakeContext();
    expect(await runCli(['emulator', '--port', 'eighty'], io.context)).toBe(2);
    expect(io.err()).toBe(
      `pos-sim emulator: --port must be a whole number, got 'eighty'\n\n${emulatorUsage}\n`,
    );
  });

  it('exits 2 on a bad config file with only the error line', async () => {
    const io = fakeContext();
    expect(await runCli(['emulator', '--config', 'no-such-config.json'], io.context)).toBe(2);
    expect(io.err()).toMatch(/^pos-sim emulator: config file .*no-such-config\.json: no such file\n$/);
  });
});

describe('pos-sim emulator (in-process)', () => {
  it('accepts an integrator given with --integrator and exits 0 when stopped', async () => {
    const io = fakeContext();
    const exitCode = runCli(
      ['emulator', '--port', '0', '--clock', 'virtual', '--integrator', 'lab-client:lab-secret'],
      io.context,
    );
    const line = await within(waitForLine(io.out), 10_000, () => `the start-up line; stderr: ${io.err()}`);
    const started = parseStartupLine(line);
    expect(started).not.toBeNull();

    const api = await httpClient(started!.url, 'lab-client', 'lab-secret');
    expect((await api('GET', '/pos/v10/stores')).status).toBe(200);

    io.stop('SIGINT');
    expect(await within(exitCode, 5_000, () => 'the exit code')).toBe(0);
    expect(io.err()).toBe('');
  });

  it('exits 1 with one line when the port is taken', async () => {
    const first = fakeContext();
    const firstExit = runCli(['emulator', '--port', '0'], first.context);
    const started = parseStartupLine(
      await within(waitForLine(first.out), 10_000, () => 'the first emulator'),
    )!;
    const port = new URL(started.url).port;

    const second = fakeContext();
    expect(
      await within(runCli(['emulator', '--port', port], second.context), 10_000, () => 'the second emulator'),
    ).toBe(1);
    expect(second.err()).toBe(
      `pos-sim emulator: port ${port} on 127.0.0.1 is in use; pick another with --port (0 = any free port)\n`,
    );

    first.stop();
    expect(await within(firstExit, 5_000, () => 'the first exit')).toBe(0);
  });
});

/** The first line written, checked every 20 ms; gives up after 15 s so nothing polls forever. */
async function waitForLine(read: () => string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (!read().includes('\n')) {
    if (Date.now() > deadline) throw new Error('no line was written');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return read().split('\n')[0]!;
}
