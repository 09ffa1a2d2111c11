// Spawns the benchmark's server children (bench/server.ts under tsx) and guarantees they all die:
// on stop, on errors, on SIGINT/SIGTERM and, as a last resort, when the parent exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ServerInfo } from './server.js';

/** The project root: children run there so `--import tsx` resolves from its node_modules. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const serverScript = fileURLToPath(new URL('./server.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 3_000;

/** A running server child: what it printed, whether it is still alive, and how to stop it. */
export interface ServerChild {
  readonly info: ServerInfo;
  readonly pid: number;
  alive(): boolean;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous last resort: whatever is still running when the parent exits gets SIGKILL.
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
  live.delete(child);
}

/** Starts `server.ts <mode> ...args` and resolves with its ServerInfo line (or rejects within 30 s). */
export async function startServer(
  mode: ServerInfo['mode'],
  options: { args?: readonly string[]; env?: Record<string, string>; nodeFlags?: readonly string[] } = {},
): Promise<ServerChild> {
  installExitHook();
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), '--import', 'tsx', serverScript, mode, ...(options.args ?? [])],
    {
      cwd: projectRoot,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  live.add(child);
  try {
    const info = await new Promise<ServerInfo>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      const timer = setTimeout(
        () => reject(new Error(`${mode} server did not start within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      const done = (): void => {
        clearTimeout(timer);
        lines.close();
      };
      lines.once('line', (line) => {
        done();
        try {
          resolve(JSON.parse(line) as ServerInfo);
        } catch {
          reject(new Error(`${mode} server printed something other than its JSON line: ${line}`));
        }
      });
      child.once('error', (error) => {
        done();
        reject(error);
      });
      child.once('exit', (code, signal) => {
        done();
        reject(new Error(`${mode} server exited before it was ready (code ${code}, signal ${signal})`));
      });
    });
    return {
      info,
      pid: child.pid!,
      alive: () => child.exitCode === null && child.signalCode === null,
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** Stops every child still running (SIGTERM, SIGKILL after a grace period). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...live].map((child) => stopChild(child)));
}
