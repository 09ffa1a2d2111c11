// `pos-sim web`: its arguments, where it keeps data, its one start-up line, and a whole run on a fake host.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import { EXIT_FAILURE, EXIT_OK, type CliContext } from '../../src/cli/command.js';
import { cliUsage } from '../../src/cli/index.js';
import {
  createWebCommand,
  defaultWebDataDir,
  parseWebArgs,
  webStartupLine,
} from '../../src/cli/web-command.js';
import type { HostOptions, SecretBox } from '../../src/host/types.js';
import { fakeHost, tempRenderer } from './web-support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function context() {
  let stop: (signal: string) => void = () => undefined;
  const out: string[] = [];
  const err: string[] = [];
  const cwd = mkdtempSync(join(tmpdir(), 'pos-sim-web-cwd-'));
  cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
  const value: CliContext = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    cwd,
    untilStopped: () => new Promise((resolve) => (stop = resolve)),
  };
  return { value, out, err, cwd, stop: () => stop('SIGINT') };
}

const box: SecretBox = { kind: 'file', available: true, encrypt: (s) => s, decrypt: (s) => s };

describe('pos-sim web arguments', () => {
  it('listens on loopback port 5173 by default', () => {
    expect(parseWebArgs([])).toEqual({
      help: false,
      host: '127.0.0.1',
      port: 5173,
      dataDir: undefined,
      pollDelayMs: undefined,
      bluetooth: undefined,
    });
  });

  it('reads host, port, data directory and poll delay', () => {
    expect(
      parseWebArgs([
        '--host',
        '0.0.0.0',
        '--port',
        '0',
        '--data',
        'd',
        '--poll-delay',
        '250',
        '--bluetooth',
        'virtual',
      ]),
    ).toEqual({
      help: false,
      host: '0.0.0.0',
      port: 0,
      dataDir: 'd',
      pollDelayMs: 250,
      bluetooth: 'virtual',
    });
  });

  it('refuses bad values', () => {
    expect(() => parseWebArgs(['--port', '70000'])).toThrow(UsageError);
    expect(() => parseWebArgs(['--poll-delay', 'soon'])).toThrow(UsageError);
    expect(() => parseWebArgs(['--data', ' '])).toThrow(UsageError);
    expect(() => parseWebArgs(['--bogus'])).toThrow(UsageError);
    expect(() => parseWebArgs(['--bluetooth', 'radio'])).toThrow(/auto, ble, virtual, off/);
  });

  it('keeps its data in pos-sim-web under the platform app-data folder', () => {
    expect(defaultWebDataDir('linux', {}, '/home/u')).toBe('/home/u/.config/pos-sim-web');
    expect(defaultWebDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/x/pos-sim-web');
    expect(defaultWebDataDir('darwin', {}, '/Users/u')).toBe(
      '/Users/u/Library/Application Support/pos-sim-web',
    );
    expect(defaultWebDataDir('win32', { APPDATA: 'C:/Users/u/AppData/Roaming' }, 'C:/Users/u')).toBe(
      join('C:/Users/u/AppData/Roaming', 'pos-sim-web'),
    );
  });

  it('prints one line with the URL, and a warning when the network can reach it', () => {
    expect(webStartupLine('http://127.0.0.1:5173/', '127.0.0.1')).toBe(
      'pos-sim web: http://127.0.0.1:5173/ (customer display /customer, phone /phone)',
    );
    expect(webStartupLine('http://0.0.0.0:5173/', '0.0.0.0')).toMatch(
      /anyone on the network can drive the till$/,
    );
  });

  it('is listed in the help of pos-sim', () => {
    expect(cliUsage()).toMatch(/^ {2}web /m);
  });
});

describe('pos-sim web run', () => {
  it('says to build first when the renderer is missing', async () => {
    const ctx = context();
    const createHost = vi.fn();
    const command = createWebCommand({
      rendererDir: join(ctx.cwd, 'nowhere'),
      createHost,
      fileSecretBox: () => box,
    });
    expect(await command.run([], ctx.value)).toBe(EXIT_FAILURE);
    expect(ctx.err.join('')).toContain('npm run build');
    expect(createHost).not.toHaveBeenCalled();
  });

  it('serves the app on a web host until stopped, then closes the host', async () => {
    const ctx = context();
    const build = tempRenderer();
    cleanups.push(build.remove);
    const fake = fakeHost();
    let options: HostOptions | undefined;
    const fileSecretBox = vi.fn(() => box);
    const command = createWebCommand({
      rendererDir: build.dir,
      version: '9.9.9',
      fileSecretBox,
      createHost: async (given) => {
        options = given;
        return fake.host;
      },
    });
    const run = command.run(['--port', '0', '--data', 'web-data', '--poll-delay', '50'], ctx.value);
    await vi.waitFor(() => expect(ctx.out).toHaveLength(1));
    const url =
      /^pos-sim web: (http:\/\/127\.0\.0\.1:\d+\/) \(customer display \/customer, phone \/phone\)\n$/.exec(
        ctx.out[0]!,
      )?.[1];
    expect(url).toBeDefined();
    expect((await fetch(`${url}customer`)).status).toBe(200);
    expect(options).toMatchObject({
      mode: 'web',
      version: '9.9.9',
      dataDir: join(ctx.cwd, 'web-data'),
      pollDelayMs: 50,
    });
    expect(fileSecretBox).toHaveBeenCalledWith(join(ctx.cwd, 'web-data'));
    expect(options!.openWindow('customer', true)).toEqual({ opened: false, url: '/customer' });
    expect(options!.openWindow('checkout', false)).toEqual({ opened: false, url: '/' });
    ctx.stop();
    expect(await run).toBe(EXIT_OK);
    expect(fake.closed()).toBe(true);
    expect(ctx.err).toEqual([]);
  });

  it('closes the host and explains when the port is taken', async () => {
    const ctx = context();
    const build = tempRenderer();
    cleanups.push(build.remove);
    const first = createWebCommand({
      rendererDir: build.dir,
      version: '1.0.0',
      fileSecretBox: () => box,
      createHost: async () => fakeHost().host,
    });
    const running = first.run(['--port', '0', '--data', 'a'], ctx.value);
    await vi.waitFor(() => expect(ctx.out).toHaveLength(1));
    const port = new URL(/(http:\S+)/.exec(ctx.out[0]!)![1]!).port;
    const second = context();
    const fake = fakeHost();
    const command = createWebCommand({
      rendererDir: build.dir,
      version: '1.0.0',
      fileSecretBox: () => box,
      createHost: async () => fake.host,
    });
    expect(await command.run(['--port', port, '--data', 'b'], second.value)).toBe(EXIT_FAILURE);
    expect(second.err.join('')).toContain('is in use');
    expect(fake.closed()).toBe(true);
    ctx.stop();
    await running;
  });
});
