// Argument parsing of pos-sim: the typed parseArgs layer and the options of `pos-sim emulator`.
import { describe, expect, it } from 'vitest';
import { choiceOption, formatOptions, integerOption, parseOptions, UsageError } from '../../src/cli/args.js';
import { parseEmulatorArgs } from '../../src/cli/emulator-command.js';

const specs = {
  name: { type: 'string', valueName: 'NAME', description: 'a name' },
  tag: { type: 'string', multiple: true, valueName: 'TAG', description: 'a tag' },
  verbose: { type: 'boolean', short: 'v', description: 'talk more' },
} as const;

describe('option parsing', () => {
  it('answers typed values: single options or undefined, repeatable ones as lists', () => {
    expect(parseOptions(['--name', 'a', '--tag', 'x', '--tag=y', '-v'], specs)).toEqual({
      name: 'a',
      tag: ['x', 'y'],
      verbose: true,
    });
    expect(parseOptions([], specs)).toEqual({ name: undefined, tag: [], verbose: undefined });
  });

  it('refuses unknown options, stray arguments, missing values and repeated single options', () => {
    expect(() => parseOptions(['--nope'], specs)).toThrow(new UsageError("Unknown option '--nope'"));
    expect(() => parseOptions(['stray'], specs)).toThrow(/Unexpected argument 'stray'/);
    expect(() => parseOptions(['--name'], specs)).toThrow(/argument missing/);
    expect(() => parseOptions(['--name', 'a', '--name', 'b'], specs)).toThrow(
      '--name may be given only once',
    );
  });

  it('reads whole numbers within a range and words from a fixed set', () => {
    expect(integerOption('port', '8080', { min: 0, max: 65_535 })).toBe(8080);
    expect(() => integerOption('port', '80.5', { min: 0, max: 65_535 })).toThrow(
      "--port must be a whole number, got '80.5'",
    );
    expect(() => integerOption('port', '-1', { min: 0, max: 65_535 })).toThrow(UsageError);
    expect(() => integerOption('port', '65536', { min: 0, max: 65_535 })).toThrow(
      '--port must be between 0 and 65535, got 65536',
    );
    expect(choiceOption('clock', 'virtual', ['real', 'virtual'])).toBe('virtual');
    expect(() => choiceOption('clock', 'Virtual', ['real', 'virtual'])).toThrow(
      "--clock must be real or virtual, got 'Virtual'",
    );
  });

  it('lists the options aligned for the help', () => {
    expect(formatOptions(specs).split('\n')).toEqual([
      'Options:',
      '  --name NAME    a name',
      '  --tag TAG      a tag',
      '  -v, --verbose  talk more',
    ]);
  });
});

describe('pos-sim emulator arguments', () => {
  it('defaults to 127.0.0.1:8080, memory state, the real clock and the config file deciding the poll delay', () => {
    expect(parseEmulatorArgs([])).toEqual({
      help: false,
      host: '127.0.0.1',
      port: 8080,
      pollDelayMs: undefined,
      dataFile: undefined,
      clock: 'real',
      integrators: [],
      configFile: undefined,
    });
  });

  it('reads every option, with --integrator repeatable and the secret split at the first colon', () => {
    const argv = [
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--poll-delay',
      '250',
      '--data',
      'lab/state.db',
      '--clock',
      'virtual',
      '--integrator',
      'client-a:secret-a',
      '--integrator=client-b:se:cret',
      '--config',
      'emulator.json',
    ];
    expect(parseEmulatorArgs(argv)).toEqual({
      help: false,
      host: '0.0.0.0',
      port: 0,
      pollDelayMs: 250,
      dataFile: 'lab/state.db',
      clock: 'virtual',
      integrators: [
        { clientId: 'client-a', clientSecret: 'secret-a' },
        { clientId: 'client-b', clientSecret: 'se:cret' },
      ],
      configFile: 'emulator.json',
    });
  });

  it('asks for help with --help or -h', () => {
    expect(parseEmulatorArgs(['--help']).help).toBe(true);
    expect(parseEmulatorArgs(['-h']).help).toBe(true);
  });

  it.each([
    [['--port', 'http'], "--port must be a whole number, got 'http'"],
    [['--port', '70000'], '--port must be between 0 and 65535, got 70000'],
    [['--poll-delay=-5'], "--poll-delay must be a whole number, got '-5'"],
    [
      ['--poll-delay', '-5'],
      "--poll-delay needs a value; for a value starting with '-' write --poll-delay=VALUE",
    ],
    [['--clock', 'fast'], "--clock must be real or virtual, got 'fast'"],
    [['--integrator', 'only-an-id'], "--integrator expects CLIENT_ID:CLIENT_SECRET, got 'only-an-id'"],
    [['--integrator', ':secret'], '--integrator expects CLIENT_ID:CLIENT_SECRET'],
    [['--integrator', 'client:'], "--integrator expects CLIENT_ID:CLIENT_SECRET, got 'client:…'"],
    [['--host', ''], '--host needs a value'],
    [['--data', ' '], '--data needs a value'],
    [['--port', '1', '--port', '2'], '--port may be given only once'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseEmulatorArgs(argv)).toThrow(UsageError);
    expect(() => parseEmulatorArgs(argv)).toThrow(message);
  });
});
