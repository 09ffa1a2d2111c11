// What the HTTP log screen gets: every attempt, and never a secret (bearer token, client secret,
// Basic credentials, issued access token).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactBody, redactHeaders } from '../../../src/terminal/api/exchange.js';
import { PosClient } from '../../../src/terminal/api/pos-client.js';
import { UserSimulationClient } from '../../../src/terminal/api/user-simulation-client.js';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  FakeTime,
  demoConfig,
  fakeDeps,
  recorder,
  reservedPayment,
  startSandbox,
  type Sandbox,
} from './support.js';

describe('redaction', () => {
  it('keeps the last 4 characters of a bearer token and hides Basic credentials and the client secret', () => {
    expect(
      redactHeaders({
        Authorization: 'Bearer eyJhbGciOi.eyJzdWIiOi.SflKxwRJSM',
        'X-IBM-Client-Secret': 'pos-sim-demo-secret',
        'x-ibm-client-id': 'client-1',
      }),
    ).toEqual({
      Authorization: 'Bearer …RJSM',
      'X-IBM-Client-Secret': '[redacted]',
      'x-ibm-client-id': 'client-1',
    });
    expect(redactHeaders({ authorization: 'Basic cG9zOnNlY3JldA==' })).toEqual({
      authorization: 'Basic [redacted]',
    });
    expect(redactHeaders({ authorization: 'Bearer short' })).toEqual({ authorization: 'Bearer [redacted]' });
  });

  it('hides client secrets and issued tokens in bodies', () => {
    expect(
      redactBody({
        grant_type: 'client_credentials',
        client_secret: 's3cret',
        access_token: 'aaaa.bbbb.cccc',
        expires_in: 3600,
      }),
    ).toEqual({
      grant_type: 'client_credentials',
      client_secret: '[redacted]',
      access_token: '…cccc',
      expires_in: 3600,
    });
    expect(redactBody('plain text')).toBe('plain text');
  });
});

describe('exchange events', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('report every attempt of the PoS client and the user simulation, without a single secret', async () => {
    const time = new FakeTime('held');
    const log = recorder();
    const client = new PosClient(demoConfig(sandbox.url, { onExchange: log.listener }), fakeDeps(time));
    const users = new UserSimulationClient(
      {
        apiBaseUrl: sandbox.url,
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_CLIENT_SECRET,
        onExchange: log.listener,
      },
      fakeDeps(time),
    );
    await sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/payments/*/capture',
      action: { kind: 'status', status: 500 },
    });

    const { paymentId } = await reservedPayment(client, users);
    await client.capturePayment(paymentId, { amount: 100 });
    const token = (await client.getToken()).accessToken;

    const paths = log.events.map(
      (e) => `${e.method} ${new URL(e.url).pathname.replace(/[0-9a-f-]{36}/g, '{id}')}`,
    );
    expect(paths).toEqual([
      'POST /integrator-authentication/connect/token',
      'POST /pos/v10/pointofsales',
      'GET /pos/v10/pointofsales/{id}',
      'POST /pos/v10/payments',
      'POST /pos/app/usersimulation/checkin',
      'POST /pos/app/usersimulation/acceptpayment',
      'POST /pos/v10/payments/{id}/capture',
      'POST /pos/v10/payments/{id}/capture',
    ]);
    const tokenExchange = log.events[0]!;
    expect(tokenExchange).toMatchObject({
      status: 200,
      requestHeaders: { authorization: 'Basic [redacted]' },
      requestBody: { grant_type: 'client_credentials', merchant_vat: 'DK12345678' },
      responseBody: { access_token: `…${token.slice(-4)}`, token_type: 'Bearer' },
    });
    expect(log.events[4]!.requestHeaders['x-ibm-client-secret']).toBe('[redacted]');
    expect(log.events.slice(-2).map((e) => [e.attempt, e.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    const everything = JSON.stringify(log.events);
    expect(everything).not.toContain(DEMO_CLIENT_SECRET);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.split('.')[2]!);
    expect(everything).not.toContain(
      Buffer.from(`${DEMO_CLIENT_ID}:${DEMO_CLIENT_SECRET}`).toString('base64'),
    );
  });
});
