// The notification-service receiver (notification-service.md): MobilePay POSTs the documented body to
// the URL behind a PoS's callback alias when a customer checks in; the receiver answers 200 at once
// and has the engine query the check-in. Reached here by the emulator's own notification service.
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckInNotification, CheckInResponse } from '../../../src/shared/pos-v10/schemas.js';
import { queryCheckIn } from '../../../src/terminal/flows/checkin.js';
import {
  startNotificationReceiver,
  type NotificationReceiver,
} from '../../../src/terminal/flows/notification-receiver.js';
import { onboard } from '../../../src/terminal/flows/onboarding.js';
import {
  LOYALTY_USER,
  configFor,
  eventually,
  registerCallback,
  startBench,
  within,
} from './onboarding-support.js';

const DEMO_MERCHANT_ID = '3f6e8a2c-1b4d-4c9e-9a7f-5d2b8c1e0a03';
const BODY: CheckInNotification = {
  MerchantId: DEMO_MERCHANT_ID,
  MerchantBrandId: 'POSDK12345',
  MerchantLocationId: '10001',
  MerchantPosId: 'till-1',
  PosId: '7e6acbde-345e-4641-b2f4-d8df0f3a5147',
};

const receivers: NotificationReceiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

async function receiver(onNotification: (n: CheckInNotification) => unknown = () => undefined) {
  const started = await startNotificationReceiver({
    host: '127.0.0.1',
    port: 0,
    path: '/mobilepay/checkin',
    onNotification: async (n) => void (await onNotification(n)),
  });
  receivers.push(started);
  return started;
}

/** The notification service's outgoing calls, counted and their answers awaited. */
function countingFetch() {
  const answers: Promise<unknown>[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const answer = globalThis.fetch(input, init);
    answers.push(answer.catch(() => undefined));
    return answer;
  };
  return { fetch, answers };
}

describe('notification receiver', () => {
  it('answers 200 to the documented body and then hands it on', async () => {
    const received: CheckInNotification[] = [];
    const { url } = await receiver((n) => received.push(n));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mobilepay\/checkin$/);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BODY),
    });
    expect(response.status).toBe(200);
    await eventually(() => received.length === 1, 'the notification is handed on');
    expect(received).toEqual([BODY]);
  });

  it('answers 400 to a body that is not the documented notification, and hands nothing on', async () => {
    const received: CheckInNotification[] = [];
    const { url } = await receiver((n) => received.push(n));
    const post = (body: string) => fetch(url, { method: 'POST', body });
    expect((await post('{not json')).status).toBe(400);
    const { PosId: _missing, ...partial } = BODY;
    expect((await post(JSON.stringify(partial))).status).toBe(400);
    expect((await post(JSON.stringify({ ...BODY, PosId: 42 }))).status).toBe(400);
    expect(received).toEqual([]);
  });

  it('answers 404 on other paths and 405 to other methods', async () => {
    const { url } = await receiver();
    const other = await fetch(url.replace('/mobilepay/checkin', '/other'), {
      method: 'POST',
      body: JSON.stringify(BODY),
    });
    expect(other.status).toBe(404);
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('is called once by the notification service when a customer checks in, and the query shows them', async () => {
    const calls = countingFetch();
    const bench = await startBench({ emulator: { notifications: { fetch: calls.fetch } } });
    const received: CheckInNotification[] = [];
    let checked: (value: CheckInResponse) => void = () => undefined;
    const queried = new Promise<CheckInResponse>((resolve) => (checked = resolve));
    const { url } = await receiver(async (n) => {
      received.push(n);
      checked(await queryCheckIn(bench.ctx, { posId: n.PosId }));
    });
    await registerCallback(bench.sandbox, 'till-alias', url);
    const config = await onboard(bench.ctx, configFor({ callbackAlias: 'till-alias' }));

    await bench.users.checkIn({ beaconId: config.assignedBeaconId!, phoneNumber: LOYALTY_USER });

    expect(await within(queried, 'the check-in query')).toMatchObject({
      isUserCheckedIn: true,
      loyaltyIds: ['DK-LOYALTY-1804'],
    });
    expect(received).toEqual([{ ...BODY, PosId: config.posId }]);
    expect(bench.checkIns()).toEqual([
      expect.objectContaining({ posId: config.posId, isUserCheckedIn: true }),
    ]);
    // A 200 ends the delivery: no retry is waiting (it would be parked in the held sleeps).
    await Promise.all(calls.answers);
    await within(bench.sandbox.idle(), 'the deliveries to end');
    expect(calls.answers).toHaveLength(1);
    expect(bench.sandbox.held.count).toBe(0);
  });

  it('is called again when it does not answer 200 (the service retries 3 times)', async () => {
    const calls = countingFetch();
    const bench = await startBench({
      emulator: { notifications: { fetch: calls.fetch }, sleep: () => Promise.resolve() },
    });
    const received: CheckInNotification[] = [];
    const { url } = await receiver((n) => received.push(n));
    await registerCallback(
      bench.sandbox,
      'wrong-path',
      url.replace('/mobilepay/checkin', '/mobilepay/elsewhere'),
    );
    const config = await onboard(bench.ctx, configFor({ callbackAlias: 'wrong-path' }));

    await bench.users.checkIn({ beaconId: config.assignedBeaconId!, phoneNumber: LOYALTY_USER });

    await eventually(() => calls.answers.length === 4, 'four deliveries');
    await within(bench.sandbox.idle(), 'the deliveries to end');
    expect(calls.answers).toHaveLength(4);
    expect(received).toEqual([]);
  });
});
