// The second half of a prepared payment: once the goods are scanned, the amount, currency, card
// restrictions, merchant label and planned capture delay make it ready for the customer.
// Test ids: ready-amount, ready-currency (-DKK, -EUR), ready-debit-disallowed,
// ready-credit-disallowed, ready-label, ready-capture-delay, ready-submit, ready-problem.
import { useId, useState, type FormEvent } from 'react';
import type { BridgeArgs, CurrencyCode, PlannedCaptureDelay } from '../../shared/bridge/index.js';
import { ChoiceGroup } from '../components/choice-group.js';
import { ProblemMessage } from '../components/messages.js';
import { parseAmount } from '../lib/money.js';

/** The ready call's terms (the journal id is the store's). */
export type ReadyTerms = Omit<BridgeArgs['paymentReady'], 'journalId'>;

const delays: readonly { readonly value: PlannedCaptureDelay; readonly label: string }[] = [
  { value: 'None', label: 'Capture right away' },
  { value: 'LessThan24Hours', label: 'Within 24 hours' },
  { value: 'LessThan14Days', label: 'Within 14 days' },
];

/** The form that readies a prepared payment. */
export function ReadyForm({
  initialAmount,
  initialCurrency,
  busy,
  onReady,
}: {
  readonly initialAmount: string;
  readonly initialCurrency: CurrencyCode;
  readonly busy: boolean;
  readonly onReady: (terms: ReadyTerms) => void;
}) {
  const [amountText, setAmountText] = useState(initialAmount);
  const [currency, setCurrency] = useState<CurrencyCode>(initialCurrency);
  const [debitDisallowed, setDebitDisallowed] = useState(false);
  const [creditDisallowed, setCreditDisallowed] = useState(false);
  const [label, setLabel] = useState('');
  const [delay, setDelay] = useState<PlannedCaptureDelay>('None');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { amount: useId(), label: useId(), delay: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amount = parseAmount(amountText);
    if (amount === null) return setProblem('Type the amount to pay, such as 125.50.');
    if (debitDisallowed && creditDisallowed) return setProblem('At least one kind of card must be allowed.');
    setProblem(null);
    const restrictions =
      debitDisallowed || creditDisallowed
        ? { debitCardDisallowed: debitDisallowed, creditCardDisallowed: creditDisallowed }
        : null;
    onReady({
      amount,
      currencyCode: currency,
      restrictions,
      merchantPaymentLabel: label.trim() === '' ? null : label.trim(),
      plannedCaptureDelay: delay,
    });
  };

  return (
    <form className="form ready-form" onSubmit={submit} aria-labelledby="ready-title">
      <h3 id="ready-title">Ready the payment</h3>
      <div className="field">
        <label htmlFor={ids.amount}>Amount</label>
        <input
          id={ids.amount}
          data-testid="ready-amount"
          inputMode="decimal"
          autoComplete="off"
          value={amountText}
          onChange={(event) => setAmountText(event.target.value)}
        />
      </div>
      <ChoiceGroup
        legend="Currency"
        testIdPrefix="ready-currency"
        value={currency}
        onChange={setCurrency}
        choices={[
          { value: 'DKK', label: 'DKK' },
          { value: 'EUR', label: 'EUR' },
        ]}
      />
      <fieldset className="checks">
        <legend>Restrictions</legend>
        <label className="check">
          <input
            type="checkbox"
            data-testid="ready-debit-disallowed"
            checked={debitDisallowed}
            onChange={(event) => setDebitDisallowed(event.target.checked)}
          />
          Debit cards not allowed
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="ready-credit-disallowed"
            checked={creditDisallowed}
            onChange={(event) => setCreditDisallowed(event.target.checked)}
          />
          Credit cards not allowed
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={ids.label}>Merchant payment label (optional)</label>
        <input
          id={ids.label}
          data-testid="ready-label"
          maxLength={36}
          value={label}
          onChange={(event) => setLabel(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.delay}>Planned capture</label>
        <select
          id={ids.delay}
          data-testid="ready-capture-delay"
          value={delay}
          onChange={(event) => setDelay(event.target.value as PlannedCaptureDelay)}
        >
          {delays.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <ProblemMessage text={problem} testId="ready-problem" />
      <button type="submit" className="button primary big" data-testid="ready-submit" disabled={busy}>
        Ready: ask the customer to pay
      </button>
    </form>
  );
}
