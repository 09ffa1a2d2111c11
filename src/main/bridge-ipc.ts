// The bridge over Electron IPC: one ipcMain.handle per call of the contract, each checking who asks and
// running the call through dispatch (zod parse, result object); and the host's events to every window.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { dispatch } from '../host/dispatch.js';
import type { Host } from '../host/types.js';
import {
  BRIDGE_EVENT_CHANNEL,
  bridgeCallNames,
  bridgeChannels,
  type BridgeResult,
} from '../shared/bridge/index.js';
import { isTrustedRendererUrl, type RendererTarget } from './renderer-target.js';

/** Decides whether an IPC call comes from one of our own pages. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** Trusts only a top-level frame showing our renderer (no iframes, no foreign or devtools pages). */
export function rendererSenderCheck(target: RendererTarget): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isTrustedRendererUrl(target, frame.url);
  };
}

const FOREIGN_SENDER: BridgeResult<never> = {
  ok: false,
  error: {
    code: 'forbidden',
    message: 'This page may not use the terminal.',
    apiCode: null,
    retryable: false,
  },
};

/** Registers a handler for every call of bridgeChannels; answers a function that removes them again. */
export function registerBridgeHandlers(deps: {
  readonly host: Pick<Host, 'handlers'>;
  readonly isTrustedSender: SenderCheck;
}): () => void {
  for (const name of bridgeCallNames) {
    ipcMain.handle(bridgeChannels[name], async (event, arg: unknown) => {
      if (!deps.isTrustedSender(event)) return FOREIGN_SENDER;
      return dispatch(deps.host.handlers, name, arg);
    });
  }
  return () => {
    for (const name of bridgeCallNames) ipcMain.removeHandler(bridgeChannels[name]);
  };
}

/** Sends every host event to every open window; answers the unsubscribe. */
export function registerEventForwarding(deps: {
  readonly host: Pick<Host, 'subscribe'>;
  readonly windows: { all(): readonly { readonly webContents: WebContents }[] };
}): () => void {
  return deps.host.subscribe((event) => {
    for (const window of deps.windows.all()) {
      const contents = window.webContents;
      if (!contents.isDestroyed()) contents.send(BRIDGE_EVENT_CHANNEL, event);
    }
  });
}
