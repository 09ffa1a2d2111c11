// The app's life: one instance at a time (two would share one journal), the checkout reopened on
// demand, and a clean quit that waits for the host to close its journal and the embedded emulator.
import type { App } from 'electron';
import type { Host } from '../host/types.js';
import type { WindowName } from '../shared/bridge/index.js';

/** How long quitting waits for the host before giving up. */
const CLOSE_TIMEOUT_MS = 10_000;

/** Wires quit, activate and second-instance; `cleanups` run (IPC handlers, event fan-out) before the host closes. */
export function registerLifecycleHandlers(deps: {
  readonly app: App;
  readonly platform: NodeJS.Platform;
  readonly host: Pick<Host, 'close'>;
  readonly windows: { open(name: WindowName): unknown; all(): readonly unknown[] };
  readonly cleanups: readonly (() => void)[];
  readonly log?: (message: string) => void;
}): void {
  const { app } = deps;
  let state: 'running' | 'closing' | 'closed' = 'running';

  app.on('second-instance', () => deps.windows.open('checkout'));
  app.on('activate', () => {
    if (deps.windows.all().length === 0) deps.windows.open('checkout');
  });
  app.on('window-all-closed', () => {
    if (deps.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    void closeHost(deps).finally(() => {
      state = 'closed';
      app.quit();
    });
  });
}

async function closeHost(deps: {
  readonly host: Pick<Host, 'close'>;
  readonly cleanups: readonly (() => void)[];
  readonly log?: (message: string) => void;
}): Promise<void> {
  for (const cleanup of deps.cleanups) cleanup();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), CLOSE_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([deps.host.close().then(() => 'closed' as const), timedOut]);
    if (outcome === 'timeout') deps.log?.(`the host did not close within ${CLOSE_TIMEOUT_MS / 1000} s`);
  } catch (error) {
    deps.log?.(`closing the host failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
