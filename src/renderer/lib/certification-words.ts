// The self-certification session in words and numbers: statuses, progress, the step the service
// waits for, the verdict, the report's and certificate's addresses, and the sections a start sends.
// Pure functions of the host's views, so the screen, its case list and the header chip agree.
import {
  CERTIFICATION_CONTROL_PREFIX,
  CERTIFICATION_SECTIONS,
  type CaseView,
  type SectionId,
  type SessionView,
  type StepStatus,
  type StepView,
} from '../../shared/certification.js';
import type { CertificationView } from '../../shared/bridge/index.js';

/** A step's or case's status as the old site said it. */
export const statusWords: Readonly<Record<StepStatus, string>> = {
  'not-tested': 'Not tested',
  'in-progress': 'In progress',
  passed: 'Passed',
  failed: 'Failed',
};

/** The one section every certification includes (the service adds it anyway). */
export const MANDATORY_SECTION: SectionId = 'onboarding';

/** Sections a new certification selects until the tester changes them: all but the optional loyalty. */
export const defaultSections: readonly SectionId[] = CERTIFICATION_SECTIONS.filter((id) => id !== 'loyalty');

/** The sections to send, in the site's order, onboarding always among them. */
export function sectionsToStart(chosen: readonly SectionId[]): SectionId[] {
  return CERTIFICATION_SECTIONS.filter((id) => id === MANDATORY_SECTION || chosen.includes(id));
}

/** Why this service URL cannot be used; null when it can. */
export function serviceUrlProblem(url: string): string | null {
  return /^https?:\/\/\S+$/.test(url)
    ? null
    : 'The certification service needs a URL starting with http:// or https://.';
}

export interface Progress {
  readonly steps: number;
  readonly judged: number;
  readonly passed: number;
  readonly failed: number;
}

/** How many steps have a verdict, and which. */
export function sessionProgress(session: SessionView): Progress {
  const steps = session.cases.flatMap((item) => item.steps);
  const passed = steps.filter((step) => step.status === 'passed').length;
  const failed = steps.filter((step) => step.status === 'failed').length;
  return { steps: steps.length, judged: passed + failed, passed, failed };
}

/** "3 of 20 steps judged · 2 passed · 1 failed". */
export function progressText(progress: Progress): string {
  return `${progress.judged} of ${progress.steps} steps judged · ${progress.passed} passed · ${progress.failed} failed`;
}

/** "Case 2" within its section, as the site numbered them. */
export function caseNumber(session: SessionView, item: CaseView): number {
  return session.cases.filter((other) => other.section === item.section).indexOf(item) + 1;
}

/** The step the service waits for, with its case; null when every step has a verdict. */
export function currentStep(
  session: SessionView,
): { readonly case: CaseView; readonly step: StepView; readonly number: number } | null {
  if (session.current === null) return null;
  const { caseId, stepId } = session.current;
  const item = session.cases.find((candidate) => candidate.id === caseId);
  const step = item?.steps.find((candidate) => candidate.id === stepId);
  return item && step ? { case: item, step, number: caseNumber(session, item) } : null;
}

/** The verdict of a completed session in one sentence. */
export function resultText(session: SessionView): string {
  if (session.passed) return 'Certification passed: every step passed.';
  const { failed } = sessionProgress(session);
  return `Certification failed: ${failed} ${failed === 1 ? 'step' : 'steps'} failed.`;
}

/** Where the service serves this session's printable report and its signed certificate. */
export function sessionLinks(
  serviceUrl: string,
  sessionId: string,
): { readonly report: string; readonly certificate: string } {
  const base = `${serviceUrl.replace(/\/+$/, '')}${CERTIFICATION_CONTROL_PREFIX}/api/sessions/${encodeURIComponent(sessionId)}`;
  return { report: `${base}/report`, certificate: `${base}/certificate` };
}

/** The header chip's text while connected: that the till is certifying, and the verdict once there is one. */
export function certificationChipText(view: CertificationView): string {
  const session = view.session;
  if (session === null || session.phase !== 'completed') return 'Certifying';
  return session.passed ? 'Certifying: passed' : 'Certifying: failed';
}

/** The step judged last (the latest verdict), so the tester sees a pass or a fail as it happens. */
export function lastVerdict(
  session: SessionView,
): { readonly case: CaseView; readonly step: StepView } | null {
  let last: { readonly case: CaseView; readonly step: StepView } | null = null;
  for (const item of session.cases)
    for (const step of item.steps) {
      if (step.status !== 'passed' && step.status !== 'failed') continue;
      if (last === null || (step.endedAt ?? 0) >= (last.step.endedAt ?? 0)) last = { case: item, step };
    }
  return last;
}
