// Arguments of the terminal commands (pay, refund, onboard, status), checked in-process before any
// backend is started: defaults, every option, and a one-line error with exit code 2 for each mistake.
import { describe, expect, it } from 'vitest';
import { namedArguments, parseCommandLine, UsageError } from '../../src/cli/args.js';
import { cliUsage, commands, runCli } from '../../src/cli/index.js';
import { beaconTypes, parseOnboardArgs } from '../../src/cli/onboard-command.js';
import { parsePayArgs, payUsage } from '../../src/cli/pay-command.js';
import { parseRefundArgs, refundUsage } from '../../src/cli/refund-command.js';
import {
  DEFAULT_DATA_DIR,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_STORE_ID,
  DEMO_VAT,
  journalDir,
  parseAmount,
  parseConnection,
} from '../../src/cli/terminal-options.js';
import { defaultMerchants, defaultStores, demoIntegrator } from '../../src/emulator/seed.js';
import { recordingContext } from './terminal-support.js';

const PAYMENT_ID = '0f1e2d3c-4b5a-4968-8776-655443322110';

describe('positional arguments', () => {
  it('are collected in order beside the options and named by the command', () => {
    const parsed = parseCommandLine(['12.50', '--user', '+4520031804', 'x'], {
      user: { type: 'string', description: 'who' },
    });
    expect(parsed.positionals).toEqual(['12.50', 'x']);
    expect(parsed.options.user).toBe('+4520031804');
    expect(namedArguments(['a', 'b'], ['PAYMENT_ID', 'AMOUNT'])).toEqual({ PAYMENT_ID: 'a', AMOUNT: 'b' });
  });

  it('must be exactly as many as the command names', () => {
    expect(() => namedArguments(['a'], ['PAYMENT_ID', 'AMOUNT'])).toThrow('missing AMOUNT');
    expect(() => namedArguments([], ['PAYMENT_ID', 'AMOUNT'])).toThrow('missing PAYMENT_ID and AMOUNT');
    expect(() => namedArguments(['1', '2'], ['AMOUNT'])).toThrow("unexpected argument '2'");
  });
});

describe('amounts', () => {
  it('are positive with at most two decimals and a dot', () => {
    expect(parseAmount('AMOUNT', '12.50')).toBe(12.5);
    expect(parseAmount('AMOUNT', '100')).toBe(100);
    expect(parseAmount('AMOUNT', '0.01')).toBe(0.01);
    for (const bad of ['12,5', '1.234', 'abc', '', '1e3', '.5', '12.']) {
      expect(() => parseAmount('AMOUNT', bad), bad).toThrow(UsageError);
      expect(() => parseAmount('AMOUNT', bad), bad).toThrow(/AMOUNT must be a positive amount/);
    }
    expect(() => parseAmount('AMOUNT', '0.00')).toThrow("AMOUNT must be more than 0, got '0.00'");
  });
});

describe('backend, credentials and journal options', () => {
  it('default to an embedded emulator at poll delay 1000 and the demo integrator of its seed', () => {
    expect(parseConnection({})).toEqual({
      backend: { kind: 'embedded', pollDelayMs: 1000 },
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      merchantVat: DEMO_VAT,
      dataDir: undefined,
    });
    expect(demoIntegrator.clients[0]).toMatchObject({
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
    });
    expect(defaultMerchants.map((m) => m.vat)).toContain(DEMO_VAT);
    expect(defaultStores.find((s) => s.storeId === DEMO_STORE_ID)).toMatchObject({
      merchantVat: DEMO_VAT,
      active: true,
    });
  });

  it('keep the journal in a temporary directory for the embedded emulator and per user for --api', () => {
    expect(journalDir(parseConnection({}), '/work')).toBeNull();
    expect(journalDir(parseConnection({ api: 'http://127.0.0.1:8080' }), '/work')).toBe(DEFAULT_DATA_DIR);
    expect(journalDir(parseConnection({ data: 'till-1' }), '/work')).toBe('/work/till-1');
  });

  it.each([
    [
      { api: 'localhost:8080' },
      "--api must be an http(s) URL, e.g. http://127.0.0.1:8080, got 'localhost:8080'",
    ],
    [{ api: 'http://127.0.0.1:8080', 'poll-delay': '100' }, '--poll-delay is for the embedded emulator'],
    [{ 'poll-delay': 'fast' }, "--poll-delay must be a whole number, got 'fast'"],
    [{ 'client-id': 'someone' }, '--client-id and --client-secret must be given together'],
    [{ vat: 'DK123' }, "--vat must be DK or FI followed by 8 digits, got 'DK123'"],
    [{ data: '' }, '--data needs a value'],
  ])('refuse %j', (values, message) => {
    expect(() => parseConnection(values)).toThrow(message);
  });
});

describe('pos-sim pay arguments', () => {
  it('take the amount in DKK, captured in full, paid by +4520031801 on an embedded emulator', () => {
    expect(parsePayArgs(['12.50'])).toMatchObject({
      plan: {
        amount: 12.5,
        currency: 'DKK',
        prepared: false,
        capture: undefined,
        restrict: undefined,
        user: '+4520031801',
      },
      storeId: undefined,
      connection: { backend: { kind: 'embedded', pollDelayMs: 1000 } },
    });
  });

  it('read every option', () => {
    const argv = ['100', '--currency', 'eur', '--prepared', '--capture', '40', '--restrict', 'debit'];
    argv.push('--user', '+45 2003 1804', '--store', DEMO_STORE_ID, '--poll-delay', '100', '--data', 'till');
    expect(parsePayArgs(argv)).toMatchObject({
      plan: {
        amount: 100,
        currency: 'EUR',
        prepared: true,
        capture: 40,
        restrict: 'debit',
        user: '+4520031804',
      },
      storeId: DEMO_STORE_ID,
      connection: { backend: { kind: 'embedded', pollDelayMs: 100 }, dataDir: 'till' },
    });
  });

  it.each([
    [['12,5'], "AMOUNT must be a positive amount with at most two decimals, e.g. 12.50, got '12,5'"],
    [[], 'missing AMOUNT'],
    [['1', '2'], "unexpected argument '2'"],
    [['-5'], "unexpected '-5': negative numbers are not accepted"],
    [['10', '--currency', 'SEK'], "--currency must be DKK or EUR, got 'SEK'"],
    [['100', '--capture', '100.01'], '--capture 100.01 is more than the amount 100.00'],
    [['100', '--capture', '4,0'], '--capture must be a positive amount'],
    [['10', '--restrict', 'cash'], "--restrict must be debit or credit, got 'cash'"],
    [['10', '--user', 'alice'], "--user must be a phone number such as +4520031801, got 'alice'"],
    [['10', '--store', 'main'], "--store must be a GUID, got 'main'"],
    [['10', '--tip', '5'], "Unknown option '--tip'"],
  ])('refuse %j', (argv, message) => {
    expect(() => parsePayArgs(argv)).toThrow(UsageError);
    expect(() => parsePayArgs(argv)).toThrow(message);
  });

  it('exit 2 with the one-line error and the usage, before any backend starts', async () => {
    const io = recordingContext();
    expect(await runCli(['pay', '12,5'], io.context)).toBe(2);
    expect(io.err()).toBe(
      `pos-sim pay: AMOUNT must be a positive amount with at most two decimals, e.g. 12.50, got '12,5'\n\n${payUsage}\n`,
    );
    expect(io.out()).toBe('');
  });

  it('print the usage for --help even without an amount', async () => {
    const io = recordingContext();
    expect(await runCli(['pay', '--help'], io.context)).toBe(0);
    expect(io.out()).toBe(`${payUsage}\n`);
  });
});

describe('pos-sim refund arguments', () => {
  it('take a paymentId and an amount, and need --api', () => {
    expect(
      parseRefundArgs([PAYMENT_ID, '5', '--api', 'http://127.0.0.1:8080/', '--currency', 'DKK']),
    ).toMatchObject({
      paymentId: PAYMENT_ID,
      amount: 5,
      currency: 'DKK',
      connection: { backend: { kind: 'api', url: 'http://127.0.0.1:8080' } },
    });
    expect(parseRefundArgs([PAYMENT_ID, '5', '--api', 'http://h:1'])).toMatchObject({ currency: undefined });
  });

  it.each([
    [
      [PAYMENT_ID, '5'],
      'refund needs --api URL: an embedded emulator would start empty, with no payment to refund',
    ],
    [['order-1', '5', '--api', 'http://h:1'], "PAYMENT_ID must be a paymentId (a GUID), got 'order-1'"],
    [[PAYMENT_ID, '5.001', '--api', 'http://h:1'], 'AMOUNT must be a positive amount'],
    [[PAYMENT_ID], 'missing AMOUNT'],
    [[PAYMENT_ID, '5', '--api', 'http://h:1', '--poll-delay', '1'], "Unknown option '--poll-delay'"],
  ])('refuse %j', (argv, message) => {
    expect(() => parseRefundArgs(argv)).toThrow(UsageError);
    expect(() => parseRefundArgs(argv)).toThrow(message);
  });
});

describe('pos-sim onboard arguments', () => {
  it('leave unset settings to the defaults and read the given ones', () => {
    expect(parseOnboardArgs([])).toMatchObject({ offboard: false, store: { by: 'default' }, settings: {} });
    const argv = [
      '--brand',
      'POSDK12345',
      '--location',
      '10001',
      '--name',
      'Till 2',
      '--merchant-pos-id',
      'till-2',
    ];
    argv.push('--beacon-id', '123456789012345', '--beacon-types', 'qr,Bluetooth', '--callback-alias', 'shop');
    argv.push('--require-payment-before-checkin');
    expect(parseOnboardArgs(argv)).toMatchObject({
      store: { by: 'location', merchantBrandId: 'POSDK12345', merchantLocationId: '10001' },
      settings: {
        posName: 'Till 2',
        merchantPosId: 'till-2',
        beaconId: '123456789012345',
        supportedBeaconTypes: ['QR', 'Bluetooth'],
        callbackAlias: 'shop',
        requirePaymentBeforeCheckin: true,
      },
    });
    expect(parseOnboardArgs(['--store-id', DEMO_STORE_ID]).store).toEqual({
      by: 'id',
      storeId: DEMO_STORE_ID,
    });
    expect(parseOnboardArgs(['--offboard']).offboard).toBe(true);
  });

  it.each([
    [
      ['--store-id', DEMO_STORE_ID, '--brand', 'POSDK12345'],
      'give --store-id or --brand with --location, not both',
    ],
    [['--brand', 'POSDK12345'], '--brand and --location must be given together'],
    [
      ['--brand', 'SHOP1', '--location', '10001'],
      '--brand must be MPPOS, POSDK or POSFI and 5 letters or digits',
    ],
    [['--brand', 'POSDK12345', '--location', '1'], "--location must be 5 characters, e.g. 00001, got '1'"],
    [['--store-id', 'main'], "--store-id must be a GUID, got 'main'"],
    [['--beacon-id', '42'], "--beacon-id must be a GUID or 15 digits, got '42'"],
    [['--beacon-types', 'QR,BluetoothMP1'], "--beacon-types takes QR, NFC, Bluetooth, got 'BluetoothMP1'"],
    [['--beacon-types', 'QR,qr'], "--beacon-types lists a type twice: 'QR,qr'"],
    [['--name', 'x'.repeat(37)], '--name must be 1-36 valid characters'],
    [['--offboard', '--name', 'Till'], '--offboard takes no PoS settings (got --name)'],
  ])('refuse %j', (argv, message) => {
    expect(() => parseOnboardArgs(argv)).toThrow(UsageError);
    expect(() => parseOnboardArgs(argv)).toThrow(message);
  });

  it('map beacon types without regard to case', () => {
    expect(beaconTypes('nfc, QR')).toEqual(['NFC', 'QR']);
  });
});

describe('pos-sim status arguments', () => {
  it('take only --data', async () => {
    const io = recordingContext();
    expect(await runCli(['status', 'now'], io.context)).toBe(2);
    expect(io.err().split('\n')[0]).toBe("pos-sim status: Unexpected argument 'now'");
  });
});

describe('the terminal commands in the top-level help', () => {
  it('are listed after the emulator and before web mode, each with its own help', async () => {
    expect(commands.map((command) => command.name)).toEqual([
      'emulator',
      'pay',
      'refund',
      'onboard',
      'status',
      'certify',
      'web',
    ]);
    expect(cliUsage()).toMatch(/^ {2}pay {7}take one payment with a simulated customer and capture it$/m);
    for (const command of commands) {
      const io = recordingContext();
      expect(await runCli(['help', command.name], io.context)).toBe(0);
      expect(io.out()).toBe(`${command.usage}\n`);
    }
  });

  it('say that refund needs --api because the embedded emulator forgets its payments', () => {
    expect(refundUsage).toMatch(/^Usage: pos-sim refund PAYMENT_ID AMOUNT --api URL/);
    expect(refundUsage).toMatch(
      /embedded emulator of `pos-sim pay`\nkeeps its state only while that command runs/,
    );
  });
});
