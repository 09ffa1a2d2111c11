// The journal's public surface: open it, and the types of what it stores. Nothing else is exported,
// so the engine cannot reach past the stores to the SQL.
export { openJournal, type Journal } from './journal.js';
export { JOURNAL_FILE, type JournalDeps } from './database.js';
export { JOURNAL_SCHEMA_VERSION } from './migrations.js';
export { JournalError, isJournalError, journalErrorCodes, type JournalErrorCode } from './errors.js';
export type { Failure, FailureReport } from './codec.js';
export {
  intentKinds,
  intentStates,
  type Intent,
  type IntentBodies,
  type IntentKind,
  type IntentRequest,
  type IntentResult,
  type IntentResults,
  type IntentState,
} from './intent-model.js';
export type { BegunIntent, IntentStore } from './intents.js';
export type {
  DecisionProgress,
  DecisionState,
  PaymentDecision,
  PaymentDecisionRequest,
  RefundDecision,
  RefundDecisionRequest,
} from './decisions.js';
export {
  finalPaymentStatuses,
  paymentListStatus,
  type Payment,
  type PaymentFlow,
  type PaymentListStatus,
  type BeginPayment,
  type BegunPayment,
  type PaymentFilter,
  type PaymentObservation,
  type PaymentStore,
} from './payment-model.js';
export { finalRefundStatuses, refundListStatus, type Refund, type RefundListStatus } from './refund-model.js';
export type { BegunRefund, RefundFilter, RefundObservation, RefundStore } from './refunds.js';
export { createPosBody, type PosConfig, type PosConfigInput, type PosConfigStore } from './pos-config.js';
export type { ListFilter } from './list-filter.js';
export type { StatusChange, StatusSource } from './status-history.js';
export type { JournalSummary, RecordCounts } from './summary.js';
