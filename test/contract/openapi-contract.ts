// The PoS v10 contract as a test oracle: loads the reference pos.yaml and validates any response
// (method, concrete URL, status, body) against the operation it belongs to, with
// openapi-response-validator (Ajv 8 underneath). Used by the contract scenarios and their recorder.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { IOpenAPIResponseValidator, OpenAPIResponseValidatorArgs } from 'openapi-response-validator';
import { parse } from 'yaml';

/** The vendor's OpenAPI document, outside this repository: ../shared from the repo root. */
export const POS_YAML_PATH = fileURLToPath(
  new URL('../../../shared/reference/mobilepay-pos-v10/openapi/pos.yaml', import.meta.url),
);

/** Whether the reference is present (CI always has ../shared; a bare checkout may not). */
export const posYamlAvailable = existsSync(POS_YAML_PATH);

/** One way a response breaks the contract; every field is there so a failing toEqual([]) says it all. */
export interface ContractViolation {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** The matched operation, e.g. `POST /pos/v10/payments/{paymentid}/capture`, or null when none matched. */
  readonly operation: string | null;
  readonly message: string;
  readonly body?: unknown;
}

/** What a check found: violations fail a scenario, notes only inform (e.g. a body where none is documented). */
export interface ContractCheck {
  readonly operation: string | null;
  readonly violations: ContractViolation[];
  readonly notes: string[];
}

type ResponseValidatorClass = new (args: OpenAPIResponseValidatorArgs) => IOpenAPIResponseValidator;
// The package is CommonJS with `exports.default`; require() gives the same class under Node and vitest.
const ResponseValidatorCtor = (
  createRequire(import.meta.url)('openapi-response-validator') as { default: ResponseValidatorClass }
).default;

type AjvError = Parameters<NonNullable<OpenAPIResponseValidatorArgs['errorTransformer']>>[1];

/** `paymentId: must match format "uuid"`, `(body): must NOT have additional properties: origin`. */
function describeAjvError(_mapped: unknown, error: AjvError): string {
  const where = error.instancePath.replace(/^\/response/, '').replace(/^\//, '') || '(body)';
  const params = error.params as {
    additionalProperty?: string;
    allowedValues?: unknown[];
    missingProperty?: string;
  };
  const extra =
    params.additionalProperty ??
    params.missingProperty ??
    (params.allowedValues ? params.allowedValues.join('|') : undefined);
  return `${where}: ${error.message ?? error.keyword}${extra === undefined ? '' : `: ${extra}`}`;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** RFC 3339 date-time (what OpenAPI's `date-time` means): real calendar values, an explicit offset. */
export function isRfc3339DateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    offsetOk
  );
}

/**
 * Ajv 8 ships no formats and the library passes only function formats to it (which check strings).
 * uuid and date-time are enforced here; the numeric formats of pos.yaml (int32, double, decimal) are
 * declared as accepted on purpose: `type: integer` / `type: number` already check those values.
 */
const customFormats: NonNullable<OpenAPIResponseValidatorArgs['customFormats']> = {
  uuid: (value: string) => UUID.test(value),
  'date-time': (value: string) => isRfc3339DateTime(value),
  int32: () => true,
  double: () => true,
  decimal: () => true,
};

interface Operation {
  readonly method: string;
  readonly template: string;
  readonly segments: readonly string[];
  /** Documented statuses: true when the document gives the response a body (schema), false when bodiless. */
  readonly statuses: ReadonlyMap<string, boolean>;
  readonly validator: IOpenAPIResponseValidator;
}

type Document = {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
  components?: OpenAPIResponseValidatorArgs['components'];
};

const isTemplated = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');
const splitPath = (path: string): string[] => path.split('?')[0]!.replace(/\/+$/, '').split('/');

/** The contract of one OpenAPI document: a matcher from concrete URLs to operations, and a validator per operation. */
export class OpenApiContract {
  private readonly operations: Operation[] = [];

  constructor(document: Document) {
    for (const [template, item] of Object.entries(document.paths)) {
      for (const method of HTTP_METHODS) {
        const responses = item[method]?.responses;
        if (!responses) continue;
        const statuses = new Map(
          Object.entries(responses).map(([status, r]) => [status, r.content !== undefined]),
        );
        const validator = new ResponseValidatorCtor({
          responses: responses as OpenAPIResponseValidatorArgs['responses'],
          components: document.components ?? {},
          customFormats,
          loggingKey: `${method.toUpperCase()} ${template}`,
          errorTransformer: describeAjvError,
        });
        this.operations.push({
          method: method.toUpperCase(),
          template,
          segments: splitPath(template),
          statuses,
          validator,
        });
      }
    }
  }

  /**
   * The path template a concrete URL belongs to. Literal segments are compared case-insensitively (as
   * the emulator routes) and win over templated ones at the first position where candidates differ,
   * so /pos/v10/stores/detailed is not taken for /pos/v10/stores/{storeid}.
   */
  matchTemplate(url: string): string | null {
    const segments = splitPath(url);
    const templates = new Map(this.operations.map((o) => [o.template, o.segments]));
    const candidates = [...templates].filter(
      ([, t]) =>
        t.length === segments.length &&
        t.every((s, i) => isTemplated(s) || s.toLowerCase() === segments[i]!.toLowerCase()),
    );
    candidates.sort(([, a], [, b]) => {
      const i = a.findIndex((s, k) => isTemplated(s) !== isTemplated(b[k]!));
      return i < 0 ? 0 : isTemplated(a[i]!) ? 1 : -1;
    });
    return candidates[0]?.[0] ?? null;
  }

  /**
   * Violations and notes for one response; `body` is the parsed JSON, or undefined when there was none.
   * With a content type, a documented JSON body must also be sent as application/json.
   */
  check(method: string, url: string, status: number, body: unknown, contentType?: string): ContractCheck {
    const template = this.matchTemplate(url);
    const verb = method.toUpperCase();
    const violation = (operation: string | null, message: string): ContractCheck => ({
      operation,
      violations: [
        { method: verb, url, status, operation, message, ...(body === undefined ? {} : { body }) },
      ],
      notes: [],
    });
    if (template === null) return violation(null, 'no path of the document matches this URL');
    const operation = this.operations.find((o) => o.template === template && o.method === verb);
    const name = `${verb} ${template}`;
    if (!operation) return violation(null, `the document has no ${verb} operation on ${template}`);
    if (operation.statuses.get(String(status)) === false) {
      const notes =
        body === undefined
          ? []
          : [`${status} ${name}: the document defines no body for this status; a body was sent (allowed)`];
      return { operation: name, violations: [], notes };
    }
    if (
      body !== undefined &&
      contentType !== undefined &&
      operation.statuses.get(String(status)) &&
      !/^application\/json\b/i.test(contentType)
    )
      return violation(
        name,
        `the document gives application/json for ${status}; the response was ${contentType}`,
      );
    // Undocumented statuses are reported by the library itself ("An unknown status code was used ...").
    const result = operation.validator.validateResponse(String(status), body);
    if (!result) return { operation: name, violations: [], notes: [] };
    const errors = (result.errors ?? [result.message]) as (string | { message: string })[];
    const details = errors.map((e) => (typeof e === 'string' ? e : e.message));
    const documented = [...operation.statuses.keys()].join(', ');
    const prefix = operation.statuses.has(String(status))
      ? ''
      : `status ${status} is not documented (documented: ${documented}); `;
    return violation(name, `${prefix}${details.join('; ')}`);
  }

  /** The contract check the scenarios assert on: an empty list means the response honours the document. */
  validateResponse(
    method: string,
    url: string,
    status: number,
    body: unknown,
    contentType?: string,
  ): ContractViolation[] {
    return this.check(method, url, status, body, contentType).violations;
  }
}

let loaded: OpenApiContract | undefined;

/** The PoS v10 contract from ../shared (parsed once per test file); throws when the document is absent. */
export function loadPosContract(): OpenApiContract {
  loaded ??= new OpenApiContract(parse(readFileSync(POS_YAML_PATH, 'utf8')) as Document);
  return loaded;
}
