// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SettingsScreen } from '../../../src/renderer/checkout/settings-screen.js';
import { useAppStore } from '../../../src/renderer/stores/app-store.js';
import { makeAppInfo, makeSettings } from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

function setup(settings = makeSettings()) {
  const fake = installFakeBridge();
  useAppStore.setState({ settings, info: makeAppInfo() });
  const user = userEvent.setup();
  render(<SettingsScreen />);
  return { fake, user };
}

describe('settings screen', () => {
  it('shows that a secret is stored without showing it, and keeps it when left empty', async () => {
    const { fake, user } = setup();
    const secret = screen.getByTestId('settings-client-secret') as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(secret.value).toBe('');
    expect(secret.placeholder).toBe('stored');
    expect(screen.getByTestId('settings-secret-stored').textContent).toMatch(/A secret is stored/);
    await user.click(screen.getByTestId('settings-save'));
    expect(fake.calls('settingsSave')).toEqual([
      {
        backend: { kind: 'embedded' },
        clientId: 'demo-client',
        clientSystemName: 'pos-sim',
        clientSystemVersion: '1.0.0',
        merchantVat: 'DK12345678',
      },
    ]);
    expect((await screen.findByTestId('settings-saved')).textContent).toBe('Saved.');
  });

  it('saves an external backend with a new secret', async () => {
    const { fake, user } = setup();
    await user.click(screen.getByTestId('settings-backend-external'));
    await user.type(screen.getByTestId('settings-api-base-url'), 'https://api.sandbox.test');
    await user.type(screen.getByTestId('settings-client-secret'), 's3cret');
    await user.click(screen.getByTestId('settings-save'));
    expect(fake.calls('settingsSave')[0]).toMatchObject({
      backend: { kind: 'external', apiBaseUrl: 'https://api.sandbox.test' },
      clientSecret: 's3cret',
    });
  });

  it('refuses a malformed VAT number or version before saving', async () => {
    const { fake, user } = setup();
    await user.clear(screen.getByTestId('settings-merchant-vat'));
    await user.type(screen.getByTestId('settings-merchant-vat'), 'SE123');
    await user.click(screen.getByTestId('settings-save'));
    expect(screen.getByTestId('settings-problem').textContent).toMatch(/DK or FI and 8 digits/);
    await user.clear(screen.getByTestId('settings-merchant-vat'));
    await user.type(screen.getByTestId('settings-merchant-vat'), 'dk12345678');
    await user.clear(screen.getByTestId('settings-system-version'));
    await user.type(screen.getByTestId('settings-system-version'), '1.0');
    await user.click(screen.getByTestId('settings-save'));
    expect(screen.getByTestId('settings-problem').textContent).toMatch(/Major.Minor.Build/);
    expect(fake.calls('settingsSave')).toEqual([]);
  });

  it('shows the host’s refusal', async () => {
    const { fake, user } = setup();
    fake.refuse('settingsSave', { code: 'bad-input', apiCode: null, message: 'clientId: too long' });
    await user.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('error-message')).textContent).toContain(
      'clientId: too long (bad-input)',
    );
  });

  it('shows the app version, mode, backend URL and data directory', () => {
    setup(makeSettings({ hasClientSecret: false }));
    const info = screen.getByTestId('app-info').textContent ?? '';
    for (const part of ['0.1.0', 'web', 'http://127.0.0.1:8080', '/home/tester/.pos-sim'])
      expect(info).toContain(part);
    expect(screen.getByTestId('settings-secret-stored').textContent).toBe('No secret stored yet.');
  });
});
