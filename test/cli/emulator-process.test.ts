// `node bin/pos-sim.js emulator` as a lab runs it: a real process on a real port, one line of output,
// a clean stop on SIGTERM/SIGINT, and a --data file that survives the restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_STORE_ID } from '../emulator/harness.js';
import { demoIntegrator } from '../../src/emulator/seed.js';
import { httpClient, killStrays, parseStartupLine, spawnCli, type CliProcess } from './cli-process.js';

const E2E_TIMEOUT_MS = 60_000;
const demo = demoIntegrator.clients[0]!;
const dirs: string[] = [];

afterEach(() => {
  killStrays();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function started(cli: CliProcess) {
  const line = await cli.firstLine();
  const parsed = parseStartupLine(line);
  expect(parsed, `start-up line: ${line}`).not.toBeNull();
  return parsed!;
}

async function stopped(cli: CliProcess, signal: NodeJS.Signals): Promise<void> {
  cli.child.kill(signal);
  expect(await cli.exited()).toEqual({ code: 0, signal: null });
}

describe('pos-sim emulator (process)', () => {
  it(
    'prints one line with the URL and demo credentials, serves the PoS API, and exits 0 on SIGTERM',
    { timeout: E2E_TIMEOUT_MS },
    async () => {
      const cli = spawnCli(['emulator', '--port', '0', '--clock', 'virtual', '--poll-delay', '250']);
      const { url, clientId, clientSecret } = await started(cli);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect({ clientId, clientSecret }).toEqual({
        clientId: demo.clientId,
        clientSecret: demo.clientSecret,
      });

      const api = await httpClient(url, clientId, clientSecret);
      const stores = await api('GET', '/pos/v10/stores');
      expect(stores.status).toBe(200);
      expect(stores.body['storeIds']).toContain(DEMO_STORE_ID);

      const pos = await api(
        'POST',
        '/pos/v10/pointofsales',
        {
          merchantPosId: 'till-e2e-1',
          storeId: DEMO_STORE_ID,
          name: 'Till 1',
          supportedBeaconTypes: ['QR'],
        },
        'e2e-pos-1',
      );
      const payment = await api(
        'POST',
        '/pos/v10/payments',
        {
          posId: pos.body['posId'],
          orderId: 'order-e2e-1',
          amount: 10,
          currencyCode: 'DKK',
          plannedCaptureDelay: 'None',
        },
        'e2e-payment-1',
      );
      const polled = await api('GET', `/pos/v10/payments/${String(payment.body['paymentId'])}`);
      expect(polled.body['pollDelayInMs']).toBe(250);

      await stopped(cli, 'SIGTERM');
      expect(cli.stdout().split('\n')).toEqual([expect.stringMatching(/^PoS v10 emulator on /), '']);
    },
  );

  it(
    'keeps a point of sale in the --data file across a stop and a start',
    { timeout: E2E_TIMEOUT_MS },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pos-sim-cli-'));
      dirs.push(dir);
      const data = join(dir, 'lab', 'emulator.db');

      const first = spawnCli(['emulator', '--port', '0', '--data', data]);
      const before = await started(first);
      const created = await (
        await httpClient(before.url, before.clientId, before.clientSecret)
      )(
        'POST',
        '/pos/v10/pointofsales',
        {
          merchantPosId: 'till-kept-1',
          storeId: DEMO_STORE_ID,
          name: 'Till 1',
          supportedBeaconTypes: ['QR'],
        },
        'e2e-pos-kept-1',
      );
      expect(created.status).toBe(200);
      await stopped(first, 'SIGINT');

      const second = spawnCli(['emulator', '--port', '0', '--data', data]);
      const after = await started(second);
      const found = await (
        await httpClient(after.url, after.clientId, after.clientSecret)
      )('GET', '/pos/v10/pointofsales?merchantPosId=till-kept-1');
      expect(found).toEqual({ status: 200, body: { posIds: [created.body['posId']] } });
      await stopped(second, 'SIGTERM');
    },
  );

  it(
    'refuses a bad argument with a one-line error, the usage and exit code 2',
    { timeout: E2E_TIMEOUT_MS },
    async () => {
      const cli = spawnCli(['emulator', '--clock', 'sideways']);
      expect(await cli.exited(20_000)).toEqual({ code: 2, signal: null });
      const [first, second, usage] = cli.stderr().split('\n');
      expect(first).toBe("pos-sim emulator: --clock must be real or virtual, got 'sideways'");
      expect(second).toBe('');
      expect(usage).toMatch(/^Usage: pos-sim emulator /);
      expect(cli.stdout()).toBe('');
    },
  );
});
