// The PoS v10 integrator client: one typed method per endpoint of openapi/pos.yaml. Requests are
// checked and answers parsed with the wire schemas the emulator shares; failures are
// TerminalApiErrors (errors.ts). Timeouts, retries and the 401 refresh live below (http.ts,
// pos-caller.ts), so every method gets them alike.
import {
  capturePaymentRequestSchema,
  checkInResponseSchema,
  createPosRequestSchema,
  createPosResponseSchema,
  createRefundRequestSchema,
  detailedStoresResponseSchema,
  initiatePaymentRequestSchema,
  paymentIdResponseSchema,
  paymentIdsResponseSchema,
  paymentResponseSchema,
  posIdsResponseSchema,
  posResponseSchema,
  preparePaymentRequestSchema,
  readyPaymentRequestSchema,
  refundIdResponseSchema,
  refundIdsResponseSchema,
  refundResponseSchema,
  storeIdsResponseSchema,
  storeResponseSchema,
  type CheckInResponse,
  type CreatePosRequest,
  type CreateRefundRequest,
  type InitiatePaymentRequest,
  type PaymentResponse,
  type PaymentStatus,
  type PosResponse,
  type PreparePaymentRequest,
  type ReadyPaymentRequest,
  type RefundResponse,
  type StoreResponse,
} from '../../shared/pos-v10/schemas.js';
import { resolveConfig, type PosClientConfig, type ResolvedPosClientConfig } from './config.js';
import { realClientDeps, type ClientDeps } from './deps.js';
import { HttpTransport } from './http.js';
import { PosCaller, checkedBody, checkedIdempotencyKey, idSegment, POS_V10_PREFIX } from './pos-caller.js';
import { TokenProvider, type AccessToken } from './token-provider.js';

/** A store by its brand and location (both are needed: one alone is 1122). */
export interface StoreLocation {
  readonly merchantBrandId: string;
  readonly merchantLocationId: string;
}
/** At least one is needed (else 1121); all given must match. */
export interface PosFilter {
  readonly storeId?: string;
  readonly beaconId?: string;
  readonly merchantPosId?: string;
}
/** posId and/or orderId (else 1109); without state, active and reserved payments are listed. */
export interface PaymentFilter {
  readonly posId?: string;
  readonly orderId?: string;
  readonly state?: PaymentStatus;
}

const site = (method: string, template: string) => ({ method, path: `${POS_V10_PREFIX}${template}` });

/** The terminal's side of the wire: every PoS v10 endpoint as a typed method. */
/** `polling: true` sends a polling GET once, without retries: the poll loop decides when to ask again. */
export interface PollOptions {
  readonly polling?: boolean;
}

export class PosClient {
  readonly config: ResolvedPosClientConfig;
  private readonly tokens: TokenProvider;
  private readonly caller: PosCaller;

  constructor(config: PosClientConfig, deps: ClientDeps = realClientDeps) {
    this.config = resolveConfig(config);
    const transport = new HttpTransport(deps, this.config.transport);
    this.tokens = new TokenProvider(this.config, transport, deps);
    this.caller = new PosCaller(this.config, transport, this.tokens);
  }

  // Integrator authentication

  /** A valid access token (cached until shortly before it expires); the other methods call it themselves. */
  async getToken(): Promise<AccessToken> {
    return this.tokens.token();
  }

  // Stores

  /** The merchant's store ids (the merchant of the VAT header), or the one at a brand + location. */
  async getStoreIds(location?: StoreLocation): Promise<readonly string[]> {
    const query = location && { ...location };
    return (await this.caller.json({ method: 'GET', path: '/stores', query }, storeIdsResponseSchema))
      .storeIds;
  }

  /** Like getStoreIds, with every store's details. */
  async getStoresDetailed(location?: StoreLocation): Promise<readonly StoreResponse[]> {
    const query = location && { ...location };
    return this.caller.json({ method: 'GET', path: '/stores/detailed', query }, detailedStoresResponseSchema);
  }

  async getStore(storeId: string): Promise<StoreResponse> {
    const id = idSegment(storeId, 'storeId', site('GET', '/stores/{storeId}'));
    return this.caller.json({ method: 'GET', path: `/stores/${id}` }, storeResponseSchema);
  }

  // Points of sale

  /** Registers a PoS; the key makes a retried create (after a timeout) return the same posId. */
  async createPos(request: CreatePosRequest, idempotencyKey: string): Promise<{ posId: string }> {
    const where = site('POST', '/pointofsales');
    const body = checkedBody(createPosRequestSchema, request, where);
    const key = checkedIdempotencyKey(idempotencyKey, where);
    return this.caller.json(
      { method: 'POST', path: '/pointofsales', body, idempotencyKey: key },
      createPosResponseSchema,
    );
  }

  async getPos(posId: string): Promise<PosResponse> {
    const id = idSegment(posId, 'posId', site('GET', '/pointofsales/{posId}'));
    return this.caller.json({ method: 'GET', path: `/pointofsales/${id}` }, posResponseSchema);
  }

  async findPosIds(filter: PosFilter): Promise<readonly string[]> {
    const query = { storeId: filter.storeId, beaconId: filter.beaconId, merchantPosId: filter.merchantPosId };
    return (await this.caller.json({ method: 'GET', path: '/pointofsales', query }, posIdsResponseSchema))
      .posIds;
  }

  async deletePos(posId: string): Promise<void> {
    const id = idSegment(posId, 'posId', site('DELETE', '/pointofsales/{posId}'));
    return this.caller.empty({ method: 'DELETE', path: `/pointofsales/${id}` });
  }

  /** Whether a customer is checked in at the PoS (poll no sooner than pollDelayInMs). */
  async getCheckIn(posId: string, options: PollOptions = {}): Promise<CheckInResponse> {
    const id = idSegment(posId, 'posId', site('GET', '/pointofsales/{posId}/checkin'));
    return this.caller.json(
      { method: 'GET', path: `/pointofsales/${id}/checkin`, polling: options.polling === true },
      checkInResponseSchema,
    );
  }

  // Payments

  /** Starts a payment; the caller journals the key first and passes the same key on every later retry. */
  async initiatePayment(
    request: InitiatePaymentRequest,
    idempotencyKey: string,
  ): Promise<{ paymentId: string }> {
    const where = site('POST', '/payments');
    const body = checkedBody(initiatePaymentRequestSchema, request, where);
    const key = checkedIdempotencyKey(idempotencyKey, where);
    return this.caller.json(
      { method: 'POST', path: '/payments', body, idempotencyKey: key },
      paymentIdResponseSchema,
    );
  }

  /** Prepares a payment before the amount is known (ready it with readyPayment). */
  async preparePayment(
    request: PreparePaymentRequest,
    idempotencyKey: string,
  ): Promise<{ paymentId: string }> {
    const where = site('POST', '/payments/prepare');
    const body = checkedBody(preparePaymentRequestSchema, request, where);
    const key = checkedIdempotencyKey(idempotencyKey, where);
    return this.caller.json(
      { method: 'POST', path: '/payments/prepare', body, idempotencyKey: key },
      paymentIdResponseSchema,
    );
  }

  async readyPayment(paymentId: string, request: ReadyPaymentRequest): Promise<void> {
    const where = site('POST', '/payments/{paymentId}/ready');
    const id = idSegment(paymentId, 'paymentId', where);
    const body = checkedBody(readyPaymentRequestSchema, request, where);
    return this.caller.empty({ method: 'POST', path: `/payments/${id}/ready`, body });
  }

  /** The payment's state (poll no sooner than pollDelayInMs). */
  async getPayment(paymentId: string, options: PollOptions = {}): Promise<PaymentResponse> {
    const id = idSegment(paymentId, 'paymentId', site('GET', '/payments/{paymentId}'));
    return this.caller.json(
      { method: 'GET', path: `/payments/${id}`, polling: options.polling === true },
      paymentResponseSchema,
    );
  }

  /** Finds payments by PoS and/or order: how a lost paymentId is recovered after a crash. */
  async findPaymentIds(filter: PaymentFilter): Promise<readonly string[]> {
    const query = { posId: filter.posId, orderId: filter.orderId, state: filter.state };
    return (await this.caller.json({ method: 'GET', path: '/payments', query }, paymentIdsResponseSchema))
      .paymentIds;
  }

  /** Captures a reservation (all of it, or part when partialCapturePossible); a retry with the same amount answers 200. */
  async capturePayment(paymentId: string, request: { readonly amount: number }): Promise<void> {
    const where = site('POST', '/payments/{paymentId}/capture');
    const id = idSegment(paymentId, 'paymentId', where);
    const body = checkedBody(capturePaymentRequestSchema, request, where);
    return this.caller.empty({ method: 'POST', path: `/payments/${id}/capture`, body });
  }

  async cancelPayment(paymentId: string): Promise<void> {
    const id = idSegment(paymentId, 'paymentId', site('POST', '/payments/{paymentId}/cancel'));
    return this.caller.empty({ method: 'POST', path: `/payments/${id}/cancel` });
  }

  // Refunds

  /** Refunds (part of) a captured payment; the key makes a retried refund return the same refundId. */
  async createRefund(request: CreateRefundRequest, idempotencyKey: string): Promise<{ refundId: string }> {
    const where = site('POST', '/refunds');
    const body = checkedBody(createRefundRequestSchema, request, where);
    const key = checkedIdempotencyKey(idempotencyKey, where);
    return this.caller.json(
      { method: 'POST', path: '/refunds', body, idempotencyKey: key },
      refundIdResponseSchema,
    );
  }

  async getRefund(refundId: string, options: PollOptions = {}): Promise<RefundResponse> {
    const id = idSegment(refundId, 'refundId', site('GET', '/refunds/{refundId}'));
    return this.caller.json(
      { method: 'GET', path: `/refunds/${id}`, polling: options.polling === true },
      refundResponseSchema,
    );
  }

  /** The refunds of a payment: how a lost refundId is recovered. */
  async findRefundIds(paymentId: string): Promise<readonly string[]> {
    const query = { paymentId };
    return (await this.caller.json({ method: 'GET', path: '/refunds', query }, refundIdsResponseSchema))
      .refundIds;
  }

  async captureRefund(refundId: string): Promise<void> {
    const id = idSegment(refundId, 'refundId', site('POST', '/refunds/{refundId}/capture'));
    return this.caller.empty({ method: 'POST', path: `/refunds/${id}/capture` });
  }

  async cancelRefund(refundId: string): Promise<void> {
    const id = idSegment(refundId, 'refundId', site('POST', '/refunds/{refundId}/cancel'));
    return this.caller.empty({ method: 'POST', path: `/refunds/${id}/cancel` });
  }
}
