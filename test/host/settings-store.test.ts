import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSecretBox } from '../../src/host/file-secret-box.js';
import {
  DEFAULT_CLIENT_SYSTEM_NAME,
  DEMO_CLIENT,
  SECRET_FILE,
  SETTINGS_FILE,
  SettingsStore,
  defaultSettings,
} from '../../src/host/settings-store.js';
import type { SecretBox } from '../../src/host/types.js';
import { startTestHost, tempDataDir } from './support.js';

const demoInput = {
  backend: { kind: 'embedded' as const },
  clientId: DEMO_CLIENT.clientId,
  clientSystemName: 'Till software',
  clientSystemVersion: '4.5.6',
  merchantVat: 'DK12345678',
};

describe('settings defaults', () => {
  it('talk to the embedded emulator as its demo integrator for the demo merchant', async () => {
    const t = await startTestHost();

    expect(await t.call('settingsGet')).toEqual({
      backend: { kind: 'embedded' },
      clientId: '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      hasClientSecret: true,
      secretStorage: 'file',
      clientSystemName: DEFAULT_CLIENT_SYSTEM_NAME,
      clientSystemVersion: '1.2.3',
      merchantVat: 'DK12345678',
    });
  });

  it('use the app version as the client system version, without a pre-release suffix', () => {
    expect(defaultSettings('2.0.1-beta.3').clientSystemVersion).toBe('2.0.1');
    expect(defaultSettings('dev').clientSystemVersion).toBe('0.0.0');
  });
});

describe('saving settings', () => {
  it('persists them across restarts, with the secret sealed in its own file and not in settings.json', async () => {
    const dataDir = tempDataDir();
    const first = await startTestHost({ dataDir });

    const saved = await first.call('settingsSave', { ...demoInput, clientSecret: DEMO_CLIENT.clientSecret });
    await first.stop();
    const second = await startTestHost({ dataDir });

    expect(saved).toMatchObject({ clientSystemName: 'Till software', hasClientSecret: true });
    expect(await second.call('settingsGet')).toEqual(saved);
    const settingsText = readFileSync(join(dataDir, SETTINGS_FILE), 'utf8');
    const sealedText = readFileSync(join(dataDir, SECRET_FILE), 'utf8');
    expect(settingsText).not.toContain(DEMO_CLIENT.clientSecret);
    expect(sealedText).not.toContain(DEMO_CLIENT.clientSecret);
    expect(statSync(join(dataDir, SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(await second.call('posGet')).toMatchObject({ posId: expect.any(String) });
  });

  it('rebuilds the till on the new settings and announces them (settings, then pos)', async () => {
    const t = await startTestHost();
    const before = t.events.length;

    await t.call('settingsSave', demoInput);

    const after = t.events.slice(before).map((event) => event.kind);
    expect(after).toContain('settings');
    expect(after.indexOf('settings')).toBeGreaterThan(after.indexOf('pos'));
    const started = await t.call('paymentStart', { amount: 5, currencyCode: 'DKK' });
    const request = (await t.call('logList', {})).find(
      (e) => e.method === 'POST' && e.url.endsWith('/pos/v10/payments'),
    );
    expect(started.status).not.toBe('Refused');
    expect(request?.requestHeaders).toMatchObject({
      'x-mobilepay-client-system-name': 'Till software',
      'x-mobilepay-client-system-version': '4.5.6',
    });
  });

  it('refuses settings the PoS client would refuse, and keeps the old ones', async () => {
    const t = await startTestHost();

    const vat = await t.fail('settingsSave', { ...demoInput, merchantVat: 'SE12345678' });
    const name = await t.fail('settingsSave', { ...demoInput, clientSystemName: 'Till ☃' });
    const noSecret = await t.fail('settingsSave', { ...demoInput, clientId: 'someone-else' });

    expect(vat).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/^merchantVat: /) });
    expect(name.code).toBe('bad-input');
    expect(noSecret).toMatchObject({ code: 'bad-input', message: 'Enter the integrator client secret.' });
    expect((await t.call('settingsGet')).clientSystemName).toBe(DEFAULT_CLIENT_SYSTEM_NAME);
  });

  it('refuses to switch settings while a payment is in progress', async () => {
    const t = await startTestHost();
    await t.call('paymentStart', { amount: 5, currencyCode: 'DKK' });

    expect((await t.fail('settingsSave', demoInput)).code).toBe('busy');
  });

  it('switches to an external backend; with no PoS there a payment is refused with no-pos', async () => {
    const t = await startTestHost();
    const externalUrl = 'http://127.0.0.1:9';

    await t.call('settingsSave', { ...demoInput, backend: { kind: 'external', apiBaseUrl: externalUrl } });

    expect((await t.call('appInfo')).backend).toEqual({ kind: 'external', apiBaseUrl: externalUrl });
    expect(await t.call('posGet')).toBeNull();
    expect((await t.fail('paymentStart', { amount: 5, currencyCode: 'DKK' })).code).toBe('no-pos');
    expect((await t.call('displayGet')).phase).toBe('closed');
  });
});

describe('the settings store', () => {
  const box = (available: boolean): SecretBox => ({
    kind: 'safe-storage',
    available,
    encrypt: (plain) => `sealed(${plain.split('').reverse().join('')})`,
    decrypt: (sealed) => sealed.slice(7, -1).split('').reverse().join(''),
  });

  it('falls back to the defaults, with a notice, when settings.json is damaged', () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, SETTINGS_FILE), '{ not json');
    const notices: string[] = [];

    const settings = new SettingsStore(dataDir, fileSecretBox(dataDir), '1.0.0', (m) =>
      notices.push(m),
    ).load();

    expect(settings).toEqual(defaultSettings('1.0.0'));
    expect(notices).toEqual([expect.stringMatching(/settings\.json cannot be read/)]);
  });

  it('keeps a secret it cannot seal for this run only, and says so', () => {
    const dataDir = tempDataDir();
    const notices: string[] = [];
    const store = new SettingsStore(dataDir, box(false), '1.0.0', (m) => notices.push(m));

    const saved = store.save({ ...demoInput, clientId: 'mine', clientSecret: 's3cret' }, store.load());

    expect(saved.clientSecret).toBe('s3cret');
    expect(store.load().clientSecret).toBe('s3cret');
    expect(new SettingsStore(dataDir, box(false), '1.0.0', () => undefined).load().clientSecret).toBeNull();
    expect(notices).toEqual([expect.stringMatching(/kept until the app closes/)]);
  });

  it('asks for the secret again when the stored one was sealed by another kind of box', () => {
    const dataDir = tempDataDir();
    const fileStore = new SettingsStore(dataDir, fileSecretBox(dataDir), '1.0.0', () => undefined);
    fileStore.save({ ...demoInput, clientId: 'mine', clientSecret: 's3cret' }, fileStore.load());
    const notices: string[] = [];

    const loaded = new SettingsStore(dataDir, box(true), '1.0.0', (m) => notices.push(m)).load();

    expect(loaded).toMatchObject({ clientId: 'mine', clientSecret: null });
    expect(notices).toEqual([expect.stringMatching(/enter it again/)]);
  });

  it('uses the demo secret again when the client id goes back to the demo client', () => {
    const dataDir = tempDataDir();
    const store = new SettingsStore(dataDir, fileSecretBox(dataDir), '1.0.0', () => undefined);
    const mine = store.save({ ...demoInput, clientId: 'mine', clientSecret: 's3cret' }, store.load());

    const demo = store.save(demoInput, mine);

    expect(demo.clientSecret).toBe(DEMO_CLIENT.clientSecret);
    expect(store.load().clientSecret).toBe(DEMO_CLIENT.clientSecret);
    expect(store.view(demo)).not.toHaveProperty('clientSecret');
  });
});
