// How the renderer reaches the host: the preload's `window.posSim` in Electron, else the web bridge
// (HTTP + WebSocket) of web mode. Component tests install a fake with setBridge().
import type { PosSimBridge } from '../../shared/bridge/index.js';
import { createWebBridge } from './web-bridge.js';

declare global {
  interface Window {
    posSim?: PosSimBridge;
  }
}

let current: PosSimBridge | null = null;

export function getBridge(): PosSimBridge {
  current ??= window.posSim ?? createWebBridge(window.location.origin);
  return current;
}

/** For tests: use this bridge (null: pick again on next use). */
export function setBridge(bridge: PosSimBridge | null): void {
  current = bridge;
}
