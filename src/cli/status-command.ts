// `pos-sim status`: the journal at a glance, read from the file alone (no backend is contacted):
// payments and refunds per state, the decisions the sweeper still has to carry out, reservations
// nobody decided on, and calls whose outcome is not known yet.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  JOURNAL_FILE,
  openJournal,
  type JournalSummary,
  type RecordCounts,
} from '../terminal/journal/index.js';
import { formatOptions, parseOptions } from './args.js';
import { EXIT_FAILURE, EXIT_OK, type CliCommand, type CliContext } from './command.js';
import { DEFAULT_DATA_DIR, DEFAULT_DATA_DIR_LABEL, nonEmpty } from './terminal-options.js';

const statusOptions = {
  data: {
    type: 'string',
    valueName: 'DIR',
    description: `the journal's directory (default ${DEFAULT_DATA_DIR_LABEL})`,
  },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const;

/** The help of `pos-sim status --help`. */
export const statusUsage = [
  'Usage: pos-sim status [--data DIR]',
  '',
  "Summarises the terminal's journal: payments and refunds per state (states with none are left",
  'out), pending and failed decisions, undecided reservations and open intents. Reads the file only.',
  'The journal is the one of `pay`, `refund` and `onboard` run with --api (or the same --data): a',
  '`pay` against the embedded emulator without --data keeps a temporary journal that is gone after it.',
  '',
  formatOptions(statusOptions),
].join('\n');

/** The lines of the summary, as a table of labels and counts. */
export function summaryLines(file: string, summary: JournalSummary): string[] {
  const pos = summary.pos;
  const payments = summary.payments;
  const refunds = summary.refunds;
  const intents = summary.intents;
  return [
    `journal:  ${file} (schema ${summary.schemaVersion})`,
    `PoS:      ${pos === null ? 'not onboarded' : `${pos.merchantPosId}, posId ${pos.posId ?? '(none: not created)'}`}`,
    '',
    `payments: ${payments.total}`,
    ...table([
      ...stateRows(payments),
      ['active (may block the PoS)', payments.active],
      ['undecided reservations', payments.undecidedReservations],
    ]),
    '',
    `refunds:  ${refunds.total}`,
    ...table([...stateRows(refunds), ['unresolved', refunds.unresolved]]),
    '',
    `intents:  ${Object.values(intents.byState).reduce((sum, n) => sum + n, 0)}`,
    ...table([
      ...Object.entries(intents.byState),
      ['open (outcome unknown)', intents.open],
      ['oldest open', intents.oldestOpenAt === null ? '-' : new Date(intents.oldestOpenAt).toISOString()],
    ]),
  ];
}

function stateRows(counts: RecordCounts<string>): [string, number][] {
  const states = Object.entries(counts.byStatus).filter(([, n]) => n > 0);
  return [
    ...states,
    ['pending decisions', counts.pendingDecisions],
    ['failed decisions', counts.failedDecisions],
  ];
}

/** Every section's labels share one column, so the counts line up down the whole summary. */
const LABEL_WIDTH = 30;

function table(rows: readonly (readonly [string, number | string])[]): string[] {
  return rows.map(([label, value]) => `  ${label.padEnd(LABEL_WIDTH)}${String(value).padStart(6)}`);
}

async function runStatus(argv: readonly string[], context: CliContext): Promise<number> {
  const values = parseOptions(argv, statusOptions);
  if (values.help === true) {
    context.stdout(`${statusUsage}\n`);
    return EXIT_OK;
  }
  const given = nonEmpty('data', values.data);
  const dir = given === undefined ? DEFAULT_DATA_DIR : resolve(context.cwd, given);
  const file = join(dir, JOURNAL_FILE);
  if (!existsSync(file)) {
    context.stdout(`no journal at ${file}: nothing has been recorded there yet\n`);
    return EXIT_OK;
  }
  let lines: string[];
  try {
    const journal = openJournal(dir);
    try {
      lines = summaryLines(file, journal.summary());
    } finally {
      journal.close();
    }
  } catch (error) {
    context.stderr(
      `pos-sim status: cannot read the journal ${file}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_FAILURE;
  }
  context.stdout(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

/** The `status` subcommand, as registered in index.ts. */
export const statusCommand: CliCommand = {
  name: 'status',
  summary: "summarise the terminal's journal: states, pending decisions, open intents",
  usage: statusUsage,
  run: async (argv, context) => runStatus(argv, context),
};
