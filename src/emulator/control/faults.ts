// Fault actions: what the emulator does instead of (or around) answering a request, chosen
// deterministically by a control-plane rule or by the client's own `x-emulator-fault` header.
import { z } from 'zod';
import { posErrorCodes, posErrorNameOf } from '../../shared/pos-v10/error-codes.js';

/** The header a client sends to fault one of its own requests (`status=500;code=2001`, `delay=2500`, `drop`, `refuse`). */
export const FAULT_HEADER = 'x-emulator-fault';

/** Longest delay a fault may ask for: ten minutes is longer than any client timeout worth testing. */
export const MAX_DELAY_MS = 10 * 60 * 1000;

/** The action of a rule as the control plane accepts it (and the header parser checks against). */
export const faultActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delay'), ms: z.number().int().min(0).max(MAX_DELAY_MS) }),
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(200).max(599),
    code: z.string().min(1).max(20).optional(),
    message: z.string().min(1).max(500).optional(),
  }),
  z.object({ kind: z.literal('drop') }),
  z.object({ kind: z.literal('refuse') }),
]);

/**
 * What a fault does. delay: wait, then answer normally. status: answer at once with an error and
 * never run the handler (nothing commits). drop: run the request (it commits) and destroy the socket
 * instead of answering. refuse: reset the connection before anything runs.
 */
export type FaultAction = z.infer<typeof faultActionSchema>;

/** A fault chosen for one request, and where it came from (for the request log and the event stream). */
export interface AppliedFault {
  readonly source: 'header' | 'rule';
  readonly ruleId?: string;
  readonly action: FaultAction;
  /** Short form, e.g. `status=500;code=2000` or `rule fault-3: drop`. */
  readonly label: string;
}

/** The header's short form of an action; also how the request log names faults. */
export function describeAction(action: FaultAction): string {
  switch (action.kind) {
    case 'delay':
      return `delay=${action.ms}`;
    case 'status':
      return `status=${action.status}${action.code === undefined ? '' : `;code=${action.code}`}`;
    case 'drop':
    case 'refuse':
      return action.kind;
  }
}

/** Parses an `x-emulator-fault` header; throws an Error with a readable message when it is malformed. */
export function parseFaultHeader(value: string): FaultAction {
  const parts = value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const fields = new Map<string, string>();
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (fields.has(name)) throw new Error(`${FAULT_HEADER}: "${name}" is given twice`);
    fields.set(name, eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).trim()));
  }
  const kinds = ['status', 'delay', 'drop', 'refuse'].filter((kind) => fields.has(kind));
  if (kinds.length !== 1)
    throw new Error(
      `${FAULT_HEADER}: expected exactly one of status=<code>, delay=<ms>, drop or refuse, got "${value}"`,
    );
  const allowed = kinds[0] === 'status' ? ['status', 'code', 'message'] : kinds;
  const extra = [...fields.keys()].filter((name) => !allowed.includes(name));
  if (extra.length > 0)
    throw new Error(`${FAULT_HEADER}: unexpected "${extra.join('", "')}" with ${kinds[0]}`);
  const candidate =
    kinds[0] === 'status'
      ? {
          kind: 'status',
          status: Number(fields.get('status')),
          code: fields.get('code'),
          message: fields.get('message'),
        }
      : kinds[0] === 'delay'
        ? { kind: 'delay', ms: Number(fields.get('delay')) }
        : { kind: kinds[0] };
  const parsed = faultActionSchema.safeParse(candidate);
  if (!parsed.success)
    throw new Error(`${FAULT_HEADER}: "${value}" is not a valid fault (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/** The error body of a status fault, shaped like the API's own errors ({code, message, correlationId}). */
export function statusFaultBody(
  action: Extract<FaultAction, { kind: 'status' }>,
  correlationId: string,
): { code?: string; message: string; correlationId: string } {
  const code = action.code ?? (action.status >= 500 ? '2000' : action.status === 400 ? '1099' : undefined);
  const name = code === undefined ? undefined : posErrorNameOf(code);
  const message =
    action.message ??
    (name ? posErrorCodes[name].text : `Fault injected by the emulator: HTTP ${action.status}`);
  return code === undefined ? { message, correlationId } : { code, message, correlationId };
}
