// `node bin/pos-sim.js pay` as a cashier scripts it, each run against its own embedded emulator
// (poll delay 100 ms): the states printed as the terminal sees them, the receipt's facts, the exit
// code, and one clear line on stderr when the payment or the input is wrong.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killStrays, spawnCli, type CliProcess } from './cli-process.js';
import { closedPort, printedField, printedStates } from './terminal-support.js';

/** Start-up (tsx, an RSA key) plus a payment at poll delay 100 ms, with room for a busy machine. */
const RUN_TIMEOUT_MS = 30_000;
const FAST = ['--poll-delay', '100'];

afterEach(() => killStrays());

async function pay(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const cli: CliProcess = spawnCli(['pay', ...args]);
  const { code } = await cli.exited(RUN_TIMEOUT_MS);
  return { code, out: cli.stdout(), err: cli.stderr() };
}

describe('pos-sim pay (process, embedded emulator)', () => {
  it(
    'takes 12.50 DKK: Initiated, IssuedToUser, Reserved, Captured, then the receipt, exit 0, leaving no journal behind',
    { timeout: RUN_TIMEOUT_MS + 5_000 },
    async () => {
      const { code, out, err } = await pay('12.50', ...FAST);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toMatch(/^embedded PoS v10 emulator on http:\/\/127\.0\.0\.1:\d+ \(poll delay 100 ms/m);
      const journal = /^journal: (\S+) \(temporary\)$/m.exec(out)?.[1];
      expect(journal, 'the temporary journal is named').toBeDefined();
      expect(existsSync(journal!), 'the temporary journal is removed with the emulator').toBe(false);
      expect(printedStates(out)).toEqual(['Initiated', 'IssuedToUser', 'Reserved', 'Captured']);
      expect(printedField(out, 'paymentId')).toMatch(/^[0-9a-f-]{36}$/);
      expect(printedField(out, 'orderId')).toMatch(/^pos-sim-/);
      expect(printedField(out, 'captured')).toBe('12.50 DKK');
      expect(printedField(out, 'receipt token')).toBe('(none)');
      expect(printedField(out, 'loyalty ids')).toBe('(none)');
      expect(printedField(out, 'QR')).toBe(
        `mobilepaypos://pos?id=${printedField(out, 'beaconId')!.toLowerCase()}&source=qr`,
      );
    },
  );

  it(
    'prepares a payment the loyalty customer pairs with before the amount is readied, and prints the loyalty id',
    { timeout: RUN_TIMEOUT_MS + 5_000 },
    async () => {
      const { code, out, err } = await pay('20', '--prepared', '--user', '+4520031804', ...FAST);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(printedStates(out)).toEqual(['Prepared', 'Paired', 'IssuedToUser', 'Reserved', 'Captured']);
      expect(out).toMatch(/customer paired; loyalty ids: DK-LOYALTY-1804$/m);
      expect(printedField(out, 'loyalty ids')).toBe('DK-LOYALTY-1804');
      expect(printedField(out, 'captured')).toBe('20.00 DKK');
    },
  );

  it('captures only 40 of 100 with --capture 40', { timeout: RUN_TIMEOUT_MS + 5_000 }, async () => {
    const { code, out, err } = await pay('100', '--capture', '40', ...FAST);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(printedStates(out).at(-1)).toBe('Captured');
    expect(printedField(out, 'captured')).toBe('40.00 DKK');
  });

  it(
    'refuses a partial capture the customer’s payment does not allow, cancels it and exits 1',
    { timeout: RUN_TIMEOUT_MS + 5_000 },
    async () => {
      const { code, out, err } = await pay('100', '--capture', '40', '--user', '+4520031805', ...FAST);
      expect(code).toBe(1);
      expect(printedStates(out)).toEqual(['Initiated', 'IssuedToUser', 'Reserved', 'CancelledByClient']);
      expect(printedField(out, 'captured')).toBe('(nothing)');
      expect(err).toBe(
        'pos-sim pay: cannot capture 40.00 of 100.00 DKK: partial capture is not possible for this payment ' +
          '(partialCapturePossible: false) [flow.partial-capture-not-possible]; the payment was cancelled\n',
      );
    },
  );

  it(
    'ends CancelledByUser with the API code 1903 when --restrict disallows the customer’s card, exit 1',
    { timeout: RUN_TIMEOUT_MS + 5_000 },
    async () => {
      const { code, out, err } = await pay('10', '--restrict', 'credit', ...FAST);
      expect(code).toBe(1);
      expect(printedStates(out)).toEqual(['Initiated', 'IssuedToUser', 'CancelledByUser']);
      expect(err.split('\n')).toEqual([
        expect.stringMatching(/^pos-sim pay: the payment ended CancelledByUser \(.*API code 1903.*\)$/),
        '',
      ]);
    },
  );

  it(
    'exits 2 on an amount with a decimal comma, before starting anything',
    { timeout: RUN_TIMEOUT_MS },
    async () => {
      const { code, out, err } = await pay('12,5');
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err.split('\n')[0]).toBe(
        "pos-sim pay: AMOUNT must be a positive amount with at most two decimals, e.g. 12.50, got '12,5'",
      );
    },
  );

  it(
    'exits 1 with one line naming the URL when --api does not answer',
    { timeout: RUN_TIMEOUT_MS },
    async () => {
      const url = `http://127.0.0.1:${await closedPort()}`;
      const data = join(tmpdir(), `pos-sim-unreachable-${process.pid}`);
      const { code, out, err } = await pay('10', '--api', url, '--data', data);
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toBe(`pos-sim pay: cannot reach the PoS API at ${url} (ECONNREFUSED)\n`);
      expect(existsSync(data)).toBe(false);
    },
  );
});
