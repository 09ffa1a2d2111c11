// What a pos-sim subcommand is, and the process it runs in: output streams, working directory and the
// stop signals, passed in so commands can be run in-process by tests as well as from bin/pos-sim.js.

/** Exit codes, as scripts and CI read them: 0 done, 1 failed at run time, 2 called wrongly. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Everything a command may touch of its process, so a test can supply its own. */
export interface CliContext {
  /** Writes text to standard output exactly as given (include the newline). */
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Relative paths in arguments (--data, --config) are resolved against this. */
  readonly cwd: string;
  /** Resolves with the signal's name once the user asks the process to stop (SIGINT, SIGTERM). */
  readonly untilStopped: () => Promise<string>;
}

/** One subcommand (`pos-sim emulator`, later `pay`, `certify`, `web`): its help and its run. */
export interface CliCommand {
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** The full help text of `pos-sim <name> --help`. */
  readonly usage: string;
  /** Runs to completion and answers the exit code; throws UsageError for bad arguments. */
  run(argv: readonly string[], context: CliContext): Promise<number>;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** The real process: its streams, its cwd, and SIGINT/SIGTERM; a second signal forces the exit. */
export function processContext(): CliContext {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    untilStopped: () =>
      new Promise((resolve) => {
        const first = (signal: NodeJS.Signals): void => {
          for (const name of STOP_SIGNALS) process.off(name, first);
          // Shutting down already: another Ctrl+C means "now", without waiting for open requests.
          for (const name of STOP_SIGNALS) process.once(name, () => process.exit(EXIT_FAILURE));
          resolve(signal);
        };
        for (const name of STOP_SIGNALS) process.on(name, first);
      }),
  };
}
