// The windows: every one hardened the same way, opened once, the customer display on a second monitor.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class FakeContents {
    readonly listeners = new Map<string, Listener>();
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
      return this;
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
  }
  class FakeWindow {
    static made: FakeWindow[] = [];
    readonly webContents = new FakeContents();
    readonly events = new Map<string, Listener>();
    loaded: { file?: string; url?: string; query?: unknown } = {};
    focused = 0;
    fullScreen = false;
    constructor(readonly options: Record<string, unknown>) {
      FakeWindow.made.push(this);
    }
    once(name: string, listener: Listener) {
      this.events.set(name, listener);
    }
    on(name: string, listener: Listener) {
      this.events.set(name, listener);
    }
    loadFile(file: string, options: { query?: unknown }) {
      this.loaded = { file, query: options.query };
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded = { url };
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore() {}
    show() {}
    focus() {
      this.focused += 1;
    }
    close() {
      this.events.get('closed')?.();
    }
    setFullScreen(value: boolean) {
      this.fullScreen = value;
    }
  }
  const display = (id: number, x: number) => ({ id, workArea: { x, y: 0, width: 1920, height: 1080 } });
  return {
    FakeWindow,
    displays: [display(1, 0)],
    openExternal: vi.fn(),
    display,
  };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeWindow,
  screen: {
    getPrimaryDisplay: () => electron.displays[0],
    getAllDisplays: () => electron.displays,
  },
  shell: { openExternal: electron.openExternal },
}));

const { createWindowManager } = await import('../../src/main/windows.js');

const target = { kind: 'file', indexHtml: '/app/out/renderer/index.html' } as const;
const manager = () => createWindowManager({ target, preload: '/app/out/preload/index.cjs' });

beforeEach(() => {
  electron.FakeWindow.made = [];
  electron.displays = [electron.display(1, 0)];
  electron.openExternal.mockClear();
});

describe('windows', () => {
  it('opens every window isolated, sandboxed, without Node and with our preload', () => {
    const windows = manager();
    for (const name of ['checkout', 'customer', 'phone'] as const) windows.open(name);
    expect(electron.FakeWindow.made).toHaveLength(3);
    for (const window of electron.FakeWindow.made)
      expect(window.options['webPreferences']).toMatchObject({
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
      });
  });

  it('sizes the checkout as asked and the phone like a phone', () => {
    const windows = manager();
    windows.open('checkout');
    windows.open('phone');
    const [checkout, phone] = electron.FakeWindow.made;
    expect(checkout!.options).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 768 });
    expect(phone!.options['width']).toBeLessThan(500);
  });

  it('tells the renderer its screen in the query', () => {
    const windows = manager();
    windows.open('checkout');
    windows.open('customer');
    expect(electron.FakeWindow.made.map((w) => w.loaded)).toEqual([
      { file: target.indexHtml, query: {} },
      { file: target.indexHtml, query: { window: 'customer' } },
    ]);
  });

  it('puts the customer display on a second monitor, full screen when asked', () => {
    electron.displays = [electron.display(1, 0), electron.display(2, 1920)];
    const windows = manager();
    expect(windows.open('customer', true)).toEqual({ opened: true, url: null });
    const customer = electron.FakeWindow.made[0]!;
    expect(customer.options['x']).toBeGreaterThanOrEqual(1920);
    customer.events.get('ready-to-show')?.();
    expect(customer.fullScreen).toBe(true);
  });

  it('focuses a window that is already open instead of opening another', () => {
    const windows = manager();
    windows.open('phone');
    windows.open('phone');
    expect(electron.FakeWindow.made).toHaveLength(1);
    expect(electron.FakeWindow.made[0]!.focused).toBe(1);
  });

  it('blocks navigation and new windows; https links and http links to this machine go to the browser', () => {
    manager().open('checkout');
    const contents = electron.FakeWindow.made[0]!.webContents;
    const event = { preventDefault: vi.fn() };
    contents.listeners.get('will-navigate')?.(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const report = 'http://127.0.0.1:41234/certification/api/sessions/s-1/report';
    expect(contents.openHandler?.({ url: report })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(electron.openExternal.mock.calls).toEqual([['https://example.com/'], [report]]);
  });

  it('closes the other windows with the checkout', () => {
    const windows = manager();
    windows.open('checkout');
    windows.open('customer');
    electron.FakeWindow.made[0]!.close();
    expect(windows.all()).toEqual([]);
  });
});
