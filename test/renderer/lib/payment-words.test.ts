// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  canCancelPayment,
  canCapturePayment,
  isPaymentFinal,
  upcomingSteps,
} from '../../../src/renderer/lib/payment-words.js';
import { capturedPayment, makePayment, reservedPayment } from '../fixtures.js';

describe('payment words', () => {
  it('expects the rest of the happy path after the last seen state', () => {
    expect(upcomingSteps(makePayment())).toEqual(['IssuedToUser', 'Reserved', 'Captured']);
    expect(upcomingSteps(reservedPayment())).toEqual(['Captured']);
    expect(upcomingSteps(capturedPayment())).toEqual([]);
  });

  it('expects the prepared path before anything was seen', () => {
    expect(upcomingSteps(makePayment({ flow: 'prepare', status: 'Unknown', timeline: [] }))).toEqual([
      'Prepared',
      'Paired',
      'IssuedToUser',
      'Reserved',
      'Captured',
    ]);
  });

  it('lets the cashier cancel until capture, but not while a decision is on its way', () => {
    expect(canCancelPayment(reservedPayment())).toBe(true);
    expect(canCancelPayment(reservedPayment({ pendingDecision: 'capture' }))).toBe(false);
    expect(canCancelPayment(capturedPayment())).toBe(false);
    expect(canCapturePayment(makePayment())).toBe(false);
  });

  it('knows which states end a payment', () => {
    expect(isPaymentFinal('Refused')).toBe(true);
    expect(isPaymentFinal('ExpiredAndCancelled')).toBe(true);
    expect(isPaymentFinal('Reserved')).toBe(false);
  });
});
