// The contract oracle itself: it matches URLs to the right operation and it CAN fail. Without these,
// a contract scenario that reports zero violations could be a test that never looks.
import { describe, expect, it } from 'vitest';
import { startHarness } from '../emulator/harness.js';
import { recordContract } from './contract-recorder.js';
import { warnIfContractSkipped } from './contract-suite.js';
import { isRfc3339DateTime, loadPosContract, posYamlAvailable } from './openapi-contract.js';

const ID = '3974eae6-e36f-4148-b5ee-22689e528c75';
const payment = {
  paymentId: ID,
  posId: 'c85916b1-8e17-4275-a388-551e16aa6293',
  orderId: 'ORDER-12345',
  amount: 12.5,
  currencyCode: 'DKK',
  status: 'Reserved',
  paymentExpiresAt: '2022-10-17T06:07:45.4847176+00:00',
  partialCapturePossible: false,
  pollDelayInMs: 1000,
};
const error = { code: '1301', message: 'A payment is already active', correlationId: ID };
const messages = (violations: { message: string }[]): string => violations.map((v) => v.message).join(' | ');

describe('RFC 3339 date-time', () => {
  it('accepts UTC and offset times with any fraction, and refuses other layouts and impossible dates', () => {
    expect(
      ['2024-02-29T23:59:59Z', '2022-10-17T06:07:45.4847176+00:00', '2022-10-17t06:07:45-05:30'].map(
        isRfc3339DateTime,
      ),
    ).toEqual([true, true, true]);
    const invalid = [
      '17-10-2022 06:07:45 +00:00',
      '2023-02-29T00:00:00Z',
      '2022-10-17T06:07:45',
      '2022-13-01T00:00:00Z',
      '',
    ];
    expect(invalid.map(isRfc3339DateTime)).toEqual(invalid.map(() => false));
  });
});

warnIfContractSkipped();

describe.skipIf(!posYamlAvailable)('the PoS v10 contract oracle', () => {
  const contract = posYamlAvailable ? loadPosContract() : undefined;
  const validate = (method: string, url: string, status: number, body: unknown) =>
    contract!.validateResponse(method, url, status, body);

  it('matches concrete URLs to their templates, literal segments winning over templated ones', () => {
    expect(contract!.matchTemplate('/pos/v10/stores/detailed')).toBe('/pos/v10/stores/detailed');
    expect(contract!.matchTemplate(`/pos/v10/stores/${ID}`)).toBe('/pos/v10/stores/{storeid}');
    expect(contract!.matchTemplate('/pos/v10/payments/prepare')).toBe('/pos/v10/payments/prepare');
    expect(contract!.matchTemplate(`/pos/v10/payments/${ID}/capture`)).toBe(
      '/pos/v10/payments/{paymentid}/capture',
    );
    expect(contract!.matchTemplate(`/POS/v10/Payments/${ID}/?x=1`)).toBe('/pos/v10/payments/{paymentid}');
    expect(contract!.matchTemplate('/pos/v10/payments?posId=1')).toBe('/pos/v10/payments');
    expect(contract!.matchTemplate('/pos/app/usersimulation/checkin')).toBe(
      '/pos/app/usersimulation/checkin',
    );
    expect(contract!.matchTemplate('/pos/v10/nothing/here')).toBeNull();
  });

  it('passes documented bodies, including nullable fields and 200s without content', () => {
    expect(
      validate('GET', `/pos/v10/payments/${ID}`, 200, {
        ...payment,
        amount: null,
        currencyCode: null,
        restrictions: null,
      }),
    ).toEqual([]);
    expect(validate('POST', '/pos/v10/payments', 409, error)).toEqual([]);
    expect(validate('POST', `/pos/v10/payments/${ID}/capture`, 200, undefined)).toEqual([]);
    expect(validate('POST', '/pos/v10/refunds', 409, { ...error, origin: 'PoS' })).toEqual([]);
  });

  it('reports a property the schema does not define (additionalProperties: false)', () => {
    expect(messages(validate('GET', `/pos/v10/payments/${ID}`, 200, { ...payment, tip: 5 }))).toContain(
      'additional properties: tip',
    );
    expect(messages(validate('POST', '/pos/v10/payments', 409, { ...error, origin: 'PoS' }))).toContain(
      'additional properties: origin',
    );
  });

  it('reports a value outside an enum, and a missing required field', () => {
    expect(
      messages(validate('GET', `/pos/v10/payments/${ID}`, 200, { ...payment, status: 'Authorized' })),
    ).toContain('status: must be equal to one of the allowed values');
    const { pollDelayInMs: _missing, ...withoutPollDelay } = payment;
    expect(messages(validate('GET', `/pos/v10/payments/${ID}`, 200, withoutPollDelay))).toContain(
      'pollDelayInMs',
    );
  });

  it('reports malformed uuid and date-time values, and a wrong type', () => {
    const body = {
      ...payment,
      posId: 'till-1',
      paymentExpiresAt: '17-10-2022 06:07:45 +00:00',
      pollDelayInMs: 'soon',
    };
    const found = messages(validate('GET', `/pos/v10/payments/${ID}`, 200, body));
    expect(found).toContain('posId: must match format "uuid"');
    expect(found).toContain('paymentExpiresAt: must match format "date-time"');
    expect(found).toContain('pollDelayInMs: must be integer');
  });

  it('reports a status the operation does not document, and a missing documented body', () => {
    expect(messages(validate('POST', `/pos/v10/payments/${ID}/capture`, 422, error))).toContain(
      'status 422 is not documented',
    );
    expect(messages(validate('GET', '/pos/v10/stores', 200, undefined))).toContain('must be object');
    expect(messages(validate('PUT', '/pos/v10/payments', 200, undefined))).toContain('no PUT operation');
    expect(validate('GET', '/pos/v10/unknown', 200, {})[0]).toMatchObject({ operation: null, status: 200 });
  });

  it('reports a documented JSON body sent under another media type', () => {
    expect(
      messages(contract!.validateResponse('GET', '/pos/v10/stores', 200, { storeIds: [] }, 'text/plain')),
    ).toContain('application/json');
  });

  it('allows any body on statuses the document gives no content, and notes it', () => {
    const check = contract!.check('GET', `/pos/v10/payments/${ID}`, 404, { message: 'Payment not found' });
    expect(check.violations).toEqual([]);
    expect(check.notes).toEqual([expect.stringContaining('404 GET /pos/v10/payments/{paymentid}')]);
  });

  it('records every emulator response under the documented prefixes, including those inside harness helpers', async () => {
    const h = await startHarness();
    try {
      const recorder = recordContract(h.app, contract!);
      await h.createPos();
      expect(recorder.checked()).toBe(2);
      await h.token();
      expect(recorder.checked()).toBe(2);
      await h.api('GET', '/pos/v10/not-an-endpoint');
      expect(recorder.violations).toEqual([
        expect.objectContaining({
          status: 404,
          operation: null,
          message: 'no path of the document matches this URL',
        }),
      ]);
    } finally {
      await h.close();
    }
  });
});
