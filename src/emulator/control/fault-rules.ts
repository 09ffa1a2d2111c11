// Fault rules set through the control plane: "the 2nd and 3rd POST to /pos/v10/payments/*/capture
// from now answer 500". Counting is per rule and exact, so a test or a certification case knows
// precisely which call fails.
import { z } from 'zod';
import { describeAction, faultActionSchema, type AppliedFault, type FaultAction } from './faults.js';

/** The body of POST /emulator/faults: which calls to fault, from when, how often, and how. */
export const faultRuleInputSchema = z.object({
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(['GET', 'POST', 'DELETE', 'PUT', '*'])),
  path: z.string().min(1).max(500).startsWith('/'),
  nth: z.number().int().min(1).default(1),
  times: z.number().int().min(1).default(1),
  action: faultActionSchema,
  /** Only calls whose x-ibm-client-id is this (case-insensitive): a certification session's own calls. */
  clientId: z.string().min(1).max(200).optional(),
});
/** A rule as callers write it (nth and times may be left out). */
export type FaultRuleInput = z.input<typeof faultRuleInputSchema>;

/** A rule as the control plane shows it: its definition and how often it has matched and fired. */
export interface FaultRuleView {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly nth: number;
  readonly times: number;
  readonly action: FaultAction;
  /** Set when the rule only counts and faults the calls of this client. */
  readonly clientId?: string;
  /** Matching calls seen since the rule was set. */
  readonly matched: number;
  /** Calls the rule actually faulted (an older rule that fires on the same call takes precedence). */
  readonly fired: number;
  /** True once every call of the rule's window has gone by: it will never fire again. */
  readonly exhausted: boolean;
}

interface Rule {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly pattern: RegExp;
  readonly nth: number;
  readonly times: number;
  readonly action: FaultAction;
  readonly clientId: string | null;
  readonly label: string;
  matched: number;
  fired: number;
}

const escapeRegExp = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles a path glob: `*` matches within one path segment, `**` any number of segments (the
 * rest of the path). Case-insensitive, like the emulator's router; a trailing slash is ignored.
 */
export function compilePathGlob(glob: string): RegExp {
  const segments = glob.split('?')[0]!.replace(/\/+$/, '').split('/').slice(1);
  let source = '';
  segments.forEach((segment, index) => {
    if (segment === '**') source += index === segments.length - 1 ? '(?:/.*)?' : '(?:/[^/]*)*';
    else source += `/${segment.split('*').map(escapeRegExp).join('[^/]*')}`;
  });
  return new RegExp(`^${source}/?$`, 'i');
}

/** The ordered set of fault rules; `select` is on every request's path, so it is cheap when empty. */
export class FaultRules {
  private rules: Rule[] = [];
  private nextId = 1;

  add(input: FaultRuleInput): FaultRuleView {
    const parsed = faultRuleInputSchema.parse(input);
    const id = `fault-${this.nextId++}`;
    const rule: Rule = {
      id,
      method: parsed.method,
      path: parsed.path,
      pattern: compilePathGlob(parsed.path),
      nth: parsed.nth,
      times: parsed.times,
      action: parsed.action,
      clientId: parsed.clientId?.toLowerCase() ?? null,
      label: `rule ${id}: ${describeAction(parsed.action)}`,
      matched: 0,
      fired: 0,
    };
    this.rules.push(rule);
    return view(rule);
  }

  list(): FaultRuleView[] {
    return this.rules.map(view);
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  get size(): number {
    return this.rules.length;
  }

  /**
   * Counts this call against every rule it matches and returns the fault of the oldest rule whose
   * window (calls nth .. nth+times-1 since the rule was set) covers it, or null. `clientId` is the
   * call's x-ibm-client-id, matched against rules scoped to one client.
   */
  select(method: string, path: string, clientId?: string): AppliedFault | null {
    if (this.rules.length === 0) return null;
    let chosen: Rule | null = null;
    const caller = clientId?.toLowerCase();
    for (const rule of this.rules) {
      if (rule.method !== '*' && rule.method !== method) continue;
      if (rule.clientId !== null && rule.clientId !== caller) continue;
      if (!rule.pattern.test(path)) continue;
      rule.matched += 1;
      const inWindow = rule.matched >= rule.nth && rule.matched < rule.nth + rule.times;
      if (inWindow && chosen === null) chosen = rule;
    }
    if (chosen === null) return null;
    chosen.fired += 1;
    return { source: 'rule', ruleId: chosen.id, action: chosen.action, label: chosen.label };
  }
}

function view(rule: Rule): FaultRuleView {
  return {
    id: rule.id,
    method: rule.method,
    path: rule.path,
    nth: rule.nth,
    times: rule.times,
    action: rule.action,
    ...(rule.clientId === null ? {} : { clientId: rule.clientId }),
    matched: rule.matched,
    fired: rule.fired,
    exhausted: rule.matched >= rule.nth + rule.times - 1,
  };
}
