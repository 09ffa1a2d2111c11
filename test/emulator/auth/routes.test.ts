// Specification of the Integrator Authentication API (docs/authentication.md and the original v10
// integrator-authentication guide): the token endpoint, OpenID discovery and the JWKS, and the
// client-id-and-secret authentication of the sandbox user simulation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeJwt, generateKeyPair, jwtVerify, type JSONWebKeySet } from 'jose';
import { demoClient, otherClient, type Harness } from '../harness.js';
import {
  DISCOVERY_URL,
  GUID,
  JWKS_URL,
  basic,
  expectUnauthorized,
  listenOnLoopback,
  postToken,
  requestToken,
  resign,
  startAuthHarness,
} from './support.js';

let harness: Harness;

beforeEach(async () => {
  harness = await startAuthHarness();
});

afterEach(async () => {
  await harness.close();
});

const discovery = (headers: Record<string, string> = { 'x-ibm-client-id': demoClient.clientId }) =>
  harness.app.inject({ method: 'GET', url: DISCOVERY_URL, headers });

describe('integrator authentication: the token endpoint', () => {
  it('issues a Bearer token for Basic client credentials, x-ibm-client-id and grant_type=client_credentials', async () => {
    const response = await requestToken(harness.app);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      expires_in: 3600,
      token_type: 'Bearer',
      scope: 'integrator_scope',
    });
  });

  it('accepts the credentials in the form as well (client_secret_post)', async () => {
    const response = await postToken(
      harness.app,
      {
        grant_type: 'client_credentials',
        client_id: demoClient.clientId,
        client_secret: demoClient.clientSecret,
      },
      { 'x-ibm-client-id': demoClient.clientId },
    );
    expect(response.statusCode).toBe(200);
    expect(decodeJwt((response.json() as { access_token: string }).access_token)['client_id']).toBe(
      demoClient.clientId,
    );
  });

  it('accepts the Content-Type the guide writes (x-www-urlencoded)', async () => {
    const response = await postToken(
      harness.app,
      { grant_type: 'client_credentials' },
      {
        'content-type': 'x-www-urlencoded',
        'x-ibm-client-id': demoClient.clientId,
        authorization: basic(demoClient.clientId, demoClient.clientSecret),
      },
    );
    expect(response.statusCode).toBe(200);
  });

  it('issues tokens to every registered client, each naming its own client', async () => {
    const response = await requestToken(harness.app, {}, otherClient);
    expect(response.statusCode).toBe(200);
    expect(decodeJwt((response.json() as { access_token: string }).access_token)).toMatchObject({
      client_id: otherClient.clientId,
      integrator_id: 'other-integrator',
    });
  });

  it('refuses a wrong client secret with 401 invalid_client', async () => {
    const response = await postToken(
      harness.app,
      { grant_type: 'client_credentials' },
      { 'x-ibm-client-id': demoClient.clientId, authorization: basic(demoClient.clientId, 'not-the-secret') },
    );
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses a wrong client secret sent in the form with 401', async () => {
    const response = await postToken(
      harness.app,
      { grant_type: 'client_credentials', client_id: demoClient.clientId, client_secret: 'not-the-secret' },
      { 'x-ibm-client-id': demoClient.clientId },
    );
    expect(response.statusCode).toBe(401);
  });

  it('refuses a request without any client credentials with 401', async () => {
    const response = await postToken(
      harness.app,
      { grant_type: 'client_credentials' },
      { 'x-ibm-client-id': demoClient.clientId },
    );
    expect(response.statusCode).toBe(401);
  });

  it('refuses a missing x-ibm-client-id with 401', async () => {
    const response = await postToken(
      harness.app,
      { grant_type: 'client_credentials' },
      { authorization: basic(demoClient.clientId, demoClient.clientSecret) },
    );
    expect(response.statusCode).toBe(401);
  });

  it('refuses an unknown x-ibm-client-id with 401', async () => {
    const response = await postToken(
      harness.app,
      { grant_type: 'client_credentials' },
      {
        'x-ibm-client-id': '00000000-0000-4000-8000-000000000000',
        authorization: basic(demoClient.clientId, demoClient.clientSecret),
      },
    );
    expect(response.statusCode).toBe(401);
  });

  it('refuses an x-ibm-client-id of another client than the Basic credentials with 401', async () => {
    const demoHeaderOtherCredentials = await postToken(
      harness.app,
      { grant_type: 'client_credentials' },
      {
        'x-ibm-client-id': demoClient.clientId,
        authorization: basic(otherClient.clientId, otherClient.clientSecret),
      },
    );
    const otherHeaderDemoCredentials = await postToken(
      harness.app,
      { grant_type: 'client_credentials' },
      {
        'x-ibm-client-id': otherClient.clientId,
        authorization: basic(demoClient.clientId, demoClient.clientSecret),
      },
    );
    expect(demoHeaderOtherCredentials.statusCode).toBe(401);
    expect(otherHeaderDemoCredentials.statusCode).toBe(401);
  });

  it('refuses Basic credentials that are not valid percent-encoding with 401, not a server error', async () => {
    const response = await postToken(
      harness.app,
      { grant_type: 'client_credentials' },
      { 'x-ibm-client-id': demoClient.clientId, authorization: basic(demoClient.clientId, '100%') },
    );
    expect(response.statusCode).toBe(401);
  });

  it.each(['password', 'authorization_code', 'refresh_token'])(
    'refuses grant_type=%s with 400 unsupported_grant_type',
    async (grantType) => {
      const response = await requestToken(harness.app, { grant_type: grantType });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'unsupported_grant_type' });
    },
  );

  it('refuses a request without grant_type with 400', async () => {
    const response = await postToken(
      harness.app,
      {},
      {
        'x-ibm-client-id': demoClient.clientId,
        authorization: basic(demoClient.clientId, demoClient.clientSecret),
      },
    );
    expect(response.statusCode).toBe(400);
  });

  it('puts merchant_vat on the token as the merchant_vat claim', async () => {
    const response = await requestToken(harness.app, { merchant_vat: 'DK12345678' });
    expect(decodeJwt((response.json() as { access_token: string }).access_token)['merchant_vat']).toBe(
      'DK12345678',
    );
  });

  it("puts the older guide's vat_number on the token as the merchant_vat claim", async () => {
    const response = await requestToken(harness.app, { vat_number: 'FI12345678' });
    expect(decodeJwt((response.json() as { access_token: string }).access_token)['merchant_vat']).toBe(
      'FI12345678',
    );
  });

  it('issues an unrestricted token when no merchant is given, or an empty one', async () => {
    const forms: Record<string, string>[] = [{}, { merchant_vat: '' }];
    for (const form of forms) {
      const response = await requestToken(harness.app, form);
      expect(decodeJwt((response.json() as { access_token: string }).access_token)).not.toHaveProperty(
        'merchant_vat',
      );
    }
  });

  it('accepts a malformed merchant_vat and puts it on the token as it is (the PoS API refuses it later with 1182)', async () => {
    const response = await requestToken(harness.app, { merchant_vat: 'DK-123' });
    expect(response.statusCode).toBe(200);
    expect(decodeJwt((response.json() as { access_token: string }).access_token)['merchant_vat']).toBe(
      'DK-123',
    );
  });

  it('makes tokens expire after the configured lifetime', async () => {
    const shortLived = await startAuthHarness({ timing: { tokenLifetimeSeconds: 120 } });
    try {
      const response = await requestToken(shortLived.app);
      const { expires_in: expiresIn, access_token: token } = response.json() as {
        expires_in: number;
        access_token: string;
      };
      const claims = decodeJwt(token);
      expect(expiresIn).toBe(120);
      expect(claims.exp! - claims.iat!).toBe(120);
    } finally {
      await shortLived.close();
    }
  });
});

describe('integrator authentication: OpenID discovery and the JWKS', () => {
  it('describes the issuer, the token endpoint, the JWKS, client_credentials and RS256', async () => {
    const response = await discovery();
    expect(response.statusCode).toBe(200);
    const document = response.json() as Record<string, unknown>;
    expect(document['issuer']).toMatch(/^https?:\/\/[^/]+\/integrator-authentication$/);
    expect(document['jwks_uri']).toBe(
      `${document['issuer'] as string}/.well-known/openid-configuration/jwks`,
    );
    expect(document['token_endpoint']).toBe(`${document['issuer'] as string}/connect/token`);
    expect(document['grant_types_supported']).toEqual(['client_credentials']);
    expect(document['id_token_signing_alg_values_supported']).toContain('RS256');
    expect(document['token_endpoint_auth_methods_supported']).toEqual(
      expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
    );
    expect(document['scopes_supported']).toContain('integrator_scope');
  });

  it('verifies an access token with the published JWKS (a real RS256 verification)', async () => {
    const document = (await discovery()).json() as { issuer: string; jwks_uri: string };
    const jwksResponse = await harness.app.inject({
      method: 'GET',
      url: new URL(document.jwks_uri).pathname,
      headers: { 'x-ibm-client-id': demoClient.clientId },
    });
    expect(jwksResponse.statusCode).toBe(200);
    const issued = (await requestToken(harness.app, { merchant_vat: 'DK12345678' })).json() as {
      access_token: string;
      expires_in: number;
    };

    const { payload, protectedHeader } = await jwtVerify(
      issued.access_token,
      createLocalJWKSet(jwksResponse.json() as JSONWebKeySet),
      { algorithms: ['RS256'], issuer: document.issuer, currentDate: new Date(harness.clock.now()) },
    );

    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.exp! - payload.iat!).toBe(issued.expires_in);
    expect(payload).toMatchObject({
      client_id: demoClient.clientId,
      integrator_id: 'demo-integrator',
      merchant_vat: 'DK12345678',
    });
  });

  it('does not verify a token signed by another key with the published JWKS', async () => {
    const jwks = (
      await harness.app.inject({
        method: 'GET',
        url: JWKS_URL,
        headers: { 'x-ibm-client-id': demoClient.clientId },
      })
    ).json();
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await resign(await harness.token(), privateKey);
    await expect(
      jwtVerify(forged, createLocalJWKSet(jwks as JSONWebKeySet), {
        currentDate: new Date(harness.clock.now()),
      }),
    ).rejects.toThrow();
  });

  it('uses the configured public base URL in the discovery document and as the token issuer', async () => {
    const published = await startAuthHarness({ publicBaseUrl: 'https://emulator.example:8443' });
    try {
      const document = (
        await published.app.inject({
          method: 'GET',
          url: DISCOVERY_URL,
          headers: { 'x-ibm-client-id': demoClient.clientId },
        })
      ).json() as Record<string, unknown>;
      expect(document['issuer']).toBe('https://emulator.example:8443/integrator-authentication');
      expect(document['token_endpoint']).toBe(
        'https://emulator.example:8443/integrator-authentication/connect/token',
      );
      expect(decodeJwt(await published.token()).iss).toBe(document['issuer']);
    } finally {
      await published.close();
    }
  });

  it('serves a discovery document whose endpoints work over a real socket', async () => {
    const port = await listenOnLoopback(harness.app);
    const headers = { 'x-ibm-client-id': demoClient.clientId };
    const document = (await (
      await fetch(`http://127.0.0.1:${port}${DISCOVERY_URL}`, { headers, signal: AbortSignal.timeout(2000) })
    ).json()) as { issuer: string; jwks_uri: string; token_endpoint: string };
    expect(document.issuer).toBe(`http://127.0.0.1:${port}/integrator-authentication`);

    const tokenResponse = await fetch(document.token_endpoint, {
      method: 'POST',
      headers: {
        ...headers,
        authorization: basic(demoClient.clientId, demoClient.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
      signal: AbortSignal.timeout(2000),
    });
    expect(tokenResponse.status).toBe(200);
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const jwks = (await (
      await fetch(document.jwks_uri, { headers, signal: AbortSignal.timeout(2000) })
    ).json()) as JSONWebKeySet;

    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer: document.issuer,
      currentDate: new Date(harness.clock.now()),
    });
    expect(payload['client_id']).toBe(demoClient.clientId);
  });

  it.each([
    ['discovery', DISCOVERY_URL],
    ['JWKS', JWKS_URL],
  ])('refuses the %s endpoint without x-ibm-client-id with 401', async (_name, url) => {
    const response = await harness.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(401);
    expect((response.json() as Record<string, unknown>)['correlationId']).toMatch(GUID);
  });

  it.each([
    ['discovery', DISCOVERY_URL],
    ['JWKS', JWKS_URL],
  ])('refuses the %s endpoint for an unknown x-ibm-client-id with 401', async (_name, url) => {
    const response = await harness.app.inject({
      method: 'GET',
      url,
      headers: { 'x-ibm-client-id': '00000000-0000-4000-8000-000000000000' },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('user simulation authentication', () => {
  const CHECKIN = '/pos/app/usersimulation/checkin';
  const simulate = (
    headers: Record<string, string>,
    body: unknown = { beaconId: '123456789012345', phoneNumber: '+4520031801' },
  ) =>
    harness.app.inject({ method: 'POST', url: CHECKIN, headers, payload: body as Record<string, unknown> });

  it('lets a registered client check a user in with its client id and secret', async () => {
    const { beaconId } = await harness.createPos();
    const response = await simulate(
      { 'x-ibm-client-id': demoClient.clientId, 'x-ibm-client-secret': demoClient.clientSecret },
      { beaconId, phoneNumber: '+4520031801' },
    );
    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['no credentials', {}],
    ['no x-ibm-client-secret', { 'x-ibm-client-id': demoClient.clientId }],
    ['no x-ibm-client-id', { 'x-ibm-client-secret': demoClient.clientSecret }],
    ['a wrong secret', { 'x-ibm-client-id': demoClient.clientId, 'x-ibm-client-secret': 'not-the-secret' }],
    [
      'an unknown client id',
      {
        'x-ibm-client-id': '00000000-0000-4000-8000-000000000000',
        'x-ibm-client-secret': demoClient.clientSecret,
      },
    ],
    [
      "another client's secret",
      { 'x-ibm-client-id': demoClient.clientId, 'x-ibm-client-secret': otherClient.clientSecret },
    ],
  ])('refuses %s with 401', async (_case, headers: Record<string, string>) => {
    expectUnauthorized(await simulate(headers));
  });

  it('refuses a bearer access token in place of the client secret with 401', async () => {
    const token = await harness.token();
    expectUnauthorized(
      await simulate({ 'x-ibm-client-id': demoClient.clientId, authorization: `Bearer ${token}` }),
    );
  });

  it.each(['checkin', 'acceptpayment', 'cancelpaymentbyuser'])(
    'guards /pos/app/usersimulation/%s',
    async (action) => {
      const response = await harness.app.inject({
        method: 'POST',
        url: `/pos/app/usersimulation/${action}`,
        headers: { 'x-ibm-client-id': demoClient.clientId },
        payload: { beaconId: '123456789012345', phoneNumber: '+4520031801' },
      });
      expectUnauthorized(response);
    },
  );
});
