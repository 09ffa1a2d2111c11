import { afterEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../src/emulator/clock.js';
import type { StateEvent } from '../../../src/emulator/events.js';
import { startHarness, type Harness } from '../harness.js';

let harness: Harness;
afterEach(async () => harness.close());

describe('reset', () => {
  it('returns to the seed data and clears fault rules and the request log', async () => {
    harness = await startHarness();
    const { posId } = await harness.createPos();
    await harness.api('POST', '/emulator/faults', {
      method: 'GET',
      path: '/pos/v10/stores',
      action: { kind: 'status', status: 500 },
    });

    const reset = await harness.api('POST', '/emulator/reset');

    expect(reset.statusCode).toBe(200);
    expect((await harness.api('GET', '/emulator/faults')).json()).toEqual({ faults: [] });
    expect((await harness.api('GET', '/emulator/requests')).json()).toEqual({ requests: [] });
    expect((await harness.api('GET', `/pos/v10/pointofsales/${posId}`)).statusCode).toBe(404);
    expect((await harness.api('GET', '/pos/v10/stores')).statusCode).toBe(200);
  });
});

describe('the clock', () => {
  it('shows its mode and the time as epoch milliseconds and ISO 8601', async () => {
    harness = await startHarness();
    const now = harness.clock.now();
    expect((await harness.api('GET', '/emulator/clock')).json()).toEqual({
      mode: 'virtual',
      now,
      iso: new Date(now).toISOString(),
    });
  });

  it('moves a virtual clock forward by the given seconds', async () => {
    harness = await startHarness();
    const before = harness.clock.now();
    const response = await harness.api('POST', '/emulator/clock/advance', { seconds: 90.5 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ mode: 'virtual', now: before + 90_500 });
  });

  it('expires a reserved payment after 7 days and announces it', async () => {
    harness = await startHarness();
    const { posId, beaconId } = await harness.createPos();
    const paymentId = await harness.reservedPayment(posId, beaconId);
    const changes: StateEvent[] = [];
    harness.app.emulator.events.subscribe((event) => {
      if (event.kind === 'state') changes.push(event);
    });

    await harness.api('POST', '/emulator/clock/advance', { seconds: 7 * 24 * 3600 - 1 });
    expect(changes).toEqual([]);
    await harness.api('POST', '/emulator/clock/advance', { seconds: 1 });

    expect(changes).toEqual([
      expect.objectContaining({
        entity: 'payment',
        id: paymentId,
        from: 'Reserved',
        to: 'ExpiredAndCancelled',
      }),
    ]);
    const freshToken = await harness.token(); // the first one expired days ago
    const payment = await harness.api(
      'GET',
      `/pos/v10/payments/${paymentId}`,
      undefined,
      harness.headers({ authorization: `Bearer ${freshToken}` }),
    );
    expect(payment.json()).toMatchObject({ status: 'ExpiredAndCancelled' });
  });

  it('answers 409 when asked to move a real clock', async () => {
    harness = await startHarness({ clock: 'real' });
    const response = await harness.api('POST', '/emulator/clock/advance', { seconds: DAY / 1000 });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ message: expect.stringMatching(/real clock/) });
  });

  it.each([undefined, {}, { seconds: -1 }, { seconds: '10' }, { seconds: 10, extra: true }])(
    'answers 400 to the body %j',
    async (body) => {
      harness = await startHarness();
      const response = await harness.api('POST', '/emulator/clock/advance', body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ message: expect.stringMatching(/^Invalid request body/) });
    },
  );
});

describe('fault rules over HTTP', () => {
  it('creates a rule with defaults and an id, lists it with its counters, and deletes it', async () => {
    harness = await startHarness();
    const created = await harness.api('POST', '/emulator/faults', {
      method: 'POST',
      path: '/pos/v10/payments',
      action: { kind: 'drop' },
    });
    expect(created.statusCode).toBe(201);
    const rule = created.json() as { id: string };
    expect(rule).toEqual({
      id: expect.any(String),
      method: 'POST',
      path: '/pos/v10/payments',
      nth: 1,
      times: 1,
      action: { kind: 'drop' },
      matched: 0,
      fired: 0,
      exhausted: false,
    });
    expect((await harness.api('GET', '/emulator/faults')).json()).toEqual({ faults: [rule] });

    expect((await harness.api('DELETE', `/emulator/faults/${rule.id}`)).statusCode).toBe(204);
    expect((await harness.api('DELETE', `/emulator/faults/${rule.id}`)).statusCode).toBe(404);
    expect((await harness.api('GET', '/emulator/faults')).json()).toEqual({ faults: [] });
  });

  it('clears every rule at once', async () => {
    harness = await startHarness();
    await harness.api('POST', '/emulator/faults', { method: '*', path: '/**', action: { kind: 'refuse' } });
    await harness.api('POST', '/emulator/faults', { method: 'GET', path: '/**', action: { kind: 'drop' } });
    expect((await harness.api('DELETE', '/emulator/faults')).json()).toEqual({ removed: 2 });
    expect((await harness.api('GET', '/pos/v10/stores')).statusCode).toBe(200);
  });

  it.each([
    { method: 'PATCH', path: '/pos/v10/payments', action: { kind: 'drop' } },
    { method: 'GET', path: 'pos/v10/payments', action: { kind: 'drop' } },
    { method: 'GET', path: '/pos/v10/payments', nth: 0, action: { kind: 'drop' } },
    { method: 'GET', path: '/pos/v10/payments', action: { kind: 'explode' } },
    { method: 'GET', path: '/pos/v10/payments', action: { kind: 'status', status: 700 } },
    { method: 'GET', path: '/pos/v10/payments', action: { kind: 'delay' } },
  ])('answers 400 to the rule %j', async (rule) => {
    harness = await startHarness();
    expect((await harness.api('POST', '/emulator/faults', rule)).statusCode).toBe(400);
  });
});

describe('health', () => {
  it('says the emulator is up and shows the clock', async () => {
    harness = await startHarness();
    expect((await harness.api('GET', '/emulator/health')).json()).toMatchObject({
      status: 'ok',
      clock: { mode: 'virtual' },
    });
  });
});
