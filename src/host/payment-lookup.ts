// The transaction screens' questions: one payment with its refunds, a payment found by orderId or
// paymentId (the journal first, then the API, for payments taken elsewhere), and the journal's list
// filtered by status, order or hanging reservations (reserved with nobody's decision).
import type { PaymentDetail, PaymentListStatus, PaymentView, RefundView } from '../shared/bridge/index.js';
import { toMinorUnits } from '../shared/pos-v10/formats.js';
import { paymentStatuses, type PaymentResponse, type RefundResponse } from '../shared/pos-v10/schemas.js';
import { isTerminalApiError } from '../terminal/api/index.js';
import type { TerminalEngine } from '../terminal/engine.js';
import type { Payment } from '../terminal/journal/index.js';
import { HostError, badInput } from './host-error.js';
import { paymentView, refundedStatuses, refundView, refundsOf } from './views.js';

type ListArgs = {
  readonly status?: string | undefined;
  readonly orderId?: string | undefined;
  readonly hangingOnly?: boolean | undefined;
  readonly limit?: number | undefined;
};

/** Payments the API knows and this journal does not are named `api:<paymentId>`: they can be looked at and refunded. */
export const API_ID_PREFIX = 'api:';

const listStatuses: readonly string[] = [...paymentStatuses, 'Unknown', 'Refused'];
const DEFAULT_LIMIT = 100;

function notFound(): HostError {
  return new HostError('not-found', 'No payment matches on this till or at MobilePay.');
}

/** Reads payments for the screens; never changes anything. */
export class PaymentLookup {
  constructor(
    private readonly engine: TerminalEngine,
    private readonly now: () => number = Date.now,
  ) {}

  /** A journalled payment and its refunds. */
  detail(journalId: string): PaymentDetail {
    const payment = this.engine.journal.payments.get(journalId);
    if (payment === null) throw new HostError('not-found', 'There is no such payment on this till.');
    return this.detailOf(payment);
  }

  /** By orderId or paymentId: the journal's newest match, else the API's. */
  async find(query: { readonly orderId?: string; readonly paymentId?: string }): Promise<PaymentDetail> {
    const { payments } = this.engine.journal;
    const known =
      query.paymentId !== undefined
        ? payments.byPaymentId(query.paymentId)
        : (payments.byOrderId(query.orderId ?? '')[0] ?? null);
    if (known !== null) return this.detailOf(known);
    const paymentId = query.paymentId ?? (await this.findAtApi(query.orderId ?? ''));
    if (paymentId === null) throw notFound();
    try {
      return await this.apiDetail(await this.engine.client.getPayment(paymentId));
    } catch (error) {
      if (isTerminalApiError(error) && (error.status === 404 || error.apiCode === '1001')) throw notFound();
      throw error;
    }
  }

  /** The journal's payments, newest first. */
  list(args: ListArgs): readonly PaymentView[] {
    const { payments } = this.engine.journal;
    if (args.status !== undefined && !listStatuses.includes(args.status))
      throw badInput(`There is no payment status "${args.status}".`);
    const status = args.status as PaymentListStatus | undefined;
    const limit = args.limit ?? DEFAULT_LIMIT;
    let rows: readonly Payment[];
    if (args.hangingOnly) rows = [...payments.undecidedReservations()].reverse();
    else if (args.orderId !== undefined) rows = payments.byOrderId(args.orderId);
    else rows = payments.list({ ...(status === undefined ? {} : { statuses: [status] }), limit });
    return rows
      .map((payment) => paymentView(this.engine.journal, payment))
      .filter((view) => status === undefined || view.status === status)
      .filter((view) => args.orderId === undefined || view.orderId === args.orderId)
      .slice(0, limit);
  }

  private detailOf(payment: Payment): PaymentDetail {
    const { journal } = this.engine;
    return {
      payment: paymentView(journal, payment),
      refunds: refundsOf(journal, payment).map((refund) => refundView(journal, refund)),
    };
  }

  /** The newest payment of this order at the till's PoS (active, reserved or captured). */
  private async findAtApi(orderId: string): Promise<string | null> {
    const posId = this.engine.journal.posConfig.get()?.posId ?? null;
    if (posId === null) return null;
    const ids = await this.engine.client.findPaymentIds({ posId, orderId });
    if (ids.length > 0) return ids[ids.length - 1]!;
    const captured = await this.engine.client.findPaymentIds({ posId, orderId, state: 'Captured' });
    return captured[captured.length - 1] ?? null;
  }

  /** A payment only the API knows, with its refunds as the API lists them. */
  private async apiDetail(payment: PaymentResponse): Promise<PaymentDetail> {
    const refunds: RefundResponse[] = [];
    for (const refundId of await this.engine.client.findRefundIds(payment.paymentId))
      refunds.push(await this.engine.client.getRefund(refundId));
    const at = this.now();
    const refunded = refunds
      .filter((refund) => refundedStatuses.has(refund.status))
      .reduce((sum, refund) => sum + toMinorUnits(refund.amount), 0);
    const view: PaymentView = {
      journalId: `${API_ID_PREFIX}${payment.paymentId}`,
      flow: 'initiate',
      orderId: payment.orderId,
      paymentId: payment.paymentId,
      posId: payment.posId,
      amount: payment.amount ?? null,
      currencyCode: payment.currencyCode ?? null,
      restrictions: payment.restrictions ?? null,
      merchantPaymentLabel: payment.merchantPaymentLabel ?? null,
      plannedCaptureDelay: payment.plannedCaptureDelay ?? null,
      status: payment.status,
      timeline: [],
      partialCapturePossible: payment.partialCapturePossible ?? null,
      customerToken: payment.customerToken ?? null,
      customerReceiptToken: payment.customerReceiptToken ?? null,
      loyaltyIds: payment.loyaltyIds ?? null,
      capturedAmount: null,
      refundedAmount: refunded / 100,
      pendingDecision: null,
      hanging: payment.status === 'Reserved',
      refusal: null,
      createdAt: at,
      updatedAt: at,
    };
    return { payment: view, refunds: refunds.map((refund) => apiRefundView(refund, at)) };
  }
}

function apiRefundView(refund: RefundResponse, at: number): RefundView {
  return {
    journalId: `${API_ID_PREFIX}${refund.refundId}`,
    paymentId: refund.paymentId,
    refundId: refund.refundId,
    refundOrderId: refund.refundOrderId,
    amount: refund.amount,
    currencyCode: refund.currencyCode,
    status: refund.status,
    timeline: [],
    pendingDecision: null,
    refusal: null,
    createdAt: at,
    updatedAt: at,
  };
}
