// The engine facade end to end against the real emulator: set up the PoS, sell, refund, and let the
// sweeper finish a capture whose answer was lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserSimulationClient } from '../../src/terminal/api/index.js';
import { TerminalEngine } from '../../src/terminal/engine.js';
import type { EngineEvent } from '../../src/terminal/events.js';
import {
  CREDIT_USER,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_STORE_ID,
  DEMO_VAT,
  demoConfig,
  startSandbox,
  type Sandbox,
} from './api/support.js';

let sandbox: Sandbox;
let dataDir: string;
let engine: TerminalEngine;
const events: EngineEvent[] = [];

beforeEach(async () => {
  sandbox = await startSandbox({ pollDelayMs: 0 });
  dataDir = mkdtempSync(join(tmpdir(), 'pos-sim-engine-'));
  engine = new TerminalEngine({ api: demoConfig(sandbox.url), dataDir });
  events.length = 0;
  engine.subscribe((event) => events.push(event));
});

afterEach(async () => {
  await engine.close();
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function onboarded(): Promise<string> {
  const config = await engine.onboard({
    storeId: DEMO_STORE_ID,
    merchantPosId: 'engine-spec-till',
    posName: 'Engine spec till',
    beaconId: null,
    supportedBeaconTypes: ['QR'],
    callbackAlias: null,
    requirePaymentBeforeCheckin: false,
    merchantVat: DEMO_VAT,
  });
  return config.assignedBeaconId!;
}

const customer = (): UserSimulationClient =>
  new UserSimulationClient({
    apiBaseUrl: sandbox.url,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
  });

describe('terminal engine', () => {
  it('onboards, sells, captures and refunds through one object, announcing every state', async () => {
    const beaconId = await onboarded();
    await customer().checkIn({ beaconId, phoneNumber: CREDIT_USER });
    const payment = await engine.startPayment({ orderId: 'engine-order-1', amount: 80, currencyCode: 'DKK' });
    const following = engine.followPayment(payment.id);
    await customer().acceptPayment({ beaconId, phoneNumber: CREDIT_USER });
    expect((await following).lastStatus).toBe('Reserved');
    expect((await engine.capturePayment(payment.id)).lastStatus).toBe('Captured');

    const refund = await engine.createRefund({
      journalPaymentId: payment.id,
      refundOrderId: 'engine-refund-1',
      amount: 30,
      currencyCode: 'DKK',
    });
    await engine.followRefund(refund.id);
    expect((await engine.captureRefund(refund.id)).lastStatus).toBe('Captured');

    const states = events.filter((e) => e.kind === 'payment.state').map((e) => e.status);
    // IssuedToUser is seen only if a poll lands before the accept: the order of what was seen is fixed.
    expect(states.filter((s) => s !== 'IssuedToUser')).toEqual(['Reserved', 'Captured']);
    expect(events.some((e) => e.kind === 'request')).toBe(true);
  });

  it('queries the check-in when the notification service calls its receiver', async () => {
    const receiver = await engine.startNotificationReceiver();
    const response = await fetch(`${sandbox.url}/emulator/callbacks/engine-alias`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url }),
    });
    expect(response.ok).toBe(true);
    const config = await engine.onboard({
      storeId: DEMO_STORE_ID,
      merchantPosId: 'engine-notified-till',
      posName: 'Notified till',
      beaconId: null,
      supportedBeaconTypes: ['QR'],
      callbackAlias: 'engine-alias',
      requirePaymentBeforeCheckin: false,
      merchantVat: DEMO_VAT,
    });
    const checkedIn = new Promise((resolve) =>
      engine.subscribe((event) => event.kind === 'checkin' && event.isUserCheckedIn && resolve(event)),
    );

    await customer().checkIn({ beaconId: config.assignedBeaconId!, phoneNumber: CREDIT_USER });

    expect(await checkedIn).toMatchObject({ kind: 'checkin', posId: config.posId, isUserCheckedIn: true });
  });

  it('leaves a capture whose answer was lost pending, and the sweeper carries it out exactly once', async () => {
    const beaconId = await onboarded();
    await customer().checkIn({ beaconId, phoneNumber: CREDIT_USER });
    const payment = await engine.startPayment({ orderId: 'engine-order-2', amount: 40, currencyCode: 'DKK' });
    const following = engine.followPayment(payment.id);
    await customer().acceptPayment({ beaconId, phoneNumber: CREDIT_USER });
    await following;
    await sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/payments/*/capture',
      times: 3,
      action: { kind: 'drop' },
    });
    await expect(engine.capturePayment(payment.id)).rejects.toMatchObject({ retryable: true });
    expect(engine.journal.payments.pendingDecisions().map((p) => p.id)).toEqual([payment.id]);

    const swept = await engine.sweepOnce();
    expect(swept.done).toEqual([payment.id]);
    expect(engine.journal.payments.get(payment.id)).toMatchObject({
      lastStatus: 'Captured',
      capturedAmount: 40,
    });
    const stored = await sandbox.storedPayment(engine.journal.payments.get(payment.id)!.paymentId!);
    expect(stored).toMatchObject({ status: 'Captured', capturedAmount: 40 });
  });
});
