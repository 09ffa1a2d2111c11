// How a session's runtime state becomes the shared contract's views (CaseView, StepView), and how the
// catalogue is shown without a session. A case's status is derived from its steps, so it can never
// disagree with them.
import type { CaseStatus, CaseView, SectionId, StepStatus, StepView } from '../../shared/certification.js';
import type { ConductStepText } from './catalogue-conduct.js';
import type { CaseDefinition, StepDefinition } from './step-model.js';

/** A step while a session runs. Conduct steps have no definition (the tracker judges them). */
export interface StepRuntime {
  readonly def: StepDefinition | null;
  status: StepStatus;
  reason: string | null;
  startedAt: number | null;
  endedAt: number | null;
  /** Index into the session's requests where this step's window begins. */
  startIndex: number;
  /** Fault rules this step armed (removed when its case ends). */
  readonly faultIds: string[];
}

/** A case while a session runs: its steps and where the client operation under way began. */
export interface CaseRuntime {
  readonly def: CaseDefinition;
  readonly steps: StepRuntime[];
  /** Index into the session's requests where the client operation under way began. */
  operationIndex: number;
}

/** failed if any step failed; passed when all passed; in-progress once one started; else not-tested. */
export function caseStatus(steps: readonly { readonly status: StepStatus }[]): CaseStatus {
  if (steps.some((s) => s.status === 'failed')) return 'failed';
  if (steps.every((s) => s.status === 'passed')) return 'passed';
  if (steps.some((s) => s.status !== 'not-tested')) return 'in-progress';
  return 'not-tested';
}

function stepView(
  id: string,
  def: StepDefinition,
  runtime: Omit<StepRuntime, 'def' | 'faultIds' | 'startIndex'>,
): StepView {
  return {
    id,
    title: def.title,
    instruction: def.instruction,
    service: def.service,
    judges: def.judges,
    rule: def.rule,
    action: def.action,
    status: runtime.status,
    reason: runtime.reason,
    startedAt: runtime.startedAt,
    endedAt: runtime.endedAt,
  };
}

const untested = { status: 'not-tested', reason: null, startedAt: null, endedAt: null } as const;

/** A conduct rule as a step definition for display (its judge is the tracker's). */
function conductDefinition(text: ConductStepText): StepDefinition {
  return {
    title: text.title,
    instruction: text.instruction,
    service: text.service,
    judges: text.judges,
    rule: text.reference,
    action: null,
    judge: () => ({ kind: 'pending' }),
  };
}

/** The session's cases as views, the conduct case last. */
export function caseViews(
  cases: readonly CaseRuntime[],
  conduct: {
    readonly id: string;
    readonly section: SectionId;
    readonly title: string;
    readonly description: string;
  },
  conductTexts: readonly ConductStepText[],
  conductRuntime: readonly StepRuntime[],
): readonly CaseView[] {
  const views: CaseView[] = cases.map(({ def, steps }) => {
    const stepViews = steps.map((step, i) => stepView(`${def.id}.${i + 1}`, def.steps[i]!, step));
    return {
      id: def.id,
      section: def.section,
      title: def.title,
      description: def.description,
      status: caseStatus(stepViews),
      steps: stepViews,
    };
  });
  const conductViews = conductTexts.map((text, i) =>
    stepView(`${conduct.id}.${i + 1}`, conductDefinition(text), conductRuntime[i] ?? untested),
  );
  views.push({ ...conduct, status: caseStatus(conductViews), steps: conductViews });
  return views;
}

/** The catalogue without a session: every step not tested. */
export function catalogueViews(
  cases: readonly CaseDefinition[],
  conduct: Parameters<typeof caseViews>[1],
  conductTexts: readonly ConductStepText[],
): readonly CaseView[] {
  const runtimes = cases.map((def) => ({
    def,
    steps: def.steps.map((step) => ({ def: step, ...untested, startIndex: 0, faultIds: [] })),
    operationIndex: 0,
  }));
  return caseViews(runtimes, conduct, conductTexts, []);
}
