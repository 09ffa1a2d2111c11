// What the till says to the cashier: a failure (one sentence and the code for the tester, announced
// at once), a plain problem with a form, and the status area of the host's own notices.
// Test ids: error-message (data-code), notices, notice, notice-dismiss.
import type { BridgeFailure } from '../../shared/bridge/index.js';
import { describeFailure, failureLine } from '../lib/failure-text.js';
import { formatTime } from '../lib/money.js';
import { useAppStore } from '../stores/app-store.js';

/** Shows a bridge failure (nothing when there is none); role=alert so screen readers say it now. */
export function FailureMessage({
  failure,
  testId = 'error-message',
}: {
  readonly failure: BridgeFailure | null;
  readonly testId?: string;
}) {
  if (failure === null) return null;
  const text = describeFailure(failure);
  return (
    <div className="failure" role="alert" data-testid={testId} data-code={text.code}>
      <p className="failure-sentence">
        {text.sentence} <span className="failure-code">({text.code})</span>
      </p>
      {text.detail ? <p className="failure-detail">{text.detail}</p> : null}
    </div>
  );
}

/** A plain problem in words (no code), e.g. a form that is not filled in yet. */
export function ProblemMessage({ text, testId }: { readonly text: string | null; readonly testId?: string }) {
  if (text === null) return null;
  return (
    <p className="problem" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}

/** The host's recent notices and errors. */
export function Notices() {
  const notices = useAppStore((state) => state.notices);
  const dismiss = useAppStore((state) => state.dismissNotice);
  return (
    <div className="notices" data-testid="notices" aria-live="polite" aria-relevant="additions">
      {notices.map((notice) => (
        <p key={notice.id} className={notice.failure ? 'notice notice-error' : 'notice'} data-testid="notice">
          <span className="notice-time">{formatTime(notice.at)}</span>{' '}
          <span className="notice-topic">{notice.topic}:</span>{' '}
          {notice.failure ? failureLine(notice.failure) : notice.text}
          <button
            type="button"
            className="button link"
            data-testid="notice-dismiss"
            aria-label="Dismiss this notice"
            onClick={() => dismiss(notice.id)}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
