// The refund domain: one captured payment picked by orderId or from the journal, its refunds, and
// creating, capturing and cancelling refunds, kept live by the host's payment and refund events.
import { create } from 'zustand';
import type { PaymentDetail, PaymentView, RefundView } from '../../shared/bridge/index.js';
import { idleCall, isFresher, runCall, type CallState } from '../lib/bridge-call.js';
import { subtractAmounts, sumAmounts } from '../lib/money.js';

export interface RefundsState extends CallState {
  /** The payment being refunded, with its refunds; null until one is picked. */
  readonly detail: PaymentDetail | null;
  /** Captured payments of the journal to pick from. */
  readonly candidates: readonly PaymentView[];
}

export interface RefundsActions {
  loadCandidates(): Promise<void>;
  find(orderId: string): Promise<boolean>;
  pick(journalId: string): Promise<boolean>;
  create(amount: number): Promise<boolean>;
  capture(refundJournalId: string): Promise<boolean>;
  cancel(refundJournalId: string): Promise<boolean>;
  close(): void;
  receivePayment(payment: PaymentView): void;
  receiveRefund(refund: RefundView): void;
}

export const refundsInitialState: RefundsState = { ...idleCall, detail: null, candidates: [] };

/** Refund states that no longer hold any of the payment's money. */
const released = new Set<RefundView['status']>(['Refused', 'CancelledByClient', 'CancelledByMobilePay']);

/** What can still be refunded: captured minus every refund that is not cancelled or refused. */
export function refundableAmount(detail: PaymentDetail): number {
  const held = sumAmounts(detail.refunds.filter((r) => !released.has(r.status)).map((r) => r.amount));
  const refunded = Math.max(held, detail.payment.refundedAmount);
  return subtractAmounts(detail.payment.capturedAmount ?? 0, refunded);
}

function withRefund(detail: PaymentDetail, refund: RefundView): PaymentDetail {
  const held = detail.refunds.find((r) => r.journalId === refund.journalId);
  if (held && !isFresher(refund, held)) return detail;
  const refunds = held
    ? detail.refunds.map((r) => (r.journalId === refund.journalId ? refund : r))
    : [...detail.refunds, refund];
  return { ...detail, refunds };
}

/** The refunds store. */
export const useRefundsStore = create<RefundsState & RefundsActions>()((set, get) => {
  /** Re-reads the picked payment (its refunded amount moves with every refund). */
  const refresh = async () => {
    const journalId = get().detail?.payment.journalId;
    if (journalId === undefined) return;
    const result = await runCall(set, 'refresh', (bridge) => bridge.paymentGet({ journalId }));
    if (result.ok && get().detail?.payment.journalId === journalId) set({ detail: result.value });
  };
  const decide = async (kind: 'capture' | 'cancel', journalId: string) => {
    const result = await runCall(set, `${kind}:${journalId}`, (bridge) =>
      kind === 'capture' ? bridge.refundCapture({ journalId }) : bridge.refundCancel({ journalId }),
    );
    if (result.ok) get().receiveRefund(result.value);
    return result.ok;
  };

  return {
    ...refundsInitialState,

    async loadCandidates() {
      const result = await runCall(set, 'candidates', (bridge) =>
        bridge.paymentsList({ status: 'Captured', limit: 50 }),
      );
      if (result.ok) set({ candidates: result.value });
    },

    async find(orderId) {
      const result = await runCall(set, 'find', (bridge) => bridge.paymentFind({ orderId: orderId.trim() }));
      if (result.ok) set({ detail: result.value });
      return result.ok;
    },

    async pick(journalId) {
      const result = await runCall(set, 'pick', (bridge) => bridge.paymentGet({ journalId }));
      if (result.ok) set({ detail: result.value });
      return result.ok;
    },

    async create(amount) {
      const paymentJournalId = get().detail?.payment.journalId;
      if (paymentJournalId === undefined) return false;
      const result = await runCall(set, 'create', (bridge) =>
        bridge.refundCreate({ paymentJournalId, amount }),
      );
      if (!result.ok) return false;
      get().receiveRefund(result.value);
      await refresh();
      return true;
    },

    capture: (journalId) => decide('capture', journalId),
    cancel: (journalId) => decide('cancel', journalId),

    close() {
      set({ detail: null, error: null });
    },

    receivePayment(payment) {
      const detail = get().detail;
      if (detail?.payment.journalId === payment.journalId && isFresher(payment, detail.payment))
        set({ detail: { ...detail, payment } });
    },

    receiveRefund(refund) {
      const detail = get().detail;
      if (!detail) return;
      const ours =
        detail.refunds.some((r) => r.journalId === refund.journalId) ||
        (detail.payment.paymentId !== null && refund.paymentId === detail.payment.paymentId);
      if (ours) set({ detail: withRefund(detail, refund) });
    },
  };
});
