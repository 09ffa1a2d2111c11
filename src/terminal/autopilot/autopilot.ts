// The unattended tester of `pos-sim certify`: reads the certification session over and over and,
// whenever the step the service waits for carries an action it has not carried out yet, has the
// terminal engine do it, as a tester at the checkout would do what the step's instruction says.
// Actions run alongside the reading of the session (an onboarding retried through a timeout and a
// 500 spans three steps, the later ones with no action of their own). The run ends when the
// session is completed, when the caller stops it, or at a bounded deadline, naming the step it
// was still waiting on. It judges nothing itself: the service's judge does.
import type { SessionView, StartSessionRequest } from '../../shared/certification.js';
import { clientDeps, type ClientDeps } from '../api/index.js';
import { ActionExecutor } from './action-executor.js';
import type { AutopilotEngine } from './engine-port.js';
import {
  currentStep,
  emptyMemory,
  stepChanges,
  type AutopilotEvent,
  type AutopilotListener,
  type CaseRef,
} from './progress.js';
import { CertificationServiceClient } from './service-client.js';

/** How often the session is read: often enough that a step's action follows its start closely. */
export const DEFAULT_SESSION_POLL_MS = 50;
/** The longest a run may take before it gives up and says what it was waiting for. */
export const DEFAULT_DEADLINE_MS = 300_000;

export interface AutopilotOptions {
  /** Where the certification service runs (its JSON API is under /certification/api). */
  readonly serviceUrl: string;
  /** An engine whose client is configured on the session's apiBaseUrl with the identified client. */
  readonly engine: AutopilotEngine;
  /** The merchant the engine acts for (the identification's merchantVat). */
  readonly merchantVat: string;
  /** The same injected world as the engine's: clock, sleep and fetch. */
  readonly deps?: Partial<ClientDeps>;
  readonly onEvent?: AutopilotListener;
  readonly sessionPollMs?: number;
  readonly deadlineMs?: number;
  /** Stops the run early (Ctrl+C). */
  readonly signal?: AbortSignal;
}

/** The step a run was still waiting for when it ended without the session completing. */
export interface WaitingOn {
  readonly case: CaseRef;
  readonly stepId: string;
  readonly stepTitle: string;
  readonly instruction: string;
}

/** How a run ended; the session is the last one read (null if none could be). */
export type AutopilotResult =
  | { readonly kind: 'completed'; readonly session: SessionView; readonly elapsedMs: number }
  | {
      readonly kind: 'timed-out' | 'stopped';
      readonly session: SessionView | null;
      readonly waitingOn: WaitingOn | null;
      readonly elapsedMs: number;
    };

/** Drives one engine through one certification session. */
export class Autopilot {
  readonly service: CertificationServiceClient;
  private readonly deps: ClientDeps;

  constructor(private readonly options: AutopilotOptions) {
    this.deps = clientDeps(options.deps);
    this.service = new CertificationServiceClient(options.serviceUrl, this.deps);
  }

  /** Opens a session for the identified client and the chosen sections (onboarding is added by the service). */
  async start(request: StartSessionRequest): Promise<SessionView> {
    const session = await this.service.startSession(request);
    this.emit({ kind: 'session.started', session });
    return session;
  }

  /** Carries out the session's steps until it is completed, stopped or the deadline passes. */
  async run(sessionId: string): Promise<AutopilotResult> {
    const { deps, options } = this;
    const startedAt = deps.now();
    const deadline = startedAt + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
    const executor = new ActionExecutor({
      engine: options.engine,
      merchantVat: options.merchantVat,
      deps,
      onBackgroundFailure: (what, outcome) =>
        this.emit({ kind: 'background.failed', what, code: outcome.code, message: outcome.message }),
    });
    const executed = new Set<string>();
    let memory = emptyMemory;
    let session: SessionView | null = null;
    try {
      for (;;) {
        try {
          session = await this.service.getSession(sessionId);
        } catch (error) {
          this.emit({
            kind: 'service.error',
            message: error instanceof Error ? error.message : String(error),
          });
        }
        if (session !== null) {
          const changes = stepChanges(memory, session);
          memory = changes.memory;
          for (const event of changes.events) this.emit(event);
          if (session.phase === 'completed')
            return { kind: 'completed', session, elapsedMs: deps.now() - startedAt };
          const now = currentStep(session);
          const action = now?.step.action ?? null;
          if (now !== null && action !== null && !executed.has(now.step.id)) {
            const stepId = now.step.id;
            executed.add(stepId);
            this.emit({ kind: 'action.started', stepId, action });
            void executor
              .run(action)
              .then((outcome) =>
                this.emit(
                  outcome.kind === 'done'
                    ? { kind: 'action.done', stepId, action, detail: outcome.detail }
                    : { kind: 'action.failed', stepId, action, ...withoutKind(outcome) },
                ),
              );
          }
        }
        const stopped = options.signal?.aborted === true;
        if (stopped || deps.now() >= deadline)
          return {
            kind: stopped ? 'stopped' : 'timed-out',
            session,
            waitingOn: session === null ? null : waitingOn(session),
            elapsedMs: deps.now() - startedAt,
          };
        await deps.sleep(options.sessionPollMs ?? DEFAULT_SESSION_POLL_MS, options.signal);
      }
    } finally {
      await executor.stop();
    }
  }

  private emit(event: AutopilotEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A broken progress display must not stop the run.
    }
  }
}

function waitingOn(session: SessionView): WaitingOn | null {
  const now = currentStep(session);
  if (now === null) return null;
  return {
    case: now.case,
    stepId: now.step.id,
    stepTitle: now.step.title,
    instruction: now.step.instruction,
  };
}

function withoutKind<T extends { readonly kind: string }>(value: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = value;
  return rest;
}
