import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { scanBeaconQr } from '../../src/customer/qr-scan.js';
import { DEFAULT_MERCHANT_POS_ID, DEMO_STORE_ID } from '../../src/host/default-pos.js';
import { startTestHost, tempDataDir } from './support.js';

describe('host start-up', () => {
  it('is ready to pay with zero configuration: the demo PoS is onboarded and the display shows its QR', async () => {
    const t = await startTestHost();

    const pos = await t.call('posGet');
    const display = await t.call('displayGet');

    expect(pos).toMatchObject({
      merchantPosId: DEFAULT_MERCHANT_POS_ID,
      storeId: DEMO_STORE_ID,
      merchantVat: 'DK12345678',
      posId: expect.any(String),
      beaconId: expect.any(String),
    });
    expect(display).toMatchObject({
      phase: 'idle',
      beaconId: pos!.beaconId,
      qrPayload: `mobilepaypos://pos?id=${pos!.beaconId!.toLowerCase()}&source=qr`,
      posName: pos!.posName,
      qrImage: expect.stringMatching(/^data:image\/png;base64,/),
    });
    expect(scanBeaconQr(display.qrImage!)).toBe(pos!.beaconId!.toLowerCase());
  });

  it('tells who and where it is: version, mode, the embedded backend and the data directory', async () => {
    const t = await startTestHost({ mode: 'electron' });

    const info = await t.call('appInfo');

    expect(info).toMatchObject({ version: '1.2.3', mode: 'electron', dataDir: t.dataDir });
    expect(info.backend).toEqual({
      kind: 'embedded',
      apiBaseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      pollDelayMs: 20,
    });
  });

  it('keeps the same PoS across a restart: the embedded emulator and the journal live in the data directory', async () => {
    const dataDir = tempDataDir();
    const first = await startTestHost({ dataDir });
    const before = await first.call('posGet');
    await first.stop();

    const second = await startTestHost({ dataDir });

    expect(await second.call('posGet')).toEqual(before);
    expect((await second.call('displayGet')).beaconId).toBe(before!.beaconId);
  });

  it('shows the store name on the customer display from the start', async () => {
    const t = await startTestHost();

    expect((await t.call('displayGet')).storeName).toBe('Demo Kaffebar Nørreport');
  });

  it('keeps the check-in watch routine out of the status area', async () => {
    const till = await startTestHost();
    // The watch polls while the QR is shown; wait (bounded) for a few polls and restarts to have happened.
    await till.call('paymentStart', { amount: 10, currencyCode: 'DKK' });
    const current = await till.call('paymentCurrent');
    await till.call('paymentCancel', { journalId: current!.journalId });
    for (let tries = 0; tries < 100; tries++) {
      const log = await till.call('logList', {});
      if (log.filter((exchange) => exchange.url.endsWith('/checkin')).length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(till.events.filter((event) => event.kind === 'notice' && event.topic === 'checkin')).toEqual([]);
  });

  it('forwards window requests to the composition root', async () => {
    const opened: string[] = [];
    const t = await startTestHost({
      openWindow: (name, fullScreen) => {
        opened.push(`${name}:${fullScreen}`);
        return { opened: true, url: null };
      },
    });

    expect(await t.call('windowOpen', { window: 'customer', fullScreen: true })).toEqual({
      opened: true,
      url: null,
    });
    expect(opened).toEqual(['customer:true']);
  });
});

describe('host start-up without a backend', () => {
  it('still starts when the embedded emulator cannot listen, and says why on every call', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const t = await startTestHost({ emulatorPort: port });

      const failure = await t.fail('posGet');
      expect(failure).toMatchObject({ code: 'backend-unreachable', retryable: true });
      expect(failure.message).toMatch(/could not start/);
      expect((await t.call('displayGet')).phase).toBe('closed');
      expect((await t.call('phoneGet')).phoneNumber).toBeNull();
      expect((await t.call('settingsGet')).backend).toEqual({ kind: 'embedded' });
    } finally {
      blocker.close();
    }
  });
});

describe('host arguments', () => {
  it('refuses bad arguments through dispatch with bad-input, naming the field', async () => {
    const t = await startTestHost();

    const negative = await t.fail('paymentStart', { amount: -5, currencyCode: 'DKK' });
    const extra = await t.fail('paymentStart', { amount: 5, currencyCode: 'DKK', tip: 1 });
    const unknown = await t.fail('paymentExplode', {});

    expect(negative).toMatchObject({ code: 'bad-input', retryable: false, apiCode: null });
    expect(negative.message).toMatch(/^amount: /);
    expect(extra.code).toBe('bad-input');
    expect(unknown).toMatchObject({ code: 'bad-input', message: 'There is no call named "paymentExplode".' });
  });

  it('answers not-found for a journal id it does not know', async () => {
    const t = await startTestHost();

    expect((await t.fail('paymentCapture', { journalId: 'nope' })).code).toBe('not-found');
    expect((await t.fail('paymentGet', { journalId: 'nope' })).code).toBe('not-found');
    expect((await t.fail('refundCapture', { journalId: 'nope' })).code).toBe('not-found');
  });
});

describe('host close', () => {
  it('is idempotent, and calls after it fail with closed', async () => {
    const t = await startTestHost();

    await Promise.all([t.host.close(), t.host.close()]);
    await t.host.close();

    expect((await t.fail('posGet')).code).toBe('closed');
    expect((await t.fail('paymentStart', { amount: 1, currencyCode: 'DKK' })).code).toBe('closed');
  });

  it('stops the embedded emulator', async () => {
    const t = await startTestHost();
    const { backend } = await t.call('appInfo');
    await t.host.close();

    await expect(fetch(`${backend.apiBaseUrl}/emulator/health`)).rejects.toThrow();
  });
});
