// `pos-sim certify` end to end, in-process: the real command against the embedded emulator's
// certification service drives the real terminal engine through every default section, passes
// every step, writes the report, the JUnit XML and the certificate, and does it in under 60 s.
// Also against a running emulator (--api), and the one-line failures when it cannot start.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CERTIFY_POLL_DELAY_MS } from '../../src/cli/certify-run.js';
import { runCli } from '../../src/cli/index.js';
import { verifyCertificate } from '../../src/emulator/certification/certificate.js';
import { startEmbeddedEmulator } from '../../src/emulator/listen.js';
import { CERTIFICATION_SECTIONS, type Certificate } from '../../src/shared/certification.js';
import { closedPort, recordingContext } from './terminal-support.js';

/** The bound for a whole run of our terminal. */
const WHOLE_RUN_LIMIT_MS = 60_000;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pos-sim-certify-spec-'));
  dirs.push(dir);
  return dir;
}

/** The step lines of a run's output: ✔ and ✘ lines. */
function stepLines(stdout: string): { passed: string[]; failed: string[] } {
  const lines = stdout.split('\n');
  return { passed: lines.filter((l) => l.startsWith('✔ ')), failed: lines.filter((l) => l.startsWith('✘ ')) };
}

describe('pos-sim certify, end to end', () => {
  it(
    'certifies our terminal in every section, loyalty included, on the embedded emulator in under 60 s',
    async () => {
      const out = outDir();
      const io = recordingContext();
      const started = performance.now();
      const code = await runCli(
        ['certify', '--sections', CERTIFICATION_SECTIONS.join(','), '--out', out],
        io.context,
      );
      const elapsed = performance.now() - started;
      const { passed, failed } = stepLines(io.out());
      expect({ code, failed, stderr: io.err() }).toEqual({ code: 0, failed: [], stderr: '' });
      expect(elapsed).toBeLessThan(WHOLE_RUN_LIMIT_MS);
      console.info(`pos-sim certify (all sections): ${(elapsed / 1000).toFixed(1)} s`);

      const summary = /^PASSED: (\d+) of (\d+) steps passed in (\d+) cases/m.exec(io.out());
      expect(summary, io.out()).not.toBeNull();
      expect(summary![1]).toBe(summary![2]);
      expect(passed).toHaveLength(Number(summary![2]));
      expect(io.out()).toContain(`(poll delay ${CERTIFY_POLL_DELAY_MS} ms)`);
      // A case of each selected section passed (the conduct case belongs to onboarding).
      for (const title of [
        'Onboard a PoS',
        'Cancel by user',
        'Prepared payment with loyalty',
        'Lost refundId',
        'Check-in with loyalty ids',
      ])
        expect(
          passed.some((line) => line.startsWith(`✔ ${title} › `)),
          title,
        ).toBe(true);

      const certificate = JSON.parse(readFileSync(join(out, 'certificate.json'), 'utf8')) as Certificate;
      expect(certificate.certificate).toMatchObject({
        kind: 'pos-sim-certificate',
        clientSystemName: 'pos-sim CLI',
        sections: [...CERTIFICATION_SECTIONS],
      });
      expect(certificate.algorithm).toBe('Ed25519');
      // The embedded service is gone now: its public key, written beside the certificate, still verifies it.
      const publicKey = readFileSync(join(out, 'certification-key.pem'), 'utf8');
      expect(verifyCertificate(certificate, publicKey)).toMatchObject({ valid: true });
      const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
      expect(junit).toMatch(/<testsuites [^>]*tests="(\d+)" failures="0" errors="0"/);
      expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    },
    WHOLE_RUN_LIMIT_MS + 30_000,
  );

  it('certifies against a running emulator given with --api', async () => {
    const emulator = await startEmbeddedEmulator({}, { pollDelayMs: CERTIFY_POLL_DELAY_MS });
    try {
      const out = outDir();
      const io = recordingContext();
      const code = await runCli(
        ['certify', '--api', emulator.url, '--sections', 'payments-with-restrictions', '--out', out],
        io.context,
      );
      expect({ code, stderr: io.err(), failed: stepLines(io.out()).failed }).toEqual({
        code: 0,
        stderr: '',
        failed: [],
      });
      expect(io.out()).toContain(`API under test ${emulator.url}/pos-self-certification-api`);
      expect(io.out()).toContain('✔ Payment for debit cards only › Initiate a payment for debit cards only');
      const certificate = JSON.parse(readFileSync(join(out, 'certificate.json'), 'utf8')) as Certificate;
      expect(certificate.certificate.sections).toEqual(['onboarding', 'payments-with-restrictions']);
    } finally {
      await emulator.close();
    }
  }, 60_000);

  it('fails in one line, writing nothing, when the service does not know the client', async () => {
    const out = outDir();
    const io = recordingContext();
    const code = await runCli(
      ['certify', '--client-id', 'unknown-client', '--client-secret', 'x', '--out', join(out, 'results')],
      io.context,
    );
    expect(code).toBe(1);
    expect(io.err()).toMatch(
      /^pos-sim certify: cannot start a certification session at http:\/\/127\.0\.0\.1:\d+: .*unknown-client is not a client registered/,
    );
    expect(existsSync(join(out, 'results'))).toBe(false);
  });

  it('fails in one line when --api does not answer', async () => {
    const port = await closedPort();
    const io = recordingContext();
    expect(
      await runCli(['certify', '--api', `http://127.0.0.1:${port}`, '--out', outDir()], io.context),
    ).toBe(1);
    expect(io.err()).toMatch(
      new RegExp(
        `^pos-sim certify: cannot start a certification session at http://127\\.0\\.0\\.1:${port}: cannot reach`,
      ),
    );
  });
});
