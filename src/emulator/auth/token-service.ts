// Integrator authentication: RS256 access tokens signed with the emulator's key, verifiable by anyone
// with the JWKS. Expiry follows the emulator's clock, so a virtual clock can expire tokens on demand.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { Clock } from '../clock.js';

/** What an access token says about its caller. */
export interface AccessTokenClaims {
  readonly clientId: string;
  readonly integratorId: string;
  /** The merchant the token is restricted to (`merchant_vat`), when one was asked for. */
  readonly merchantVat: string | null;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export interface SigningKeyPem {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

const base64url = (input: Buffer | string): string => Buffer.from(input).toString('base64url');

export function generateSigningKey(): SigningKeyPem {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export class TokenService {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  readonly keyId: string;
  /** Verified tokens, so a busy client does not pay for an RSA verification on every call. */
  private readonly verified = new Map<string, AccessTokenClaims>();

  constructor(
    private readonly clock: Clock,
    private readonly lifetimeSeconds: number,
    readonly key: SigningKeyPem,
    private readonly issuer: () => string,
  ) {
    this.privateKey = createPrivateKey(key.privateKeyPem);
    this.publicKey = createPublicKey(key.publicKeyPem);
    const der = this.publicKey.export({ type: 'spki', format: 'der' });
    this.keyId = createHash('sha1').update(der).digest('hex').toUpperCase();
  }

  /** Issues a client-credentials access token, optionally restricted to one merchant. */
  issue(clientId: string, integratorId: string, merchantVat: string | null) {
    const now = Math.floor(this.clock.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.keyId };
    const payload: Record<string, unknown> = {
      iss: this.issuer(),
      aud: 'pos-v10',
      sub: clientId,
      client_id: clientId,
      integrator_id: integratorId,
      scope: ['integrator_scope'],
      iat: now,
      nbf: now,
      exp: now + this.lifetimeSeconds,
      jti: createHash('sha256').update(`${clientId}:${now}:${Math.random()}`).digest('hex').slice(0, 32),
    };
    if (merchantVat !== null) payload['merchant_vat'] = merchantVat;
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    const signature = sign('RSA-SHA256', Buffer.from(signingInput), this.privateKey);
    return {
      access_token: `${signingInput}.${base64url(signature)}`,
      expires_in: this.lifetimeSeconds,
      token_type: 'Bearer',
      scope: 'integrator_scope',
    };
  }

  /** The token's claims when its signature is ours and it has not expired by the emulator's clock. */
  verify(token: string): AccessTokenClaims | null {
    let claims = this.verified.get(token);
    if (!claims) {
      const parsed = this.verifySignature(token);
      if (!parsed) return null;
      claims = parsed;
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(token, claims);
    }
    const now = this.clock.now();
    if (now >= claims.expiresAt || now + 60_000 < claims.issuedAt) return null;
    return claims;
  }

  private verifySignature(token: string): AccessTokenClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [head, body, signature] = parts as [string, string, string];
    try {
      const header = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string };
      if (header.alg !== 'RS256') return null;
      if (
        !verify(
          'RSA-SHA256',
          Buffer.from(`${head}.${body}`),
          this.publicKey,
          Buffer.from(signature, 'base64url'),
        )
      )
        return null;
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
      const { client_id: clientId, integrator_id: integratorId, merchant_vat: vat, iat, exp } = payload;
      if (typeof clientId !== 'string' || typeof integratorId !== 'string') return null;
      if (typeof iat !== 'number' || typeof exp !== 'number') return null;
      return {
        clientId,
        integratorId,
        merchantVat: typeof vat === 'string' ? vat : null,
        issuedAt: iat * 1000,
        expiresAt: exp * 1000,
      };
    } catch {
      return null;
    }
  }

  /** The public key as a JSON Web Key Set (what `.well-known/openid-configuration/jwks` serves). */
  jwks(): { keys: Record<string, unknown>[] } {
    const jwk = this.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    const der = this.publicKey.export({ type: 'spki', format: 'der' });
    return {
      keys: [
        {
          kty: 'RSA',
          use: 'sig',
          kid: this.keyId,
          x5t: createHash('sha1').update(der).digest('base64url'),
          e: jwk.e,
          n: jwk.n,
          alg: 'RS256',
        },
      ],
    };
  }
}
