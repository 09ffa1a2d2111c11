// A small typed layer over node:util parseArgs: every command declares its options once and gets
// typed values, one-line errors and its help text from that declaration.
import { parseArgs } from 'node:util';

/** A mistake in how the command was called: reported in one line (plus the usage) with exit code 2. */
export class UsageError extends Error {
  /** Whether the command's usage should follow the message (not for, say, a bad config file). */
  readonly showUsage: boolean;

  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.name = 'UsageError';
    this.showUsage = options.showUsage ?? true;
  }
}

/** One option of a command, as shown in its help. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** May be given more than once (the values are collected in order). */
  readonly multiple?: boolean;
  /** The placeholder in the help, e.g. `N` in `--port N`. */
  readonly valueName?: string;
  readonly description: string;
}

/** A command's options by long name (without the dashes). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type SingleValue<S extends OptionSpec> = S['type'] extends 'boolean' ? boolean : string;

/** The parsed values: repeatable options are arrays (empty when absent), the others may be undefined. */
export type ParsedOptions<S extends OptionSpecs> = {
  readonly [K in keyof S]: S[K]['multiple'] extends true
    ? readonly SingleValue<S[K]>[]
    : SingleValue<S[K]> | undefined;
};

/** Parses argv against the specs; unknown options, stray arguments and repeats of a single option are UsageErrors. */
export function parseOptions<S extends OptionSpecs>(argv: readonly string[], specs: S): ParsedOptions<S> {
  return parseCommandLine(argv, specs, { positionals: false }).options;
}

/** The options and, in order, the arguments that are not options (`pos-sim pay 12.50`). */
export interface CommandLine<S extends OptionSpecs> {
  readonly options: ParsedOptions<S>;
  readonly positionals: readonly string[];
}

/** Like parseOptions, but collects the positional arguments instead of refusing them. */
export function parseCommandLine<S extends OptionSpecs>(
  argv: readonly string[],
  specs: S,
  settings: { readonly positionals: boolean } = { positionals: true },
): CommandLine<S> {
  // Every option is collected as multiple, so a repeated single option is an error instead of a silent last-wins.
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      { type: spec.type, multiple: true, ...(spec.short === undefined ? {} : { short: spec.short }) },
    ]),
  );
  let values: Record<string, unknown[] | undefined>;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: settings.positionals,
    });
    values = parsed.values as Record<string, unknown[] | undefined>;
    positionals = parsed.positionals;
  } catch (error) {
    throw new UsageError(explain(error instanceof Error ? error.message : String(error)));
  }
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const given = values[name] ?? [];
    if (spec.multiple === true) result[name] = given;
    else if (given.length > 1) throw new UsageError(`--${name} may be given only once`);
    else result[name] = given[0];
  }
  return { options: result as ParsedOptions<S>, positionals };
}

/** The positional arguments by name, e.g. ['PAYMENT_ID', 'AMOUNT']; a missing or extra one is a UsageError. */
export function namedArguments<N extends string>(
  positionals: readonly string[],
  names: readonly N[],
): Readonly<Record<N, string>> {
  const missing = names.slice(positionals.length);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(' and ')}`);
  const extra = positionals[names.length];
  if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
  return Object.fromEntries(names.map((name, index) => [name, positionals[index]!])) as Record<N, string>;
}

/** A whole number in [min, max] from an option's text. */
export function integerOption(name: string, raw: string, range: { min: number; max: number }): number {
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got '${raw}'`);
  const value = Number(raw.trim());
  if (value < range.min || value > range.max)
    throw new UsageError(`--${name} must be between ${range.min} and ${range.max}, got ${value}`);
  return value;
}

/** One of a fixed set of words from an option's text. */
export function choiceOption<T extends string>(name: string, raw: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === raw);
  if (found === undefined) throw new UsageError(`--${name} must be ${choices.join(' or ')}, got '${raw}'`);
  return found;
}

/** The "Options:" block of a command's help, aligned. */
export function formatOptions(specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short === undefined ? '' : `-${spec.short}, `}--${name}${spec.valueName === undefined ? '' : ` ${spec.valueName}`}`;
    return [flag, spec.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return ['Options:', ...rows.map(([flag, description]) => `  ${flag.padEnd(width)}${description}`)].join(
    '\n',
  );
}

/** parseArgs' messages, made one line: the first sentence is the error, except for a dash-led value. */
function explain(message: string): string {
  const negative = /^Unknown option '(-\d[\d.,]*)'/.exec(message);
  if (negative) return `unexpected '${negative[1]}': negative numbers are not accepted`;
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
  if (ambiguous)
    return `${ambiguous[1]} needs a value; for a value starting with '-' write ${ambiguous[1]}=VALUE`;
  const end = message.search(/\.\s/);
  return end < 0 ? message : message.slice(0, end);
}
