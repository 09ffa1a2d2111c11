// The terminal commands as processes against one emulator started by this test file (--api), sharing
// one journal directory the way a till does across commands: pay, refund, status, onboard.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedEmulator, type RunningEmulator } from '../../src/emulator/listen.js';
import { demoIntegrator } from '../../src/emulator/seed.js';
import { httpClient, killStrays, spawnCli } from './cli-process.js';
import { printedField, printedStates } from './terminal-support.js';

const RUN_TIMEOUT_MS = 30_000;
const TEST_TIMEOUT_MS = 2 * RUN_TIMEOUT_MS;
const demo = demoIntegrator.clients[0]!;
const UNKNOWN_PAYMENT = '0f1e2d3c-4b5a-4968-8776-655443322110';

let emulator: RunningEmulator;
let dir: string;
let data: string;
/** A payment of 12.50 DKK, captured in full by `pay` in beforeAll. */
let captured: string;
/** A payment `pay` cancelled because its customer allows no partial capture. */
let cancelled: string;

async function run(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const cli = spawnCli(args);
  const { code } = await cli.exited(RUN_TIMEOUT_MS);
  return { code, out: cli.stdout(), err: cli.stderr() };
}

/** Runs a command against the shared emulator with the shared journal. */
function atTill(...args: string[]) {
  return run(...args, '--api', emulator.url, '--data', data);
}

beforeAll(async () => {
  emulator = await startEmbeddedEmulator({ port: 0 }, { pollDelayMs: 100 });
  dir = mkdtempSync(join(tmpdir(), 'pos-sim-cli-till-'));
  data = join(dir, 'till');
  const sale = await atTill('pay', '12.50');
  expect(sale.code, sale.err).toBe(0);
  captured = printedField(sale.out, 'paymentId')!;
  const refused = await atTill('pay', '100', '--capture', '40', '--user', '+4520031805');
  expect(refused.code).toBe(1);
  cancelled = printedField(refused.out, 'paymentId')!;
}, TEST_TIMEOUT_MS);

afterEach(() => killStrays());

afterAll(async () => {
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('pos-sim refund (process, --api)', () => {
  it(
    'refunds 5 of a captured payment: created, Reserved, Captured, exit 0',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const { code, out, err } = await atTill('refund', captured, '5');
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(printedStates(out)).toEqual(['Reserved', 'Captured']);
      expect(printedField(out, 'refundId')).toMatch(/^[0-9a-f-]{36}$/);
      expect(printedField(out, 'paymentId')).toBe(captured);
      expect(printedField(out, 'amount')).toBe('5.00 DKK');
      expect(printedField(out, 'status')).toBe('Captured');
    },
  );

  it(
    'refuses 500 of a 12.50 payment with API code 1367, in one line, exit 1',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const { code, err } = await atTill('refund', captured, '500');
      expect(code).toBe(1);
      expect(err.split('\n')).toEqual([
        expect.stringMatching(
          /^pos-sim refund: could not create the refund: .*API code 1367 RefundAmountTooHigh/,
        ),
        '',
      ]);
    },
  );

  it(
    'refuses a payment that was never captured with API code 1354',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const { code, err } = await atTill('refund', cancelled, '5');
      expect(code).toBe(1);
      expect(err).toMatch(
        /^pos-sim refund: could not create the refund: .*API code 1354 PaymentNotCaptured.*\n$/,
      );
    },
  );

  it('names an unknown payment with API code 1001', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { code, out, err } = await atTill('refund', UNKNOWN_PAYMENT, '5');
    expect(code).toBe(1);
    expect(out).not.toMatch(/^refund of/m);
    expect(err).toMatch(
      new RegExp(
        `^pos-sim refund: cannot refund payment ${UNKNOWN_PAYMENT}: .*API code 1001 PaymentNotFound.*\\n$`,
      ),
    );
  });
});

describe('pos-sim status (process, the journal of the runs above)', () => {
  it('counts the payments and refunds per state', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { code, out, err } = await run('status', '--data', data);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^PoS: +pos-sim-cli, posId [0-9a-f-]{36}$/m);
    expect(out).toMatch(/^payments: 2$/m);
    expect(out).toMatch(/^ {2}Captured +1$/m);
    expect(out).toMatch(/^ {2}CancelledByClient +1$/m);
    expect(out).toMatch(/^ {2}undecided reservations +0$/m);
    expect(out).toMatch(/^refunds: {2}3$/m);
    expect(out).toMatch(/^ {2}Refused +2$/m);
    expect(out).toMatch(/^ {2}open \(outcome unknown\) +0$/m);
  });
});

describe('pos-sim onboard (process, --api)', () => {
  it(
    'creates a named PoS, prints its posId and beaconId, and --offboard deletes it',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const till = join(dir, 'till-2');
      const api = await httpClient(emulator.url, demo.clientId, demo.clientSecret);
      const args = ['--merchant-pos-id', 'till-2', '--name', 'Till 2', '--beacon-types', 'QR,NFC'];
      const created = await run('onboard', ...args, '--api', emulator.url, '--data', till);
      expect(created.err).toBe('');
      expect(created.code).toBe(0);
      const posId = printedField(created.out, 'posId')!;
      const pos = await api('GET', `/pos/v10/pointofsales/${posId}`);
      expect(pos.body).toMatchObject({
        merchantPosId: 'till-2',
        name: 'Till 2',
        beaconId: printedField(created.out, 'beaconId'),
        supportedBeaconTypes: ['QR', 'NFC'],
      });

      const again = await run('onboard', ...args, '--api', emulator.url, '--data', till);
      expect(again.code).toBe(0);
      expect(printedField(again.out, 'posId')).toBe(posId);

      const gone = await run('onboard', '--offboard', '--api', emulator.url, '--data', till);
      expect(gone.code).toBe(0);
      expect(gone.out.split('\n')).toEqual([
        `PoS v10 API at ${emulator.url}`,
        `journal: ${till}`,
        `offboarded PoS till-2 (posId ${posId})`,
        '',
      ]);
      expect((await api('GET', '/pos/v10/pointofsales?merchantPosId=till-2')).body).toEqual({ posIds: [] });
    },
  );
});
