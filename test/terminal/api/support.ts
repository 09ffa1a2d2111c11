// Test support for the PoS client: a real emulator on a loopback port (virtual clock, delay faults
// held until released, so no test waits on real time), its control plane, and fake time for the client.
import { generateSigningKey } from '../../../src/emulator/auth/token-service.js';
import type { FaultRuleInput, FaultRuleView } from '../../../src/emulator/control/fault-rules.js';
import type { RequestLogEntry } from '../../../src/emulator/control/request-log.js';
import { startEmbeddedEmulator } from '../../../src/emulator/listen.js';
import type { EmulatorOptions } from '../../../src/emulator/options.js';
import type { PosClientConfig } from '../../../src/terminal/api/config.js';
import type { PosClient } from '../../../src/terminal/api/pos-client.js';
import type { UserSimulationClient } from '../../../src/terminal/api/user-simulation-client.js';
import type { InitiatePaymentRequest } from '../../../src/shared/pos-v10/schemas.js';
import { TerminalApiError } from '../../../src/terminal/api/errors.js';

export * from './fake-time.js';

/** One RSA key per test file: generating one per emulator costs more than the test. */
const signingKey = generateSigningKey();

export const DEMO_CLIENT_ID = '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const DEMO_CLIENT_SECRET = 'pos-sim-demo-secret';
export const DEMO_VAT = 'DK12345678';
export const DEMO_STORE_ID = '7b1e4c2a-9d3f-4e5a-8b6c-100000010001';
export const CREDIT_USER = '+4520031801';

/** The emulator's delay faults, parked until the test lets them go. */
export class HeldDelays {
  private readonly parked: (() => void)[] = [];
  private readonly waiters: (() => void)[] = [];
  /** Called each time a request is parked (e.g. to expire the client's timeout right then). */
  onHold: () => void = () => undefined;

  /** The emulator's sleep: parks the request instead of waiting `ms`. */
  readonly sleep = (_ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.parked.push(resolve);
      this.waiters.splice(0).forEach((wake) => wake());
      this.onHold();
    });

  get count(): number {
    return this.parked.length;
  }

  /** Resolves once at least `n` requests are parked. */
  async until(n: number): Promise<void> {
    while (this.parked.length < n) await new Promise<void>((wake) => this.waiters.push(wake));
  }

  /** Lets every parked request carry on, as if its delay were over. */
  releaseAll(): void {
    this.parked.splice(0).forEach((resolve) => resolve());
  }
}

/** A running emulator and its control plane, as a tester at the bench would use it. */
export interface Sandbox {
  readonly url: string;
  readonly held: HeldDelays;
  addFault(rule: FaultRuleInput): Promise<FaultRuleView>;
  /** The emulator's request log (secrets already redacted by the emulator), oldest first. */
  requests(): Promise<RequestLogEntry[]>;
  /** The PoS v10 requests of the log with this method and path (query string ignored). */
  requestsTo(method: string, path: string | RegExp): Promise<RequestLogEntry[]>;
  advanceClock(seconds: number): Promise<void>;
  /** A payment as the emulator stores it (GET /emulator/state): shows what the API does not, e.g. capturedAmount. */
  storedPayment(paymentId: string): Promise<Record<string, unknown>>;
  /** Resolves when the emulator's background work (notification deliveries and their retries) is done. */
  idle(): Promise<void>;
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

/** Starts the emulator on 127.0.0.1 with a free port, a virtual clock and held delays. */
export async function startSandbox(options: EmulatorOptions = {}): Promise<Sandbox> {
  const held = new HeldDelays();
  const running = await startEmbeddedEmulator(
    { port: 0 },
    { clock: 'virtual', sweepIntervalMs: 0, signingKey, sleep: held.sleep, ...options },
  );
  const url = running.url;
  const sandbox: Sandbox = {
    url,
    held,
    addFault: async (rule) => (await control(url, 'POST', '/faults', rule)) as FaultRuleView,
    requests: async () =>
      ((await control(url, 'GET', '/requests')) as { requests: RequestLogEntry[] }).requests,
    async requestsTo(method, path) {
      const matches = (entry: RequestLogEntry): boolean => {
        const entryPath = entry.url.split('?')[0]!;
        return (
          entry.method === method && (typeof path === 'string' ? entryPath === path : path.test(entryPath))
        );
      };
      return (await sandbox.requests()).filter(matches);
    },
    advanceClock: async (seconds) => void (await control(url, 'POST', '/clock/advance', { seconds })),
    async storedPayment(paymentId) {
      const state = (await control(url, 'GET', '/state')) as { payments: Record<string, unknown>[] };
      const payment = state.payments.find((p) => p['paymentId'] === paymentId);
      if (payment === undefined) throw new Error(`the emulator has no payment ${paymentId}`);
      return payment;
    },
    idle: () => running.app.emulator.idle(),
    async close() {
      held.releaseAll();
      await running.close();
    },
  };
  return sandbox;
}

/** The demo integrator acting for the demo merchant, against the given emulator. */
export function demoConfig(url: string, overrides: Partial<PosClientConfig> = {}): PosClientConfig {
  return {
    apiBaseUrl: url,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    merchantVat: DEMO_VAT,
    clientSystemName: 'PoS Simulator tests',
    clientSystemVersion: '1.2.3',
    ...overrides,
  };
}

let keyCounter = 0;
/** A fresh idempotency key, as a flow would generate (and journal) for one logical call. */
export function newKey(what = 'key'): string {
  keyCounter += 1;
  return `${what}-${process.pid}-${keyCounter}`;
}

/** A new QR point of sale in the demo store, with its generated beaconId. */
export async function newPos(client: PosClient): Promise<{ posId: string; beaconId: string }> {
  const merchantPosId = newKey('till');
  const { posId } = await client.createPos(
    { merchantPosId, storeId: DEMO_STORE_ID, name: 'Till 1', supportedBeaconTypes: ['QR'] },
    newKey('create-pos'),
  );
  const { beaconId } = await client.getPos(posId);
  return { posId, beaconId };
}

/** The body of an initiate for `amount` DKK on the PoS. */
export function paymentRequest(posId: string, amount = 100): InitiatePaymentRequest {
  return { posId, orderId: newKey('order'), amount, currencyCode: 'DKK', plannedCaptureDelay: 'None' };
}

/** Initiate, check in, accept: a payment Reserved for the credit card test user. */
export async function reservedPayment(
  client: PosClient,
  users: UserSimulationClient,
  amount = 100,
): Promise<{ posId: string; beaconId: string; paymentId: string }> {
  const pos = await newPos(client);
  const { paymentId } = await client.initiatePayment(paymentRequest(pos.posId, amount), newKey('initiate'));
  await users.checkIn({ beaconId: pos.beaconId, phoneNumber: CREDIT_USER });
  await users.acceptPayment({ beaconId: pos.beaconId, phoneNumber: CREDIT_USER });
  return { ...pos, paymentId };
}

/** The TerminalApiError a call fails with (the test fails if it succeeds or throws anything else). */
export async function rejection(promise: Promise<unknown>): Promise<TerminalApiError> {
  const error = await promise.then(
    () => new Error('expected the call to fail, but it succeeded'),
    (e: unknown) => e,
  );
  if (!(error instanceof TerminalApiError)) throw error;
  return error;
}
