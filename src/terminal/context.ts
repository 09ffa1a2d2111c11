// What every flow works with: the PoS client, the journal, injected time, and the event stream.
import type { ClientDeps, PosClient } from './api/index.js';
import type { EngineEvents, NoticeEvent } from './events.js';
import type { Journal } from './journal/index.js';
import { FlowError } from './flows/flow-error.js';

/** The engine's parts as the flows see them; built once by the composition root. */
export interface EngineContext {
  readonly client: PosClient;
  readonly journal: Journal;
  readonly deps: ClientDeps;
  readonly events: EngineEvents;
}

/** The onboarded PoS's id, or a clear error telling the cashier to set the PoS up first. */
export function requirePosId(ctx: EngineContext): string {
  const posId = ctx.journal.posConfig.get()?.posId ?? null;
  if (posId === null)
    throw new FlowError(
      'flow.not-onboarded',
      'This terminal has no point of sale yet: run the PoS setup first.',
    );
  return posId;
}

/** Announces something the engine did on its own. */
export function notice(
  ctx: EngineContext,
  topic: NoticeEvent['topic'],
  message: string,
  detail?: Record<string, unknown>,
): void {
  ctx.events.emit({ kind: 'notice', at: ctx.deps.now(), topic, message, ...(detail ? { detail } : {}) });
}
