// Specification of the token service: RS256 access tokens that anyone holding the JWKS can verify, and
// that the emulator itself accepts only while they are genuine and unexpired by its own clock.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  importJWK,
  importPKCS8,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import {
  TokenService,
  generateSigningKey,
  type SigningKeyPem,
} from '../../../src/emulator/auth/token-service.js';
import { virtualClock, type VirtualClock } from '../../../src/emulator/clock.js';
import { resign, tamperPayload, tamperSignature } from './support.js';

const ISSUER = 'http://emulator.test/integrator-authentication';
const CLIENT_ID = '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const INTEGRATOR_ID = 'demo-integrator';
const LIFETIME_SECONDS = 3600;

let signingKey: SigningKeyPem;
let clock: VirtualClock;
let service: TokenService;

beforeAll(() => {
  signingKey = generateSigningKey();
});

beforeEach(() => {
  clock = virtualClock(Date.UTC(2024, 4, 1, 12, 0, 0, 250));
  service = new TokenService(clock, LIFETIME_SECONDS, signingKey, () => ISSUER);
});

const issue = (merchantVat: string | null = null): string =>
  service.issue(CLIENT_ID, INTEGRATOR_ID, merchantVat).access_token;

describe('token service: issuing', () => {
  it('answers in the documented token response shape', () => {
    const response = service.issue(CLIENT_ID, INTEGRATOR_ID, null);
    expect(response).toEqual({
      access_token: expect.any(String),
      expires_in: LIFETIME_SECONDS,
      token_type: 'Bearer',
      scope: 'integrator_scope',
    });
    expect(response.access_token.split('.')).toHaveLength(3);
  });

  it('takes expires_in from the configured lifetime', () => {
    const shortLived = new TokenService(clock, 60, signingKey, () => ISSUER);
    const response = shortLived.issue(CLIENT_ID, INTEGRATOR_ID, null);
    const claims = decodeJwt(response.access_token);
    expect(response.expires_in).toBe(60);
    expect(claims.exp! - claims.iat!).toBe(60);
  });

  it('signs with RS256 and names its key in the header', () => {
    const header = decodeProtectedHeader(issue());
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: service.keyId });
  });

  it('stamps iat from the emulator clock and exp lifetime seconds later', () => {
    const claims = decodeJwt(issue());
    expect(claims.iat).toBe(Math.floor(clock.now() / 1000));
    expect(claims.exp! - claims.iat!).toBe(LIFETIME_SECONDS);
  });

  it('identifies the client and the integrator', () => {
    expect(decodeJwt(issue())).toMatchObject({
      client_id: CLIENT_ID,
      integrator_id: INTEGRATOR_ID,
      iss: ISSUER,
    });
  });

  it('carries merchant_vat only when a merchant was asked for', () => {
    expect(decodeJwt(issue('DK12345678'))['merchant_vat']).toBe('DK12345678');
    expect(decodeJwt(issue())).not.toHaveProperty('merchant_vat');
  });
});

describe('token service: the JWKS', () => {
  it('publishes one RSA signing key with the token kid and no private parts', () => {
    const { keys } = service.jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', kid: service.keyId, e: 'AQAB' });
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(keys[0]).not.toHaveProperty(secret);
  });

  it('lets an independent JOSE library verify its tokens (createLocalJWKSet + jwtVerify)', async () => {
    const token = issue('DK12345678');
    const jwks = createLocalJWKSet(service.jwks() as unknown as JSONWebKeySet);
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      algorithms: ['RS256'],
      issuer: ISSUER,
      currentDate: new Date(clock.now()),
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      client_id: CLIENT_ID,
      integrator_id: INTEGRATOR_ID,
      merchant_vat: 'DK12345678',
    });
    expect(payload.exp! - payload.iat!).toBe(LIFETIME_SECONDS);
  });

  it('lets an independent JOSE library verify its tokens with the imported JWK', async () => {
    const key = await importJWK(service.jwks().keys[0] as JWK, 'RS256');
    await expect(jwtVerify(issue(), key, { currentDate: new Date(clock.now()) })).resolves.toBeDefined();
  });

  it('does not verify a token signed by another key against the JWKS', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await resign(issue(), privateKey);
    const jwks = createLocalJWKSet(service.jwks() as unknown as JSONWebKeySet);
    await expect(jwtVerify(forged, jwks, { currentDate: new Date(clock.now()) })).rejects.toThrow();
  });

  it('derives a stable kid from the public key, so it survives a restart with the same key', () => {
    const restarted = new TokenService(clock, LIFETIME_SECONDS, signingKey, () => ISSUER);
    expect(restarted.keyId).toBe(service.keyId);
    expect(restarted.keyId).not.toBe(
      new TokenService(clock, LIFETIME_SECONDS, generateSigningKey(), () => ISSUER).keyId,
    );
  });
});

describe('token service: verifying', () => {
  it('returns the claims of a genuine token', () => {
    const claims = service.verify(issue('DK12345678'));
    expect(claims).toEqual({
      clientId: CLIENT_ID,
      integratorId: INTEGRATOR_ID,
      merchantVat: 'DK12345678',
      issuedAt: Math.floor(clock.now() / 1000) * 1000,
      expiresAt: (Math.floor(clock.now() / 1000) + LIFETIME_SECONDS) * 1000,
    });
  });

  it('reports no merchant for an unrestricted token', () => {
    expect(service.verify(issue())?.merchantVat).toBeNull();
  });

  it('accepts a token issued before a restart with the same signing key', () => {
    const token = issue();
    const restarted = new TokenService(clock, LIFETIME_SECONDS, signingKey, () => ISSUER);
    expect(restarted.verify(token)?.clientId).toBe(CLIENT_ID);
  });

  it('accepts a token until the emulator clock reaches exp, and refuses it from then on', () => {
    const token = issue();
    const expiresAt = decodeJwt(token).exp! * 1000;
    clock.set(expiresAt - 1);
    expect(service.verify(token)).not.toBeNull();
    clock.set(expiresAt);
    expect(service.verify(token)).toBeNull();
  });

  it('expires a token even after it was verified (and remembered) while valid', () => {
    const token = issue();
    expect(service.verify(token)).not.toBeNull();
    clock.advance(LIFETIME_SECONDS * 1000);
    expect(service.verify(token)).toBeNull();
  });

  it('refuses a token issued more than a minute in its future', () => {
    const aheadClock = virtualClock(clock.now() + 5 * 60_000);
    const token = new TokenService(aheadClock, LIFETIME_SECONDS, signingKey, () => ISSUER).issue(
      CLIENT_ID,
      INTEGRATOR_ID,
      null,
    );
    expect(service.verify(token.access_token)).toBeNull();
  });

  it('refuses a token whose signature was tampered with', () => {
    expect(service.verify(tamperSignature(issue()))).toBeNull();
  });

  it('refuses a token whose claims were changed after signing', () => {
    expect(service.verify(tamperPayload(issue('DK12345678'), { merchant_vat: 'FI12345678' }))).toBeNull();
    expect(
      service.verify(tamperPayload(issue(), { exp: Math.floor(clock.now() / 1000) + 10 * LIFETIME_SECONDS })),
    ).toBeNull();
  });

  it('refuses a token signed by another RSA key, even with the same kid', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    expect(service.verify(await resign(issue(), privateKey))).toBeNull();
  });

  it('refuses an unsigned token (alg none)', () => {
    const [, body] = issue().split('.') as [string, string];
    const head = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(service.verify(`${head}.${body}.`)).toBeNull();
  });

  it('refuses an HS256 token keyed with its public key (algorithm confusion)', async () => {
    const forged = await resign(issue(), new TextEncoder().encode(signingKey.publicKeyPem), 'HS256');
    expect(service.verify(forged)).toBeNull();
  });

  it('refuses a token signed with its own key that lacks client_id, integrator_id or exp', async () => {
    const privateKey = await importPKCS8(signingKey.privateKeyPem, 'RS256');
    const now = Math.floor(clock.now() / 1000);
    const sign = (claims: Record<string, unknown>): Promise<string> =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: service.keyId }).sign(privateKey);
    const complete = { client_id: CLIENT_ID, integrator_id: INTEGRATOR_ID, iat: now, exp: now + 60 };
    expect(service.verify(await sign(complete))).not.toBeNull();
    for (const missing of ['client_id', 'integrator_id', 'exp', 'iat'] as const) {
      const { [missing]: _dropped, ...claims } = complete;
      expect(service.verify(await sign(claims)), `without ${missing}`).toBeNull();
    }
  });

  it.each(['', 'not-a-jwt', 'a.b', 'a.b.c', 'a.b.c.d', '...'])('refuses the malformed token %j', (token) => {
    expect(service.verify(token)).toBeNull();
  });
});
