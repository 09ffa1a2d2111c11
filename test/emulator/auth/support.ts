// Helpers for the authentication and header-rule specifications: token requests, forged tokens, and a
// raw HTTP client for what fastify's inject() cannot send (duplicated headers, header names as written).
import { connect } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SignJWT, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { expect } from 'vitest';
import { generateSigningKey, type SigningKeyPem } from '../../../src/emulator/auth/token-service.js';
import { memoryPersistence } from '../../../src/emulator/domain/persistence.js';
import type { EmulatorOptions } from '../../../src/emulator/options.js';
import { demoClient, startHarness, type Harness } from '../harness.js';

export const AUTH = '/integrator-authentication';
export const TOKEN_URL = `${AUTH}/connect/token`;
export const DISCOVERY_URL = `${AUTH}/.well-known/openid-configuration`;
export const JWKS_URL = `${DISCOVERY_URL}/jwks`;

/** A GUID as the API writes correlation ids. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let sharedSigningKey: SigningKeyPem | undefined;

/**
 * startHarness with one signing key per test file, loaded as a restart with saved state would load it:
 * spares each test a 2048-bit RSA key generation. (Should the key's storage id change, the emulator
 * simply generates its own key again: slower, never wrong.)
 */
export function startAuthHarness(options: EmulatorOptions = {}): Promise<Harness> {
  sharedSigningKey ??= generateSigningKey();
  const saved = { kind: 'meta', id: 'signing-key', doc: sharedSigningKey } as const;
  return startHarness({ persistence: { ...memoryPersistence(), loadAll: () => [saved] }, ...options });
}

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** `Authorization: Basic base64(client_id:client_secret)`, as the authentication guide spells it. */
export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** POSTs a form to the token endpoint with exactly the headers given (nothing is filled in). */
export function postToken(
  app: FastifyInstance,
  form: Record<string, string>,
  headers: Record<string, string>,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: TOKEN_URL,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
}

/** The documented token request: x-ibm-client-id, Basic credentials and grant_type=client_credentials. */
export function requestToken(
  app: FastifyInstance,
  extraForm: Record<string, string> = {},
  client: ClientCredentials = demoClient,
): Promise<LightMyRequestResponse> {
  return postToken(
    app,
    { grant_type: 'client_credentials', ...extraForm },
    { 'x-ibm-client-id': client.clientId, authorization: basic(client.clientId, client.clientSecret) },
  );
}

/** Re-signs a genuine token's claims with another key (and algorithm): what a forger would send. */
export async function resign(
  token: string,
  key: Parameters<SignJWT['sign']>[0],
  alg = 'RS256',
): Promise<string> {
  const header = decodeProtectedHeader(token);
  return new SignJWT(decodeJwt(token))
    .setProtectedHeader({ alg, typ: 'JWT', ...(header.kid === undefined ? {} : { kid: header.kid }) })
    .sign(key);
}

/** Changes one character in the middle of the signature, keeping header and payload intact. */
export function tamperSignature(token: string): string {
  const [head, body, signature] = token.split('.') as [string, string, string];
  const at = Math.floor(signature.length / 2);
  const swapped = signature[at] === 'A' ? 'B' : 'A';
  return `${head}.${body}.${signature.slice(0, at)}${swapped}${signature.slice(at + 1)}`;
}

/** Replaces the payload with new claims but keeps the original signature. */
export function tamperPayload(token: string, claims: JWTPayload): string {
  const [head, , signature] = token.split('.') as [string, string, string];
  const body = Buffer.from(JSON.stringify({ ...decodeJwt(token), ...claims })).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/** Asserts a PoS v10 error body: the status, the documented code, a message and a GUID correlationId. */
export function expectPosError(
  response: { statusCode: number; json(): unknown },
  status: number,
  code: string,
): void {
  const body = response.json() as Record<string, unknown>;
  expect({ status: response.statusCode, code: body['code'] }).toEqual({ status, code });
  expect(body['message']).toEqual(expect.any(String));
  expect(body['correlationId']).toMatch(GUID);
}

/** Asserts a 401 from the PoS v10 API (no error code is documented for it). */
export function expectUnauthorized(response: { statusCode: number; json(): unknown }): void {
  expect(response.statusCode).toBe(401);
  expect((response.json() as Record<string, unknown>)['correlationId']).toMatch(GUID);
}

/** Makes the emulator listen on a loopback port (the harness closes it) and returns the port. */
export async function listenOnLoopback(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the emulator is not listening on a TCP port');
  return address.port;
}

export type HeaderPair = readonly [name: string, value: string];

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  /** Sent in this order and spelling; the same name may appear more than once. */
  readonly headers: readonly HeaderPair[];
  readonly body?: unknown;
}

export interface RawResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  json(): unknown;
}

/** The headers of a well-behaved PoS client, spelled as the reference's cURL examples spell them. */
export function posHeaderPairs(token: string, clientId: string = demoClient.clientId): HeaderPair[] {
  return [
    ['Authorization', `Bearer ${token}`],
    ['X-IBM-Client-Id', clientId],
    ['X-MobilePay-Merchant-VAT-Number', 'DK12345678'],
    ['X-MobilePay-Client-System-Name', 'Raw socket PoS'],
    ['X-MobilePay-Client-System-Version', '1.0.0'],
  ];
}

/**
 * Sends one HTTP/1.1 request byte for byte over a fresh TCP connection and reads the whole response.
 * Header lines are written as Latin-1, the way Node's HTTP parser reads them back.
 */
export function rawHttp(port: number, request: RawRequest, timeoutMs = 2000): Promise<RawResponse> {
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(request.body));
  const lines = [
    `${request.method} ${request.path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Connection: close',
    ...request.headers.map(([name, value]) => `${name}: ${value}`),
    ...(request.body === undefined
      ? []
      : ['Content-Type: application/json', `Content-Length: ${body.length}`]),
  ];
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(Buffer.concat([head, body])));
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no complete response from 127.0.0.1:${port} within ${timeoutMs} ms`));
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

function parseResponse(raw: Buffer): RawResponse {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`not an HTTP response: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...headerLines] = text.slice(0, split).split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  if (!status) throw new Error(`not an HTTP status line: ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (headers['transfer-encoding'] !== undefined)
    throw new Error('chunked responses are not expected from the emulator');
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  const bodyBytes = raw.subarray(Buffer.byteLength(text.slice(0, split + 4), 'latin1'));
  const responseBody = (length === undefined ? bodyBytes : bodyBytes.subarray(0, length)).toString('utf8');
  return {
    statusCode: Number(status[1]),
    headers,
    body: responseBody,
    json: () => JSON.parse(responseBody) as unknown,
  };
}
