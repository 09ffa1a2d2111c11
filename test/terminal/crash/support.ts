// Test support for the crash specs: a real emulator in this (the parent) process on loopback, whose
// event bus the specs watch in-process; a journal directory onboarded with a fresh PoS, for a child
// process to run a sale on; the child itself (bounded in time, killable); and a new engine on the
// same journal after the crash, as the restarted terminal.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSigningKey } from '../../../src/emulator/auth/token-service.js';
import type { FaultRuleInput } from '../../../src/emulator/control/fault-rules.js';
import type { RequestLogEntry } from '../../../src/emulator/control/request-log.js';
import type { Payment as StoredPayment, Refund as StoredRefund } from '../../../src/emulator/domain/model.js';
import type { EmulatorEvent, StateEvent } from '../../../src/emulator/events.js';
import { startEmbeddedEmulator } from '../../../src/emulator/listen.js';
import { PosClient } from '../../../src/terminal/api/index.js';
import { TerminalEngine } from '../../../src/terminal/engine.js';
import { createPosBody, openJournal } from '../../../src/terminal/journal/index.js';
import { DEMO_STORE_ID, DEMO_VAT, HeldDelays, demoConfig } from '../api/support.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** A child must end within this (a cold tsx start compiles the engine's sources first). */
export const CHILD_TIMEOUT_MS = 15_000;
/** A case's bound: the child's, plus the restart and recovery. */
export const CASE_TIMEOUT_MS = 30_000;
/** The emulator's pollDelayInMs: the child polls on real time, so keep it short. */
const POLL_DELAY_MS = 50;

/** One RSA key per test file: generating one per emulator costs more than a case. */
const signingKey = generateSigningKey();

/** How a child process ended, and what it said. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running child: kill it from outside, or wait for its end. */
export interface Child {
  kill(): void;
  readonly exited: Promise<Exit>;
}

/**
 * Starts `node --import tsx fixtures/<script> ...args`. `exited` rejects if the child has not ended
 * within CHILD_TIMEOUT_MS (it is killed then), so no spec can hang on a child.
 */
export function startChild(script: string, args: readonly string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture(script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${script} ${args.join(' ')} did not end within ${CHILD_TIMEOUT_MS} ms\n${stdout}\n${stderr}`,
        ),
      );
    }, CHILD_TIMEOUT_MS);
    // 'close' comes after the exit, once the pipes are drained: the output is complete by then.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { kill: () => void child.kill('SIGKILL'), exited };
}

/** The emulator, a fresh onboarded journal directory, and how to look at both. */
export interface CrashRig {
  readonly url: string;
  readonly dataDir: string;
  readonly pos: { readonly posId: string; readonly beaconId: string };
  /** Delay faults park the response here (the request has committed) until released. */
  readonly held: HeldDelays;
  /** Every event of the emulator's bus since the rig started, oldest first. */
  readonly events: readonly EmulatorEvent[];
  /** Calls `listener` with each event from now on (in the emulator's request, synchronously). */
  onEvent(listener: (event: EmulatorEvent) => void): () => void;
  /** The state changes of one entity (payment or refund id), oldest first. */
  changesOf(id: string): { from: string | null; to: string }[];
  addFault(rule: FaultRuleInput): Promise<void>;
  /** Moves the emulator's virtual clock (time-driven rules apply: MobilePay cancels idle payments). */
  advanceClock(seconds: number): Promise<void>;
  /** The emulator's request log entries with this method whose path matches. */
  requestsTo(method: string, path: RegExp): Promise<RequestLogEntry[]>;
  /** Payments and refunds as the emulator stores them (GET /emulator/state). */
  stored(): Promise<{ payments: StoredPayment[]; refunds: StoredRefund[] }>;
  /** A PoS client of the demo integrator (real time), to ask the API what a terminal would see. */
  readonly api: PosClient;
  /** The restarted terminal: a new engine on the child's journal, real time and fetch. */
  restart(): TerminalEngine;
  close(): Promise<void>;
}

async function control(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}/emulator${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`control plane ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** Onboards a QR PoS into the journal of `dataDir` as the engine does, and closes the journal. */
async function onboard(dataDir: string, api: PosClient): Promise<{ posId: string; beaconId: string }> {
  const journal = openJournal(dataDir);
  try {
    const config = journal.posConfig.save({
      storeId: DEMO_STORE_ID,
      merchantPosId: 'crash-till',
      posName: 'Crash till',
      beaconId: null,
      supportedBeaconTypes: ['QR'],
      callbackAlias: null,
      requirePaymentBeforeCheckin: false,
      merchantVat: DEMO_VAT,
    });
    const { intent } = journal.posConfig.beginCreate();
    journal.intents.markSent(intent.id);
    const { posId } = await api.createPos(createPosBody(config), intent.idempotencyKey);
    journal.intents.acknowledge(intent.id, { kind: 'createPos', posId });
    const { beaconId } = await api.getPos(posId);
    journal.posConfig.setPos({ posId, beaconId });
    return { posId, beaconId };
  } finally {
    journal.close();
  }
}

/**
 * Starts the emulator (virtual clock: nothing expires on its own; delay faults held) and onboards a
 * QR PoS into a new journal directory the way the engine does: configuration saved, the createPos
 * intent journalled with its key, sent, acknowledged, and the PoS's beaconId recorded.
 */
export async function startCrashRig(): Promise<CrashRig> {
  const held = new HeldDelays();
  const running = await startEmbeddedEmulator(
    { port: 0 },
    { clock: 'virtual', sweepIntervalMs: 0, pollDelayMs: POLL_DELAY_MS, signingKey, sleep: held.sleep },
  );
  const url = running.url;
  const events: EmulatorEvent[] = [];
  const stopRecording = running.app.emulator.events.subscribe((event) => void events.push(event));
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-sim-crash-'));
  const api = new PosClient(demoConfig(url));
  const engines: TerminalEngine[] = [];

  let pos: { posId: string; beaconId: string };
  try {
    pos = await onboard(dataDir, api);
  } catch (error) {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const rig: CrashRig = {
    url,
    dataDir,
    pos,
    held,
    events,
    onEvent: (listener) => running.app.emulator.events.subscribe(listener),
    changesOf: (id) =>
      events
        .filter((e): e is StateEvent => e.kind === 'state' && e.id === id)
        .map(({ from, to }) => ({ from, to })),
    addFault: async (rule) => void (await control(url, 'POST', '/faults', rule)),
    advanceClock: async (seconds) => void (await control(url, 'POST', '/clock/advance', { seconds })),
    async requestsTo(method, path) {
      const { requests } = (await control(url, 'GET', '/requests')) as { requests: RequestLogEntry[] };
      return requests.filter((entry) => entry.method === method && path.test(entry.url.split('?')[0]!));
    },
    async stored() {
      const state = (await control(url, 'GET', '/state')) as {
        payments: StoredPayment[];
        refunds: StoredRefund[];
      };
      return { payments: state.payments, refunds: state.refunds };
    },
    api,
    restart() {
      const engine = new TerminalEngine({ api: demoConfig(url), dataDir });
      engines.push(engine);
      return engine;
    },
    async close() {
      for (const engine of engines.splice(0)) await engine.close();
      stopRecording();
      held.releaseAll();
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** Resolves once `predicate` holds for an event of the emulator (the listener is removed then). */
export function nextEvent(
  rig: CrashRig,
  predicate: (event: EmulatorEvent) => boolean,
): Promise<EmulatorEvent> {
  return new Promise((resolve) => {
    const stop = rig.onEvent((event) => {
      if (!predicate(event)) return;
      stop();
      resolve(event);
    });
  });
}

/** Whether an emulator event is a state change of this kind of entity into one of `states`. */
export function isStateChange(
  event: EmulatorEvent,
  entity: StateEvent['entity'],
  states: readonly string[],
): boolean {
  return event.kind === 'state' && event.entity === entity && states.includes(event.to);
}

/** The parent's kill for `after-sent`: the request is held by a delay fault, the child dies when it commits. */
export interface KillFromOutside {
  /** The POST whose answer is held back (a delay fault: it commits first, then its response waits). */
  readonly path: string;
  /** The emulator event that proves the request committed. */
  readonly committed: (event: EmulatorEvent) => boolean;
}

/**
 * Runs a crash child on the rig (`<dataDir> <apiUrl> <step>`) to its end. With `outside`, the
 * parent kills it the moment the held request has committed; the held answer is then let go (to a
 * dead socket), so nothing is in flight when the restarted terminal recovers.
 */
export async function runChild(
  rig: CrashRig,
  script: string,
  step: string,
  outside?: KillFromOutside,
): Promise<Exit> {
  if (outside)
    await rig.addFault({ method: 'POST', path: outside.path, action: { kind: 'delay', ms: 60_000 } });
  const committed = outside ? nextEvent(rig, outside.committed) : null;
  const child = startChild(script, [rig.dataDir, rig.url, step]);
  void committed?.then(() => child.kill());
  try {
    return await child.exited;
  } finally {
    rig.held.releaseAll();
  }
}
