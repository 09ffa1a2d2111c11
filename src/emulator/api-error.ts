// Errors the emulator answers with: the real PoS v10 codes, statuses and body shape.
import { posErrorCodes, type PosErrorName } from '../shared/pos-v10/error-codes.js';

/** An error with an HTTP status and, where the API defines one, a PoS v10 error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Builds the documented error for a catalogue entry, optionally with a more precise message. */
export function posError(name: PosErrorName, detail?: string): ApiError {
  const entry = posErrorCodes[name];
  return new ApiError(entry.status, entry.code, detail ? `${entry.text}: ${detail}` : entry.text);
}

/** A 404 for a resource that does not exist (the API documents no code; we send the matching "not found" code). */
export function notFound(what: 'Payment' | 'Point of sale' | 'Store' | 'Refund'): ApiError {
  const code = { Payment: '1001', 'Point of sale': '1000', Store: '1002', Refund: '1004' }[what];
  return new ApiError(404, code, `${what} not found`);
}

export function unauthorized(reason: string): ApiError {
  return new ApiError(401, null, `Unauthorized: ${reason}`);
}

/** 400 1099: a request the API cannot read (bad JSON, a missing or mistyped field without its own code). */
export function badRequest(detail: string): ApiError {
  return posError('UnknownBadRequest', detail);
}
