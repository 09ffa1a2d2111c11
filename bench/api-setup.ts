// Setting the emulator up for the benchmark through its own API (fetch over loopback): a token for
// the demo integrator, points of sale, and a payment walked to Reserved by a sandbox test user.
import { defaultStores, demoIntegrator } from '../src/emulator/seed.js';

/** The demo merchant the benchmark acts for. */
export const BENCH_VAT = 'DK12345678';
const client = demoIntegrator.clients[0]!;
const storeId = defaultStores.find((s) => s.merchantVat === BENCH_VAT && s.active)!.storeId;
const creditUser = '+4520031801';
let keyCounter = 0;
let posCounter = 0;

async function call(
  url: string,
  init: RequestInit & { headers: Record<string, string> },
  what: string,
): Promise<string> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${what} failed: ${response.status} ${text}`);
  return text;
}

/** A client-credentials token and every header a well-behaved PoS client sends. */
export async function authenticate(
  base: string,
): Promise<{ token: string; headers: Record<string, string> }> {
  const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
  const body = await call(
    `${base}/integrator-authentication/connect/token`,
    {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      headers: {
        'x-ibm-client-id': client.clientId,
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
    },
    'token',
  );
  const token = (JSON.parse(body) as { access_token: string }).access_token;
  const headers = {
    authorization: `Bearer ${token}`,
    'x-ibm-client-id': client.clientId,
    'x-mobilepay-merchant-vat-number': BENCH_VAT,
    'x-mobilepay-client-system-name': 'Bench PoS',
    'x-mobilepay-client-system-version': '1.0.0',
  };
  return { token, headers };
}

async function create(
  base: string,
  headers: Record<string, string>,
  path: string,
  body: unknown,
  what: string,
): Promise<Record<string, unknown>> {
  keyCounter += 1;
  const json = {
    ...headers,
    'content-type': 'application/json',
    'x-mobilepay-idempotency-key': `bench-setup-${process.pid}-${keyCounter}`,
  };
  return JSON.parse(
    await call(`${base}${path}`, { method: 'POST', body: JSON.stringify(body), headers: json }, what),
  ) as Record<string, unknown>;
}

/** A new QR point of sale in the demo merchant's active store. */
export async function createPos(
  base: string,
  headers: Record<string, string>,
  name: string,
): Promise<{ posId: string; beaconId: string }> {
  posCounter += 1;
  const merchantPosId = `${name}-${process.pid}-${posCounter}`;
  const created = await create(
    base,
    headers,
    '/pos/v10/pointofsales',
    { merchantPosId, storeId, name, supportedBeaconTypes: ['QR'] },
    'create PoS',
  );
  const posId = created['posId'] as string;
  const pos = JSON.parse(await call(`${base}/pos/v10/pointofsales/${posId}`, { headers }, 'get PoS')) as {
    beaconId: string;
  };
  return { posId, beaconId: pos.beaconId };
}

/** `count` fresh points of sale, e.g. one per cycle connection. */
export async function createPoses(
  base: string,
  headers: Record<string, string>,
  name: string,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await createPos(base, headers, name)).posId);
  return ids;
}

/** Initiates a payment on the PoS and has the credit test user check in and accept it; returns the GET body too. */
export async function reservedPayment(
  base: string,
  headers: Record<string, string>,
  pos: { posId: string; beaconId: string },
) {
  const payment = {
    posId: pos.posId,
    orderId: `bench-get-${process.pid}`,
    amount: 100,
    currencyCode: 'DKK',
    plannedCaptureDelay: 'None',
  };
  const paymentId = (await create(base, headers, '/pos/v10/payments', payment, 'initiate'))[
    'paymentId'
  ] as string;
  const userHeaders = {
    'x-ibm-client-id': client.clientId,
    'x-ibm-client-secret': client.clientSecret,
    'content-type': 'application/json',
  };
  const user = JSON.stringify({ beaconId: pos.beaconId, phoneNumber: creditUser });
  await call(
    `${base}/pos/app/usersimulation/checkin`,
    { method: 'POST', body: user, headers: userHeaders },
    'check-in',
  );
  await call(
    `${base}/pos/app/usersimulation/acceptpayment`,
    { method: 'POST', body: user, headers: userHeaders },
    'accept',
  );
  const body = await call(`${base}/pos/v10/payments/${paymentId}`, { headers }, 'get payment');
  const status = (JSON.parse(body) as { status: string }).status;
  if (status !== 'Reserved') throw new Error(`the bench payment is ${status}, expected Reserved`);
  return { paymentId, body };
}
