import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  certificateCovers,
  generateCertificationKey,
  signCertificate,
  verifyCertificate,
} from '../../../src/emulator/certification/certificate.js';
import type { Certificate } from '../../../src/shared/certification.js';
import { failedSession, passedSession } from './fixtures.js';

const serviceKey = generateCertificationKey();
const otherKey = generateCertificationKey();
const issuer = 'http://127.0.0.1:8080/certification';
const now = new Date('2024-05-01T12:00:00Z');

const issue = (key = serviceKey): Certificate => signCertificate(passedSession(), key, issuer, now);
/** The certificate as a tester would save and paste it: JSON text, parsed again. */
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value, null, 2));
const reasonOf = (verdict: ReturnType<typeof verifyCertificate>): string =>
  verdict.valid ? 'valid' : verdict.reason;

describe('issuing a certificate', () => {
  it('certifies the Major.Minor of the tested version for the selected sections', () => {
    const certificate = issue();
    expect(certificate.certificate).toEqual({
      kind: 'pos-sim-certificate',
      version: 1,
      sessionId: 'session-1',
      clientSystemName: 'Till Pro',
      clientId: 'client-123',
      certifiedVersion: '2.3',
      testedVersion: '2.3.17',
      sections: ['onboarding', 'payments'],
      issuedAt: '2024-05-01T12:00:00.000Z',
      issuer,
    });
    expect(certificate.algorithm).toBe('Ed25519');
    expect(certificate.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(certificate.keyId).toBe(serviceKey.keyId);
    expect(serviceKey.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses a session that has not passed', () => {
    expect(() => signCertificate(failedSession(), serviceKey, issuer, now)).toThrow(/not passed/);
  });

  it('signs canonical JSON: keys sorted at every depth, no whitespace', () => {
    expect(canonicalJson({ b: [{ z: 1, a: null }], a: 'x' })).toBe('{"a":"x","b":[{"a":null,"z":1}]}');
  });
});

describe('verifying a certificate', () => {
  it('accepts a certificate with the service public key, however its JSON is laid out', () => {
    const certificate = issue();
    const reordered = { keyId: certificate.keyId, ...(roundTrip(certificate) as object) };
    expect(verifyCertificate(roundTrip(certificate), serviceKey.publicKeyPem)).toEqual({
      valid: true,
      certificate: certificate.certificate,
    });
    expect(verifyCertificate(reordered, serviceKey.publicKeyPem).valid).toBe(true);
  });

  it('refuses a certificate with a section added', () => {
    const certificate = issue();
    const tampered = {
      ...certificate,
      certificate: { ...certificate.certificate, sections: [...certificate.certificate.sections, 'refunds'] },
    };
    expect(reasonOf(verifyCertificate(tampered, serviceKey.publicKeyPem))).toMatch(
      /signature does not match/,
    );
  });

  it('refuses a certificate whose version was raised', () => {
    const certificate = issue();
    const body = certificate.certificate;
    const bothRaised = {
      ...certificate,
      certificate: { ...body, certifiedVersion: '2.4', testedVersion: '2.4.0' },
    };
    const certifiedOnly = { ...certificate, certificate: { ...body, certifiedVersion: '2.4' } };
    expect(reasonOf(verifyCertificate(bothRaised, serviceKey.publicKeyPem))).toMatch(
      /signature does not match/,
    );
    expect(reasonOf(verifyCertificate(certifiedOnly, serviceKey.publicKeyPem))).toMatch(
      /certifiedVersion 2\.4 is not the Major\.Minor of testedVersion 2\.3\.17/,
    );
  });

  it('refuses a certificate whose signature was altered', () => {
    const certificate = issue();
    const flipped = (certificate.signature[0] === 'A' ? 'B' : 'A') + certificate.signature.slice(1);
    expect(
      reasonOf(verifyCertificate({ ...certificate, signature: flipped }, serviceKey.publicKeyPem)),
    ).toMatch(/signature does not match/);
    expect(
      reasonOf(verifyCertificate({ ...certificate, signature: 'AAAA' }, serviceKey.publicKeyPem)),
    ).toMatch(/signature does not match/);
  });

  it('refuses a certificate signed by another key, whatever keyId it claims', () => {
    const foreign = issue(otherKey);
    expect(reasonOf(verifyCertificate(foreign, serviceKey.publicKeyPem))).toMatch(
      new RegExp(`another key \\(keyId ${otherKey.keyId}\\); this service's key is ${serviceKey.keyId}`),
    );
    const forgedKeyId = { ...foreign, keyId: serviceKey.keyId };
    expect(reasonOf(verifyCertificate(forgedKeyId, serviceKey.publicKeyPem))).toMatch(
      /signature does not match/,
    );
  });

  it('says what is wrong with input that is not a certificate', () => {
    const certificate = issue();
    const { signature: _dropped, ...unsigned } = certificate;
    expect(reasonOf(verifyCertificate(null, serviceKey.publicKeyPem))).toMatch(
      /^Not a certificate: certificate:/,
    );
    expect(reasonOf(verifyCertificate('{"a":1}', serviceKey.publicKeyPem))).toMatch(/^Not a certificate/);
    expect(reasonOf(verifyCertificate(unsigned, serviceKey.publicKeyPem))).toMatch(/signature:/);
    expect(
      reasonOf(verifyCertificate({ ...certificate, algorithm: 'RS256' }, serviceKey.publicKeyPem)),
    ).toMatch(/algorithm:/);
    const extra = { ...certificate, certificate: { ...certificate.certificate, production: true } };
    expect(reasonOf(verifyCertificate(extra, serviceKey.publicKeyPem))).toMatch(/certificate: .*production/);
    const badSection = {
      ...certificate,
      certificate: { ...certificate.certificate, sections: ['everything'] },
    };
    expect(reasonOf(verifyCertificate(badSection, serviceKey.publicKeyPem))).toMatch(
      /certificate\.sections\.0/,
    );
  });

  it('says so when the key to verify with is not a key', () => {
    expect(reasonOf(verifyCertificate(issue(), 'not a pem'))).toMatch(/not a valid PEM public key/);
  });
});

describe('what a certificate covers', () => {
  const body = issue().certificate;

  it('covers every Build of the certified Major.Minor', () => {
    expect(certificateCovers(body, '2.3.17')).toBe(true);
    expect(certificateCovers(body, '2.3.0')).toBe(true);
    expect(certificateCovers(body, '2.3.250')).toBe(true);
  });

  it('does not cover a new Minor or Major version', () => {
    expect(certificateCovers(body, '2.4.0')).toBe(false);
    expect(certificateCovers(body, '3.3.17')).toBe(false);
    expect(certificateCovers(body, '2.30.1')).toBe(false);
  });

  it('does not cover something that is not a version', () => {
    expect(certificateCovers(body, 'latest')).toBe(false);
    expect(certificateCovers(body, '')).toBe(false);
  });
});
