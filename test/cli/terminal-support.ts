// Test support for the terminal commands (pay, refund, onboard, status): a CliContext that records
// output, and readers for what the commands print, so specs can say "printed Reserved" plainly.
import { createServer } from 'node:net';
import type { CliContext } from '../../src/cli/command.js';

/** A context that records stdout and stderr; it is never asked to stop. */
export function recordingContext(cwd: string = process.cwd()) {
  let out = '';
  let err = '';
  const context: CliContext = {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    cwd,
    untilStopped: () => new Promise<string>(() => undefined),
  };
  return { context, out: () => out, err: () => err };
}

/** The payment or refund states printed as `  1234 ms  Reserved`, in order. */
export function printedStates(stdout: string): string[] {
  return [...stdout.matchAll(/^ *\d+ ms {2}([A-Za-z]+)$/gm)].map((match) => match[1]!);
}

/** The value of a `name:   value` line, or undefined. */
export function printedField(stdout: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}: +(.+)$`, 'm').exec(stdout)?.[1];
}

/** A loopback port nothing listens on: taken from the OS, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
