// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { describeFailure, failureLine, thrownFailure } from '../../../src/renderer/lib/failure-text.js';
import { makeFailure } from '../fixtures.js';

describe('failure text', () => {
  it('says an API refusal in cashier words with the API code for the tester', () => {
    expect(failureLine(makeFailure())).toBe('A payment is already active on this till (1301)');
  });

  it('keeps the host message as detail when the sentence differs', () => {
    const text = describeFailure(makeFailure());
    expect(text.detail).toBe('A payment is already active. Cancel it before starting a new one');
  });

  it('words our own transport codes and shows the code when the API gave none', () => {
    const text = describeFailure(
      makeFailure({ code: 'pos.timeout', apiCode: null, message: 'POST timed out' }),
    );
    expect(text.sentence).toMatch(/did not answer in time/);
    expect(text.code).toBe('pos.timeout');
  });

  it('falls back to the host message for codes it does not know', () => {
    const failure = makeFailure({
      code: 'flow.not-onboarded',
      apiCode: null,
      message: 'The terminal has no point of sale yet.',
    });
    expect(failureLine(failure)).toBe('The terminal has no point of sale yet. (flow.not-onboarded)');
    expect(describeFailure(failure).detail).toBeNull();
  });

  it('turns a thrown transport error into a retryable bridge failure', () => {
    expect(thrownFailure(new Error('socket closed'))).toEqual({
      code: 'bridge',
      message: 'socket closed',
      apiCode: null,
      retryable: true,
    });
  });
});
