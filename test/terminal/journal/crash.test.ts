// Crash safety, with real processes: a child runs a sale and a refund and is SIGKILLed after each
// step (and once inside an uncommitted transaction, and once from outside mid-stream). On reopen the
// journal holds exactly what was committed, intact, and nothing half-written; and a recovery that uses
// only the journal ends every crash with exactly one capture or one cancel and no lost refund.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, type TestContext } from 'vitest';
import { openJournal, type Journal } from '../../../src/terminal/journal/index.js';
import { ORDER_ID, STEPS, type Step } from './fixtures/crash-scenario.js';
import { FakeBackend } from './fixtures/fake-backend.js';
import { recover } from './fixtures/reference-recovery.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
/** A cold tsx start compiles the journal's sources first; several children start at once. */
const CHILD_TIMEOUT_MS = 15_000;

/** A temp data directory and a way to reopen its journal, both cleaned up when this test ends. */
function scratch(context: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'pos-sim-crash-'));
  const journals: Journal[] = [];
  context.onTestFinished(() => {
    for (const journal of journals) journal.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const reopen = (): Journal => {
    const journal = openJournal(dir);
    journals.push(journal);
    return journal;
  };
  return { dir, file: join(dir, 'journal.db'), reopen };
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs a fixture under tsx; `onLine` may kill it. Rejects if it has not ended within the timeout. */
function runChild(
  script: string,
  args: readonly string[],
  onLine?: (line: string, kill: () => void) => void,
) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture(script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let pending = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      onLine?.(pending.slice(0, end), () => child.kill('SIGKILL'));
      pending = pending.slice(end + 1);
    }
  });
  return new Promise<Exit>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} did not end within ${CHILD_TIMEOUT_MS} ms; ${stderr}`));
    }, CHILD_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

/** What the journal says about the scenario's payment and refund, in a form a table can spell out. */
function snapshot(journal: Journal) {
  const payments = journal.payments.list();
  const refunds = journal.refunds.list();
  const payment = journal.payments.byOrderId(ORDER_ID)[0];
  const refund = refunds[0];
  const decisionOf = (d: { kind: string; state: string } | null | undefined) =>
    d ? `${d.kind}:${d.state}` : null;
  return {
    payments: payments.length,
    paymentIntent: payment ? (journal.intents.get(payment.intentId)?.state ?? null) : null,
    paymentId: payment?.paymentId ?? null,
    status: payment?.lastStatus ?? null,
    decision: decisionOf(payment?.decision),
    refunds: refunds.length,
    refundIntent: refund ? (journal.intents.get(refund.intentId)?.state ?? null) : null,
    refundId: refund?.refundId ?? null,
    refundStatus: refund?.lastStatus ?? null,
    refundDecision: decisionOf(refund?.decision),
  };
}
type Snapshot = ReturnType<typeof snapshot>;

const nothing: Snapshot = {
  payments: 0,
  paymentIntent: null,
  paymentId: null,
  status: null,
  decision: null,
  refunds: 0,
  refundIntent: null,
  refundId: null,
  refundStatus: null,
  refundDecision: null,
};

/** What each step adds to the journal; what survives a kill after a step is everything up to it. */
const adds: Record<Step, Partial<Snapshot>> = {
  'intent-written': { payments: 1, paymentIntent: 'pending' },
  'request-sent': { paymentIntent: 'sent' },
  'response-arrived': { paymentIntent: 'acknowledged', paymentId: 'pay-1' },
  reserved: { status: 'Reserved' },
  'capture-decided': { decision: 'capture:pending' },
  'capture-sent': {},
  'capture-confirmed': { decision: 'capture:done', status: 'Captured' },
  'refund-intent-written': { refunds: 1, refundIntent: 'pending' },
  'refund-sent': { refundIntent: 'sent' },
  'refund-acknowledged': { refundIntent: 'acknowledged', refundId: 'ref-1', refundStatus: 'Reserved' },
  'refund-capture-decided': { refundDecision: 'capture:pending' },
  'refund-capture-sent': {},
  'refund-capture-confirmed': { refundDecision: 'capture:done', refundStatus: 'Captured' },
};

function expectedAfter(step: Step): Snapshot {
  let expected = nothing;
  for (const each of STEPS) {
    expected = { ...expected, ...adds[each] };
    if (each === step) break;
  }
  return expected;
}

/** How the sale and the refund must end once recovery has run. */
function outcomeAfter(step: Step): { payment: string; refund: string } {
  const at = STEPS.indexOf(step);
  const payment =
    at < STEPS.indexOf('request-sent')
      ? 'never created'
      : at < STEPS.indexOf('capture-decided')
        ? 'one cancel'
        : 'one capture';
  const refund =
    at < STEPS.indexOf('refund-sent')
      ? 'never created'
      : at < STEPS.indexOf('refund-capture-decided')
        ? 'reserved, awaiting the cashier'
        : 'one capture';
  return { payment, refund };
}

function backendOutcome(backend: FakeBackend) {
  const { payments, refunds } = backend.state();
  const sale = payments.find((p) => p.orderId === ORDER_ID);
  const refund = refunds[0];
  const ending = (r: { captures: number; cancels: number; status: string } | undefined, waiting: string) =>
    r === undefined
      ? 'never created'
      : r.captures === 1 && r.cancels === 0
        ? 'one capture'
        : r.cancels === 1 && r.captures === 0
          ? 'one cancel'
          : r.captures === 0 && r.cancels === 0 && r.status === 'Reserved'
            ? waiting
            : `captures ${r.captures}, cancels ${r.cancels}`;
  return {
    payment: ending(sale, 'reserved, undecided'),
    refund: ending(refund, 'reserved, awaiting the cashier'),
  };
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true });
  const result = db.pragma('integrity_check', { simple: true }) as string;
  db.close();
  return result;
}

describe('crash safety (SIGKILL)', () => {
  // Each step is its own child process and data directory, so the steps run side by side.
  it.concurrent.for(STEPS)(
    'keeps exactly what was committed when killed after %s, and recovers to a clean end',
    async (step, context) => {
      const { dir, file, reopen } = scratch(context);
      const { expect } = context;
      const exit = await runChild('crash-child.ts', [dir, step]);
      expect(exit, exit.stderr).toMatchObject({ signal: 'SIGKILL' });
      // Killed, not closed: the commits are still in the write-ahead log, for the next open to replay.
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);

      const journal = reopen();
      expect(snapshot(journal)).toEqual(expectedAfter(step));
      expect(integrity(file)).toBe('ok');

      const backend = new FakeBackend(dir);
      recover(journal, backend);
      expect(backendOutcome(backend)).toEqual(outcomeAfter(step));
      expect(journal.intents.open()).toEqual([]);
      expect(journal.payments.active()).toEqual([]);
      expect(journal.payments.pendingDecisions()).toEqual([]);
      expect(journal.refunds.pendingDecisions()).toEqual([]);
      for (const refund of backend.state().refunds)
        expect(journal.refunds.byRefundId(refund.refundId)).not.toBeNull();
      const sale = backend.state().payments[0];
      if (sale) expect(journal.payments.byPaymentId(sale.paymentId)?.lastStatus).toBe(sale.status);
    },
  );

  it.concurrent(
    'shows nothing of a transaction that was in progress when the process died',
    async (context) => {
      const { dir, reopen } = scratch(context);
      const { expect } = context;
      const exit = await runChild('crash-child.ts', [dir, 'mid-transaction']);
      expect(exit, exit.stderr).toMatchObject({ signal: 'SIGKILL' });
      const journal = reopen();
      expect(snapshot(journal)).toEqual(expectedAfter('capture-confirmed'));
      expect(journal.payments.byOrderId('order-2')).toEqual([]);
      expect(journal.payments.byPaymentId('pay-never-committed')).toBeNull();
      expect(journal.intents.open()).toEqual([]);
      expect(journal.summary().payments.total).toBe(1);
    },
  );

  it.concurrent(
    'keeps every commit a writer announced before it was killed from outside, each one whole',
    async (context) => {
      const { dir, file, reopen } = scratch(context);
      const { expect } = context;
      let announced = 0;
      const exit = await runChild('crash-child.ts', [dir, 'write-loop'], (line, kill) => {
        announced = Number(line.replace('committed ', ''));
        if (announced >= 25) kill();
      });
      expect(exit, exit.stderr).toMatchObject({ signal: 'SIGKILL' });
      expect(existsSync(`${file}-wal`)).toBe(true);

      const journal = reopen();
      const payments = journal.payments.list({ limit: 1000 });
      expect(payments.length).toBeGreaterThanOrEqual(announced);
      const orders = new Set(payments.map((p) => p.orderId));
      for (let n = 1; n <= payments.length; n += 1) expect(orders.has(`order-${n}`)).toBe(true);
      for (const payment of payments) {
        expect(payment).toMatchObject({
          lastStatus: 'Reserved',
          decision: { kind: 'capture', state: 'pending' },
        });
        expect(journal.intents.get(payment.intentId)?.state).toBe('acknowledged');
        expect(journal.payments.history(payment.id)).toHaveLength(1);
      }
      expect(journal.payments.pendingDecisions()).toHaveLength(payments.length);
      expect(journal.intents.open()).toEqual([]);
      expect(integrity(journal.file)).toBe('ok');
    },
  );
});
