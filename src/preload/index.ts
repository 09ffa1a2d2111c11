// The preload exposes exactly the bridge contract as `window.posSim`: one named function per call of
// bridgeChannels and onEvent; never ipcRenderer, an IPC event object or a generic invoke.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_EVENT_CHANNEL, bridgeCallNames, bridgeChannels } from '../shared/bridge/channels.js';
import type { BridgeEvent, PosSimBridge } from '../shared/bridge/index.js';

/** Builds the bridge from the contract's list of calls, so a new call needs no change here. */
function buildPreloadBridge(): PosSimBridge {
  const calls = Object.fromEntries(
    bridgeCallNames.map((name) => {
      const channel = bridgeChannels[name];
      // Only the one argument is passed on; main parses it (zod) and answers a result object.
      return [name, (arg?: unknown) => ipcRenderer.invoke(channel, arg)];
    }),
  );
  const onEvent = (listener: (event: BridgeEvent) => void): (() => void) => {
    // The IPC event (with its sender) stays here: the page receives the payload only.
    const relay = (_event: IpcRendererEvent, payload: BridgeEvent): void => listener(payload);
    ipcRenderer.on(BRIDGE_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(BRIDGE_EVENT_CHANNEL, relay);
    };
  };
  return Object.freeze({ ...calls, onEvent }) as PosSimBridge;
}

contextBridge.exposeInMainWorld('posSim', buildPreloadBridge());
