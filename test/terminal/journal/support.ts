// Shared by the journal specs: a temp data directory per test, a journal on a fake clock with
// predictable GUIDs, and request bodies shaped like the ones the flows will send.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import {
  isJournalError,
  openJournal,
  type Journal,
  type JournalDeps,
} from '../../../src/terminal/journal/index.js';
import type {
  CreateRefundRequest,
  InitiatePaymentRequest,
  PreparePaymentRequest,
} from '../../../src/shared/pos-v10/schemas.js';

export const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);
export const POS_ID = 'a1b2c3d4-0000-4000-8000-00000000a0a0';

/** A clock that moves only when told and ids that count up, both as GUIDs the API would accept. */
export interface FakeDeps extends JournalDeps {
  advance(ms: number): void;
}

export function fakeDeps(start = T0): FakeDeps {
  let now = start;
  let next = 0;
  return {
    now: () => now,
    newId: () => `00000000-0000-4000-8000-${(next += 1).toString(16).padStart(12, '0')}`,
    advance: (ms) => {
      now += ms;
    },
  };
}

const dirs: string[] = [];
const journals: Journal[] = [];

/** A fresh temp directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pos-sim-journal-'));
  dirs.push(dir);
  return dir;
}

/** Opens (or reopens) a journal in `dir`, closed after the test. */
export function open(dir: string, deps: JournalDeps = fakeDeps()): Journal {
  const journal = openJournal(dir, deps);
  journals.push(journal);
  return journal;
}

afterEach(() => {
  for (const journal of journals.splice(0)) journal.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function initiateBody(orderId = 'order-1', amount = 125.5): InitiatePaymentRequest {
  return {
    posId: POS_ID,
    orderId,
    amount,
    currencyCode: 'DKK',
    plannedCaptureDelay: 'None',
    merchantPaymentLabel: `Till 1 ${orderId}`,
    restrictions: { debitCardDisallowed: false, creditCardDisallowed: true },
  };
}

export function prepareBody(orderId = 'order-p'): PreparePaymentRequest {
  return { posId: POS_ID, orderId };
}

export function refundBody(paymentId: string, refundOrderId = 'refund-1', amount = 25): CreateRefundRequest {
  return { paymentId, refundOrderId, amount, currencyCode: 'DKK' };
}

/** A payment taken through initiate, acknowledge and Reserved: what the capture specs start from. */
export function reservedPayment(journal: Journal, orderId = 'order-1', paymentId = `pay-${orderId}`) {
  const { payment, intent } = journal.payments.begin({ flow: 'initiate', body: initiateBody(orderId) });
  journal.intents.markSent(intent.id);
  journal.payments.attachPaymentId(payment.id, paymentId);
  return journal.payments.recordStatus(payment.id, { status: 'Reserved', partialCapturePossible: true });
}

/** The JournalError code `fn` throws (undefined if it returns); any other error is rethrown. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isJournalError(error)) return error.code;
    throw error;
  }
  return undefined;
}
