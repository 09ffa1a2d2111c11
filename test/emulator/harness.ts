// A test harness for the emulator: a real fastify instance on a virtual clock, a token for the demo
// integrator, and helpers that walk the documented flows. Tests read as the API's own steps.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildEmulator } from '../../src/emulator/build-emulator.js';
import type { VirtualClock } from '../../src/emulator/clock.js';
import type { EmulatorOptions } from '../../src/emulator/options.js';
import { demoIntegrator } from '../../src/emulator/seed.js';
import { generateSigningKey } from '../../src/emulator/auth/token-service.js';

/** One RSA key for every emulator of a test file: generating one per test costs more than the test. */
const testSigningKey = generateSigningKey();

export const demoClient = demoIntegrator.clients[0]!;
/** The demo merchant's first (active) store and its not-activated pop-up store. */
export const DEMO_VAT = 'DK12345678';
export const DEMO_STORE_ID = '7b1e4c2a-9d3f-4e5a-8b6c-100000010001';
export const INACTIVE_STORE_ID = '7b1e4c2a-9d3f-4e5a-8b6c-100000010003';
export const OTHER_MERCHANT_VAT = 'FI12345678';
export const OTHER_MERCHANT_STORE_ID = '7b1e4c2a-9d3f-4e5a-8b6c-200000010001';
/** A second integrator, for isolation tests (403 1400/1401/1402). */
export const otherIntegrator = {
  integratorId: 'other-integrator',
  name: 'Another integrator',
  clients: [{ clientId: '0b8e0c55-7d2a-4f11-9c3e-2a9d4b6f8e10', clientSecret: 'other-secret' }],
};
export const otherClient = otherIntegrator.clients[0]!;

export const users = {
  credit: '+4520031801',
  debit: '+4520031802',
  storebox: '+4520031803',
  loyalty: '+4520031804',
  noPartialCapture: '+4520031805',
} as const;

export interface Harness {
  readonly app: FastifyInstance;
  readonly clock: VirtualClock;
  /** Headers of a well-behaved client of the demo integrator acting for the demo merchant. */
  headers(extra?: Record<string, string>): Record<string, string>;
  token(options?: {
    client?: { clientId: string; clientSecret: string };
    merchantVat?: string;
  }): Promise<string>;
  api(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** A POST that creates something, with a fresh idempotency key unless one is given. */
  create(
    url: string,
    body: unknown,
    key?: string,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  createPos(overrides?: Record<string, unknown>): Promise<{ posId: string; beaconId: string }>;
  initiate(posId: string, overrides?: Record<string, unknown>): Promise<string>;
  prepare(posId: string, overrides?: Record<string, unknown>): Promise<string>;
  user(
    action: 'checkin' | 'acceptpayment' | 'cancelpaymentbyuser',
    body: Record<string, unknown>,
  ): Promise<LightMyRequestResponse>;
  payment(paymentId: string): Promise<Record<string, unknown>>;
  /** Initiate, check in, accept: a payment in Reserved for the given test user. */
  reservedPayment(posId: string, beaconId: string, phoneNumber?: string, amount?: number): Promise<string>;
  close(): Promise<void>;
}

let keyCounter = 0;
export function freshKey(): string {
  keyCounter += 1;
  return `test-key-${keyCounter}`;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const app = buildEmulator({
    clock: 'virtual',
    sweepIntervalMs: 0,
    signingKey: testSigningKey,
    ...options,
    config: { integrators: [otherIntegrator], ...options.config },
  });
  await app.ready();
  const clock = app.emulator.clock as VirtualClock;
  const harness: Harness = {
    app,
    clock,
    async token({ client = demoClient, merchantVat } = {}) {
      const form = new URLSearchParams({ grant_type: 'client_credentials' });
      if (merchantVat) form.set('merchant_vat', merchantVat);
      const response = await app.inject({
        method: 'POST',
        url: '/integrator-authentication/connect/token',
        headers: {
          'x-ibm-client-id': client.clientId,
          authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: form.toString(),
      });
      if (response.statusCode !== 200)
        throw new Error(`token request failed: ${response.statusCode} ${response.body}`);
      return (response.json() as { access_token: string }).access_token;
    },
    headers: () => ({}),
    async api(method, url, body, headers) {
      return app.inject({
        method,
        url,
        headers: headers ?? harness.headers(),
        ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      });
    },
    async create(url, body, key = freshKey(), headers) {
      return harness.api('POST', url, body, {
        ...(headers ?? harness.headers()),
        'x-mobilepay-idempotency-key': key,
      });
    },
    async createPos(overrides = {}) {
      const response = await harness.create('/pos/v10/pointofsales', {
        merchantPosId: `till-${freshKey()}`,
        storeId: DEMO_STORE_ID,
        name: 'Till 1',
        supportedBeaconTypes: ['QR'],
        ...overrides,
      });
      if (response.statusCode !== 200) throw new Error(`create PoS failed: ${response.body}`);
      const posId = (response.json() as { posId: string }).posId;
      const pos = (await harness.api('GET', `/pos/v10/pointofsales/${posId}`)).json() as { beaconId: string };
      return { posId, beaconId: pos.beaconId };
    },
    async initiate(posId, overrides = {}) {
      const response = await harness.create('/pos/v10/payments', {
        posId,
        orderId: `order-${freshKey()}`,
        amount: 100,
        currencyCode: 'DKK',
        plannedCaptureDelay: 'None',
        ...overrides,
      });
      if (response.statusCode !== 200) throw new Error(`initiate failed: ${response.body}`);
      return (response.json() as { paymentId: string }).paymentId;
    },
    async prepare(posId, overrides = {}) {
      const response = await harness.create('/pos/v10/payments/prepare', {
        posId,
        orderId: `order-${freshKey()}`,
        ...overrides,
      });
      if (response.statusCode !== 200) throw new Error(`prepare failed: ${response.body}`);
      return (response.json() as { paymentId: string }).paymentId;
    },
    async user(action, body) {
      return app.inject({
        method: 'POST',
        url: `/pos/app/usersimulation/${action}`,
        headers: { 'x-ibm-client-id': demoClient.clientId, 'x-ibm-client-secret': demoClient.clientSecret },
        payload: body,
      });
    },
    async payment(paymentId) {
      const response = await harness.api('GET', `/pos/v10/payments/${paymentId}`);
      if (response.statusCode !== 200) throw new Error(`get payment failed: ${response.body}`);
      return response.json() as Record<string, unknown>;
    },
    async reservedPayment(posId, beaconId, phoneNumber = users.credit, amount = 100) {
      const paymentId = await harness.initiate(posId, { amount });
      await harness.user('checkin', { beaconId, phoneNumber });
      const accepted = await harness.user('acceptpayment', { beaconId, phoneNumber });
      if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.body}`);
      return paymentId;
    },
    close: () => app.close(),
  };
  const token = await harness.token();
  harness.headers = (extra = {}) => ({
    authorization: `Bearer ${token}`,
    'x-ibm-client-id': demoClient.clientId,
    'x-mobilepay-merchant-vat-number': DEMO_VAT,
    'x-mobilepay-client-system-name': 'Harness PoS',
    'x-mobilepay-client-system-version': '1.0.0',
    ...extra,
  });
  return harness;
}
