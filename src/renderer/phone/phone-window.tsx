// The phone simulator: pick a sandbox test user, "scan" the customer display's QR code (decoded in
// the browser) or find the till by Bluetooth (PhoneBluetooth), see where you checked in, and accept
// or decline the payment; auto-accept for demos.
// Test ids: phone-window, phone-user-picker, phone-scan, phone-scan-problem, phone-checkin-confirmation,
// phone-pending, phone-pending-amount, phone-accept, phone-decline, phone-auto-accept,
// phone-auto-accept-seconds, phone-last-action, plus the Bluetooth section's (phone-ble-*,
// phone-distance).
import { useEffect, useId } from 'react';
import { FailureMessage, ProblemMessage } from '../components/messages.js';
import { formatAmount } from '../lib/money.js';
import { usePhoneStore } from '../stores/phone-store.js';
import { PhoneBluetooth } from './phone-bluetooth.js';
import type { QrImageDecoder } from './scan-qr.js';

const autoAcceptChoices = [1, 3, 5, 10];
const lastActionWords = {
  'checked-in': 'Checked in',
  accepted: 'Payment accepted',
  declined: 'Payment declined',
};

/** The phone; `decodeQr` is injectable because jsdom has no canvas. */
export function PhoneWindow({ decodeQr }: { readonly decodeQr?: QrImageDecoder }) {
  const {
    users,
    phone,
    selected,
    busy,
    error,
    scanProblem,
    select,
    scanAndCheckIn,
    accept,
    decline,
    setAutoAccept,
  } = usePhoneStore();
  const ids = { user: useId(), seconds: useId() };
  useEffect(() => {
    void usePhoneStore.getState().load();
  }, []);

  const checkedIn = phone?.checkedIn ?? null;
  const pending = phone?.pending ?? null;
  // A paired prepared payment has no amount yet: the customer may only decline it.
  const acceptable = pending?.status === 'IssuedToUser';
  const answerable = acceptable || pending?.status === 'Paired';
  const autoSeconds = phone?.autoAcceptSeconds ?? null;
  return (
    <main className="window phone-window" data-testid="phone-window">
      <div className="phone">
        <h1>MobilePay</h1>
        <div className="field">
          <label htmlFor={ids.user}>Test user</label>
          <select
            id={ids.user}
            data-testid="phone-user-picker"
            value={selected ?? ''}
            onChange={(e) => select(e.target.value)}
          >
            {users.map((user) => (
              <option key={user.phoneNumber} value={user.phoneNumber}>
                {user.phoneNumber} · {user.paymentSource} · {user.feature}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button primary big"
          data-testid="phone-scan"
          disabled={busy !== null || selected === null}
          onClick={() => void scanAndCheckIn(decodeQr)}
        >
          Scan QR code
        </button>
        <ProblemMessage text={scanProblem} testId="phone-scan-problem" />
        <FailureMessage failure={error} />
        <PhoneBluetooth />
        {checkedIn ? (
          <section className="phone-card" data-testid="phone-checkin-confirmation" aria-label="Checked in">
            <p className="phone-brand">{checkedIn.brandName}</p>
            <p>{checkedIn.storeName}</p>
            <p className="hint">{checkedIn.posName}</p>
          </section>
        ) : null}
        <section
          className="phone-card phone-pending"
          data-testid="phone-pending"
          aria-live="polite"
          aria-label="Payment request"
        >
          {pending ? (
            <>
              <p className="phone-amount" data-testid="phone-pending-amount">
                {pending.amount === null
                  ? 'Amount follows'
                  : formatAmount(pending.amount, pending.currencyCode)}
              </p>
              <p className="hint">
                {acceptable
                  ? 'Pay this amount?'
                  : answerable
                    ? 'The cashier is still ringing up.'
                    : pending.status}
              </p>
            </>
          ) : (
            <p className="hint">
              {checkedIn
                ? 'Waiting for the cashier…'
                : 'Scan the QR code at the till, or find it by Bluetooth, to pay.'}
            </p>
          )}
        </section>
        {answerable ? (
          <div className="phone-answer">
            <button
              type="button"
              className="button danger big"
              data-testid="phone-decline"
              disabled={busy !== null}
              onClick={() => void decline()}
            >
              Decline
            </button>
            <button
              type="button"
              className="button primary big"
              data-testid="phone-accept"
              disabled={busy !== null || !acceptable}
              onClick={() => void accept()}
            >
              Accept
            </button>
          </div>
        ) : null}
        <div className="phone-auto">
          <label className="check">
            <input
              type="checkbox"
              data-testid="phone-auto-accept"
              checked={autoSeconds !== null}
              onChange={(e) => void setAutoAccept(e.target.checked ? 3 : null)}
            />
            Accept automatically
          </label>
          <label htmlFor={ids.seconds}>after</label>
          <select
            id={ids.seconds}
            data-testid="phone-auto-accept-seconds"
            value={autoSeconds ?? 3}
            disabled={autoSeconds === null}
            onChange={(e) => void setAutoAccept(Number(e.target.value))}
          >
            {autoAcceptChoices.map((seconds) => (
              <option key={seconds} value={seconds}>
                {seconds} s
              </option>
            ))}
          </select>
        </div>
        {phone?.lastAction ? (
          <p className="hint" data-testid="phone-last-action">
            {lastActionWords[phone.lastAction.kind]}
          </p>
        ) : null}
      </div>
    </main>
  );
}
