// Field checks that answer with the API's own error codes (reference: docs/api-errors.mdx).
import { badRequest, posError } from '../api-error.js';
import type { PosErrorName } from '../../shared/pos-v10/error-codes.js';
import {
  CURRENCY_CODES,
  PLANNED_CAPTURE_DELAYS,
  isGuid,
  isValidAmount,
  isValidText,
} from '../../shared/pos-v10/formats.js';
import type { CurrencyCode, PlannedCaptureDelay, Restrictions } from './model.js';

export type Body = Readonly<Record<string, unknown>>;

/** The request body as an object, or 1099 when it is absent or not a JSON object. */
export function objectBody(body: unknown): Body {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('the request body must be a JSON object');
  return body as Body;
}

/** A required text field of at most `max` valid characters, or the given error. */
export function text(body: Body, field: string, max: number, error: PosErrorName): string {
  const value = body[field];
  if (!isValidText(value, max)) throw posError(error, `${field} must be 1 to ${max} valid characters`);
  return value;
}

/** An optional text field (absent or null gives null). */
export function optionalText(body: Body, field: string, max: number, error: PosErrorName): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (!isValidText(value, max, { allowEmpty: true }))
    throw posError(error, `${field} must be at most ${max} valid characters`);
  return value;
}

export function guid(body: Body, field: string): string {
  const value = body[field];
  if (!isGuid(value)) throw badRequest(`${field} must be a GUID`);
  return value;
}

export function amount(body: Body, field = 'amount'): number {
  const value = body[field];
  if (!isValidAmount(value))
    throw posError('InvalidAmount', `${field} must be a positive number with at most two decimals`);
  return value;
}

export function currency(body: Body): CurrencyCode {
  const value = body['currencyCode'];
  if (typeof value !== 'string' || !(CURRENCY_CODES as readonly string[]).includes(value))
    throw badRequest('currencyCode must be DKK or EUR');
  return value as CurrencyCode;
}

export function plannedCaptureDelay(body: Body): PlannedCaptureDelay {
  const value = body['plannedCaptureDelay'];
  if (typeof value !== 'string' || !(PLANNED_CAPTURE_DELAYS as readonly string[]).includes(value))
    throw badRequest('plannedCaptureDelay must be None, LessThan24Hours or LessThan14Days');
  return value as PlannedCaptureDelay;
}

export function restrictions(body: Body): Restrictions | null {
  const value = body['restrictions'];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('restrictions must be an object');
  const r = value as Record<string, unknown>;
  const flag = (name: string): boolean | null => {
    const v = r[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'boolean') throw badRequest(`restrictions.${name} must be a boolean`);
    return v;
  };
  return {
    debitCardDisallowed: flag('debitCardDisallowed'),
    creditCardDisallowed: flag('creditCardDisallowed'),
  };
}

/** A query parameter given once (arrays from repeated parameters are refused). */
export function queryParam(query: unknown, name: string): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`query parameter ${name} must be given once`);
  return value;
}
