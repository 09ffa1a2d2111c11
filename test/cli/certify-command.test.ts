// Arguments of `pos-sim certify`, checked in-process before anything starts: the defaults (every
// section but loyalty, onboarding always, the demo integrator, the package version), each option,
// and a one-line error with exit code 2 for each mistake.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import {
  certifyUsage,
  DEFAULT_SECTIONS,
  packageVersion,
  parseCertifyArgs,
  parseSections,
} from '../../src/cli/certify-command.js';
import { cliUsage, runCli } from '../../src/cli/index.js';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../../src/cli/terminal-options.js';
import { demoIntegrator } from '../../src/emulator/seed.js';
import { recordingContext } from './terminal-support.js';

const CWD = '/work/lab';

describe('pos-sim certify arguments', () => {
  it('default to every section but loyalty, the embedded emulator, ./certification-out and the demo integrator', () => {
    expect(parseCertifyArgs([], CWD)).toEqual({
      help: false,
      sections: [
        'onboarding',
        'payments',
        'prepared-payments',
        'payments-with-restrictions',
        'prepared-payments-with-restrictions',
        'refunds',
      ],
      backend: { kind: 'embedded' },
      outDir: join(CWD, 'certification-out'),
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      version: packageVersion(),
      timeoutMs: 300_000,
    });
    expect(DEFAULT_SECTIONS).not.toContain('loyalty');
    expect(demoIntegrator.clients[0]).toEqual({ clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET });
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('take every option', () => {
    const plan = parseCertifyArgs(
      [
        '--sections',
        'refunds,loyalty',
        '--api',
        'http://127.0.0.1:8080/',
        '--out',
        '/tmp/cert',
        '--client-id',
        'lab-client',
        '--client-secret',
        's3cret',
        '--version',
        '2.4.17',
        '--timeout',
        '90',
      ],
      CWD,
    );
    expect(plan).toEqual({
      help: false,
      sections: ['onboarding', 'refunds', 'loyalty'],
      backend: { kind: 'api', url: 'http://127.0.0.1:8080' },
      outDir: '/tmp/cert',
      clientId: 'lab-client',
      clientSecret: 's3cret',
      version: '2.4.17',
      timeoutMs: 90_000,
    });
    expect(parseCertifyArgs(['--out', 'results'], CWD)).toMatchObject({ outDir: join(CWD, 'results') });
    expect(parseCertifyArgs(['-h'], CWD)).toEqual({ help: true });
  });

  it('put the sections in the site order, onboarding first and always, each once', () => {
    expect(parseSections('refunds, Payments ,refunds')).toEqual(['onboarding', 'payments', 'refunds']);
    expect(parseSections('onboarding')).toEqual(['onboarding']);
    expect(parseSections(undefined)).toBe(DEFAULT_SECTIONS);
  });

  it('refuse unknown sections, naming the valid ones', () => {
    expect(() => parseSections('payments,refund,cash')).toThrow(
      "--sections: unknown sections 'refund', 'cash'; choose from onboarding, payments, prepared-payments, " +
        'payments-with-restrictions, prepared-payments-with-restrictions, refunds, loyalty',
    );
    expect(() => parseSections(' , ')).toThrow('--sections needs at least one section');
  });

  it('refuse every other mistake with one line', () => {
    const mistakes: [readonly string[], string][] = [
      [['--client-id', 'x'], '--client-id and --client-secret must be given together'],
      [['--version', '1.2'], "--version must be Major.Minor.Build, e.g. 1.4.0, got '1.2'"],
      [['--api', 'ftp://x'], "--api must be an http(s) URL, e.g. http://127.0.0.1:8080, got 'ftp://x'"],
      [['--timeout', 'soon'], "--timeout must be a whole number, got 'soon'"],
      [['--timeout', '0'], '--timeout must be between 1 and 86400, got 0'],
      [['--out', ''], '--out needs a value'],
      [['--sections', 'payments', '--sections', 'refunds'], '--sections may be given only once'],
      [['extra'], "Unexpected argument 'extra'"],
    ];
    for (const [argv, message] of mistakes) {
      expect(() => parseCertifyArgs(argv, CWD), argv.join(' ')).toThrow(UsageError);
      expect(() => parseCertifyArgs(argv, CWD), argv.join(' ')).toThrow(message);
    }
  });
});

describe('pos-sim certify', () => {
  it('is listed in the top-level help and prints its usage for --help', async () => {
    expect(cliUsage()).toMatch(/^ {2}certify {3}run the self-certification unattended/m);
    const io = recordingContext();
    expect(await runCli(['certify', '--help'], io.context)).toBe(0);
    expect(io.out()).toBe(`${certifyUsage}\n`);
    expect(certifyUsage).toContain('--sections a,b,...');
  });

  it('exits 2 on a usage error, with the message and the usage, before starting anything', async () => {
    const io = recordingContext();
    expect(await runCli(['certify', '--sections', 'nope'], io.context)).toBe(2);
    expect(io.err()).toMatch(/^pos-sim certify: --sections: unknown section 'nope'; choose from /);
    expect(io.err()).toContain(certifyUsage);
    expect(io.out()).toBe('');
  });
});
