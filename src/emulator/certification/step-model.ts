// What a certification case is made of, as data plus three small functions per step: `arm` (what
// the service sets up when the step starts: faults, a payment left behind), `play` (the customer's
// moves, repeated after every request until they have happened) and `judge` (a verdict read from
// the session's requests and the emulator's state). Judges are pure, so the same log always gives
// the same verdict, and specs can feed them requests directly.
import type { SectionId, StepView } from '../../shared/certification.js';
import type { FaultAction } from '../control/faults.js';
import type { Payment, PointOfSale, Refund } from '../domain/model.js';
import type { ObservedRequest } from './observed-request.js';

/** A step's outcome so far: still waiting, or decided with a reason in plain words. */
export type Verdict =
  | { readonly kind: 'pending' }
  | { readonly kind: 'passed'; readonly note?: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** Nothing decided yet: the step keeps waiting. */
export const pending: Verdict = { kind: 'pending' };
/** The step passed, with an optional note for the report. */
export const passed = (note?: string): Verdict => (note ? { kind: 'passed', note } : { kind: 'passed' });
/** The step failed; the reason says what the client did, in plain words. */
export const failed = (reason: string): Verdict => ({ kind: 'failed', reason });

/** What judges may read of the emulator's state, scoped to the session's integrator and merchant. */
export interface SessionWorld {
  /** The PoS the session works with: the latest one created (or found) through the session and still active. */
  readonly posId: string | null;
  pos(posId: string): PointOfSale | undefined;
  payment(paymentId: string): Payment | undefined;
  /** Payments of the session's integrator and merchant with this orderId, oldest first. */
  paymentsWithOrderId(orderId: string): readonly Payment[];
  refundsOf(paymentId: string): readonly Refund[];
  /** PoSes of the session's integrator and merchant with this merchantPosId (active and deleted). */
  posesWithMerchantPosId(merchantPosId: string): readonly PointOfSale[];
  /** The payment blocking the PoS (Prepared, Paired, Initiated, IssuedToUser), if any. */
  activePayment(posId: string): Payment | undefined;
  /** Whether a customer waits checked in at the PoS without a payment. */
  hasCheckIn(posId: string): boolean;
}

/** The service's hands: faults on the session's own calls and the customer's (and MobilePay's) moves. */
export interface ServiceActions {
  /**
   * The `nth` next call of this client through the certification base with this method and path
   * (below the base, `*` for one segment, e.g. `/pos/v10/payments/*\/capture`) gets `action`.
   */
  fault(method: 'GET' | 'POST' | 'DELETE', path: string, action: FaultAction, nth?: number): void;
  /** The test user checks in at the session's PoS (user simulation: pairs with a waiting payment). */
  checkIn(phoneNumber: string): boolean;
  acceptPayment(phoneNumber: string): boolean;
  /** The customer declines the Paired or IssuedToUser payment at the session's PoS. */
  declinePayment(): boolean;
  /** MobilePay cancels an active payment (as for an inactive or failed one). */
  cancelByMobilePay(paymentId: string): boolean;
  /** An active payment made as the client, left on its PoS as after a crash; returns its paymentId. */
  leaveActivePayment(orderId: string, amount: number): string | null;
}

/** What a step's functions see. Request lists are oldest first. */
export interface StepContext {
  readonly now: number;
  readonly pollDelayMs: number;
  readonly world: SessionWorld;
  /** Requests of the session since the case started. */
  readonly caseRequests: readonly ObservedRequest[];
  /** Since the latest step of the case with an action started: the client operation under way. */
  readonly operationRequests: readonly ObservedRequest[];
  /** Since this step started. */
  readonly stepRequests: readonly ObservedRequest[];
  readonly stepStartedAt: number;
}

/**
 * One step of a case: the texts its view shows (title, instruction, service, judges, rule) and the
 * autopilot's action, as StepView has them, plus the service's three functions.
 */
export interface StepDefinition extends Pick<
  StepView,
  'title' | 'instruction' | 'service' | 'judges' | 'rule' | 'action'
> {
  readonly arm?: (ctx: StepContext, service: ServiceActions) => void;
  /** Runs after arm and after every request while the step is current; must be idempotent. */
  readonly play?: (ctx: StepContext, service: ServiceActions) => void;
  readonly judge: (ctx: StepContext) => Verdict;
}

/** A case of the catalogue: steps run in order within one section. */
export interface CaseDefinition {
  readonly id: string;
  readonly section: SectionId;
  readonly title: string;
  readonly description: string;
  readonly steps: readonly StepDefinition[];
}

/** The values a session's catalogue is built with: unique ids, the merchant's currency and test users. */
export interface CatalogueParams {
  /** Short and unique per session: keeps merchantPosIds and orderIds of two sessions apart. */
  readonly tag: string;
  readonly currencyCode: 'DKK' | 'EUR';
  readonly users: {
    readonly credit: string;
    readonly debit: string;
    readonly loyalty: string;
    readonly noPartialCapture: string;
  };
  readonly pollDelayMs: number;
}
