// The one way a store calls the bridge: mark which action is busy, keep the failure for the screen,
// and turn a thrown transport error into an ordinary failure result.
import type { BridgeFailure, BridgeResult, PosSimBridge } from '../../shared/bridge/index.js';
import { getBridge } from '../bridge/index.js';
import { thrownFailure } from './failure-text.js';

/** What every store that calls the bridge carries: the action in flight and the last failure. */
export interface CallState {
  /** The action waiting for the bridge (e.g. 'capture'), null when idle. */
  readonly busy: string | null;
  /** The last call's failure, cleared by the next call. */
  readonly error: BridgeFailure | null;
}

/** The idle, failure-free call state every store starts from. */
export const idleCall: CallState = { busy: null, error: null };

type SetCallState = (patch: Partial<CallState>) => void;

/** Runs one bridge call for a store; never throws. */
export async function runCall<T>(
  set: SetCallState,
  action: string,
  call: (bridge: PosSimBridge) => Promise<BridgeResult<T>>,
): Promise<BridgeResult<T>> {
  set({ busy: action, error: null });
  let result: BridgeResult<T>;
  try {
    result = await call(getBridge());
  } catch (error) {
    result = { ok: false, error: thrownFailure(error) };
  }
  set({ busy: null, error: result.ok ? null : result.error });
  return result;
}

/** True when `incoming` is at least as fresh as `held` (the bridge may answer after a newer event). */
export function isFresher(
  incoming: { readonly updatedAt: number; readonly timeline: readonly unknown[] },
  held: { readonly updatedAt: number; readonly timeline: readonly unknown[] } | null | undefined,
): boolean {
  if (!held) return true;
  if (incoming.updatedAt !== held.updatedAt) return incoming.updatedAt > held.updatedAt;
  return incoming.timeline.length >= held.timeline.length;
}
