// The payment's live state timeline: every state seen (with its time) and, greyed out, the states
// still expected on the happy path. Test ids: state-timeline, timeline-step (data-status, data-state).
import type { PaymentView } from '../../shared/bridge/index.js';
import { formatTime } from '../lib/money.js';
import { isCancelledStatus, upcomingSteps } from '../lib/payment-words.js';

/** An ordered list of the payment's states; the last seen one is marked current. */
export function StateTimeline({ payment }: { readonly payment: PaymentView }) {
  const seen = payment.timeline;
  const upcoming = upcomingSteps(payment);
  return (
    <ol className="timeline" data-testid="state-timeline" aria-label="Payment states">
      {seen.map((step, index) => {
        const isLast = index === seen.length - 1;
        const tone = isCancelledStatus(step.status) ? 'cancelled' : isLast ? 'current' : 'done';
        return (
          <li
            key={`${step.status}-${step.at}`}
            className={`timeline-step timeline-${tone}`}
            data-testid="timeline-step"
            data-status={step.status}
            data-state={isLast ? 'current' : 'done'}
            aria-current={isLast ? 'step' : undefined}
          >
            <span className="timeline-name">{step.status}</span>
            <time className="timeline-time" dateTime={new Date(step.at).toISOString()}>
              {formatTime(step.at)}
            </time>
          </li>
        );
      })}
      {upcoming.map((status) => (
        <li
          key={status}
          className="timeline-step timeline-upcoming"
          data-testid="timeline-step"
          data-status={status}
          data-state="upcoming"
        >
          <span className="timeline-name">{status}</span>
          <span className="visually-hidden"> (not yet)</span>
        </li>
      ))}
    </ol>
  );
}
