// What an autopilot run tells its caller while it goes: steps starting and getting their verdicts
// (read from the session the service reports), the actions it carried out, and trouble on the way.
// Verdicts are derived by comparing two readings of the session, so a step the service judged
// between two polls is still announced exactly once.
import type {
  CaseView,
  ClientAction,
  SectionId,
  SessionView,
  StepStatus,
  StepView,
} from '../../shared/certification.js';

/** The case a step belongs to, as progress lines name it. */
export interface CaseRef {
  readonly id: string;
  readonly title: string;
  readonly section: SectionId;
}

/** One thing worth telling about the run, oldest first. */
export type AutopilotEvent =
  | { readonly kind: 'session.started'; readonly session: SessionView }
  | { readonly kind: 'step.started'; readonly case: CaseRef; readonly step: StepView }
  | { readonly kind: 'step.passed'; readonly case: CaseRef; readonly step: StepView }
  | { readonly kind: 'step.failed'; readonly case: CaseRef; readonly step: StepView; readonly reason: string }
  | { readonly kind: 'action.started'; readonly stepId: string; readonly action: ClientAction }
  | {
      readonly kind: 'action.done';
      readonly stepId: string;
      readonly action: ClientAction;
      readonly detail: string;
    }
  | {
      readonly kind: 'action.failed';
      readonly stepId: string;
      readonly action: ClientAction;
      readonly code: string;
      readonly apiCode: string | null;
      readonly message: string;
    }
  | {
      readonly kind: 'background.failed';
      readonly what: string;
      readonly code: string;
      readonly message: string;
    }
  | { readonly kind: 'service.error'; readonly message: string };

export type AutopilotListener = (event: AutopilotEvent) => void;

/** What the run knew of each step after the last reading of the session. */
export interface StepMemory {
  readonly status: ReadonlyMap<string, StepStatus>;
  readonly started: ReadonlySet<string>;
}

export const emptyMemory: StepMemory = { status: new Map(), started: new Set() };

/** The step events between the last reading and this one, and what to remember for the next. */
export function stepChanges(
  memory: StepMemory,
  session: SessionView,
): { readonly events: readonly AutopilotEvent[]; readonly memory: StepMemory } {
  const events: AutopilotEvent[] = [];
  const status = new Map<string, StepStatus>();
  const started = new Set(memory.started);
  for (const view of session.cases) {
    const ref = caseRef(view);
    for (const step of view.steps) {
      status.set(step.id, step.status);
      const isCurrent = session.current?.stepId === step.id;
      // A step judged between two readings was started too, though no reading showed it.
      const judged = step.status === 'passed' || step.status === 'failed';
      const fresh = memory.status.get(step.id) !== step.status;
      if ((step.status === 'in-progress' || isCurrent || (judged && fresh)) && !started.has(step.id)) {
        started.add(step.id);
        events.push({ kind: 'step.started', case: ref, step });
      }
      if (!fresh) continue;
      if (step.status === 'passed') events.push({ kind: 'step.passed', case: ref, step });
      if (step.status === 'failed')
        events.push({ kind: 'step.failed', case: ref, step, reason: step.reason ?? 'no reason given' });
      // A restarted session judges its steps again.
      if (step.status === 'not-tested' && !isCurrent) started.delete(step.id);
    }
  }
  return { events, memory: { status, started } };
}

/** The step the service waits for, with its case; null when every step has a verdict. */
export function currentStep(
  session: SessionView,
): { readonly case: CaseRef; readonly step: StepView } | null {
  if (session.current === null) return null;
  const view = session.cases.find((c) => c.id === session.current!.caseId);
  const step = view?.steps.find((s) => s.id === session.current!.stepId);
  return view && step ? { case: caseRef(view), step } : null;
}

/** Every step of the session with its case, in the service's order. */
export function allSteps(
  session: SessionView,
): readonly { readonly case: CaseRef; readonly step: StepView }[] {
  return session.cases.flatMap((view) => view.steps.map((step) => ({ case: caseRef(view), step })));
}

function caseRef(view: CaseView): CaseRef {
  return { id: view.id, title: view.title, section: view.section };
}
