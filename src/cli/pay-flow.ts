// One scripted sale of `pos-sim pay`: the engine starts (or prepares and readies) the payment and
// follows it in one continuous poll loop that honours pollDelayInMs, while the simulated customer
// checks in and accepts through the sandbox's user simulation, each step once the terminal has seen
// the state before it. A reservation is captured (in full or in part); anything that goes wrong
// leaves no payment open: it is cancelled, and the failure is worded in one line.
import { randomUUID } from 'node:crypto';
import { isFlowError } from '../terminal/flows/flow-error.js';
import { finalPaymentStatuses, type Payment } from '../terminal/journal/index.js';
import { PaymentWatch, settled, type Followed } from './payment-watch.js';
import { formatAmount, type Currency } from './terminal-options.js';
import { apiCodeOf, CommandFailure, explainError, type TerminalSession } from './terminal-setup.js';

/** How long the customer (or the cashier) waits for the terminal to see the next state. */
export const STEP_TIMEOUT_MS = 30_000;
/** The API code of an accept refused because the payment's restrictions disallow the user's card. */
const CARD_NOT_ALLOWED = '1903';

/** What `pos-sim pay` was asked to do, validated. */
export interface PayPlan {
  readonly amount: number;
  readonly currency: Currency;
  readonly prepared: boolean;
  /** A partial capture; undefined captures the full amount. */
  readonly capture: number | undefined;
  readonly restrict: 'debit' | 'credit' | undefined;
  readonly user: string;
}

/** The journalled payment as it ended (null when it was never created), and why it failed, if it did. */
export interface PayOutcome {
  readonly payment: Payment | null;
  readonly failure: string | null;
}

/** Which cards a payment refuses. */
export type Restrictions = { readonly debitCardDisallowed: true } | { readonly creditCardDisallowed: true };

/** The restrictions of --restrict debit|credit. */
export function restrictionsOf(restrict: PayPlan['restrict']): Restrictions | null {
  if (restrict === 'debit') return { debitCardDisallowed: true };
  if (restrict === 'credit') return { creditCardDisallowed: true };
  return null;
}

/** Runs the sale, printing every state with the ms since it started; never throws. */
export async function runPayment(
  session: TerminalSession,
  beaconId: string,
  plan: PayPlan,
  print: (line: string) => void,
  stop: AbortSignal,
): Promise<PayOutcome> {
  if (stop.aborted) return { payment: null, failure: 'stopped before the payment started' };
  const { engine, users } = session;
  const started = Date.now();
  const stamp = (at: number): string => `${String(Math.max(0, at - started)).padStart(6)} ms  `;
  const say = (text: string): void => print(`${stamp(Date.now())}${text}`);
  const watch = new PaymentWatch(engine, (event) => print(`${stamp(event.at)}${event.status}`));
  const customer = { beaconId, phoneNumber: plan.user };
  const restrictions = restrictionsOf(plan.restrict);
  const orderId = `pos-sim-${randomUUID().slice(0, 13)}`;
  let journalId: string | null = null;
  let refusal: unknown = null;
  const follow = new AbortController();
  const abort = (): void => follow.abort();
  stop.addEventListener('abort', abort);
  try {
    const created = plan.prepared
      ? await engine.preparePayment(orderId)
      : await engine.startPayment({
          orderId,
          amount: plan.amount,
          currencyCode: plan.currency,
          restrictions,
        });
    journalId = created.id;
    const id = created.id;
    watch.track(id);
    const following = settled(engine.followPayment(id, { signal: follow.signal }));
    const reached = (status: Parameters<PaymentWatch['reached']>[0]) =>
      watch.reached(status, following, STEP_TIMEOUT_MS);
    const accept = async (): Promise<void> => {
      say(`customer ${plan.user} accepts`);
      try {
        await users.acceptPayment(customer);
      } catch (error) {
        if (apiCodeOf(error) !== CARD_NOT_ALLOWED) throw error;
        refusal = error;
        say(`customer's card is not allowed (API code ${CARD_NOT_ALLOWED}); the customer cancels`);
        await users.cancelPaymentByUser({ beaconId });
      }
    };
    try {
      if (await reached(plan.prepared ? 'Prepared' : 'Initiated')) {
        say(`customer ${plan.user} checks in`);
        await users.checkIn(customer);
        if (plan.prepared && (await reached('Paired'))) {
          say(`customer paired; loyalty ids: ${loyaltyOf(engine.journal.payments.get(id))}`);
          say(`cashier readies ${formatAmount(plan.amount, plan.currency)}`);
          await engine.readyPayment(id, {
            amount: plan.amount,
            currencyCode: plan.currency,
            restrictions,
            plannedCaptureDelay: 'None',
          });
        }
        if (await reached('IssuedToUser')) await accept();
      }
    } catch (error) {
      follow.abort();
      await following;
      throw error;
    }
    const reserved = await followed(await following);
    if (reserved.lastStatus !== 'Reserved') {
      const why = refusal === null ? '' : ` (${explainError(refusal, session.apiUrl)})`;
      throw new CommandFailure(`the payment ended ${reserved.lastStatus ?? 'in an unknown state'}${why}`);
    }
    return { payment: await capture(session, reserved, plan), failure: null };
  } catch (error) {
    const cancelled = journalId === null ? false : await cancelIfOpen(session, journalId);
    const payment = journalId === null ? null : engine.journal.payments.get(journalId);
    const failure = `${explainError(error, session.apiUrl)}${cancelled ? '; the payment was cancelled' : ''}`;
    return { payment, failure };
  } finally {
    stop.removeEventListener('abort', abort);
    watch.close();
  }
}

/** The followed payment, or the reason following stopped. */
function followed(result: Followed): Payment {
  if (result.ok) return result.payment;
  if (isFlowError(result.error) && result.error.code === 'flow.aborted')
    throw new CommandFailure('stopped before the payment was reserved');
  throw result.error;
}

/** Captures in full, or --capture's part when it is less; a payment that allows no partial capture is refused first. */
async function capture(session: TerminalSession, reserved: Payment, plan: PayPlan): Promise<Payment> {
  const full = reserved.amount ?? plan.amount;
  const part =
    plan.capture !== undefined && Math.round(plan.capture * 100) < Math.round(full * 100)
      ? plan.capture
      : undefined;
  try {
    return await session.engine.capturePayment(reserved.id, part);
  } catch (error) {
    if (!isFlowError(error) || error.code !== 'flow.partial-capture-not-possible') throw error;
    throw new CommandFailure(
      `cannot capture ${formatAmount(part ?? full, null)} of ${formatAmount(full, reserved.currencyCode)}: ` +
        `partial capture is not possible for this payment (partialCapturePossible: false) [${error.code}]`,
    );
  }
}

/**
 * After a failure: a payment still open at MobilePay (not ended, no capture under way) is cancelled
 * so it does not block the PoS. Answers whether it was; a refused cancel means it had already ended.
 */
async function cancelIfOpen(session: TerminalSession, journalId: string): Promise<boolean> {
  const payment = session.engine.journal.payments.get(journalId);
  if (payment === null || payment.paymentId === null) return false;
  if (payment.lastStatus !== null && finalPaymentStatuses.has(payment.lastStatus)) return false;
  if (payment.decision?.kind === 'capture' && payment.decision.state === 'pending') return false;
  try {
    await session.engine.cancelPayment(journalId);
    return true;
  } catch {
    return false;
  }
}

/** "DK-LOYALTY-1804" or "(none)". */
export function loyaltyOf(payment: Payment | null): string {
  const ids = payment?.loyaltyIds ?? [];
  return ids.length === 0 ? '(none)' : ids.join(', ');
}
