// The summary behind `pos-sim status`: counts per state, the sweeper's queue, what recovery must
// resolve, and open intents, consistent with the lists they count.
import { describe, expect, it } from 'vitest';
import { fakeDeps, initiateBody, open, refundBody, reservedPayment, T0, tempDir } from './support.js';

describe('journal summary', () => {
  it('counts payments, refunds and intents per state', () => {
    const deps = fakeDeps();
    const journal = open(tempDir(), deps);
    journal.posConfig.save({
      storeId: 's',
      merchantPosId: 'till-1',
      posName: 'Till 1',
      beaconId: null,
      supportedBeaconTypes: ['QR'],
      callbackAlias: null,
      requirePaymentBeforeCheckin: false,
      merchantVat: 'DK12345678',
    });
    const captured = reservedPayment(journal, 'o1');
    journal.payments.decide(captured.id, { kind: 'capture', amount: 100 });
    journal.payments.completeDecision(captured.id);
    const pending = reservedPayment(journal, 'o2');
    journal.payments.decide(pending.id, { kind: 'cancel' });
    reservedPayment(journal, 'o3');
    deps.advance(5);
    const initiating = journal.payments.begin({ flow: 'initiate', body: initiateBody('o4') });
    journal.intents.markSent(initiating.intent.id);
    const refused = journal.payments.begin({ flow: 'initiate', body: initiateBody('o5') });
    journal.intents.fail(refused.intent.id, { code: '1102', message: 'Invalid Amount', final: true });
    journal.refunds.begin(refundBody('pay-o1'));

    const summary = journal.summary();
    expect(summary.pos).toEqual({ merchantPosId: 'till-1', posId: null });
    expect(summary.payments).toMatchObject({
      total: 5,
      active: 1,
      pendingDecisions: 1,
      failedDecisions: 0,
      undecidedReservations: 1,
    });
    expect(summary.payments.byStatus).toMatchObject({
      Captured: 1,
      Reserved: 2,
      Unknown: 1,
      Refused: 1,
      Initiated: 0,
    });
    expect(summary.refunds).toMatchObject({ total: 1, unresolved: 1, pendingDecisions: 0 });
    expect(summary.refunds.byStatus.Unknown).toBe(1);
    expect(summary.intents).toEqual({
      byState: { pending: 1, sent: 1, acknowledged: 3, failed: 1 },
      open: 2,
      oldestOpenAt: T0 + 5,
    });
    expect(summary.payments.active).toBe(journal.payments.active().length);
    expect(summary.refunds.unresolved).toBe(journal.refunds.unresolved().length);
    expect(summary.intents.open).toBe(journal.intents.open().length);
  });
});
