// Records the contract check of every response a scenario causes: app.inject is wrapped, so the
// calls inside harness helpers (createPos, initiate, user simulation, ...) are validated too, not
// just the responses a test happens to read.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { ContractViolation, OpenApiContract } from './openapi-contract.js';

/** The prefixes pos.yaml documents; the token endpoint and our /emulator control plane are not in it. */
export const CONTRACT_PREFIXES = ['/pos/v10', '/pos/app/usersimulation'] as const;

/** What one scenario's responses did to the contract. `violations` is live: assert on it at the end. */
export interface ContractRecorder {
  readonly violations: ContractViolation[];
  readonly notes: string[];
  /** How many responses were checked (a scenario that checked none proves nothing). */
  readonly checked: () => number;
}

/**
 * The response body as the API sent it: parsed JSON, undefined when empty, and the raw text when it is
 * not JSON (which then fails any documented schema, and is only noted where none is documented).
 */
function readBody(response: LightMyRequestResponse): unknown {
  if (response.body === '') return undefined;
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    return response.body;
  }
}

function urlOf(options: InjectOptions | string): string {
  const url = typeof options === 'string' ? options : (options.url ?? options.path ?? '/');
  if (typeof url === 'string') return url;
  return typeof url.query === 'string' && url.query !== '' ? `${url.pathname}?${url.query}` : url.pathname;
}

/** Wraps app.inject so every response under the documented prefixes is validated against the contract. */
export function recordContract(app: FastifyInstance, contract: OpenApiContract): ContractRecorder {
  const violations: ContractViolation[] = [];
  const notes: string[] = [];
  let checked = 0;
  const inject = app.inject.bind(app) as (options: InjectOptions | string) => Promise<LightMyRequestResponse>;
  const recordingInject = async (options: InjectOptions | string): Promise<LightMyRequestResponse> => {
    const response = await inject(options);
    const url = urlOf(options);
    const path = url.split('?')[0]!.toLowerCase();
    if (!CONTRACT_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)))
      return response;
    const method = typeof options === 'string' ? 'GET' : (options.method ?? 'GET').toString().toUpperCase();
    const body = readBody(response);
    const contentType = response.headers['content-type'];
    const result = contract.check(
      method,
      url,
      response.statusCode,
      body,
      typeof contentType === 'string' ? contentType : undefined,
    );
    checked += 1;
    violations.push(...result.violations);
    notes.push(...result.notes);
    return response;
  };
  // Own property on the instance: the harness looks `app.inject` up at call time, so its helpers go through here.
  (app as unknown as { inject: typeof recordingInject }).inject = recordingInject;
  return { violations, notes, checked: () => checked };
}
