// The application menu: the platform's usual roles, plus Window items that open the customer display
// (also full screen, for a second monitor) and the phone simulator.
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { WindowName } from '../shared/bridge/index.js';

/** The public documentation of the API the terminal speaks, for the Help menu. */
export const API_DOCS_URL = 'https://github.com/MobilePayDev/MobilePay-PoS-v10';

/** The menu as data, so a spec can read it without Electron. */
export function appMenuTemplate(
  platform: NodeJS.Platform,
  open: (name: WindowName, fullScreen: boolean) => void,
  openExternal: (url: string) => void,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const windowItems: MenuItemConstructorOptions[] = [
    { label: 'Checkout', accelerator: 'CmdOrCtrl+1', click: () => open('checkout', false) },
    { label: 'Customer Display', accelerator: 'CmdOrCtrl+2', click: () => open('customer', false) },
    {
      label: 'Customer Display Full Screen',
      accelerator: 'CmdOrCtrl+Shift+2',
      click: () => open('customer', true),
    },
    { label: 'Phone Simulator', accelerator: 'CmdOrCtrl+3', click: () => open('phone', false) },
    { type: 'separator' },
    { role: 'minimize' },
    { role: 'zoom' },
    ...(mac ? [{ type: 'separator' } as const, { role: 'front' } as const] : [{ role: 'close' } as const]),
  ];
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu', submenu: windowItems },
    {
      role: 'help',
      submenu: [
        { label: 'MobilePay PoS API v10 Documentation', click: () => openExternal(API_DOCS_URL) },
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
      ],
    },
  ];
}

/** Installs the application menu; its Window items open windows through the window manager. */
export function registerAppMenu(deps: {
  readonly platform: NodeJS.Platform;
  readonly open: (name: WindowName, fullScreen: boolean) => void;
}): void {
  const template = appMenuTemplate(deps.platform, deps.open, (url) => void shell.openExternal(url));
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
