// The hanging-reservation sweeper: periodically carries out exactly the captures and cancels the
// journal has decided on but not seen confirmed. It never decides anything itself (reference:
// payment-flow-error-handling, "hanging payments in reserved state").
import { notice, type EngineContext } from '../context.js';
import { describeError } from './flow-error.js';
import { resumeDecision } from './payments.js';
import { resolveRefund } from './refunds.js';

type Sweeping = { done: string[]; stillPending: string[] };

/** Tries one journalled decision; a failure stays pending for the next pass and is announced. */
async function attempt(
  ctx: EngineContext,
  sweep: Sweeping,
  id: string,
  carryOut: () => Promise<{ readonly decision: { readonly state: string } | null }>,
): Promise<void> {
  try {
    const after = await carryOut();
    (after.decision?.state === 'done' ? sweep.done : sweep.stillPending).push(id);
  } catch (error) {
    sweep.stillPending.push(id);
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

/** One pass: every pending payment and refund decision is tried once; failures stay pending for the next pass. */
export async function sweepOnce(ctx: EngineContext): Promise<Sweeping> {
  const sweep: Sweeping = { done: [], stillPending: [] };
  for (const payment of ctx.journal.payments.pendingDecisions()) {
    // A decision taken while the creating call was unanswered waits for recovery to find the payment.
    if (payment.paymentId === null) sweep.stillPending.push(payment.id);
    else await attempt(ctx, sweep, payment.id, () => resumeDecision(ctx, payment.id));
  }
  for (const refund of ctx.journal.refunds.pendingDecisions())
    await attempt(ctx, sweep, refund.id, () => resolveRefund(ctx, refund.id));
  if (sweep.done.length > 0)
    notice(ctx, 'sweeper', `Carried out ${sweep.done.length} pending capture/cancel decision(s)`, {
      done: sweep.done,
    });
  return sweep;
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
