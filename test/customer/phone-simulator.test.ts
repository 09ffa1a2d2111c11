import { afterEach, describe, expect, it } from 'vitest';
import { PhoneError } from '../../src/customer/phone-error.js';
import { PhoneSimulator, type PaymentOffer, type PhoneTimers } from '../../src/customer/phone-simulator.js';
import type { PhoneState } from '../../src/shared/bridge/index.js';
import { PosClient } from '../../src/terminal/api/index.js';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  demoConfig,
  newKey,
  newPos,
  paymentRequest,
  startSandbox,
  type Sandbox,
} from '../terminal/api/support.js';

const CREDIT_USER = '+4520031801';
let sandbox: Sandbox;
afterEach(async () => sandbox.close());

/** Timers fired by hand. */
function manualTimers(): PhoneTimers & { readonly waiting: Map<number, { ms: number; run: () => void }> } {
  const waiting = new Map<number, { ms: number; run: () => void }>();
  let next = 0;
  return {
    waiting,
    setTimeout: (run, ms) => (waiting.set(++next, { ms, run }), next),
    clearTimeout: (handle) => void waiting.delete(handle as number),
  };
}

interface Rig {
  readonly client: PosClient;
  readonly phone: PhoneSimulator;
  readonly states: PhoneState[];
  readonly posId: string;
  readonly beaconId: string;
  /** The till's payment as the host would feed it to the phone. */
  offer(paymentId: string, journalId?: string): Promise<PaymentOffer>;
}

async function rig(options: { timers?: PhoneTimers; autoAcceptSeconds?: number } = {}): Promise<Rig> {
  sandbox = await startSandbox();
  const client = new PosClient(demoConfig(sandbox.url));
  const { posId, beaconId } = await newPos(client);
  const states: PhoneState[] = [];
  const phone = new PhoneSimulator({
    apiBaseUrl: sandbox.url,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    now: () => 1_000,
    onChange: (state) => states.push(state),
    ...options,
  });
  return {
    client,
    phone,
    states,
    posId,
    beaconId,
    async offer(paymentId, journalId = 'j-1') {
      const payment = await client.getPayment(paymentId);
      return {
        journalId,
        beaconId,
        status: payment.status,
        amount: payment.amount ?? null,
        currencyCode: payment.currencyCode ?? null,
        customerToken: payment.customerToken ?? null,
      };
    },
  };
}

describe('the phone simulator', () => {
  it('checks in after confirming the shop, and shows the payment issued to it', async () => {
    const r = await rig();

    const checkedIn = await r.phone.checkIn({ phoneNumber: '+45 2003 1801', beaconId: r.beaconId });
    const { paymentId } = await r.client.initiatePayment(paymentRequest(r.posId, 42), newKey());
    r.phone.observePayment(await r.offer(paymentId));

    expect(checkedIn).toMatchObject({
      phoneNumber: CREDIT_USER,
      checkedIn: { beaconId: r.beaconId, posId: r.posId, posName: 'Till 1', brandName: 'Demo Kaffebar' },
      pending: null,
      lastAction: { kind: 'checked-in', at: 1_000 },
    });
    expect(r.phone.state().pending).toEqual({ amount: 42, currencyCode: 'DKK', status: 'IssuedToUser' });
  });

  it('accepts the issued payment; once reserved the check-in is used up', async () => {
    const r = await rig();
    await r.phone.checkIn({ phoneNumber: CREDIT_USER, beaconId: r.beaconId });
    const { paymentId } = await r.client.initiatePayment(paymentRequest(r.posId), newKey());
    r.phone.observePayment(await r.offer(paymentId));

    await r.phone.accept();
    r.phone.observePayment(await r.offer(paymentId));

    expect((await r.client.getPayment(paymentId)).status).toBe('Reserved');
    expect(r.phone.state()).toMatchObject({
      checkedIn: null,
      pending: null,
      lastAction: { kind: 'accepted' },
    });
  });

  it('declines: the payment is cancelled by the user', async () => {
    const r = await rig();
    await r.phone.checkIn({ phoneNumber: CREDIT_USER, beaconId: r.beaconId });
    const { paymentId } = await r.client.initiatePayment(paymentRequest(r.posId), newKey());
    r.phone.observePayment(await r.offer(paymentId));

    await r.phone.decline();

    expect((await r.client.getPayment(paymentId)).status).toBe('CancelledByUser');
    expect(r.phone.state()).toMatchObject({ checkedIn: null, lastAction: { kind: 'declined' } });
  });

  it('accepts by itself after the configured seconds, on injected timers', async () => {
    const timers = manualTimers();
    const r = await rig({ timers, autoAcceptSeconds: 2 });
    await r.phone.checkIn({ phoneNumber: CREDIT_USER, beaconId: r.beaconId });
    const { paymentId } = await r.client.initiatePayment(paymentRequest(r.posId), newKey());

    r.phone.observePayment(await r.offer(paymentId));
    r.phone.observePayment(await r.offer(paymentId));

    expect([...timers.waiting.values()].map((t) => t.ms)).toEqual([2000]);
    expect((await r.client.getPayment(paymentId)).status).toBe('IssuedToUser');
    [...timers.waiting.values()][0]!.run();
    await expect.poll(async () => (await r.client.getPayment(paymentId)).status).toBe('Reserved');
  });

  it('drops the auto-accept when demo mode is turned off or the payment goes away', async () => {
    const timers = manualTimers();
    const r = await rig({ timers });
    await r.phone.checkIn({ phoneNumber: CREDIT_USER, beaconId: r.beaconId });
    const { paymentId } = await r.client.initiatePayment(paymentRequest(r.posId), newKey());
    r.phone.observePayment(await r.offer(paymentId));

    r.phone.setAutoAccept(5);
    expect(timers.waiting.size).toBe(1);
    r.phone.setAutoAccept(null);
    expect(timers.waiting.size).toBe(0);
    r.phone.setAutoAccept(5);
    r.phone.observePayment(null);
    expect(timers.waiting.size).toBe(0);
  });

  it('does not show a payment issued to another customer at the same beacon', async () => {
    const r = await rig();
    await r.phone.checkIn({ phoneNumber: CREDIT_USER, beaconId: r.beaconId });
    const offer = {
      ...(await r.offer((await r.client.initiatePayment(paymentRequest(r.posId), newKey())).paymentId)),
    };

    r.phone.observePayment({ ...offer, customerToken: 'f'.repeat(40) });

    expect(r.phone.state().pending).toBeNull();
  });

  it('refuses an unknown beacon, a number that is no test user, and answers before checking in', async () => {
    const r = await rig();

    await expect(r.phone.checkIn({ phoneNumber: CREDIT_USER, beaconId: '123456789012345' })).rejects.toEqual(
      new PhoneError('phone.unknown-beacon'),
    );
    await expect(r.phone.checkIn({ phoneNumber: '+4511111111', beaconId: r.beaconId })).rejects.toEqual(
      new PhoneError('phone.unknown-user'),
    );
    await expect(r.phone.accept()).rejects.toEqual(new PhoneError('phone.not-checked-in'));
    expect(r.states).toEqual([]);
  });

  it('lists the test users without their tokens', async () => {
    const r = await rig();

    const users = await r.phone.users();

    expect(users).toHaveLength(10);
    expect(users[0]).not.toHaveProperty('customerToken');
  });
});
