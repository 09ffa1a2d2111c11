// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../../src/renderer/stores/app-store.js';
import { makeAppInfo, makeSettings } from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

const app = () => useAppStore.getState();

describe('app store', () => {
  it('loads the app info and the settings', async () => {
    const fake = installFakeBridge();
    fake.answer('appInfo', makeAppInfo({ mode: 'electron' }));
    await app().load();
    expect(app().info?.mode).toBe('electron');
    expect(app().settings?.clientId).toBe('demo-client');
  });

  it('saves the settings and reloads the app info (the backend URL may change)', async () => {
    const fake = installFakeBridge();
    fake.answer(
      'settingsSave',
      makeSettings({ backend: { kind: 'external', apiBaseUrl: 'https://api.test' } }),
    );
    const input = {
      backend: { kind: 'external' as const, apiBaseUrl: 'https://api.test' },
      clientId: 'x',
      clientSystemName: 'pos',
      clientSystemVersion: '1.0.0',
      merchantVat: 'DK12345678',
    };
    expect(await app().saveSettings(input)).toBe(true);
    expect(fake.calls('settingsSave')).toEqual([input]);
    expect(fake.calls('appInfo')).toHaveLength(1);
    expect(app()).toMatchObject({ saved: true, settings: { backend: { kind: 'external' } } });
  });

  it('opens the route web mode answers in a new browser tab', async () => {
    const fake = installFakeBridge();
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    fake.answer('windowOpen', { opened: false, url: '/customer' });
    await app().openWindow('customer');
    expect(fake.calls('windowOpen')).toEqual([{ window: 'customer' }]);
    expect(open).toHaveBeenCalledWith('/customer', '_blank');
  });

  it('lets Electron open the window itself', async () => {
    installFakeBridge();
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    await app().openWindow('phone');
    expect(open).not.toHaveBeenCalled();
  });

  it('keeps the last five notices and dismisses one', () => {
    for (let i = 0; i < 7; i++) app().pushNotice({ at: i, topic: 'sweeper', text: `n${i}`, failure: null });
    expect(app().notices.map((n) => n.text)).toEqual(['n2', 'n3', 'n4', 'n5', 'n6']);
    app().dismissNotice(app().notices[0]?.id ?? -1);
    expect(app().notices).toHaveLength(4);
  });
});
