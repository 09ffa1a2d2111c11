// `npm run bench:terminal`: N terminal engines in this process (N = 1, 10, 100), each with its own
// journal and PoS, paying concurrently against an emulator child at poll delay 0. Prints payments
// per second and the delay from the customer's accept to the engine seeing Reserved: from the
// moment the emulator committed the accept (its reservedAt, same machine, same wall clock) to the
// engine's Reserved event. Also printed: the same from when the bench's customer sent the accept,
// which adds that request's own round trip through this (busy) process.
// Target: that delay at most pollDelayInMs + 50 ms; 100 concurrent engines complete with zero errors.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { UserSimulationClient } from '../src/terminal/api/index.js';
import { TerminalEngine } from '../src/terminal/engine.js';
import { projectRoot, startServer, stopAllServers } from './children.js';
import { BENCH_VAT } from './api-setup.js';

const DEMO = { clientId: '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', clientSecret: 'pos-sim-demo-secret' };
const STORE_ID = '7b1e4c2a-9d3f-4e5a-8b6c-100000010001';
const POLL_DELAY_MS = 0;
const TARGET_DELAY_MS = POLL_DELAY_MS + 50;
const COUNTS = (process.env['BENCH_ENGINES'] ?? '1,10,100').split(',').map(Number);
const PAYMENTS_PER_RUN = Number(process.env['BENCH_PAYMENTS'] ?? 200);
const USERS = ['+4520031801', '+4520031802', '+4520031803', '+4520031804'];

interface RunResult {
  readonly engines: number;
  readonly payments: number;
  readonly errors: number;
  readonly seconds: number;
  readonly paymentsPerSecond: number;
  /** Emulator commits the accept -> the engine's Reserved event. */
  readonly delays: Percentiles;
  /** The bench's customer sends the accept -> the engine's Reserved event. */
  readonly fromSend: Percentiles;
  readonly firstError: string | null;
}

interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** One payment's timings, all on the wall clock (Date.now) shared with the emulator child. */
interface Seen {
  readonly paymentId: string;
  readonly acceptSentAt: number;
  readonly reservedSeenAt: number;
}

function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

/** When the emulator committed each accept (reservedAt), read once after the run from its state. */
async function reservedAtByPayment(url: string): Promise<Map<string, number>> {
  const state = (await (await fetch(`${url}/emulator/state`)).json()) as {
    payments: { paymentId: string; reservedAt: number | null }[];
  };
  return new Map(
    state.payments.filter((p) => p.reservedAt !== null).map((p) => [p.paymentId, p.reservedAt!]),
  );
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** An engine with its own data directory and a freshly created PoS, journalled as onboarded. */
async function onboardedEngine(
  url: string,
  root: string,
  index: number,
): Promise<{ engine: TerminalEngine; beaconId: string }> {
  const dataDir = join(root, `engine-${index}`);
  mkdirSync(dataDir, { recursive: true });
  const engine = new TerminalEngine({
    api: {
      apiBaseUrl: url,
      ...DEMO,
      merchantVat: BENCH_VAT,
      clientSystemName: 'pos-sim bench',
      clientSystemVersion: '1.0.0',
    },
    dataDir,
    // BENCH_FETCH=undici measures the same engines on Node's built-in fetch, for comparison.
    ...(process.env['BENCH_FETCH'] === 'undici' ? { deps: { fetch: globalThis.fetch } } : {}),
  });
  engine.journal.posConfig.save({
    storeId: STORE_ID,
    merchantPosId: `bench-${index}-${randomUUID().slice(0, 8)}`,
    posName: `Bench till ${index}`,
    beaconId: null,
    supportedBeaconTypes: ['QR'],
    callbackAlias: null,
    requirePaymentBeforeCheckin: false,
    merchantVat: BENCH_VAT,
  });
  const { intent } = engine.journal.posConfig.beginCreate();
  engine.journal.intents.markSent(intent.id);
  if (intent.kind !== 'createPos') throw new Error('unexpected intent');
  const { posId } = await engine.client.createPos(intent.body, intent.idempotencyKey);
  const pos = await engine.client.getPos(posId);
  engine.journal.posConfig.setPos({ posId, beaconId: pos.beaconId });
  return { engine, beaconId: pos.beaconId };
}

/** One cashier's loop: check-in, initiate, accept, follow to Reserved, capture; `count` times. */
async function cashier(
  engine: TerminalEngine,
  beaconId: string,
  customer: UserSimulationClient,
  phoneNumber: string,
  count: number,
  seen: Seen[],
): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await customer.checkIn({ beaconId, phoneNumber });
    const payment = await engine.startPayment({
      orderId: `bench-${randomUUID().slice(0, 20)}`,
      amount: 25,
      currencyCode: 'DKK',
    });
    let reservedSeenAt = 0;
    const off = engine.subscribe((event) => {
      if (event.kind === 'payment.state' && event.journalId === payment.id && event.status === 'Reserved')
        reservedSeenAt = Date.now();
    });
    const following = engine.followPayment(payment.id);
    // Timed from the moment the customer's accept is sent: an upper bound that includes the accept's
    // own round trip (its answer often arrives after the poll that already saw Reserved).
    const acceptSentAt = Date.now();
    await customer.acceptPayment({ beaconId, phoneNumber });
    const settled = await following;
    off();
    if (settled.lastStatus !== 'Reserved') throw new Error(`payment ended ${settled.lastStatus}`);
    seen.push({ paymentId: settled.paymentId!, acceptSentAt, reservedSeenAt });
    await engine.capturePayment(payment.id);
  }
}

async function run(url: string, engines: number): Promise<RunResult> {
  const root = mkdtempSync(join(tmpdir(), 'pos-sim-bench-terminal-'));
  const customer = new UserSimulationClient({ apiBaseUrl: url, ...DEMO });
  const parts = await Promise.all(Array.from({ length: engines }, (_, i) => onboardedEngine(url, root, i)));
  const perEngine = Math.max(1, Math.ceil(PAYMENTS_PER_RUN / engines));
  const seen: Seen[] = [];
  const errors: string[] = [];
  const started = performance.now();
  await Promise.all(
    parts.map(({ engine, beaconId }, i) =>
      cashier(engine, beaconId, customer, USERS[i % USERS.length]!, perEngine, seen).catch(
        (error: unknown) => {
          errors.push(error instanceof Error ? error.message : String(error));
        },
      ),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(parts.map(({ engine }) => engine.close()));
  rmSync(root, { recursive: true, force: true });
  const committed = await reservedAtByPayment(url);
  const delays = seen.map((s) => s.reservedSeenAt - (committed.get(s.paymentId) ?? Number.NaN));
  const fromSend = seen.map((s) => s.reservedSeenAt - s.acceptSentAt);
  return {
    engines,
    payments: seen.length,
    errors: errors.length,
    seconds,
    paymentsPerSecond: seen.length / seconds,
    delays: percentiles(delays),
    fromSend: percentiles(fromSend),
    firstError: errors[0] ?? null,
  };
}

async function main(): Promise<void> {
  const server = await startServer('emulator', { env: { BENCH_POLL_DELAY_MS: String(POLL_DELAY_MS) } });
  const results: RunResult[] = [];
  try {
    for (const engines of COUNTS) results.push(await run(server.info.url, engines));
  } finally {
    await stopAllServers();
  }
  const fmt = (n: number): string => n.toFixed(2).padStart(8);
  console.log(
    `Emulator poll delay ${POLL_DELAY_MS} ms; ~${PAYMENTS_PER_RUN} payments per run (initiate, accept, follow, capture).`,
  );
  console.log(
    'engines  payments  errors  payments/s | accept committed->Reserved seen: p50 ms  p99 ms   max ms | from accept sent: p50 ms  p99 ms',
  );
  for (const r of results)
    console.log(
      `${String(r.engines).padStart(7)}  ${String(r.payments).padStart(8)}  ${String(r.errors).padStart(6)}  ${fmt(r.paymentsPerSecond)}   |                        ${fmt(r.delays.p50)} ${fmt(r.delays.p99)} ${fmt(r.delays.max)} |               ${fmt(r.fromSend.p50)} ${fmt(r.fromSend.p99)}`,
    );
  for (const r of results) {
    const ok = r.delays.p99 <= TARGET_DELAY_MS;
    console.log(
      `${ok ? 'PASS' : 'FAIL'}  ${r.engines} engines: accept->Reserved p99 ${r.delays.p99.toFixed(2)} ms <= ${TARGET_DELAY_MS} ms`,
    );
    if (r.errors > 0) console.log(`FAIL  ${r.engines} engines: ${r.errors} errors, first: ${r.firstError}`);
  }
  const hundred = results.find((r) => r.engines === 100);
  if (hundred)
    console.log(
      `${hundred.errors === 0 ? 'PASS' : 'FAIL'}  100 concurrent engines completed with ${hundred.errors} errors`,
    );
  mkdirSync(join(projectRoot, 'bench/results'), { recursive: true });
  writeFileSync(join(projectRoot, 'bench/results/terminal.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch(async (error: unknown) => {
  console.error('terminal bench failed:', error);
  await stopAllServers();
  process.exit(1);
});
