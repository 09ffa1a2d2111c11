// The hanging-reservation sweeper: periodically carries out exactly the captures and cancels the
// journal has decided on but not seen confirmed. It never decides anything itself (reference:
// payment-flow-error-handling, "hanging payments in reserved state").
import { notice, type EngineContext } from '../context.js';
import { describeError } from './flow-error.js';
import { resumeDecision } from './payments.js';
import { resolveRefund } from './refunds.js';

/** One pass: every pending payment and refund decision is tried once; failures stay pending for the next pass. */
export async function sweepOnce(ctx: EngineContext): Promise<{ done: string[]; stillPending: string[] }> {
  const done: string[] = [];
  const stillPending: string[] = [];
  for (const payment of ctx.journal.payments.pendingDecisions()) {
    if (payment.paymentId === null) {
      stillPending.push(payment.id);
      continue;
    }
    try {
      const after = await resumeDecision(ctx, payment.id);
      if (after.decision?.state === 'done') done.push(payment.id);
      else stillPending.push(payment.id);
    } catch (error) {
      stillPending.push(payment.id);
      const { code, apiCode, message, retryable } = describeError(error);
      ctx.events.emit({
        kind: 'error',
        at: ctx.deps.now(),
        topic: 'sweeper',
        code,
        apiCode,
        message,
        retryable,
      });
    }
  }
  for (const refund of ctx.journal.refunds.pendingDecisions()) {
    try {
      const after = await resolveRefund(ctx, refund.id);
      if (after.decision?.state === 'done') done.push(refund.id);
      else stillPending.push(refund.id);
    } catch (error) {
      stillPending.push(refund.id);
      const { code, apiCode, message, retryable } = describeError(error);
      ctx.events.emit({
        kind: 'error',
        at: ctx.deps.now(),
        topic: 'sweeper',
        code,
        apiCode,
        message,
        retryable,
      });
    }
  }
  if (done.length > 0)
    notice(ctx, 'sweeper', `Carried out ${done.length} pending capture/cancel decision(s)`, { done });
  return { done, stillPending };
}

/**
 * Runs sweepOnce every `intervalMs` until the signal aborts. Waits go through the injected sleep,
 * so tests drive the sweeper on fake time.
 */
export async function runSweeper(
  ctx: EngineContext,
  options: { intervalMs: number; signal: AbortSignal },
): Promise<void> {
  while (!options.signal.aborted) {
    await sweepOnce(ctx);
    if (options.signal.aborted) return;
    await ctx.deps.sleep(options.intervalMs, options.signal);
  }
}
