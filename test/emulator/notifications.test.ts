// The notification service (reference: docs/notification-service.md): on check-in at a PoS with a
// callbackAlias, the URL registered for the alias gets a POST; anything but 200 is retried 3 times.
// The integrator's endpoint is a real HTTP server on the loopback interface.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StateEvent } from '../../src/emulator/events.js';
import { startHarness, users, type Harness } from './harness.js';

interface Call {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

interface IntegratorEndpoint {
  readonly url: string;
  readonly calls: Call[];
  /** The statuses to answer in turn; the last one repeats. */
  statuses: readonly number[];
  close(): Promise<void>;
}

/** An integrator's notification endpoint on a loopback port, recording every call it gets. */
async function integratorEndpoint(): Promise<IntegratorEndpoint> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      endpoint.calls.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: JSON.parse(text),
      });
      const { statuses } = endpoint;
      response.statusCode = statuses[Math.min(endpoint.calls.length, statuses.length) - 1] ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint: IntegratorEndpoint = {
    url: `http://127.0.0.1:${port}/mobilepay/notify`,
    calls: [],
    statuses: [200],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return endpoint;
}

describe('notification service', () => {
  let endpoint: IntegratorEndpoint;
  let h: Harness;
  let notificationEvents: StateEvent[] = [];
  beforeAll(async () => {
    endpoint = await integratorEndpoint();
    h = await startHarness({
      config: { callbacks: { 'shop-alias': endpoint.url } },
      notifications: { retryDelayMs: 0, timeoutMs: 2000 },
    });
    h.app.emulator.events.subscribe((e) => {
      if (e.kind === 'state' && e.entity === 'notification') notificationEvents.push(e);
    });
  });
  afterAll(async () => {
    await h.close();
    await endpoint.close();
  });
  beforeEach(() => {
    h.app.emulator.reset();
    endpoint.calls.length = 0;
    notificationEvents = [];
  });

  /** A customer checks in; waits (bounded by the notifier's timeout and retries) until delivery is over. */
  async function checkIn(beaconId: string): Promise<void> {
    const response = await h.user('checkin', { beaconId, phoneNumber: users.credit });
    expect(response.statusCode).toBe(200);
    await h.app.emulator.idle();
  }

  it('posts the merchant, brand, location, merchantPosId and posId of the PoS when a customer checks in', async () => {
    endpoint.statuses = [200];
    const { posId, beaconId } = await h.createPos({ merchantPosId: 'till-7', callbackAlias: 'shop-alias' });
    await checkIn(beaconId);
    expect(endpoint.calls).toHaveLength(1);
    const [call] = endpoint.calls;
    expect(call).toMatchObject({ method: 'POST', url: '/mobilepay/notify' });
    expect(call!.headers['content-type']).toMatch(/^application\/json/);
    expect(call!.body).toEqual({
      MerchantId: '3f6e8a2c-1b4d-4c9e-9a7f-5d2b8c1e0a03',
      MerchantBrandId: 'POSDK12345',
      MerchantLocationId: '10001',
      MerchantPosId: 'till-7',
      PosId: posId,
    });
  });

  it('also notifies when the check-in pairs the customer with a waiting payment', async () => {
    endpoint.statuses = [200];
    const { posId, beaconId } = await h.createPos({ callbackAlias: 'shop-alias' });
    await h.initiate(posId);
    await checkIn(beaconId);
    expect(endpoint.calls.map((c) => (c.body as { PosId: string }).PosId)).toEqual([posId]);
  });

  it('retries until the endpoint answers 200: 500, 500, 200 makes exactly 3 calls', async () => {
    endpoint.statuses = [500, 500, 200];
    const { beaconId } = await h.createPos({ callbackAlias: 'shop-alias' });
    await checkIn(beaconId);
    expect(endpoint.calls).toHaveLength(3);
  });

  it('gives up after the first call and 3 retries when the endpoint always answers 500', async () => {
    endpoint.statuses = [500];
    const { beaconId } = await h.createPos({ callbackAlias: 'shop-alias' });
    await checkIn(beaconId);
    expect(endpoint.calls).toHaveLength(4);
    expect(notificationEvents.map((e) => e.to)).toEqual(['Failed', 'Failed', 'Failed', 'GaveUp']);
  });

  it('sends nothing for a PoS without a callbackAlias', async () => {
    endpoint.statuses = [200];
    const { beaconId } = await h.createPos();
    await checkIn(beaconId);
    expect(endpoint.calls).toHaveLength(0);
  });

  it('keeps working when no URL is registered for the alias of the PoS', async () => {
    endpoint.statuses = [200];
    const { posId, beaconId } = await h.createPos({ callbackAlias: 'unknown-alias' });
    await checkIn(beaconId);
    const paymentId = await h.initiate(posId);
    expect((await h.payment(paymentId))['status']).toBe('IssuedToUser');
    expect(endpoint.calls).toHaveLength(0);
    expect(notificationEvents.map((e) => e.to)).toEqual(['NoUrlForAlias']);
  });
});
