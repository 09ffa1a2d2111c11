// Specification of the rules every /pos/v10 call passes first (docs/api-principles.md, docs/api-errors.mdx,
// docs/input-and-output-formats.md): a valid, unexpired access token for the calling client (401), the
// documented headers (400 1151-1161), the token's merchant_vat claim (1182) and, on the four creating
// POSTs, the idempotency key (1162-1164). Duplicated headers go over a real socket: inject() folds them.
import type { IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair } from 'jose';
import { headerValues, readCaller, readIdempotencyKey } from '../../../src/emulator/http/caller.js';
import type { AccessTokenClaims } from '../../../src/emulator/auth/token-service.js';
import {
  DEMO_STORE_ID,
  DEMO_VAT,
  OTHER_MERCHANT_STORE_ID,
  OTHER_MERCHANT_VAT,
  demoClient,
  otherClient,
  type Harness,
} from '../harness.js';
import {
  basic,
  expectPosError,
  expectUnauthorized,
  listenOnLoopback,
  posHeaderPairs,
  rawHttp,
  requestToken,
  resign,
  startAuthHarness,
  tamperPayload,
  tamperSignature,
  type HeaderPair,
} from '../auth/support.js';

const STORES = '/pos/v10/stores?merchantBrandId=POSDK12345&merchantLocationId=10001';
const SOME_ID = '11111111-2222-4333-8444-555555555555';

let harness: Harness;

beforeEach(async () => {
  harness = await startAuthHarness();
});

afterEach(async () => {
  await harness.close();
});

/** The well-behaved client's headers without the named ones. */
function headersWithout(...names: string[]): Record<string, string> {
  const headers = harness.headers();
  for (const name of names) delete headers[name];
  return headers;
}

const getStores = (headers: Record<string, string>) => harness.api('GET', STORES, undefined, headers);

async function tokenFor(form: Record<string, string>, client = demoClient): Promise<string> {
  const response = await requestToken(harness.app, form, client);
  expect(response.statusCode).toBe(200);
  return (response.json() as { access_token: string }).access_token;
}

describe('PoS v10 authentication', () => {
  const everyEndpoint: ReadonlyArray<readonly [method: 'GET' | 'POST' | 'DELETE', url: string]> = [
    ['GET', STORES],
    ['GET', `/pos/v10/stores/detailed?merchantBrandId=POSDK12345`],
    ['GET', `/pos/v10/stores/${DEMO_STORE_ID}`],
    ['POST', '/pos/v10/pointofsales'],
    ['GET', `/pos/v10/pointofsales?merchantPosId=till-1`],
    ['GET', `/pos/v10/pointofsales/${SOME_ID}`],
    ['DELETE', `/pos/v10/pointofsales/${SOME_ID}`],
    ['GET', `/pos/v10/pointofsales/${SOME_ID}/checkin`],
    ['POST', '/pos/v10/payments'],
    ['POST', '/pos/v10/payments/prepare'],
    ['GET', `/pos/v10/payments?posId=${SOME_ID}`],
    ['GET', `/pos/v10/payments/${SOME_ID}`],
    ['POST', `/pos/v10/payments/${SOME_ID}/ready`],
    ['POST', `/pos/v10/payments/${SOME_ID}/capture`],
    ['POST', `/pos/v10/payments/${SOME_ID}/cancel`],
    ['POST', '/pos/v10/refunds'],
    ['GET', `/pos/v10/refunds?paymentId=${SOME_ID}`],
    ['GET', `/pos/v10/refunds/${SOME_ID}`],
    ['POST', `/pos/v10/refunds/${SOME_ID}/capture`],
    ['POST', `/pos/v10/refunds/${SOME_ID}/cancel`],
  ];

  it.each(everyEndpoint)('refuses %s %s without an access token with 401', async (method, url) => {
    const headers = { ...headersWithout('authorization'), 'x-mobilepay-idempotency-key': 'key-1' };
    expectUnauthorized(await harness.api(method, url, method === 'POST' ? {} : undefined, headers));
  });

  it('answers a call with a valid token, the client id and the documented headers', async () => {
    const response = await getStores(harness.headers());
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ storeIds: [DEMO_STORE_ID] });
  });

  it('authenticates before it validates the other headers', async () => {
    expectUnauthorized(await harness.api('GET', STORES, undefined, {}));
  });

  it('accepts the bearer scheme in any case', async () => {
    const token = harness.headers()['authorization']!.replace(/^Bearer /, '');
    expect((await getStores(harness.headers({ authorization: `bearer ${token}` }))).statusCode).toBe(200);
  });

  it('refuses client credentials (Basic) in place of a bearer token with 401', async () => {
    expectUnauthorized(
      await getStores(
        harness.headers({ authorization: basic(demoClient.clientId, demoClient.clientSecret) }),
      ),
    );
  });

  it.each(['Bearer', 'Bearer ', 'Bearer not-a-jwt', 'Bearer a.b.c', 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.'])(
    'refuses the malformed authorization %j with 401',
    async (authorization) => {
      expectUnauthorized(await getStores(harness.headers({ authorization })));
    },
  );

  it('refuses a token whose signature was tampered with', async () => {
    const token = tamperSignature(await harness.token());
    expectUnauthorized(await getStores(harness.headers({ authorization: `Bearer ${token}` })));
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const token = tamperPayload(await harness.token(), { merchant_vat: 'FI12345678' });
    expectUnauthorized(await getStores(harness.headers({ authorization: `Bearer ${token}` })));
  });

  it('rejects a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await resign(await harness.token(), privateKey);
    expectUnauthorized(await getStores(harness.headers({ authorization: `Bearer ${forged}` })));
  });

  it('rejects an unsigned token (alg none) carrying genuine claims', async () => {
    const [, body] = (await harness.token()).split('.') as [string, string];
    const head = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expectUnauthorized(await getStores(harness.headers({ authorization: `Bearer ${head}.${body}.` })));
  });

  it('refuses a token once the emulator clock has passed expires_in, and accepts a fresh one', async () => {
    const issued = (await requestToken(harness.app)).json() as { access_token: string; expires_in: number };
    const headers = harness.headers({ authorization: `Bearer ${issued.access_token}` });
    expect((await getStores(headers)).statusCode).toBe(200);

    harness.clock.advance(issued.expires_in * 1000 - 1000);
    expect((await getStores(headers)).statusCode).toBe(200);

    harness.clock.advance(1000);
    expectUnauthorized(await getStores(headers));

    const fresh = await harness.token();
    expect((await getStores(harness.headers({ authorization: `Bearer ${fresh}` }))).statusCode).toBe(200);
  });

  it('refuses a call without x-ibm-client-id with 401', async () => {
    expectUnauthorized(await getStores(headersWithout('x-ibm-client-id')));
  });

  it("refuses an x-ibm-client-id of another registered client than the token's with 401", async () => {
    expectUnauthorized(await getStores(harness.headers({ 'x-ibm-client-id': otherClient.clientId })));
  });

  it("refuses another client's token under this client's id with 401", async () => {
    const token = await tokenFor({}, otherClient);
    expectUnauthorized(await getStores(harness.headers({ authorization: `Bearer ${token}` })));
  });
});

describe('PoS v10 header rules: the merchant VAT number', () => {
  it('requires x-mobilepay-merchant-vat-number when the token has no merchant_vat claim (1151)', async () => {
    expectPosError(await getStores(headersWithout('x-mobilepay-merchant-vat-number')), 400, '1151');
  });

  it('does not require the VAT header when the token carries the merchant_vat claim', async () => {
    const token = await tokenFor({ merchant_vat: DEMO_VAT });
    const headers = {
      ...headersWithout('x-mobilepay-merchant-vat-number'),
      authorization: `Bearer ${token}`,
    };
    const response = await getStores(headers);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ storeIds: [DEMO_STORE_ID] });
  });

  it('accepts a VAT header equal to the merchant_vat claim', async () => {
    const token = await tokenFor({ merchant_vat: DEMO_VAT });
    expect((await getStores(harness.headers({ authorization: `Bearer ${token}` }))).statusCode).toBe(200);
  });

  it.each(['DK1234', 'SE12345678', 'DK-12345678', 'DK123456789', 'DK1234567X', '12345678', 'DK 12345678'])(
    'refuses the invalid VAT header %j (1159)',
    async (vat) => {
      expectPosError(
        await getStores(harness.headers({ 'x-mobilepay-merchant-vat-number': vat })),
        400,
        '1159',
      );
    },
  );

  it('accepts a Finnish VAT number and acts for that merchant', async () => {
    const url = '/pos/v10/stores?merchantBrandId=POSFI12345&merchantLocationId=10001';
    const response = await harness.api(
      'GET',
      url,
      undefined,
      harness.headers({ 'x-mobilepay-merchant-vat-number': OTHER_MERCHANT_VAT }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ storeIds: [OTHER_MERCHANT_STORE_ID] });
  });

  it("refuses a VAT header that differs from the token's merchant_vat claim (1159)", async () => {
    const token = await tokenFor({ merchant_vat: DEMO_VAT });
    const response = await getStores(
      harness.headers({ authorization: `Bearer ${token}`, 'x-mobilepay-merchant-vat-number': 'FI12345678' }),
    );
    expectPosError(response, 400, '1159');
  });

  it('refuses every call made with a malformed merchant_vat claim (1182), with or without a VAT header', async () => {
    const token = await tokenFor({ merchant_vat: 'DK-123' });
    expectPosError(await getStores(harness.headers({ authorization: `Bearer ${token}` })), 400, '1182');
    const withoutVat = {
      ...headersWithout('x-mobilepay-merchant-vat-number'),
      authorization: `Bearer ${token}`,
    };
    expectPosError(await getStores(withoutVat), 400, '1182');
  });

  it("refuses calls with the older guide's example vat_number DK123456 (six digits) with 1182", async () => {
    const token = await tokenFor({ vat_number: 'DK123456' });
    expectPosError(await getStores(harness.headers({ authorization: `Bearer ${token}` })), 400, '1182');
  });
});

describe('PoS v10 header rules: the client system name', () => {
  it('requires x-mobilepay-client-system-name (1152)', async () => {
    expectPosError(await getStores(headersWithout('x-mobilepay-client-system-name')), 400, '1152');
  });

  it.each([
    ['an emoji', 'Kasse 😀'],
    ['a Chinese character', '收银机'],
    ['a check mark', 'Kasse ✓'],
    ['the euro sign', 'Kasse €'],
    ['a division sign (Latin-1, not listed)', 'Kasse ÷'],
    ['a tab', 'Kasse\t1'],
    ['101 characters', 'a'.repeat(101)],
  ])('refuses a name with %s (1160)', async (_case, name) => {
    expectPosError(await getStores(harness.headers({ 'x-mobilepay-client-system-name': name })), 400, '1160');
  });

  it.each([
    ['the reference implementation name', 'MobilePay Pos Client Reference Implementation'],
    ['Danish and Finnish letters', 'Kasse æøå ÆØÅ äö ÄÖ šž'],
    ['signs of the valid set', 'Kasse #1 (½) «Ø» §2 ®'],
    ['100 characters', 'a'.repeat(100)],
  ])('accepts a name with %s', async (_case, name) => {
    expect((await getStores(harness.headers({ 'x-mobilepay-client-system-name': name }))).statusCode).toBe(
      200,
    );
  });
});

describe('PoS v10 header rules: the client system version', () => {
  it('requires x-mobilepay-client-system-version (1153)', async () => {
    expectPosError(await getStores(headersWithout('x-mobilepay-client-system-version')), 400, '1153');
  });

  it.each(['1.2', '1.2.3.4', 'v1.2.3', '1.2.x', '1..3', '-1.2.3', '1.2.3-beta'])(
    'refuses the version %j (1161)',
    async (version) => {
      expectPosError(
        await getStores(harness.headers({ 'x-mobilepay-client-system-version': version })),
        400,
        '1161',
      );
    },
  );

  it.each(['2.1.1', '0.0.1', '10.20.300'])('accepts the version %j (Major.Minor.Build)', async (version) => {
    expect(
      (await getStores(harness.headers({ 'x-mobilepay-client-system-version': version }))).statusCode,
    ).toBe(200);
  });
});

describe('PoS v10 header rules: the idempotency key', () => {
  const posBody = () => ({
    merchantPosId: 'till-1',
    storeId: DEMO_STORE_ID,
    name: 'Till',
    supportedBeaconTypes: ['QR'],
  });

  it('accepts a key of 36 valid characters (a GUID)', async () => {
    const response = await harness.create(
      '/pos/v10/pointofsales',
      posBody(),
      'a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b',
    );
    expect(response.statusCode).toBe(200);
  });

  it('accepts a key of valid Latin-1 letters', async () => {
    expect((await harness.create('/pos/v10/pointofsales', posBody(), 'nøgle-æøå-1')).statusCode).toBe(200);
  });

  it.each([
    ['37 characters', 'k'.repeat(37)],
    ['a division sign', 'key÷1'],
    ['a middle dot', 'key·1'],
    ['an emoji', 'key-😀'],
    ['a check mark', 'key-✓'],
  ])('refuses a key of %s (1162)', async (_case, key) => {
    expectPosError(await harness.create('/pos/v10/pointofsales', posBody(), key), 400, '1162');
  });

  it.each([
    [
      '/pos/v10/pointofsales',
      { merchantPosId: 'till-1', storeId: DEMO_STORE_ID, name: 'Till', supportedBeaconTypes: ['QR'] },
    ],
    [
      '/pos/v10/payments',
      { posId: SOME_ID, orderId: 'order-1', amount: 10, currencyCode: 'DKK', plannedCaptureDelay: 'None' },
    ],
    ['/pos/v10/payments/prepare', { posId: SOME_ID, orderId: 'order-1' }],
    ['/pos/v10/refunds', { paymentId: SOME_ID, refundOrderId: 'refund-1', amount: 10, currencyCode: 'DKK' }],
  ])('requires x-mobilepay-idempotency-key on POST %s (1164)', async (url, body) => {
    expectPosError(await harness.api('POST', url, body, harness.headers()), 400, '1164');
  });

  it('does not require a key to capture, cancel or ready a payment, delete a PoS, or capture a refund', async () => {
    const { posId, beaconId } = await harness.createPos();
    const reserved = await harness.reservedPayment(posId, beaconId, undefined, 100);
    expect(
      (await harness.api('POST', `/pos/v10/payments/${reserved}/capture`, { amount: 100 })).statusCode,
    ).toBe(200);

    const refund = await harness.create('/pos/v10/refunds', {
      paymentId: reserved,
      refundOrderId: 'refund-1',
      amount: 10,
      currencyCode: 'DKK',
    });
    expect(refund.statusCode).toBe(200);
    const { refundId } = refund.json() as { refundId: string };
    expect((await harness.api('POST', `/pos/v10/refunds/${refundId}/capture`)).statusCode).toBe(200);

    const prepared = await harness.prepare(posId);
    const ready = { amount: 50, currencyCode: 'DKK', plannedCaptureDelay: 'None' };
    expect((await harness.api('POST', `/pos/v10/payments/${prepared}/ready`, ready)).statusCode).toBe(200);
    expect((await harness.api('POST', `/pos/v10/payments/${prepared}/cancel`)).statusCode).toBe(200);

    expect((await harness.api('DELETE', `/pos/v10/pointofsales/${posId}`)).statusCode).toBe(200);
  });
});

describe('PoS v10 header rules: header names are case-insensitive', () => {
  it('accepts the headers spelled as the reference spells them', async () => {
    const token = harness.headers()['authorization']!;
    const response = await getStores({
      Authorization: token,
      'X-IBM-Client-Id': demoClient.clientId,
      'X-MobilePay-Merchant-VAT-Number': DEMO_VAT,
      'X-MobilePay-Client-System-Name': 'Harness PoS',
      'X-MobilePay-Client-System-Version': '1.0.0',
    });
    expect(response.statusCode).toBe(200);
  });

  it('reads an upper-case idempotency key header', async () => {
    const headers = { ...harness.headers(), 'X-MOBILEPAY-IDEMPOTENCY-KEY': 'k'.repeat(37) };
    expectPosError(await harness.api('POST', '/pos/v10/pointofsales', {}, headers), 400, '1162');
  });
});

describe('PoS v10 header rules over a real socket', () => {
  let port: number;
  let token: string;

  beforeEach(async () => {
    port = await listenOnLoopback(harness.app);
    token = await harness.token();
  });

  /** The well-behaved headers with the named ones (any case) replaced by the given pairs. */
  function pairs(replace: readonly string[], add: readonly HeaderPair[]): HeaderPair[] {
    const names = replace.map((name) => name.toLowerCase());
    return [...posHeaderPairs(token).filter(([name]) => !names.includes(name.toLowerCase())), ...add];
  }

  const get = (headers: readonly HeaderPair[]) => rawHttp(port, { method: 'GET', path: STORES, headers });

  it('answers a well-formed request with the reference spelling of every header name', async () => {
    const response = await get(posHeaderPairs(token));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ storeIds: [DEMO_STORE_ID] });
  });

  it('accepts header names in upper case', async () => {
    const response = await get(
      posHeaderPairs(token).map(([name, value]) => [name.toUpperCase(), value] as const),
    );
    expect(response.statusCode).toBe(200);
  });

  it('refuses a duplicated x-mobilepay-merchant-vat-number header (1155)', async () => {
    const response = await get(
      pairs(
        ['x-mobilepay-merchant-vat-number'],
        [
          ['x-mobilepay-merchant-vat-number', DEMO_VAT],
          ['x-mobilepay-merchant-vat-number', DEMO_VAT],
        ],
      ),
    );
    expectPosError(response, 400, '1155');
  });

  it('refuses a duplicated VAT header whose names differ only in case (1155)', async () => {
    const response = await get(pairs([], [['x-mobilepay-merchant-vat-number', DEMO_VAT]]));
    expectPosError(response, 400, '1155');
  });

  it('refuses a duplicated VAT header even when the token carries the merchant_vat claim (1155)', async () => {
    token = await tokenFor({ merchant_vat: DEMO_VAT });
    const response = await get(pairs([], [['x-mobilepay-merchant-vat-number', DEMO_VAT]]));
    expectPosError(response, 400, '1155');
  });

  it('refuses a duplicated x-mobilepay-client-system-name header (1156)', async () => {
    const response = await get(
      pairs(
        ['x-mobilepay-client-system-name'],
        [
          ['x-mobilepay-client-system-name', 'Till A'],
          ['x-mobilepay-client-system-name', 'Till B'],
        ],
      ),
    );
    expectPosError(response, 400, '1156');
  });

  it('refuses a duplicated x-mobilepay-client-system-version header (1157)', async () => {
    const response = await get(
      pairs(
        ['x-mobilepay-client-system-version'],
        [
          ['x-mobilepay-client-system-version', '1.0.0'],
          ['X-MobilePay-Client-System-Version', '1.0.0'],
        ],
      ),
    );
    expectPosError(response, 400, '1157');
  });

  it.each(['/pos/v10/pointofsales', '/pos/v10/payments', '/pos/v10/payments/prepare', '/pos/v10/refunds'])(
    'refuses a duplicated x-mobilepay-idempotency-key header on POST %s (1163)',
    async (path) => {
      const response = await rawHttp(port, {
        method: 'POST',
        path,
        headers: pairs(
          [],
          [
            ['x-mobilepay-idempotency-key', 'same-key-1'],
            ['x-mobilepay-idempotency-key', 'same-key-1'],
          ],
        ),
        body: {},
      });
      expectPosError(response, 400, '1163');
    },
  );

  it('creates a PoS over the socket with a single idempotency key', async () => {
    const response = await rawHttp(port, {
      method: 'POST',
      path: '/pos/v10/pointofsales',
      headers: pairs([], [['X-MobilePay-Idempotency-Key', 'socket-key-1']]),
      body: {
        merchantPosId: 'socket-till',
        storeId: DEMO_STORE_ID,
        name: 'Socket till',
        supportedBeaconTypes: ['QR'],
      },
    });
    expect(response.statusCode).toBe(200);
  });

  it('refuses an empty x-mobilepay-client-system-version header as invalid (1161)', async () => {
    const response = await get(
      pairs(['x-mobilepay-client-system-version'], [['X-MobilePay-Client-System-Version', '']]),
    );
    expectPosError(response, 400, '1161');
  });

  it('refuses a system name sent as UTF-8 bytes outside the valid set (1160)', async () => {
    const utf8AsLatin1 = Buffer.from('Kasse ✓', 'utf8').toString('latin1');
    const response = await get(
      pairs(['x-mobilepay-client-system-name'], [['X-MobilePay-Client-System-Name', utf8AsLatin1]]),
    );
    expectPosError(response, 400, '1160');
  });
});

describe('reading the caller from the request', () => {
  const claims = (merchantVat: string | null): AccessTokenClaims => ({
    clientId: demoClient.clientId,
    integratorId: 'demo-integrator',
    merchantVat,
    issuedAt: 0,
    expiresAt: 1,
  });
  const message = (rawHeaders: string[]): IncomingMessage => ({ rawHeaders }) as unknown as IncomingMessage;
  const named = ['X-MobilePay-Client-System-Name', 'Till', 'X-MobilePay-Client-System-Version', '2.1.1'];

  it('collects every value of a header, whatever the case of its name', () => {
    const raw = message([
      'X-MobilePay-Idempotency-Key',
      'a',
      'host',
      'h',
      'x-mobilepay-idempotency-key',
      'b',
    ]);
    expect(headerValues(raw, 'x-mobilepay-idempotency-key')).toEqual(['a', 'b']);
    expect(headerValues(raw, 'x-mobilepay-merchant-vat-number')).toEqual([]);
  });

  it("acts for the VAT header's merchant when the token is unrestricted", () => {
    const caller = readCaller(
      message([...named, 'X-MobilePay-Merchant-VAT-Number', 'FI12345678']),
      claims(null),
      'demo-integrator',
    );
    expect(caller).toEqual({
      integratorId: 'demo-integrator',
      clientId: demoClient.clientId,
      merchantVat: 'FI12345678',
      systemName: 'Till',
      systemVersion: '2.1.1',
    });
  });

  it("acts for the token's merchant when no VAT header is sent", () => {
    expect(readCaller(message(named), claims(DEMO_VAT), 'demo-integrator').merchantVat).toBe(DEMO_VAT);
  });

  it('reads the idempotency key of a creating POST', () => {
    expect(readIdempotencyKey(message(['X-MobilePay-Idempotency-Key', 'key-1']))).toBe('key-1');
    expect(() => readIdempotencyKey(message([]))).toThrow(
      expect.objectContaining({ status: 400, code: '1164' }),
    );
  });
});
