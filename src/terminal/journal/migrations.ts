// The journal's table layout, one migration per version, applied in one transaction and recorded in
// `PRAGMA user_version` so a newer terminal can upgrade an older file and an older one refuses a newer.
import type Database from 'better-sqlite3';
import { JournalError } from './errors.js';

const PAYMENT_STATUSES = `'Prepared','Initiated','Paired','IssuedToUser','Reserved','CancelledByUser','CancelledByClient','CancelledByMobilePay','ExpiredAndCancelled','Captured'`;
const REFUND_STATUSES = `'Initiated','Reserved','Captured','CancelledByClient','CancelledByMobilePay','ExpiredAndCaptured'`;

/** The decision columns payments and refunds share: what to do with a reservation, and how far it got. */
const DECISION_COLUMNS = `
  decision TEXT CHECK (decision IN ('capture', 'cancel')),
  decision_amount REAL,
  decision_state TEXT CHECK (decision_state IN ('pending', 'done', 'failed')),
  decided_at INTEGER,
  decision_attempts INTEGER NOT NULL DEFAULT 0,
  decision_error_code TEXT,
  decision_error_message TEXT,
  decision_resolved_at INTEGER,
  CHECK ((decision IS NULL) = (decision_state IS NULL) AND (decision IS NULL) = (decided_at IS NULL))`;

const V1 = `
CREATE TABLE pos_config (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  store_id TEXT NOT NULL,
  merchant_pos_id TEXT NOT NULL,
  pos_name TEXT NOT NULL,
  beacon_id TEXT,
  supported_beacon_types TEXT NOT NULL,
  callback_alias TEXT,
  require_payment_before_checkin INTEGER NOT NULL CHECK (require_payment_before_checkin IN (0, 1)),
  merchant_vat TEXT NOT NULL,
  pos_id TEXT,
  assigned_beacon_id TEXT,
  updated_at INTEGER NOT NULL
);

CREATE TABLE intents (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('createPos', 'initiatePayment', 'preparePayment', 'createRefund')),
  subject TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  record_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'acknowledged', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  result TEXT,
  error_code TEXT,
  error_message TEXT,
  error_final INTEGER CHECK (error_final IN (0, 1)),
  created_at INTEGER NOT NULL,
  first_sent_at INTEGER,
  last_sent_at INTEGER,
  resolved_at INTEGER,
  updated_at INTEGER NOT NULL,
  CHECK ((state = 'acknowledged') = (result IS NOT NULL))
);
-- At most one unresolved call per subject: a second one could create a second payment or refund.
CREATE UNIQUE INDEX intents_one_open_per_subject ON intents (kind, subject) WHERE state IN ('pending', 'sent');
CREATE INDEX intents_by_subject ON intents (kind, subject, created_at);

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  flow TEXT NOT NULL CHECK (flow IN ('initiate', 'prepare')),
  pos_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  payment_id TEXT UNIQUE,
  intent_id TEXT NOT NULL UNIQUE REFERENCES intents (id),
  amount REAL,
  currency_code TEXT,
  restrictions TEXT,
  merchant_payment_label TEXT,
  planned_capture_delay TEXT,
  last_status TEXT CHECK (last_status IN (${PAYMENT_STATUSES})),
  status_at INTEGER,
  partial_capture_possible INTEGER CHECK (partial_capture_possible IN (0, 1)),
  customer_token TEXT,
  customer_receipt_token TEXT,
  loyalty_ids TEXT,
  refusal_code TEXT,
  refusal_message TEXT,
  captured_amount REAL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  ${DECISION_COLUMNS}
);
CREATE INDEX payments_by_order ON payments (order_id, pos_id);
CREATE INDEX payments_by_created ON payments (created_at);
CREATE INDEX payments_pending_decisions ON payments (decided_at) WHERE decision_state = 'pending';

CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  refund_order_id TEXT NOT NULL,
  payment_id TEXT NOT NULL,
  payment_local_id TEXT REFERENCES payments (id),
  refund_id TEXT UNIQUE,
  intent_id TEXT NOT NULL UNIQUE REFERENCES intents (id),
  amount REAL NOT NULL,
  currency_code TEXT NOT NULL,
  last_status TEXT CHECK (last_status IN (${REFUND_STATUSES})),
  status_at INTEGER,
  refusal_code TEXT,
  refusal_message TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  ${DECISION_COLUMNS}
);
CREATE INDEX refunds_by_payment ON refunds (payment_id);
CREATE INDEX refunds_by_order ON refunds (refund_order_id);
CREATE INDEX refunds_by_created ON refunds (created_at);

-- Every status change seen for a payment or refund, oldest first (the journal keeps changes, not polls).
CREATE TABLE status_history (
  record_kind TEXT NOT NULL CHECK (record_kind IN ('payment', 'refund')),
  record_id TEXT NOT NULL,
  status TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('observed', 'decision')),
  at INTEGER NOT NULL
);
CREATE INDEX status_history_by_record ON status_history (record_kind, record_id);
`;

/** The layout this code writes; `PRAGMA user_version` of a current journal.db. */
export const JOURNAL_SCHEMA_VERSION = 1;

const migrations: Readonly<Record<number, string>> = { 1: V1 };

/** Brings the file up to JOURNAL_SCHEMA_VERSION, all steps in one transaction, or refuses a newer file. */
export function migrate(db: Database.Database): void {
  const version = (): number => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > JOURNAL_SCHEMA_VERSION)
      throw new JournalError(
        'journal_too_new',
        `schema ${current}; this terminal knows up to ${JOURNAL_SCHEMA_VERSION}`,
      );
    return current;
  };
  if (version() === JOURNAL_SCHEMA_VERSION) return;
  db.transaction(() => {
    // Read again under the write lock: another process opening the same directory may have migrated
    // it while this one waited.
    for (let next = version() + 1; next <= JOURNAL_SCHEMA_VERSION; next += 1) {
      const step = migrations[next];
      if (step === undefined) throw new Error(`no migration to schema ${next}`);
      db.exec(step);
    }
    db.pragma(`user_version = ${JOURNAL_SCHEMA_VERSION}`);
  }).immediate();
}
