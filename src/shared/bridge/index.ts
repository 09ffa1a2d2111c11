// The bridge contract between the windows and the host: one list of calls (channels.ts), their
// arguments (args.ts), their answers (results.ts) and the pushed events (events.ts). Main's IPC
// handlers, the preload, the web server and the renderer's client are all typed from here.
import type { BridgeArgs } from './args.js';
import type { BridgeCallName } from './channels.js';
import type { BridgeEvent } from './events.js';
import type { BridgeResult, BridgeResults } from './results.js';

export { BRIDGE_EVENT_CHANNEL, bridgeCallNames, bridgeChannels, type BridgeCallName } from './channels.js';
export type { BridgeArgs, ParsedBridgeArgs } from './args.js';
export type { BridgeEvent, BridgeEventKind } from './events.js';
export type { BridgeResult, BridgeResults } from './results.js';
export type * from './views.js';

/** A call of the bridge: calls without arguments may be made with none. */
export type BridgeCall<K extends BridgeCallName> = (
  ...args: Record<string, never> extends BridgeArgs[K] ? [args?: BridgeArgs[K]] : [args: BridgeArgs[K]]
) => Promise<BridgeResult<BridgeResults[K]>>;

/** What the preload exposes as `window.posSim` (and the web bridge imitates): named functions only. */
export type PosSimBridge = { readonly [K in BridgeCallName]: BridgeCall<K> } & {
  /** Subscribes to the host's events; returns the unsubscribe function. */
  readonly onEvent: (listener: (event: BridgeEvent) => void) => () => void;
};
