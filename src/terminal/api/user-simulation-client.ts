// The sandbox's user simulation (/pos/app/usersimulation): the customer's phone checking in,
// accepting or cancelling, as the CLI and the tests play it. Authenticated with the client id and
// secret headers, not a token; same transport (timeouts, retries, exchange events) as the PoS client.
import { posHeaders } from '../../shared/pos-v10/error-codes.js';
import {
  acceptPaymentRequestSchema,
  cancelPaymentByUserRequestSchema,
  userCheckInRequestSchema,
} from '../../shared/pos-v10/schemas.js';
import type { z } from 'zod';
import { transportSettings } from './config.js';
import { realClientDeps, type ClientDeps } from './deps.js';
import { TerminalApiError } from './errors.js';
import type { ExchangeListener } from './exchange.js';
import { HttpTransport, type TimeoutConfig } from './http.js';
import { checkedBody } from './pos-caller.js';
import { expectSuccess } from './responses.js';
import type { BackoffConfig } from './retry-policy.js';

/** Where the sandbox's user simulation lives below apiBaseUrl. */
export const USER_SIMULATION_PREFIX = '/pos/app/usersimulation';

/** Where the sandbox is and which registered client may drive its test users. */
export interface UserSimulationConfig {
  /** The same base as the PoS API, e.g. http://127.0.0.1:8080. */
  readonly apiBaseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeouts?: TimeoutConfig;
  readonly retries?: number;
  readonly backoff?: BackoffConfig;
  readonly onExchange?: ExchangeListener;
}

/** A test user (by phone number, e.g. +4520031801) at a beacon. */
export interface UserAtBeacon {
  readonly beaconId: string;
  readonly phoneNumber: string;
}

/** Plays the customer's phone against the sandbox: check in, accept, cancel. */
export class UserSimulationClient {
  private readonly transport: HttpTransport;
  private readonly baseUrl: string;

  constructor(
    private readonly config: UserSimulationConfig,
    deps: ClientDeps = realClientDeps,
  ) {
    if (!URL.canParse(config.apiBaseUrl) || config.clientId === '' || config.clientSecret === '')
      throw new TerminalApiError({
        code: 'pos.config',
        message: 'Invalid user simulation configuration: apiBaseUrl, clientId and clientSecret are required',
        method: '',
        path: '',
        attempts: 0,
      });
    this.baseUrl = config.apiBaseUrl.replace(/\/+$/, '');
    this.transport = new HttpTransport(deps, transportSettings(config));
  }

  /** The user checks in at the beacon (scanned the QR or heard the beacon). */
  async checkIn(user: UserAtBeacon): Promise<void> {
    await this.post('/checkin', userCheckInRequestSchema, user);
  }

  /** The user swipes to accept the payment issued to them at the beacon. */
  async acceptPayment(user: UserAtBeacon): Promise<void> {
    await this.post('/acceptpayment', acceptPaymentRequestSchema, user);
  }

  /** The user cancels the payment paired with or issued to them at the beacon. */
  async cancelPaymentByUser(beacon: { readonly beaconId: string }): Promise<void> {
    await this.post('/cancelpaymentbyuser', cancelPaymentByUserRequestSchema, beacon);
  }

  private async post<S extends z.ZodType>(action: string, schema: S, value: unknown): Promise<void> {
    const site = { method: 'POST', path: `${USER_SIMULATION_PREFIX}${action}` };
    const body = checkedBody(schema, value, site);
    const answer = await this.transport.send({
      method: 'POST',
      url: `${this.baseUrl}${site.path}`,
      headers: {
        accept: 'application/json',
        [posHeaders.clientId]: this.config.clientId,
        [posHeaders.clientSecret]: this.config.clientSecret,
      },
      body: { kind: 'json', value: body },
    });
    expectSuccess(answer, site);
  }
}
