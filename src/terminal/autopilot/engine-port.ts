// What the autopilot needs of the terminal engine (its flows and its event stream), and how the
// outcome of an action is told. A port of its own so the executor's unit specs can hand in a fake
// engine while the real TerminalEngine fits as it is; an engine error becomes data, never a throw.
import type { TerminalEngine } from '../engine.js';
import { describeError, isFlowError } from '../flows/flow-error.js';

/** The engine as the autopilot drives it: its flows and its event stream (a fake in unit specs). */
export type AutopilotEngine = Pick<
  TerminalEngine,
  | 'findStores'
  | 'onboard'
  | 'offboard'
  | 'watchCheckIn'
  | 'startPayment'
  | 'preparePayment'
  | 'readyPayment'
  | 'followPayment'
  | 'capturePayment'
  | 'cancelPayment'
  | 'createRefund'
  | 'followRefund'
  | 'captureRefund'
  | 'cancelRefund'
  | 'subscribe'
>;

/** How one action went: what was done, or the engine's error (code, API code, words). */
export type ActionOutcome =
  | { readonly kind: 'done'; readonly detail: string }
  | {
      readonly kind: 'failed';
      readonly code: string;
      readonly apiCode: string | null;
      readonly message: string;
    };

/** Any error an action meets, as an outcome: the engine's stable code, the API's code, the words. */
export function failure(error: unknown): Extract<ActionOutcome, { kind: 'failed' }> {
  const { code, apiCode, message } = describeError(error);
  return { kind: 'failed', code, apiCode, message };
}

/** The end of a follow or watch that was stopped on purpose: nothing to report. */
export function isAborted(error: unknown): boolean {
  return isFlowError(error) && error.code === 'flow.aborted';
}
