import { describe, expect, it } from 'vitest';
import { PhoneError } from '../../src/customer/phone-error.js';
import { HostError, describeFailure, scrubSecrets } from '../../src/host/failure.js';
import { TerminalApiError } from '../../src/terminal/api/errors.js';
import { FlowError } from '../../src/terminal/flows/flow-error.js';
import { JournalError } from '../../src/terminal/journal/index.js';

const apiError = (init: Partial<ConstructorParameters<typeof TerminalApiError>[0]>) =>
  new TerminalApiError({
    code: 'pos.api',
    message: 'POST /pos/v10/payments answered 409',
    method: 'POST',
    path: '/pos/v10/payments',
    attempts: 1,
    ...init,
  });

describe('describeFailure', () => {
  it('words API code 1301 for the cashier and keeps the code for the tester', () => {
    expect(describeFailure(apiError({ apiCode: '1301', status: 409, apiMessage: 'already active' }))).toEqual(
      {
        code: 'pos.api',
        message: 'A payment is already active on this till.',
        apiCode: '1301',
        retryable: false,
      },
    );
  });

  it("quotes the API's own words only for codes it has no sentence for", () => {
    const failure = describeFailure(apiError({ apiCode: '1162', apiMessage: 'Invalid idempotency key' }));

    expect(failure.message).toBe('MobilePay refused the request (code 1162): Invalid idempotency key');
  });

  it('says what to do about refused credentials, and that network trouble may pass', () => {
    const unauthorized = describeFailure(apiError({ code: 'pos.unauthorized', status: 401 }));
    const network = describeFailure(apiError({ code: 'pos.network' }));

    expect(unauthorized.message).toMatch(/check the client id and secret in the settings/);
    expect(network).toMatchObject({ code: 'pos.network', retryable: true });
  });

  it("passes the host's own errors on with their stable codes", () => {
    expect(describeFailure(new HostError('busy'))).toEqual({
      code: 'busy',
      message: 'A payment is still in progress on this till: finish or cancel it first.',
      apiCode: null,
      retryable: true,
    });
    expect(describeFailure(new HostError('bad-input', 'Enter an amount.'))).toMatchObject({
      code: 'bad-input',
      message: 'Enter an amount.',
    });
  });

  it("maps the flows' situations onto the host catalogue where they are the same thing", () => {
    expect(describeFailure(new FlowError('flow.not-onboarded')).code).toBe('no-pos');
    expect(describeFailure(new FlowError('flow.unknown-payment')).code).toBe('not-found');
    expect(describeFailure(new FlowError('flow.partial-capture-not-possible')).code).toBe('bad-input');
    expect(describeFailure(new FlowError('flow.payment-ended', 'The payment is Captured.'))).toMatchObject({
      code: 'flow.payment-ended',
      message: 'The payment is Captured.',
    });
  });

  it("passes the phone's and the journal's errors on", () => {
    expect(describeFailure(new PhoneError('phone.unknown-beacon')).code).toBe('phone.unknown-beacon');
    expect(describeFailure(new JournalError('not_found', 'payment x')).code).toBe('not-found');
    expect(describeFailure(new JournalError('conflict', 'x')).code).toBe('journal.conflict');
  });

  it('never lets a credential through, whatever produced the message', () => {
    const failure = describeFailure(
      new Error(
        'fetch failed: Authorization: Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl client_secret=pos-sim-demo-secret',
      ),
    );

    expect(failure.code).toBe('internal');
    expect(failure.message).not.toMatch(/eyJ|pos-sim-demo-secret/);
    expect(failure.message).toContain('[redacted]');
  });
});

describe('scrubSecrets', () => {
  it('cuts bearer and basic credentials, secret fields and JWTs', () => {
    expect(scrubSecrets('Basic dXNlcjpwYXNz and Bearer abc.def')).toBe(
      'Basic [redacted] and Bearer [redacted]',
    );
    expect(scrubSecrets('{"clientSecret":"hunter2"}')).toBe('{"clientSecret":"[redacted]"}');
    expect(scrubSecrets('a payment of 12.50 DKK')).toBe('a payment of 12.50 DKK');
  });
});
