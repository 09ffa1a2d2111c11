// Turning an HTTP answer into a typed value or an error of the catalogue: every body is parsed with
// the wire schema shared with the emulator, and every refusal keeps the API's own code and words.
import type { z } from 'zod';
import { posErrorNameOf } from '../../shared/pos-v10/error-codes.js';
import { TerminalApiError, type TerminalApiErrorCode } from './errors.js';
import type { HttpAnswer } from './http.js';

/** Which call an answer belongs to, for the error's method, path and message. */
export interface CallSite {
  readonly method: string;
  readonly path: string;
}

interface ErrorDetails {
  apiCode?: string;
  apiMessage?: string;
  correlationId?: string;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * The API's error body, {code, message, correlationId} (the reference's example spells it
 * CorrelationId), or the token endpoint's OAuth shape {error, error_description}.
 */
function errorDetails(answer: HttpAnswer): ErrorDetails {
  const body = (answer.json ?? {}) as Record<string, unknown>;
  const details: ErrorDetails = {};
  const apiCode = text(body['code']) ?? (typeof body['code'] === 'number' ? String(body['code']) : undefined);
  const apiMessage = text(body['message']) ?? text(body['error_description']) ?? text(body['error']);
  const correlationId =
    text(body['correlationId']) ??
    text(body['CorrelationId']) ??
    text(answer.headers.get('x-correlation-id')) ??
    text(answer.headers.get('correlation-id'));
  if (apiCode !== undefined) details.apiCode = apiCode;
  if (apiMessage !== undefined) details.apiMessage = apiMessage;
  if (correlationId !== undefined) details.correlationId = correlationId;
  return details;
}

function codeOfStatus(status: number): TerminalApiErrorCode {
  if (status === 401) return 'pos.unauthorized';
  if (status >= 400 && status <= 499) return 'pos.api';
  if (status >= 500 && status <= 599) return 'pos.server';
  return 'pos.bad-response';
}

/** The error for an answer that is not 2xx: pos.unauthorized (401), pos.api (4xx), pos.server (5xx), else pos.bad-response. */
export function errorOfAnswer(answer: HttpAnswer, site: CallSite): TerminalApiError {
  const details = errorDetails(answer);
  const code = codeOfStatus(answer.status);
  const name = details.apiCode === undefined ? undefined : posErrorNameOf(details.apiCode);
  const apiPart = [answer.status, details.apiCode, name === undefined ? undefined : `(${name})`]
    .filter((part) => part !== undefined)
    .join(' ');
  const verb =
    code === 'pos.api'
      ? 'was refused'
      : code === 'pos.unauthorized'
        ? 'was refused as unauthorized'
        : code === 'pos.server'
          ? `failed on the server after ${answer.attempts} attempt${answer.attempts === 1 ? '' : 's'}`
          : 'got an unexpected status';
  const message = `${site.method} ${site.path} ${verb}: ${apiPart}${details.apiMessage === undefined ? '' : ` ${details.apiMessage}`}`;
  return new TerminalApiError({
    code,
    message,
    method: site.method,
    path: site.path,
    attempts: answer.attempts,
    status: answer.status,
    ...details,
  });
}

/** True for 2xx. */
export function isSuccess(answer: HttpAnswer): boolean {
  return answer.status >= 200 && answer.status <= 299;
}

/** The body of a 2xx answer parsed with its wire schema; pos.bad-response when it does not match. */
export function parseAnswer<S extends z.ZodType>(answer: HttpAnswer, schema: S, site: CallSite): z.output<S> {
  if (!isSuccess(answer)) throw errorOfAnswer(answer, site);
  const parsed = schema.safeParse(answer.json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
  const { correlationId } = errorDetails(answer);
  throw new TerminalApiError({
    code: 'pos.bad-response',
    message: `${site.method} ${site.path} answered ${answer.status} with a body that does not match the PoS v10 schema (${problems})`,
    method: site.method,
    path: site.path,
    attempts: answer.attempts,
    status: answer.status,
    ...(correlationId === undefined ? {} : { correlationId }),
  });
}

/** For the endpoints that answer 200 without a body (capture, cancel, ready, delete): any 2xx will do. */
export function expectSuccess(answer: HttpAnswer, site: CallSite): void {
  if (!isSuccess(answer)) throw errorOfAnswer(answer, site);
}
