// Capture in full or in part, and cancel, for a reserved payment. The partial capture button stays
// visible but disabled with its reason when the customer's card does not allow it.
// Test ids: capture-full, capture-partial-amount, capture-partial, partial-capture-reason, cancel-payment.
import { useId, useState } from 'react';
import type { PaymentView } from '../../shared/bridge/index.js';
import { formatAmount, parseAmount } from '../lib/money.js';
import { canCancelPayment, canCapturePayment } from '../lib/payment-words.js';

interface CaptureControlsProps {
  readonly payment: PaymentView;
  readonly busy: string | null;
  readonly onCapture: (amount?: number) => void;
  readonly onCancel: () => void;
}

/** Why a partial capture of this amount cannot be sent; null when it can. */
export function partialCaptureProblem(payment: PaymentView, typed: string): string | null {
  if (payment.partialCapturePossible === false)
    return "The customer's card does not allow partial capture: capture all or cancel.";
  if (typed.trim() === '') return 'Type the amount to capture.';
  const amount = parseAmount(typed);
  if (amount === null) return 'Type an amount such as 12.50.';
  if (payment.amount !== null && amount > payment.amount)
    return `That is more than the reserved ${formatAmount(payment.amount, payment.currencyCode)}.`;
  return null;
}

/** The capture and cancel buttons of the payment panel. */
export function CaptureControls({ payment, busy, onCapture, onCancel }: CaptureControlsProps) {
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const reasonId = useId();
  const capturable = canCapturePayment(payment);
  const problem = partialCaptureProblem(payment, typed);
  const partialOff = payment.partialCapturePossible === false;
  const waiting = busy !== null;
  return (
    <div className="capture-controls">
      {capturable ? (
        <>
          <button
            type="button"
            className="button primary big"
            data-testid="capture-full"
            disabled={waiting}
            onClick={() => onCapture()}
          >
            Capture all {formatAmount(payment.amount, payment.currencyCode)}
          </button>
          <div className="partial-capture">
            <label htmlFor={inputId}>Partial amount</label>
            <input
              id={inputId}
              data-testid="capture-partial-amount"
              inputMode="decimal"
              autoComplete="off"
              value={typed}
              disabled={partialOff}
              aria-describedby={reasonId}
              onChange={(event) => setTyped(event.target.value)}
            />
            <button
              type="button"
              className="button"
              data-testid="capture-partial"
              disabled={waiting || problem !== null}
              aria-describedby={reasonId}
              onClick={() => {
                const amount = parseAmount(typed);
                if (amount !== null) onCapture(amount);
              }}
            >
              Capture part
            </button>
            <p id={reasonId} className="hint" data-testid="partial-capture-reason">
              {problem ?? ''}
            </p>
          </div>
        </>
      ) : null}
      {canCancelPayment(payment) ? (
        <button
          type="button"
          className="button danger"
          data-testid="cancel-payment"
          disabled={waiting}
          onClick={onCancel}
        >
          Cancel payment
        </button>
      ) : null}
    </div>
  );
}
