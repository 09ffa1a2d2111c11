// Recovery after a restart: every call whose answer never came and every payment the journal still
// thinks is under way is resolved against the API, and what the journal decided is carried out.
// Nothing is guessed: an interrupted sale is cancelled, a reservation without a decision is left
// for the cashier, a journalled decision is executed.
import { isTerminalApiError } from '../api/index.js';
import { notice, type EngineContext } from '../context.js';
import type { Payment } from '../journal/index.js';
import { activePaymentStatuses } from '../../shared/pos-v10/schemas.js';
import { describeError } from './flow-error.js';
import { cancelPayment, findByOrder, observePayment, resumeDecision } from './payments.js';
import { resolveRefund } from './refunds.js';

/** What recovery did, for the start-up log and the tests. */
export interface RecoveryReport {
  /** Payments whose lost paymentId was found by posId + orderId. */
  readonly found: readonly string[];
  /** Creating calls that never reached MobilePay (no payment with that order exists). */
  readonly notCreated: readonly string[];
  /** Interrupted sales cancelled (they were still waiting for the customer). */
  readonly cancelled: readonly string[];
  /** Journalled captures and cancels carried out now. */
  readonly resumed: readonly string[];
  /** Reservations with no decision: the cashier must capture or cancel them. */
  readonly undecided: readonly string[];
  /** Refunds whose lost answer or pending decision was resolved (found, concluded not created, carried out). */
  readonly refunds: readonly string[];
  /** Payments recovery could not reach (network down): tried again next time. */
  readonly failed: readonly { readonly journalId: string; readonly code: string; readonly message: string }[];
}

/** Finds the paymentId of payments whose creating answer was lost; concludes "not created" when none exists. */
async function resolveCreations(ctx: EngineContext, report: Mutable<RecoveryReport>): Promise<void> {
  for (const intent of ctx.journal.intents.open()) {
    if ((intent.kind !== 'initiatePayment' && intent.kind !== 'preparePayment') || intent.recordId === null)
      continue;
    const payment = ctx.journal.payments.get(intent.recordId);
    if (!payment) continue;
    if (payment.paymentId !== null) {
      ctx.journal.intents.acknowledge(intent.id, { kind: intent.kind, paymentId: payment.paymentId });
      continue;
    }
    try {
      const paymentId = await findByOrder(ctx, payment);
      if (paymentId !== null) {
        ctx.journal.payments.attachPaymentId(payment.id, paymentId);
        report.found.push(payment.id);
      } else if (intent.state === 'sent') {
        // Sent, but not among the active or captured payments: it may have ended meanwhile (the
        // customer or MobilePay cancelled it). The same call under the same key tells: MobilePay
        // replays the original paymentId, or creates it now (an interrupted sale, cancelled below).
        const replayed =
          intent.kind === 'initiatePayment'
            ? await ctx.client.initiatePayment(intent.body, intent.idempotencyKey)
            : await ctx.client.preparePayment(intent.body, intent.idempotencyKey);
        ctx.journal.payments.attachPaymentId(payment.id, replayed.paymentId);
        report.found.push(payment.id);
      } else {
        ctx.journal.intents.fail(intent.id, {
          code: 'not-created',
          message: 'The call was journalled but never sent: no payment exists at MobilePay',
          final: true,
        });
        report.notCreated.push(payment.id);
      }
    } catch (error) {
      report.failed.push({ journalId: payment.id, ...pick(error) });
    }
  }
}

/** Brings one journalled payment up to date and settles it according to the journal. */
async function settle(ctx: EngineContext, payment: Payment, report: Mutable<RecoveryReport>): Promise<void> {
  if (payment.paymentId === null) return;
  try {
    const current = observePayment(ctx, payment.id, await ctx.client.getPayment(payment.paymentId));
    if (current.decision?.state === 'pending') {
      await resumeDecision(ctx, current.id);
      report.resumed.push(current.id);
    } else if (current.lastStatus !== null && activePaymentStatuses.has(current.lastStatus)) {
      await cancelPayment(ctx, current.id);
      report.cancelled.push(current.id);
    } else if (current.lastStatus === 'Reserved' && current.decision === null) {
      report.undecided.push(current.id);
    }
  } catch (error) {
    report.failed.push({ journalId: payment.id, ...pick(error) });
  }
}

/** Runs recovery once; safe to run again (every step is idempotent). */
export async function recoverPayments(ctx: EngineContext): Promise<RecoveryReport> {
  const report: Mutable<RecoveryReport> = {
    found: [],
    notCreated: [],
    cancelled: [],
    resumed: [],
    undecided: [],
    refunds: [],
    failed: [],
  };
  await resolveCreations(ctx, report);
  const seen = new Set<string>();
  for (const payment of [...ctx.journal.payments.active(), ...ctx.journal.payments.pendingDecisions()]) {
    if (seen.has(payment.id)) continue;
    seen.add(payment.id);
    await settle(ctx, payment, report);
  }
  // No lost refund: every refund created without an answer, or with a decision not yet confirmed.
  for (const refund of ctx.journal.refunds.unresolved()) {
    try {
      await resolveRefund(ctx, refund.id);
      report.refunds.push(refund.id);
    } catch (error) {
      report.failed.push({ journalId: refund.id, ...pick(error) });
    }
  }
  for (const payment of ctx.journal.payments.undecidedReservations())
    if (!report.undecided.includes(payment.id)) report.undecided.push(payment.id);
  notice(ctx, 'recovery', 'Recovery finished', {
    found: report.found.length,
    notCreated: report.notCreated.length,
    cancelled: report.cancelled.length,
    resumed: report.resumed.length,
    undecided: report.undecided.length,
    refunds: report.refunds.length,
    failed: report.failed.length,
  });
  return report;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

function pick(error: unknown): { code: string; message: string } {
  const { code, message } = describeError(error);
  return { code: isTerminalApiError(error) && error.apiCode ? `${code}:${error.apiCode}` : code, message };
}
