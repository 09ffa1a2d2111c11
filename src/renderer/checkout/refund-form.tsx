// Refund part or all of what is left of a captured payment; it may be used several times.
// Test ids: refund-remaining, refund-amount, refund-create, refund-all, refund-problem.
import { useId, useState, type FormEvent } from 'react';
import type { CurrencyCode } from '../../shared/bridge/index.js';
import { ProblemMessage } from '../components/messages.js';
import { formatAmount, parseAmount } from '../lib/money.js';

interface RefundFormProps {
  readonly remaining: number;
  readonly currency: CurrencyCode | null;
  readonly busy: boolean;
  /** Resolves true when the refund was created (the form then empties). */
  readonly onRefund: (amount: number) => Promise<boolean>;
}

/** Why this typed refund cannot be sent; null when it can. */
export function refundProblem(typed: string, remaining: number): string | null {
  if (remaining <= 0) return 'Nothing is left to refund on this payment.';
  const amount = parseAmount(typed);
  if (amount === null) return 'Type the amount to refund, such as 25.00.';
  if (amount > remaining) return `At most ${remaining.toFixed(2)} is left to refund.`;
  return null;
}

/** The refund amount field with "Refund" and "Refund all remaining". */
export function RefundForm({ remaining, currency, busy, onRefund }: RefundFormProps) {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();

  const send = async (amount: number) => {
    if (await onRefund(amount)) setTyped('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = refundProblem(typed, remaining);
    setProblem(found);
    const amount = parseAmount(typed);
    if (found === null && amount !== null) void send(amount);
  };

  return (
    <form className="form refund-form" onSubmit={submit} aria-label="New refund">
      <p>
        Left to refund: <strong data-testid="refund-remaining">{formatAmount(remaining, currency)}</strong>
      </p>
      <div className="field inline">
        <label htmlFor={inputId}>Refund amount</label>
        <input
          id={inputId}
          data-testid="refund-amount"
          inputMode="decimal"
          autoComplete="off"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button
          type="submit"
          className="button primary"
          data-testid="refund-create"
          disabled={busy || remaining <= 0}
        >
          Refund
        </button>
        <button
          type="button"
          className="button"
          data-testid="refund-all"
          disabled={busy || remaining <= 0}
          onClick={() => {
            setProblem(null);
            void send(remaining);
          }}
        >
          Refund all remaining
        </button>
      </div>
      <ProblemMessage text={problem} testId="refund-problem" />
    </form>
  );
}
