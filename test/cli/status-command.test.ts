// `pos-sim status` in-process: it reads the journal file alone and prints counts per state, the
// decisions still to carry out, reservations nobody decided on and intents whose outcome is open.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { statusUsage } from '../../src/cli/status-command.js';
import { initiateBody, open, reservedPayment, tempDir } from '../terminal/journal/support.js';
import { recordingContext } from './terminal-support.js';

/** The count printed on the `  label   n` line under `section:`. */
function countUnder(stdout: string, section: string, label: string): string | undefined {
  const block = stdout.split(`\n${section}:`)[1]?.split('\n\n')[0] ?? '';
  const escaped = label.replace(/[()]/g, '\\$&');
  return new RegExp(`^ {2}${escaped} +(\\S+)$`, 'm').exec(block)?.[1];
}

describe('pos-sim status', () => {
  it('prints payments, refunds and intents per state, with the work left and the PoS', async () => {
    const dir = tempDir();
    const journal = open(dir);
    journal.posConfig.save({
      storeId: '7b1e4c2a-9d3f-4e5a-8b6c-100000010001',
      merchantPosId: 'pos-sim-cli',
      posName: 'pos-sim CLI',
      beaconId: null,
      supportedBeaconTypes: ['QR'],
      callbackAlias: null,
      requirePaymentBeforeCheckin: false,
      merchantVat: 'DK12345678',
    });
    journal.posConfig.setPos({ posId: 'pos-1', beaconId: null });
    const captured = reservedPayment(journal, 'o1');
    journal.payments.decide(captured.id, { kind: 'capture', amount: 100 });
    journal.payments.completeDecision(captured.id);
    const capturing = reservedPayment(journal, 'o2');
    journal.payments.decide(capturing.id, { kind: 'capture', amount: 100 });
    reservedPayment(journal, 'o3');
    journal.payments.begin({ flow: 'initiate', body: initiateBody('o4') });
    journal.refunds.begin({ paymentId: 'pay-o1', refundOrderId: 'r1', amount: 5, currencyCode: 'DKK' });
    journal.close();

    const io = recordingContext(dir);
    expect(await runCli(['status', '--data', '.'], io.context)).toBe(0);
    const out = io.out();
    expect(io.err()).toBe('');
    expect(out).toMatch(new RegExp(`^journal: +${join(dir, 'journal.db')} \\(schema \\d+\\)$`, 'm'));
    expect(out).toMatch(/^PoS: +pos-sim-cli, posId pos-1$/m);
    expect(out).toMatch(/^payments: 4$/m);
    expect(countUnder(out, 'payments', 'Captured')).toBe('1');
    expect(countUnder(out, 'payments', 'Reserved')).toBe('2');
    expect(countUnder(out, 'payments', 'Unknown')).toBe('1');
    expect(countUnder(out, 'payments', 'Initiated')).toBeUndefined();
    expect(countUnder(out, 'payments', 'pending decisions')).toBe('1');
    expect(countUnder(out, 'payments', 'undecided reservations')).toBe('1');
    expect(countUnder(out, 'payments', 'active (may block the PoS)')).toBe('1');
    expect(out).toMatch(/^refunds: {2}1$/m);
    expect(countUnder(out, 'refunds', 'Unknown')).toBe('1');
    expect(countUnder(out, 'refunds', 'unresolved')).toBe('1');
    expect(countUnder(out, 'intents', 'pending')).toBe('2');
    expect(countUnder(out, 'intents', 'acknowledged')).toBe('3');
    expect(countUnder(out, 'intents', 'open (outcome unknown)')).toBe('2');
  });

  it('says so, exit 0, when nothing was ever journalled in the directory, and creates nothing', async () => {
    const dir = join(tempDir(), 'never-used');
    const io = recordingContext();
    expect(await runCli(['status', '--data', dir], io.context)).toBe(0);
    expect(io.out()).toBe(`no journal at ${join(dir, 'journal.db')}: nothing has been recorded there yet\n`);
    expect(existsSync(dir)).toBe(false);
  });

  it('explains in its help that an embedded run without --data leaves no journal behind', async () => {
    const io = recordingContext();
    expect(await runCli(['status', '--help'], io.context)).toBe(0);
    expect(io.out()).toBe(`${statusUsage}\n`);
    expect(statusUsage).toMatch(/embedded emulator without --data keeps a temporary journal/);
  });
});
