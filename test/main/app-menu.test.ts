// The application menu: the usual roles per platform and Window items for the other windows.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ Menu: {}, shell: {} }));
const { API_DOCS_URL, appMenuTemplate } = await import('../../src/main/app-menu.js');

const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role);

function click(items: MenuItemConstructorOptions[], label: string): void {
  const submenu = items.find((item) => item.role === 'windowMenu')!.submenu as MenuItemConstructorOptions[];
  const item = submenu.find((entry) => entry.label === label)!;
  (item.click as () => void)();
}

describe('app menu', () => {
  it('has the app menu on macOS only', () => {
    expect(roles(appMenuTemplate('darwin', vi.fn(), vi.fn()))).toEqual([
      'appMenu',
      'fileMenu',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ]);
    expect(roles(appMenuTemplate('linux', vi.fn(), vi.fn()))).toEqual([
      'fileMenu',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ]);
  });

  it('opens the customer display (also full screen) and the phone from the Window menu', () => {
    const open = vi.fn();
    const template = appMenuTemplate('linux', open, vi.fn());
    click(template, 'Customer Display');
    click(template, 'Customer Display Full Screen');
    click(template, 'Phone Simulator');
    expect(open.mock.calls).toEqual([
      ['customer', false],
      ['customer', true],
      ['phone', false],
    ]);
  });

  it('links the API documentation from Help', () => {
    const openExternal = vi.fn();
    const help = appMenuTemplate('win32', vi.fn(), openExternal).find((item) => item.role === 'help')!;
    ((help.submenu as MenuItemConstructorOptions[])[0]!.click as () => void)();
    expect(openExternal).toHaveBeenCalledWith(API_DOCS_URL);
  });
});
