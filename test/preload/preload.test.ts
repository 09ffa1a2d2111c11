// The preload exposes the bridge contract and nothing else: named calls that invoke their own channel
// with the one argument, and onEvent that hands the page the payload, never the IPC event.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_EVENT_CHANNEL, bridgeCallNames, bridgeChannels } from '../../src/shared/bridge/index.js';
import type { BridgeEvent, PosSimBridge } from '../../src/shared/bridge/index.js';

const electron = vi.hoisted(() => ({
  exposed: [] as [string, unknown][],
  invoke: vi.fn((channel: string, arg: unknown) => Promise.resolve({ ok: true, value: { channel, arg } })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, removeListener: electron.removeListener },
}));

let bridge: PosSimBridge;
beforeAll(async () => {
  await import('../../src/preload/index.js');
  bridge = electron.exposed[0]![1] as PosSimBridge;
});

describe('preload', () => {
  it('exposes one object, window.posSim, of functions only, frozen', () => {
    expect(electron.exposed.map(([key]) => key)).toEqual(['posSim']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('invokes each call on its own channel with just its argument', async () => {
    for (const name of bridgeCallNames) {
      electron.invoke.mockClear();
      const call = bridge[name] as (arg?: unknown, extra?: unknown) => Promise<unknown>;
      await call({ probe: name }, 'smuggled');
      expect(electron.invoke.mock.calls, name).toEqual([[bridgeChannels[name], { probe: name }]]);
    }
  });

  it('hands listeners the event payload only and unsubscribes exactly that listener', () => {
    const seen: unknown[] = [];
    const stop = bridge.onEvent((event) => seen.push(event));
    expect(electron.on).toHaveBeenCalledWith(BRIDGE_EVENT_CHANNEL, expect.any(Function));
    const relay = electron.on.mock.calls.at(-1)![1] as (ipcEvent: unknown, payload: BridgeEvent) => void;
    const payload: BridgeEvent = { kind: 'pos', pos: null };
    relay({ sender: 'the ipcRenderer itself' }, payload);
    expect(seen).toEqual([payload]);
    stop();
    expect(electron.removeListener).toHaveBeenCalledWith(BRIDGE_EVENT_CHANNEL, relay);
  });
});
