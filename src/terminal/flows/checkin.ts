// Check-in detection by user activation (reference: detecting-mobilepay.md): while the QR code is shown,
// poll GET /pointofsales/{posId}/checkin no sooner than pollDelayInMs; the caller hides the QR by
// aborting the signal, which stops polling at once. Also the single query a notification triggers.
import { notice, requirePosId, type EngineContext } from '../context.js';
import type { CheckInResponse } from '../../shared/pos-v10/schemas.js';
import { isFlowError } from './flow-error.js';
import { poll } from './poll.js';

interface WatchCommon {
  /** The PoS to watch; the terminal's own by default. */
  readonly posId?: string;
  /** Called each time a customer checks in (or another customer takes over the check-in). */
  readonly onCheckIn?: (checkIn: CheckInResponse) => void;
}

/**
 * How long to watch. By default until a customer checks in, or until the signal aborts (the QR is
 * hidden). With keepWatching, only the signal ends it (check-ins and departures are announced).
 */
export type WatchCheckInOptions =
  | (WatchCommon & { readonly signal?: AbortSignal; readonly keepWatching?: false })
  | (WatchCommon & { readonly signal: AbortSignal; readonly keepWatching: true });

/** Asks once whether a customer is checked in (e.g. after a notification) and announces the answer. */
export async function queryCheckIn(
  ctx: EngineContext,
  options: { readonly posId?: string } = {},
): Promise<CheckInResponse> {
  const posId = options.posId ?? requirePosId(ctx);
  const checkIn = await ctx.client.getCheckIn(posId);
  announce(ctx, posId, checkIn);
  return checkIn;
}

/**
 * Polls the check-in while the QR code is shown, never sooner than the backend's pollDelayInMs,
 * announcing every change. Resolves with the check-in that ended the watch, or, when the signal
 * stops it, with the last answer (null if none came). An already aborted signal sends no request.
 */
export async function watchCheckIn(
  ctx: EngineContext,
  options: WatchCheckInOptions = {},
): Promise<CheckInResponse | null> {
  const posId = options.posId ?? requirePosId(ctx);
  const { signal } = options;
  let last: CheckInResponse | null = null;
  if (signal?.aborted) return last;
  notice(ctx, 'checkin', 'Watching for a check-in while the QR code is shown', { posId });
  try {
    return await poll({
      read: () => ctx.client.getCheckIn(posId, { polling: true }),
      onValue: (value) => {
        const previous = last;
        last = value;
        if (!changed(previous, value)) return;
        announce(ctx, posId, value);
        if (value.isUserCheckedIn) options.onCheckIn?.(value);
      },
      until: (value) => signal?.aborted === true || (options.keepWatching !== true && value.isUserCheckedIn),
      deps: ctx.deps,
      // Only a given signal is passed on: the waits of an unstoppable watch need no signal.
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (isFlowError(error) && error.code === 'flow.aborted') return last;
    throw error;
  } finally {
    notice(ctx, 'checkin', 'Stopped watching for a check-in', { posId, aborted: signal?.aborted === true });
  }
}

/** Whether an answer is news: a check-in, a departure, or another customer (token or loyalty ids). */
function changed(previous: CheckInResponse | null, next: CheckInResponse): boolean {
  if (previous === null) return next.isUserCheckedIn;
  if (previous.isUserCheckedIn !== next.isUserCheckedIn) return true;
  const who = (value: CheckInResponse) =>
    JSON.stringify([value.customerToken ?? null, value.loyaltyIds ?? []]);
  return next.isUserCheckedIn && who(previous) !== who(next);
}

function announce(ctx: EngineContext, posId: string, checkIn: CheckInResponse): void {
  ctx.events.emit({
    kind: 'checkin',
    at: ctx.deps.now(),
    posId,
    isUserCheckedIn: checkIn.isUserCheckedIn,
    loyaltyIds: checkIn.loyaltyIds ?? null,
  });
}
