// The bridge contract between the renderer and the engine. Issue 4 grows it; main, preload and the
// renderer's types all derive from this one object, so there is no second hand-kept copy.

/** Channel names (`domain:verb`) the preload exposes, each a named function on `window.posSim`. */
export const bridgeChannels = {
  appInfo: 'app:info',
} as const;

/** What `app:info` answers: enough for the renderer to say which backend it talks to. */
export interface AppInfo {
  readonly version: string;
  readonly emulatorUrl: string | null;
}

/** The typed surface the preload exposes on `window.posSim`. */
export interface PosSimBridge {
  appInfo(): Promise<AppInfo>;
}
