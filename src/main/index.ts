// Electron main process: the composition root of the desktop app. It hardens the session, builds the
// host (the engine and the embedded emulator), then wires IPC, events, menu, lifecycle and windows.
import { app, dialog, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { createHost } from '../host/create-host.js';
import { registerAppMenu } from './app-menu.js';
import { registerBridgeHandlers, registerEventForwarding, rendererSenderCheck } from './bridge-ipc.js';
import { registerLifecycleHandlers } from './lifecycle.js';
import { rendererTarget } from './renderer-target.js';
import { electronSecretBox } from './secret-box.js';
import { registerSessionSecurity } from './window-security.js';
import { createWindowManager } from './windows.js';

const log = (message: string): void => console.error(`pos-sim: ${message}`);

async function start(): Promise<void> {
  const target = rendererTarget({
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    packaged: app.isPackaged,
    indexHtml: join(import.meta.dirname, '../renderer/index.html'),
  });
  registerSessionSecurity(session.defaultSession, target);
  const windows = createWindowManager({ target, preload: join(import.meta.dirname, '../preload/index.cjs') });

  const dataDir = app.getPath('userData');
  const host = await createHost({
    mode: 'electron',
    version: app.getVersion(),
    dataDir,
    secrets: electronSecretBox({ safeStorage, dataDir, platform: process.platform, warn: log }),
    openWindow: (name, fullScreen) => windows.open(name, fullScreen),
  });

  const cleanups = [
    registerBridgeHandlers({ host, isTrustedSender: rendererSenderCheck(target) }),
    registerEventForwarding({ host, windows }),
  ];
  registerAppMenu({ platform: process.platform, open: (name, fullScreen) => windows.open(name, fullScreen) });
  registerLifecycleHandlers({ app, platform: process.platform, host, windows, cleanups, log });
  windows.open('checkout');
}

// One instance at a time: a second one would open the same journal and the same emulator data.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log(`could not start: ${message}`);
      dialog.showErrorBox('PoS terminal simulator could not start', message);
      app.exit(1);
    });
}
