// The bridge contract is the one source: main's IPC handlers, the preload, the web server's routes and
// the web bridge all cover exactly the calls of bridgeChannels, and the argument schemas and result
// types are keyed by the same names. A call added in one place and not the others fails here.
import { describe, expect, it, vi } from 'vitest';
import { fakeHost, tempRenderer } from '../cli/web-support.js';

const electron = vi.hoisted(() => ({ handled: [] as string[], exposed: new Map<string, object>() }));
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string) => electron.handled.push(channel), removeHandler: () => undefined },
  contextBridge: { exposeInMainWorld: (key: string, api: object) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: () => Promise.resolve(), on: () => undefined, removeListener: () => undefined },
}));

const { bridgeArgs } = await import('../../src/shared/bridge/args.js');
const { bridgeCallNames, bridgeChannels } = await import('../../src/shared/bridge/channels.js');
const { resultsCoverChannels } = await import('../../src/shared/bridge/results.js');
const { registerBridgeHandlers } = await import('../../src/main/bridge-ipc.js');
const { startWebServer } = await import('../../src/cli/web-server.js');
const { createWebBridge } = await import('../../src/renderer/bridge/web-bridge.js');

const sorted = (values: Iterable<string>) => [...values].sort();
const callNames = sorted(bridgeCallNames);

describe('bridge contract', () => {
  it('names every call once, on a distinct domain:verb channel', () => {
    const channels = Object.values(bridgeChannels);
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
  });

  it('has an argument schema for exactly the calls, and result types checked by the compiler', () => {
    expect(sorted(Object.keys(bridgeArgs))).toEqual(callNames);
    expect(resultsCoverChannels).toBe(true);
  });

  it("registers main's IPC handlers on exactly the contract's channels", () => {
    electron.handled.length = 0;
    registerBridgeHandlers({ host: fakeHost().host, isTrustedSender: () => true });
    expect(sorted(electron.handled)).toEqual(sorted(Object.values(bridgeChannels)));
    expect(new Set(electron.handled).size).toBe(electron.handled.length);
  });

  it('exposes exactly the calls and onEvent in the preload', async () => {
    await import('../../src/preload/index.js');
    expect([...electron.exposed.keys()]).toEqual(['posSim']);
    const exposed = Object.keys(electron.exposed.get('posSim')!);
    expect(sorted(exposed.filter((key) => key !== 'onEvent'))).toEqual(callNames);
    expect(exposed).toContain('onEvent');
  });

  it("serves exactly the contract's calls as POST routes in web mode", async () => {
    const build = tempRenderer();
    const server = await startWebServer({
      host: fakeHost().host,
      rendererDir: build.dir,
      hostname: '127.0.0.1',
      port: 0,
    });
    try {
      const posts = server.routes.filter((route) => route.method.includes('POST')).map((route) => route.url);
      expect(sorted(posts)).toEqual(sorted(bridgeCallNames.map((name) => `/bridge/${name}`)));
    } finally {
      await server.close();
      build.remove();
    }
  });

  it('gives the web bridge exactly the calls and onEvent', () => {
    const keys = Object.keys(createWebBridge('http://127.0.0.1:1'));
    expect(sorted(keys.filter((key) => key !== 'onEvent'))).toEqual(callNames);
    expect(keys).toContain('onEvent');
  });
});
