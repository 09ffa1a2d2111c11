// Helpers for the emulator's behaviour tests: one emulator per file reset before every test, the
// callers of the isolation rules (another integrator, another merchant) and short flow steps.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { EmulatorOptions } from '../../../src/emulator/options.js';
import { OTHER_MERCHANT_VAT, otherClient, startHarness, users, type Harness } from '../harness.js';

/**
 * One emulator for a whole test file (generating its signing key is the slow part), back to its seed
 * and with a fresh access token before every test.
 */
export function useHarness(options: EmulatorOptions = {}): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness(options);
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(async () => {
    harness!.app.emulator.reset();
    await refreshToken(harness!);
  });
  return () => harness!;
}

/** The harness's own headers function, kept so a refreshed token replaces the old one instead of stacking. */
const originalHeaders = new WeakMap<Harness, Harness['headers']>();

/** Gets a new access token for the demo integrator (after the virtual clock has moved past the old one). */
export async function refreshToken(h: Harness): Promise<void> {
  const token = await h.token();
  const original = originalHeaders.get(h) ?? h.headers.bind(h);
  originalHeaders.set(h, original);
  h.headers = (extra = {}) => original({ authorization: `Bearer ${token}`, ...extra });
}

/** Headers of the second integrator, acting for the demo merchant. */
export async function asOtherIntegrator(h: Harness): Promise<Record<string, string>> {
  const token = await h.token({ client: otherClient });
  return h.headers({ authorization: `Bearer ${token}`, 'x-ibm-client-id': otherClient.clientId });
}

/** Headers of the demo integrator acting for another merchant (its token carries no merchant_vat). */
export function asOtherMerchant(h: Harness): Record<string, string> {
  return h.headers({ 'x-mobilepay-merchant-vat-number': OTHER_MERCHANT_VAT });
}

/** Asserts the HTTP status and the PoS v10 error code of an answer together. */
export function expectError(response: LightMyRequestResponse, status: number, code: string): void {
  const body = response.body === '' ? {} : (response.json() as { code?: string });
  expect({ status: response.statusCode, code: body.code }).toEqual({ status, code });
}

export function expectOk(response: LightMyRequestResponse): void {
  expect({ status: response.statusCode, body: response.statusCode === 200 ? '' : response.body }).toEqual({
    status: 200,
    body: '',
  });
}

/** The status of a payment as GET /payments/{id} reports it. */
export async function paymentStatus(h: Harness, paymentId: string): Promise<unknown> {
  return (await h.payment(paymentId))['status'];
}

export async function refundStatus(h: Harness, refundId: string): Promise<unknown> {
  const response = await h.api('GET', `/pos/v10/refunds/${refundId}`);
  return (response.json() as { status?: unknown }).status;
}

export async function capture(
  h: Harness,
  paymentId: string,
  amount: number,
): Promise<LightMyRequestResponse> {
  return h.api('POST', `/pos/v10/payments/${paymentId}/capture`, { amount });
}

export async function cancel(h: Harness, paymentId: string): Promise<LightMyRequestResponse> {
  return h.api('POST', `/pos/v10/payments/${paymentId}/cancel`);
}

/** GET /payments with a query string; the paymentIds it lists. */
export async function findPayments(h: Harness, query: string): Promise<string[]> {
  const response = await h.api('GET', `/pos/v10/payments?${query}`);
  expect(response.statusCode).toBe(200);
  return (response.json() as { paymentIds: string[] }).paymentIds;
}

/** A PoS with a payment that the given test user has accepted and the client has captured in full. */
export async function capturedPayment(
  h: Harness,
  { amount = 100, currencyCode = 'DKK', phoneNumber = users.credit as string } = {},
): Promise<{ posId: string; beaconId: string; paymentId: string }> {
  const { posId, beaconId } = await h.createPos();
  const paymentId = await h.initiate(posId, { amount, currencyCode });
  expectOk(await h.user('checkin', { beaconId, phoneNumber }));
  expectOk(await h.user('acceptpayment', { beaconId, phoneNumber }));
  expectOk(await capture(h, paymentId, amount));
  return { posId, beaconId, paymentId };
}

/** POST /refunds for a payment (DKK unless told), with a fresh idempotency key. */
export async function refund(
  h: Harness,
  paymentId: string,
  amount: number,
  overrides: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  return h.create('/pos/v10/refunds', {
    paymentId,
    refundOrderId: `refund-${paymentId.slice(0, 8)}-${amount}`,
    amount,
    currencyCode: 'DKK',
    ...overrides,
  });
}

/** A refund that must succeed; its refundId. */
export async function refundId(h: Harness, paymentId: string, amount: number): Promise<string> {
  const response = await refund(h, paymentId, amount);
  if (response.statusCode !== 200) throw new Error(`refund failed: ${response.body}`);
  return (response.json() as { refundId: string }).refundId;
}
