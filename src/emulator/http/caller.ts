// The rules every /pos/v10 call passes first: a valid bearer token for the calling client (401), the
// documented headers (1151-1161), the merchant_vat claim (1182) and, on creating POSTs, the
// idempotency key (1162-1164).
import type { IncomingMessage } from 'node:http';
import { posError, unauthorized } from '../api-error.js';
import { posHeaders } from '../../shared/pos-v10/error-codes.js';
import { isValidClientVersion, isValidText, isValidVat } from '../../shared/pos-v10/formats.js';
import type { AccessTokenClaims, TokenService } from '../auth/token-service.js';
import type { Caller } from '../domain/core.js';

/** The values of one header, however many times it was sent (Node folds duplicates otherwise). */
export function headerValues(raw: IncomingMessage, name: string): string[] {
  return scanHeaders(raw, [name]).get(name) ?? [];
}

/** One pass over the raw headers collecting every value of the wanted (lowercase) names. */
function scanHeaders(raw: IncomingMessage, names: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const headers = raw.rawHeaders;
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i]!;
    if (name.length < 20 || !/^x-mobilepay-/i.test(name)) continue;
    const lower = name.toLowerCase();
    if (!names.includes(lower)) continue;
    const list = found.get(lower);
    if (list) list.push(headers[i + 1]!);
    else found.set(lower, [headers[i + 1]!]);
  }
  return found;
}

const callerHeaders = [posHeaders.merchantVat, posHeaders.systemName, posHeaders.systemVersion];

/** The access token's claims; 401 for a missing, foreign or expired token or a client id that does not match it. */
export function authenticate(tokens: TokenService, raw: IncomingMessage): AccessTokenClaims {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(raw.headers.authorization ?? '');
  if (!bearer) throw unauthorized('a bearer access token is required');
  const claims = tokens.verify(bearer[1]!);
  if (!claims) throw unauthorized('the access token is invalid or has expired');
  const clientId = raw.headers[posHeaders.clientId];
  if (typeof clientId !== 'string' || clientId === '')
    throw unauthorized('the x-ibm-client-id header is required');
  if (clientId.toLowerCase() !== claims.clientId.toLowerCase())
    throw unauthorized('x-ibm-client-id does not match the client the access token was issued to');
  return claims;
}

function single(
  found: Map<string, string[]>,
  name: string,
  missing: Parameters<typeof posError>[0] | null,
  duplicated: Parameters<typeof posError>[0],
): string | undefined {
  const values = found.get(name) ?? [];
  if (values.length > 1) throw posError(duplicated);
  // A header that is present but empty is invalid (checked by the caller), not missing.
  if (values.length === 0) {
    if (missing) throw posError(missing);
    return undefined;
  }
  return values[0]!.trim();
}

/** Who is calling, on whose behalf, with which client system and version. */
export function readCaller(raw: IncomingMessage, claims: AccessTokenClaims, integratorId: string): Caller {
  if (claims.merchantVat !== null && !isValidVat(claims.merchantVat))
    throw posError('InvalidVatClaim', 'merchant_vat must be DK or FI followed by 8 digits');
  const found = scanHeaders(raw, callerHeaders);
  const vatHeader = single(
    found,
    posHeaders.merchantVat,
    claims.merchantVat === null ? 'MissingVatHeader' : null,
    'DuplicatedVatHeader',
  );
  if (vatHeader !== undefined && !isValidVat(vatHeader))
    throw posError('InvalidVatHeader', 'expected a country code and 8 digits, e.g. DK12345678');
  if (vatHeader !== undefined && claims.merchantVat !== null && vatHeader !== claims.merchantVat)
    throw posError('InvalidVatHeader', 'the access token is restricted to another merchant');
  const systemName = single(
    found,
    posHeaders.systemName,
    'MissingSystemNameHeader',
    'DuplicatedSystemNameHeader',
  )!;
  if (!isValidText(systemName, 100))
    throw posError('InvalidSystemNameHeader', 'expected 1 to 100 valid characters');
  const systemVersion = single(
    found,
    posHeaders.systemVersion,
    'MissingSystemVersionHeader',
    'DuplicatedSystemVersionHeader',
  )!;
  if (!isValidClientVersion(systemVersion))
    throw posError('InvalidSystemVersionHeader', 'expected Major.Minor.Build, e.g. 2.1.1');
  return {
    integratorId,
    clientId: claims.clientId,
    merchantVat: (vatHeader ?? claims.merchantVat)!,
    systemName,
    systemVersion,
  };
}

/** The idempotency key of a creating POST: at most 36 valid characters, sent exactly once. */
export function readIdempotencyKey(raw: IncomingMessage): string {
  const key = single(
    scanHeaders(raw, [posHeaders.idempotencyKey]),
    posHeaders.idempotencyKey,
    'MissingIdempotencyKey',
    'DuplicatedIdempotencyKey',
  )!;
  if (!isValidText(key, 36)) throw posError('InvalidIdempotencyKey', 'expected at most 36 valid characters');
  return key;
}
