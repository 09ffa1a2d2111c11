// The approval step's certificate: a JSON body signed with the service's Ed25519 key, so anyone holding
// the public key can check that a client version was certified, and that nobody edited the file since.
// The signature covers canonical JSON (keys sorted, no whitespace): the same body always signs the same
// way, whatever order a tool writes the keys in.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { z } from 'zod';
import {
  CERTIFICATION_SECTIONS,
  type Certificate,
  type CertificateBody,
  type SessionView,
} from '../../shared/certification.js';

/** The service's signing key, PEM encoded so it can be kept with the emulator's other state. */
export interface CertificationKey {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  readonly keyId: string;
}

/** Names a public key without printing it: the first 16 hex digits of SHA-256 over its DER SPKI. */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** A fresh Ed25519 key: small, fast and deterministic signatures, no parameters to get wrong. */
export function generateCertificationKey(): CertificationKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem,
    keyId: keyIdOf(publicKeyPem),
  };
}

/** JSON with object keys sorted at every depth and no whitespace: the bytes the signature covers. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const VERSION = /^(\d{1,9})\.(\d{1,9})(?:\.(\d{1,9}))?$/;

/** Major.Minor of a Major.Minor[.Build] version, numbers normalised ("01.2.3" -> "1.2"); null if not one. */
function majorMinor(version: string): string | null {
  const match = VERSION.exec(version.trim());
  return match ? `${Number(match[1])}.${Number(match[2])}` : null;
}

/** Signs the certificate of a passed session; a session with any step not passed gets none. */
export function signCertificate(
  session: SessionView,
  key: CertificationKey,
  issuer: string,
  now: Date,
): Certificate {
  if (!session.passed) throw new Error(`session ${session.id} has not passed: no certificate`);
  const tested = session.identification.clientSystemVersion;
  const certified = majorMinor(tested);
  if (certified === null) throw new Error(`"${tested}" is not a Major.Minor.Build version`);
  const certificate: CertificateBody = {
    kind: 'pos-sim-certificate',
    version: 1,
    sessionId: session.id,
    clientSystemName: session.identification.clientSystemName,
    clientId: session.identification.clientId,
    certifiedVersion: certified,
    testedVersion: tested,
    sections: [...session.sections],
    issuedAt: now.toISOString(),
    issuer,
  };
  const signature = sign(null, Buffer.from(canonicalJson(certificate)), createPrivateKey(key.privateKeyPem));
  return { certificate, algorithm: 'Ed25519', signature: signature.toString('base64url'), keyId: key.keyId };
}

const bodySchema = z
  .object({
    kind: z.literal('pos-sim-certificate'),
    version: z.literal(1),
    sessionId: z.string().min(1),
    clientSystemName: z.string().min(1),
    clientId: z.string().min(1),
    certifiedVersion: z.string().regex(/^\d+\.\d+$/, 'expected Major.Minor'),
    testedVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected Major.Minor.Build'),
    sections: z.array(z.enum(CERTIFICATION_SECTIONS)),
    issuedAt: z.iso.datetime(),
    issuer: z.string(),
  })
  .strict();
const certificateSchema = z
  .object({
    certificate: bodySchema,
    algorithm: z.literal('Ed25519'),
    signature: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected base64url'),
    keyId: z.string().min(1),
  })
  .strict();

/** Why a certificate is or is not valid, in words a tester can act on. */
export type CertificateVerdict =
  | { readonly valid: true; readonly certificate: CertificateBody }
  | { readonly valid: false; readonly reason: string };

/** Checks shape, key and signature; every refusal says which of them failed. */
export function verifyCertificate(value: unknown, publicKeyPem: string): CertificateVerdict {
  const parsed = certificateSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'certificate'}: ${issue.message}`,
    );
    return { valid: false, reason: `Not a certificate: ${problems.join('; ')}` };
  }
  const { certificate, signature, keyId } = parsed.data;
  let serviceKeyId: string;
  try {
    serviceKeyId = keyIdOf(publicKeyPem);
  } catch {
    return { valid: false, reason: 'The public key to verify with is not a valid PEM public key' };
  }
  if (keyId !== serviceKeyId)
    return {
      valid: false,
      reason: `Signed by another key (keyId ${keyId}); this service's key is ${serviceKeyId}`,
    };
  if (majorMinor(certificate.testedVersion) !== certificate.certifiedVersion)
    return {
      valid: false,
      reason: `certifiedVersion ${certificate.certifiedVersion} is not the Major.Minor of testedVersion ${certificate.testedVersion}`,
    };
  const signed = Buffer.from(canonicalJson(certificate));
  let ok: boolean;
  try {
    ok = verify(null, signed, createPublicKey(publicKeyPem), Buffer.from(signature, 'base64url'));
  } catch {
    ok = false;
  }
  if (!ok)
    return {
      valid: false,
      reason:
        'The signature does not match the certificate: it was altered after signing, or not signed by this key',
    };
  return { valid: true, certificate };
}

/**
 * Whether a certificate covers a client version: the same Major.Minor. A new Build needs no new
 * certificate; a new Minor or Major does (verification.md: "all Major and Minor versions ... must be certified").
 */
export function certificateCovers(certificate: CertificateBody, clientSystemVersion: string): boolean {
  const version = majorMinor(clientSystemVersion);
  return version !== null && version === majorMinor(certificate.certifiedVersion);
}
