// Main's IPC handlers: the sender is checked before anything else, every argument is parsed by the
// contract's schema, and the answer is always a result object; host events reach every open window.
import type { IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeHost, PAYMENT_START } from '../cli/web-support.js';

const ipc = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>(),
  removed: [] as string[],
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, arg: unknown) => Promise<unknown>) => {
      if (ipc.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      ipc.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => {
      ipc.handlers.delete(channel);
      ipc.removed.push(channel);
    },
  },
}));

const { registerBridgeHandlers, registerEventForwarding, rendererSenderCheck } =
  await import('../../src/main/bridge-ipc.js');
const { BRIDGE_EVENT_CHANNEL, bridgeChannels } = await import('../../src/shared/bridge/index.js');

const RENDERER = '/opt/pos-sim/resources/app.asar/out/renderer/index.html';
const target = { kind: 'file', indexHtml: RENDERER } as const;

function from(url: string | null, parent: unknown = null): IpcMainInvokeEvent {
  return { senderFrame: url === null ? null : { url, parent } } as unknown as IpcMainInvokeEvent;
}
const ours = from(`file://${RENDERER}?window=customer`);

function invoke(channel: string, event: IpcMainInvokeEvent, arg: unknown) {
  const handler = ipc.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, arg);
}

beforeEach(() => {
  ipc.handlers.clear();
  ipc.removed.length = 0;
});

describe('main bridge handlers', () => {
  it('refuses a foreign sender without calling the host', async () => {
    const fake = fakeHost();
    registerBridgeHandlers({ host: fake.host, isTrustedSender: rendererSenderCheck(target) });
    for (const event of [
      from('https://evil.example/'),
      from('file:///tmp/evil.html'),
      from(null),
      from('devtools://devtools/x'),
    ]) {
      expect(await invoke(bridgeChannels.paymentStart, event, PAYMENT_START)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', retryable: false },
      });
    }
    expect(fake.calls).toEqual([]);
  });

  it('refuses our own page inside a frame', async () => {
    const fake = fakeHost();
    registerBridgeHandlers({ host: fake.host, isTrustedSender: rendererSenderCheck(target) });
    const framed = from(`file://${RENDERER}`, { url: `file://${RENDERER}` });
    expect(await invoke(bridgeChannels.appInfo, framed, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('parses bad arguments into bad-input results', async () => {
    const fake = fakeHost();
    registerBridgeHandlers({ host: fake.host, isTrustedSender: rendererSenderCheck(target) });
    for (const bad of [
      { amount: 'lots', currencyCode: 'DKK' },
      { ...PAYMENT_START, extra: true },
      'text',
      42,
    ]) {
      expect(await invoke(bridgeChannels.paymentStart, ours, bad)).toMatchObject({
        ok: false,
        error: { code: 'bad-input', retryable: false },
      });
    }
    expect(fake.calls).toEqual([]);
  });

  it('passes the parsed argument to the host and answers its value', async () => {
    const fake = fakeHost();
    registerBridgeHandlers({ host: fake.host, isTrustedSender: rendererSenderCheck(target) });
    expect(await invoke(bridgeChannels.paymentStart, ours, PAYMENT_START)).toEqual({
      ok: true,
      value: { call: 'paymentStart', args: PAYMENT_START },
    });
    expect(await invoke(bridgeChannels.appInfo, ours, undefined)).toEqual({
      ok: true,
      value: { call: 'appInfo', args: {} },
    });
  });

  it('answers a throwing handler with a failure result instead of throwing across IPC', async () => {
    const fake = fakeHost();
    const host = {
      handlers: { ...fake.host.handlers, appInfo: () => Promise.reject(new Error('disk on fire')) },
    };
    registerBridgeHandlers({ host, isTrustedSender: () => true });
    expect(await invoke(bridgeChannels.appInfo, ours, {})).toMatchObject({ ok: false });
  });

  it('removes every handler again', () => {
    const remove = registerBridgeHandlers({ host: fakeHost().host, isTrustedSender: () => true });
    remove();
    expect(ipc.handlers.size).toBe(0);
    expect(ipc.removed.sort()).toEqual(Object.values(bridgeChannels).sort());
  });
});

describe('main event forwarding', () => {
  it('sends each host event to every open window, skipping destroyed ones', () => {
    const fake = fakeHost();
    const window = (destroyed: boolean) => ({
      webContents: { send: vi.fn(), isDestroyed: () => destroyed },
    });
    const windows = [window(false), window(true), window(false)];
    const stop = registerEventForwarding({
      host: fake.host,
      windows: { all: () => windows as never },
    });
    const event = { kind: 'pos', pos: null } as const;
    fake.emit(event);
    expect(windows.map((w) => w.webContents.send.mock.calls)).toEqual([
      [[BRIDGE_EVENT_CHANNEL, event]],
      [],
      [[BRIDGE_EVENT_CHANNEL, event]],
    ]);
    stop();
    expect(fake.listenerCount()).toBe(0);
  });
});
