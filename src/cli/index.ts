// pos-sim: the headless face of the product. Dispatches to one subcommand; adding `pay`, `certify` or
// `web` means writing a CliCommand and listing it in `commands`.
import { UsageError } from './args.js';
import {
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  processContext,
  type CliCommand,
  type CliContext,
} from './command.js';
import { certifyCommand } from './certify-command.js';
import { emulatorCommand } from './emulator-command.js';
import { onboardCommand } from './onboard-command.js';
import { payCommand } from './pay-command.js';
import { refundCommand } from './refund-command.js';
import { statusCommand } from './status-command.js';
import { webCommand } from './web-command.js';

/** Every subcommand, in the order the help lists them. */
export const commands: readonly CliCommand[] = [
  emulatorCommand,
  payCommand,
  refundCommand,
  onboardCommand,
  statusCommand,
  certifyCommand,
  webCommand,
];

const HELP_FLAGS = new Set(['--help', '-h', 'help']);

/** The top-level help of `pos-sim --help`. */
export function cliUsage(list: readonly CliCommand[] = commands): string {
  const width = Math.max(...list.map((c) => c.name.length)) + 2;
  return [
    'Usage: pos-sim <command> [options]',
    '',
    'A PoS terminal simulator for the MobilePay PoS API v10.',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    "Run 'pos-sim <command> --help' for the options of a command.",
  ].join('\n');
}

/** Runs pos-sim with these arguments (without node and the script) and answers the exit code. */
export async function runCli(
  argv: readonly string[],
  context: CliContext = processContext(),
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    context.stderr(`pos-sim: missing command\n\n${cliUsage()}\n`);
    return EXIT_USAGE;
  }
  if (HELP_FLAGS.has(name)) {
    const about = rest[0] === undefined ? undefined : commands.find((c) => c.name === rest[0]);
    context.stdout(`${about ? about.usage : cliUsage()}\n`);
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    context.stderr(`pos-sim: unknown command '${name}'\n\n${cliUsage()}\n`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr(
        `pos-sim ${command.name}: ${error.message}\n${error.showUsage ? `\n${command.usage}\n` : ''}`,
      );
      return EXIT_USAGE;
    }
    context.stderr(`pos-sim ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
