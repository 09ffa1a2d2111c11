// The session's cases, section by section, like the old site's test cases page: each case with its
// description and steps, each with its live status and, when it failed, the judge's reason.
// Test ids: cert-cases, cert-case-section (data-section), cert-case (data-case-id, data-status),
// cert-step (data-step-id, data-status; aria-current on the step the service waits for),
// cert-step-reason, cert-status.
import {
  SECTION_TITLES,
  type CaseView,
  type SessionView,
  type StepStatus,
  type StepView,
} from '../../shared/certification.js';
import { caseNumber, statusWords } from '../lib/certification-words.js';

/** A mark per status, so the list reads at a glance without relying on colour alone. */
const statusMarks: Readonly<Record<StepStatus, string>> = {
  'not-tested': '○',
  'in-progress': '…',
  passed: '✓',
  failed: '✗',
};

/** A status in a mark and a word. */
export function StatusBadge({ status }: { readonly status: StepStatus }) {
  return (
    <span className={`cert-badge cert-badge-${status}`} data-testid="cert-status" data-status={status}>
      <span aria-hidden="true">{statusMarks[status]}</span> {statusWords[status]}
    </span>
  );
}

/** One step: title, status and the judge's words. */
function Step({ step, current }: { readonly step: StepView; readonly current: boolean }) {
  return (
    <li
      className={`cert-step cert-step-${step.status}${current ? ' cert-step-current' : ''}`}
      data-testid="cert-step"
      data-step-id={step.id}
      data-status={step.status}
      aria-current={current ? 'step' : undefined}
    >
      <span className="cert-step-title">{step.title}</span>
      <StatusBadge status={step.status} />
      {step.reason ? (
        <p
          className={step.status === 'failed' ? 'cert-step-reason failed' : 'cert-step-reason'}
          data-testid="cert-step-reason"
        >
          {step.reason}
        </p>
      ) : null}
    </li>
  );
}

/** One case card: "Case 1: Onboard a PoS", its status, description and steps. */
function Case({
  item,
  number,
  currentStepId,
}: {
  readonly item: CaseView;
  readonly number: number;
  readonly currentStepId: string | null;
}) {
  return (
    <li
      className={`cert-case cert-case-${item.status}`}
      data-testid="cert-case"
      data-case-id={item.id}
      data-status={item.status}
    >
      <div className="cert-case-head">
        <h4>
          Case {number}: {item.title}
        </h4>
        <StatusBadge status={item.status} />
      </div>
      <p className="hint">{item.description}</p>
      <ol className="cert-steps">
        {item.steps.map((step) => (
          <Step key={step.id} step={step} current={step.id === currentStepId} />
        ))}
      </ol>
    </li>
  );
}

/** Every case of the session, grouped by section in the service's order. */
export function CertificationCases({ session }: { readonly session: SessionView }) {
  const currentStepId = session.current?.stepId ?? null;
  // The sections as the cases carry them, so no case is left out of the list.
  const sections = [...new Set(session.cases.map((item) => item.section))];
  return (
    <section aria-labelledby="cert-cases-title" data-testid="cert-cases">
      <h2 id="cert-cases-title">Cases</h2>
      {sections.map((section) => {
        const cases = session.cases.filter((item) => item.section === section);
        return (
          <div
            key={section}
            className="cert-case-section"
            data-testid="cert-case-section"
            data-section={section}
          >
            <h3>{SECTION_TITLES[section]}</h3>
            <ol className="cert-cases">
              {cases.map((item) => (
                <Case
                  key={item.id}
                  item={item}
                  number={caseNumber(session, item)}
                  currentStepId={currentStepId}
                />
              ))}
            </ol>
          </div>
        );
      })}
    </section>
  );
}
