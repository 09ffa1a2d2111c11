// The Certification tab: link the till to a self-certification session (the embedded emulator's
// service or another one), then follow it while doing each step with the normal checkout. Before a
// session: the start form (CertificationStart); during one: CertificationSession.
// Test ids: certification-screen (data-connected), cert-problem, error-message, plus those of
// certification-start.tsx, certification-session.tsx and certification-cases.tsx.
import { useEffect } from 'react';
import { FailureMessage, ProblemMessage } from '../components/messages.js';
import { useCertificationStore } from '../stores/certification-store.js';
import { CertificationSession } from './certification-session.js';
import { CertificationStart } from './certification-start.js';

/** The certification screen. */
export function CertificationScreen() {
  const certification = useCertificationStore((state) => state.certification);
  const error = useCertificationStore((state) => state.error);
  useEffect(() => {
    const store = useCertificationStore.getState();
    if (store.certification === null && store.busy !== 'load') void store.load();
  }, []);

  if (certification === null)
    return (
      <>
        <FailureMessage failure={error} />
        <p className="empty">Loading the certification…</p>
      </>
    );
  return (
    <div data-testid="certification-screen" data-connected={String(certification.connected)}>
      <h2 className="visually-hidden">Self-certification</h2>
      <ProblemMessage text={certification.problem} testId="cert-problem" />
      <FailureMessage failure={error} />
      {certification.connected ? <CertificationSession view={certification} /> : <CertificationStart />}
    </div>
  );
}
