// The customer's phone as the CLI and the tests play it, against the emulator's user simulation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PosClient } from '../../../src/terminal/api/pos-client.js';
import { UserSimulationClient } from '../../../src/terminal/api/user-simulation-client.js';
import {
  CREDIT_USER,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  FakeTime,
  demoConfig,
  fakeDeps,
  newKey,
  newPos,
  paymentRequest,
  startSandbox,
  type Sandbox,
} from './support.js';

let sandbox: Sandbox;
let time: FakeTime;
let client: PosClient;

function users(secret = DEMO_CLIENT_SECRET): UserSimulationClient {
  return new UserSimulationClient(
    { apiBaseUrl: sandbox.url, clientId: DEMO_CLIENT_ID, clientSecret: secret },
    fakeDeps(time),
  );
}

beforeEach(async () => {
  sandbox = await startSandbox();
  time = new FakeTime('held');
  client = new PosClient(demoConfig(sandbox.url), fakeDeps(time));
});

afterEach(async () => {
  await sandbox.close();
});

describe('user simulation client', () => {
  it('checks in, and the customer cancels the payment issued to them', async () => {
    const { posId, beaconId } = await newPos(client);
    const { paymentId } = await client.initiatePayment(paymentRequest(posId), newKey());

    await users().checkIn({ beaconId, phoneNumber: CREDIT_USER });
    expect((await client.getPayment(paymentId)).status).toBe('IssuedToUser');
    await users().cancelPaymentByUser({ beaconId });

    expect((await client.getPayment(paymentId)).status).toBe('CancelledByUser');
    const [checkIn] = await sandbox.requestsTo('POST', '/pos/app/usersimulation/checkin');
    expect(checkIn).toMatchObject({
      status: 200,
      headers: { 'x-ibm-client-id': DEMO_CLIENT_ID, 'x-ibm-client-secret': '[redacted]' },
      body: { beaconId, phoneNumber: CREDIT_USER },
    });
  });

  it("reports the simulation's own refusals as pos.api with their code", async () => {
    const { beaconId } = await newPos(client);
    const error = await users()
      .acceptPayment({ beaconId, phoneNumber: CREDIT_USER })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'pos.api', status: 409, apiCode: '1902', retryable: false });
  });

  it('is refused with pos.unauthorized when the secret is wrong', async () => {
    const { beaconId } = await newPos(client);
    const error = await users('wrong')
      .checkIn({ beaconId, phoneNumber: CREDIT_USER })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'pos.unauthorized', status: 401, attempts: 1 });
  });

  it('refuses a request without a beaconId before sending it', async () => {
    const error = await users()
      .cancelPaymentByUser({} as { beaconId: string })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'pos.invalid-request', attempts: 0 });
    expect(await sandbox.requestsTo('POST', /usersimulation/)).toEqual([]);
  });
});
