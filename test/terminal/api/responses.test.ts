// From an HTTP answer to a typed value or an error of the catalogue (errors.ts), keeping the API's
// own code, message and correlation id.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorOfAnswer, expectSuccess, parseAnswer } from '../../../src/terminal/api/responses.js';
import { isApiError, isTerminalApiError, terminalApiErrors } from '../../../src/terminal/api/errors.js';
import type { HttpAnswer } from '../../../src/terminal/api/http.js';
import { paymentIdResponseSchema } from '../../../src/shared/pos-v10/schemas.js';

const site = { method: 'POST', path: '/pos/v10/payments' };

function answer(status: number, body?: unknown, headers: Record<string, string> = {}): HttpAnswer {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers: new Headers(headers), text, json, attempts: 1 };
}

describe('reading answers', () => {
  it('names a documented refusal by the API code and its catalogue name', () => {
    const error = errorOfAnswer(
      answer(409, { code: '1301', message: 'A payment is already active', correlationId: 'c-9' }),
      site,
    );
    expect(error.toJSON()).toEqual({
      code: 'pos.api',
      message:
        'POST /pos/v10/payments was refused: 409 1301 (PaymentAlreadyActive) A payment is already active',
      retryable: false,
      apiCode: '1301',
      apiErrorName: 'PaymentAlreadyActive',
      apiMessage: 'A payment is already active',
      status: 409,
      correlationId: 'c-9',
      method: 'POST',
      path: '/pos/v10/payments',
      attempts: 1,
    });
    expect(isApiError(error, 'PaymentAlreadyActive')).toBe(true);
    expect(isApiError(error, 'PaymentNotFound')).toBe(false);
  });

  it('keeps a code the API does not document, without a catalogue name', () => {
    const error = errorOfAnswer(answer(409, { code: '1902', message: 'no payment for this user' }), site);
    expect(error).toMatchObject({ code: 'pos.api', apiCode: '1902' });
    expect(error.apiErrorName).toBeUndefined();
  });

  it('reads the correlation id as the reference example spells it (CorrelationId)', () => {
    const error = errorOfAnswer(answer(400, { code: '1099', message: 'bad', CorrelationId: 'C-1' }), site);
    expect(error.correlationId).toBe('C-1');
  });

  it('maps 401 to pos.unauthorized, 5xx to pos.server and anything else to pos.bad-response', () => {
    expect(errorOfAnswer(answer(401, { message: 'Unauthorized' }), site).code).toBe('pos.unauthorized');
    expect(errorOfAnswer(answer(503), site)).toMatchObject({ code: 'pos.server', retryable: true });
    expect(errorOfAnswer(answer(302, 'elsewhere'), site).code).toBe('pos.bad-response');
  });

  it("reads the token endpoint's OAuth error shape", () => {
    const error = errorOfAnswer(
      answer(401, { error: 'invalid_client', error_description: 'client authentication failed' }),
      site,
    );
    expect(error.apiMessage).toBe('client authentication failed');
  });

  it('parses a 2xx body with its wire schema', () => {
    expect(parseAnswer(answer(200, { paymentId: 'p-1', extra: 1 }), paymentIdResponseSchema, site)).toEqual({
      paymentId: 'p-1',
    });
  });

  it('turns a body that does not match, or is not JSON, into pos.bad-response', () => {
    for (const body of [{ id: 'p-1' }, 'not json', undefined]) {
      let caught: unknown;
      try {
        parseAnswer(answer(200, body), paymentIdResponseSchema, site);
      } catch (error) {
        caught = error;
      }
      expect(isTerminalApiError(caught) && caught.code).toBe('pos.bad-response');
    }
    expect(() => parseAnswer(answer(200, [1]), z.array(z.string()), site)).toThrow(/does not match/);
  });

  it('accepts any 2xx for endpoints without a body, and refuses the rest', () => {
    expect(() => expectSuccess(answer(200), site)).not.toThrow();
    expect(() => expectSuccess(answer(204), site)).not.toThrow();
    expect(() => expectSuccess(answer(409, { code: '1304' }), site)).toThrow(/1304 \(PaymentNotReserved\)/);
  });

  it('says for every code whether a later retry may help', () => {
    const retryable = Object.entries(terminalApiErrors)
      .filter(([, entry]) => entry.retryable)
      .map(([code]) => code);
    expect(retryable).toEqual(['pos.server', 'pos.timeout', 'pos.network']);
  });
});
