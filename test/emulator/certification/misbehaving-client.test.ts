// The judge against a deliberately misbehaving client: each quirk must fail exactly the step whose
// rule it breaks, with a reason that says what the client did, and nothing else.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { certify, failures, startEmulator, type CertificationHarness } from './certification-harness.js';

let h: CertificationHarness;
beforeEach(async () => {
  h = await startEmulator();
});
afterEach(async () => h.close());

describe('a misbehaving client', () => {
  it('fails the timeout step of onboarding when it retries the create with a new idempotency key', async () => {
    const session = await certify(h, ['onboarding'], { newKeyOnFirstRetry: true });
    expect(failures(session)).toEqual({
      'onboarding-1.2': expect.stringMatching(/^the retry of the PoS create used a new idempotency key/),
    });
  });

  it('fails "Polling no faster than pollDelayInMs" when it polls every 200 ms', async () => {
    const session = await certify(h, ['payments'], { pollEveryMs: 200 });
    expect(failures(session)).toEqual({
      'conduct.4': expect.stringMatching(
        /^polled GET \/pos\/v10\/\S+ 200 ms after the previous poll; pollDelayInMs was 1000/,
      ),
    });
  });

  it('fails "Client headers on every call" when one call lacks the version header', async () => {
    const session = await certify(h, ['payments'], {
      dropVersionHeaderOn: (method, path) => method === 'GET' && path.endsWith('/checkin'),
    });
    expect(failures(session)).toEqual({
      'conduct.1': expect.stringMatching(
        /^GET \/pos\/v10\/pointofsales\/[^/]+\/checkin had no x-mobilepay-client-system-version header$/,
      ),
    });
  });

  it('fails "At most 5 retries of a call" when it retries a failing capture 6 times', async () => {
    // The backend keeps failing the first capture of the session (payments-1) seven times over.
    h.app.emulatorControl.faults.add({
      method: 'POST',
      path: '/pos-self-certification-api/pos/v10/payments/*/capture',
      times: 7,
      action: { kind: 'status', status: 503 },
    });
    const session = await certify(h, ['payments'], { retries: 7 });
    expect(failures(session)).toEqual({
      'conduct.2': expect.stringMatching(
        /^retried POST \/pos\/v10\/payments\/[^/]+\/capture 6 times \(7 requests\) while it kept failing/,
      ),
    });
  });

  it('fails "Check-in polled only while the QR code is shown" when it polls the check-in during payments', async () => {
    const session = await certify(h, ['payments'], { pollsCheckInDuringPayments: true });
    expect(failures(session)).toEqual({
      'conduct.5': expect.stringMatching(/^polled the check-in while a payment was \w+ on the PoS/),
    });
  });

  it('fails the cancel-by-user case when it captures the payment the customer cancelled', async () => {
    const session = await certify(h, ['payments'], { captureAfterUserCancel: true });
    expect(failures(session)).toEqual({
      'payments-4.3': expect.stringMatching(/^captured the payment after it was cancelled by the customer/),
    });
  });

  it('fails the partial-capture-not-possible case when it captures part of the amount anyway', async () => {
    const session = await certify(h, ['payments'], { partialCaptureAlways: true });
    expect(failures(session)).toEqual({
      'payments-7.2': expect.stringMatching(
        /^a partial capture where it was not possible: POST \/pos\/v10\/payments\/[^/]+\/capture asked for 60\.00 of 100\.00/,
      ),
    });
  });

  it('fails the timeout steps and "Timeouts respected" when it waits for answers held back 3 s', async () => {
    const session = await certify(h, ['onboarding'], { waitsForSlowAnswers: true });
    expect(failures(session)).toEqual({
      'onboarding-1.2': expect.stringMatching(
        /^no retry: after POST \/pos\/v10\/pointofsales the client went on with GET \/pos\/v10\/pointofsales\/\S+ instead of retrying/,
      ),
      'onboarding-1.3': expect.stringMatching(/^not reached: the call this step faults was not sent/),
      'onboarding-2.1': expect.stringMatching(/^no retry: nothing came within 30 s after DELETE/),
      'onboarding-2.2': expect.stringMatching(/^not reached: the call this step faults was not sent/),
      'conduct.3': expect.stringMatching(
        /^waited for the answer to POST \/pos\/v10\/pointofsales \(held back 3000 ms\) instead of giving up after 2000 ms \(and 1 more\)$/,
      ),
    });
  });
});
