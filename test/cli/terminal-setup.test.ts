// How the terminal commands word a failure: one line, with the API's code, name and words for a
// refusal, the URL for a backend that does not answer, and the flow's code for the engine's refusals.
import { describe, expect, it } from 'vitest';
import { CommandFailure, explainError, recoveryLines } from '../../src/cli/terminal-setup.js';
import { TerminalApiError } from '../../src/terminal/api/index.js';
import { FlowError } from '../../src/terminal/flows/flow-error.js';
import type { RecoveryReport } from '../../src/terminal/flows/recovery.js';

const URL = 'http://127.0.0.1:8080';

describe('failure lines', () => {
  it('give an API refusal with its code, name, HTTP status and message', () => {
    const error = new TerminalApiError({
      code: 'pos.api',
      message: 'POST /pos/v10/refunds was refused: 409 1367 (RefundAmountTooHigh) captured 12.50',
      apiCode: '1367',
      apiMessage: 'Refund Amount is too high: captured 12.50, already refunded 5.00',
      status: 409,
      method: 'POST',
      path: '/pos/v10/refunds',
      attempts: 1,
    });
    expect(explainError(error, URL)).toBe(
      'POST /pos/v10/refunds refused with API code 1367 RefundAmountTooHigh (HTTP 409): ' +
        'Refund Amount is too high: captured 12.50, already refunded 5.00',
    );
  });

  it('name the URL when the backend cannot be reached', () => {
    const error = new TerminalApiError({
      code: 'pos.network',
      message: 'GET /pos/v10/payments/x failed on the network after 3 attempts (ECONNREFUSED)',
      method: 'GET',
      path: '/pos/v10/payments/x',
      attempts: 3,
    });
    expect(explainError(error, URL)).toBe(
      `cannot reach the PoS API at ${URL}: GET /pos/v10/payments/x failed on the network after 3 attempts (ECONNREFUSED)`,
    );
  });

  it('point at the credentials on a 401', () => {
    const error = new TerminalApiError({
      code: 'pos.unauthorized',
      message: 'refused',
      status: 401,
      method: 'POST',
      path: '/integrator-authentication/connect/token',
      attempts: 1,
    });
    expect(explainError(error, URL)).toMatch(
      /refused the credentials \(HTTP 401\); check --client-id and --client-secret$/,
    );
  });

  it('give the flow’s words and code, and pass worded failures through unchanged', () => {
    expect(explainError(new FlowError('flow.not-onboarded'), URL)).toBe(
      'The terminal has no point of sale yet. [flow.not-onboarded]',
    );
    expect(explainError(new CommandFailure('cannot reach the PoS API at x'), URL)).toBe(
      'cannot reach the PoS API at x',
    );
    expect(explainError(new Error('boom'), URL)).toBe('boom');
  });
});

describe('recovery lines', () => {
  it('mention only the parts of the start-up recovery that did something', () => {
    const report = {
      found: [],
      notCreated: ['a'],
      cancelled: ['b', 'c'],
      resumed: [],
      undecided: [],
      failed: [],
    };
    expect(recoveryLines(report as unknown as RecoveryReport)).toEqual([
      'recovery: payments that never reached MobilePay: 1',
      'recovery: interrupted payments cancelled: 2',
    ]);
  });
});
