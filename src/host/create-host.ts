// createHost: the composition root shared by Electron main and web mode. It loads the settings,
// starts the backend (the embedded emulator unless told otherwise) and the till session, and hands
// the transports the bridge handlers, the event stream and close(). Transports call
// `dispatch(host.handlers, name, rawArgs)` and forward `host.subscribe` events; nothing else.
import { buildHandlers } from './handlers.js';
import { HostRuntime } from './host-runtime.js';
import type { Host, HostOptions } from './types.js';

export type { Host, HostOptions, SecretBox, BridgeHandlers } from './types.js';

/**
 * Builds and starts the host. With the embedded backend it resolves once the till is ready: start-up
 * recovery done and the point of sale onboarded (on a fresh install, the demo PoS), so the display
 * already shows its QR code. Problems with the backend or the settings do not reject: calls fail
 * with a clear code until new settings are saved.
 */
export async function createHost(options: HostOptions): Promise<Host> {
  const runtime = new HostRuntime(options);
  await runtime.open();
  return {
    handlers: buildHandlers(runtime),
    subscribe: (listener) => runtime.hub.subscribe(listener),
    close: () => runtime.close(),
  };
}
