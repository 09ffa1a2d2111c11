// The customer display: legible at three metres on a second monitor. The beacon's QR code large,
// the amount big, the state in words, a thank-you after capture; dark on light, high contrast.
// Test ids: customer-window (data-phase), customer-qr, customer-no-qr, customer-amount,
// customer-phase, customer-thanks, customer-place.
import { useEffect } from 'react';
import { FailureMessage } from '../components/messages.js';
import { formatAmount } from '../lib/money.js';
import { phaseWords, useDisplayStore } from '../stores/display-store.js';

/** Phases in which the amount means something to the customer. */
const showsAmount = new Set(['awaiting-customer', 'reserved', 'thanks']);

/** The customer-facing screen. */
export function CustomerWindow() {
  const display = useDisplayStore((state) => state.display);
  const error = useDisplayStore((state) => state.error);
  useEffect(() => {
    void useDisplayStore.getState().load();
  }, []);

  const phase = display?.phase ?? 'closed';
  const amount =
    display && showsAmount.has(phase) ? formatAmount(display.amount, display.currencyCode) : null;
  return (
    <main className="window customer-window" data-testid="customer-window" data-phase={phase}>
      <h1 className="visually-hidden">Customer display</h1>
      <div className="customer-code">
        {display?.qrImage && phase !== 'thanks' ? (
          <img
            className="customer-qr"
            data-testid="customer-qr"
            src={display.qrImage}
            alt="MobilePay QR code: scan it with the MobilePay app to pay here"
          />
        ) : phase === 'thanks' ? (
          <p className="customer-thanks" data-testid="customer-thanks">
            Thank you!
          </p>
        ) : (
          <p className="customer-no-qr" data-testid="customer-no-qr">
            MobilePay
          </p>
        )}
      </div>
      <div className="customer-info">
        {amount ? (
          <p className="customer-amount" data-testid="customer-amount">
            {amount}
          </p>
        ) : null}
        <p className="customer-phase" data-testid="customer-phase" role="status" aria-live="polite">
          {phaseWords[phase]}
        </p>
        {display?.storeName || display?.posName ? (
          <p className="customer-place" data-testid="customer-place">
            {[display.storeName, display.posName].filter(Boolean).join(' · ')}
          </p>
        ) : null}
        <FailureMessage failure={error} />
      </div>
    </main>
  );
}
