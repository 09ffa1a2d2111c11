// Quitting waits for the host to close; closing the last window quits except on macOS.
import { EventEmitter } from 'node:events';
import type { App } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { registerLifecycleHandlers } from '../../src/main/lifecycle.js';

function setup(platform: NodeJS.Platform, close = () => Promise.resolve()) {
  const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
  const windows = { open: vi.fn(), all: vi.fn(() => [] as unknown[]) };
  const host = { close: vi.fn(close) };
  const cleanup = vi.fn();
  registerLifecycleHandlers({ app: app as unknown as App, platform, host, windows, cleanups: [cleanup] });
  return { app, windows, host, cleanup };
}

describe('app lifecycle', () => {
  it('holds the quit until the host has closed, then quits once', async () => {
    let finish = (): void => undefined;
    const { app, host, cleanup } = setup('linux', () => new Promise<void>((resolve) => (finish = resolve)));
    const event = { preventDefault: vi.fn() };
    app.emit('before-quit', event);
    app.emit('before-quit', { preventDefault: vi.fn() });
    expect(event.preventDefault).toHaveBeenCalled();
    expect(cleanup).toHaveBeenCalledOnce();
    expect(host.close).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    const last = { preventDefault: vi.fn() };
    app.emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('quits even when the host fails to close', async () => {
    const { app } = setup('linux', () => Promise.reject(new Error('stuck')));
    app.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
  });

  it('quits when the last window closes, except on macOS', () => {
    const linux = setup('linux');
    linux.app.emit('window-all-closed');
    expect(linux.app.quit).toHaveBeenCalled();
    const mac = setup('darwin');
    mac.app.emit('window-all-closed');
    expect(mac.app.quit).not.toHaveBeenCalled();
  });

  it('shows the checkout when a second instance starts or the dock icon is clicked', () => {
    const { app, windows } = setup('darwin');
    app.emit('second-instance');
    app.emit('activate');
    expect(windows.open.mock.calls).toEqual([['checkout'], ['checkout']]);
  });
});
