// Electron main process: the composition root of the desktop app. It starts the embedded emulator
// and opens one hardened window; the checkout screens arrive with issue 4.
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { join } from 'node:path';
import { bridgeChannels, type AppInfo } from '../shared/bridge.js';
import { startEmbeddedEmulator, type RunningEmulator } from '../emulator/listen.js';

let emulator: RunningEmulator | null = null;

function createCheckoutWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'PoS terminal simulator',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  if (process.env['ELECTRON_RENDERER_URL']) void window.loadURL(process.env['ELECTRON_RENDERER_URL']);
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return window;
}

void app.whenReady().then(async () => {
  emulator = await startEmbeddedEmulator({ host: '127.0.0.1', port: 0 });
  ipcMain.handle(bridgeChannels.appInfo, (event): AppInfo => {
    if (event.senderFrame?.url.startsWith('devtools:')) throw new Error('unexpected sender');
    return { version: app.getVersion(), emulatorUrl: emulator?.url ?? null };
  });
  createCheckoutWindow();
});

app.on('window-all-closed', () => {
  void emulator?.close().finally(() => app.quit());
});
