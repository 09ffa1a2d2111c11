// A scripted cashier for the certification specs: reads the session's current step and carries out
// its machine-readable action with the scripted client, the way a tester follows the instructions.
// Long operations (following a payment, watching the check-in) run until they end by themselves or
// the session gives a new instruction. Misbehaviour comes only from the client's quirks.
import type { FastifyInstance } from 'fastify';
import type { ClientAction, SessionView } from '../../../src/shared/certification.js';
import type { ScriptedClient } from './scripted-client.js';

const FINAL = new Set([
  'Captured',
  'CancelledByUser',
  'CancelledByClient',
  'CancelledByMobilePay',
  'ExpiredAndCancelled',
]);
const ACTIVE = new Set(['Prepared', 'Paired', 'Initiated', 'IssuedToUser']);

interface PaymentSeen {
  readonly id: string;
  status: string;
  amount: number | null;
  partialCapturePossible: boolean | null;
}

export class ScriptedCashier {
  private readonly performed = new Set<string>();
  private storeId = '';
  private posId = '';
  private payment: PaymentSeen | null = null;
  private capturedPaymentId = '';
  private refundId = '';
  private refunds = 0;
  private lastCheckInPoll = -Infinity;

  constructor(
    private readonly app: FastifyInstance,
    private readonly client: ScriptedClient,
    private readonly sessionId: string,
  ) {}

  /** Follows the instructions until every step has a verdict; the session as it ended. */
  async certify(maxRounds = 4000): Promise<SessionView> {
    for (let round = 0; round < maxRounds; round += 1) {
      const view = this.view();
      if (view.phase === 'completed') return view;
      const step = this.currentStep(view);
      if (step?.action && !this.performed.has(step.id)) {
        this.performed.add(step.id);
        await this.perform(step.action);
      } else this.client.wait(250);
    }
    throw new Error(`the session did not complete: ${JSON.stringify(this.view().current)}`);
  }

  private view(): SessionView {
    return this.app.certification.get(this.sessionId)!;
  }

  private currentStep(view: SessionView) {
    const current = view.current;
    if (current === null) return undefined;
    return view.cases.find((c) => c.id === current.caseId)?.steps.find((s) => s.id === current.stepId);
  }

  /** The session asks for something new: the operation under way stops (a tester moves on). */
  private newInstruction(): boolean {
    const step = this.currentStep(this.view());
    return step?.action != null && !this.performed.has(step.id);
  }

  private async perform(action: ClientAction): Promise<void> {
    const c = this.client;
    switch (action.do) {
      case 'find-store': {
        const query = `merchantBrandId=${action.merchantBrandId}&merchantLocationId=${action.merchantLocationId}`;
        const answer = await c.call('GET', `/stores?${query}`);
        this.storeId = ((answer.body['storeIds'] as string[] | undefined) ?? [])[0] ?? '';
        return;
      }
      case 'onboard': {
        const body = {
          merchantPosId: action.merchantPosId,
          storeId: this.storeId,
          name: action.posName,
          supportedBeaconTypes: action.supportedBeaconTypes,
        };
        const created = await c.call('POST', '/pointofsales', { body, creating: true });
        if (created.status === 200) this.posId = created.body['posId'] as string;
        else {
          const found = await c.call('GET', `/pointofsales?merchantPosId=${action.merchantPosId}`);
          this.posId = ((found.body['posIds'] as string[] | undefined) ?? [])[0] ?? '';
        }
        await c.call('GET', `/pointofsales/${this.posId}`);
        return;
      }
      case 'offboard':
        await c.call('DELETE', `/pointofsales/${this.posId}`);
        return;
      case 'watch-check-in':
        return this.watchCheckIn();
      case 'hide-qr':
        return;
      case 'initiate-payment':
        return this.initiate(action);
      case 'prepare-payment': {
        const created = await c.call('POST', '/payments/prepare', {
          body: { posId: this.posId, orderId: action.orderId },
          creating: true,
        });
        this.startFollowing(created.body['paymentId'] as string, null);
        return this.follow((status) => status !== 'Prepared');
      }
      case 'ready-payment':
        await c.call('POST', `/payments/${this.payment!.id}/ready`, {
          body: {
            amount: action.amount,
            currencyCode: action.currencyCode,
            plannedCaptureDelay: 'None',
            restrictions: restrictionsOf(action.restrictions),
          },
        });
        return this.follow((status) => status === 'Reserved');
      case 'capture':
        return this.capture(action.amount, action.otherwiseCancel);
      case 'cancel-payment':
        await c.call('POST', `/payments/${this.payment!.id}/cancel`);
        return;
      case 'await-payment-end':
        return this.follow(() => false);
      case 'refund':
        return this.refund(action.amount, action.currencyCode);
      case 'capture-refund':
        await c.call('POST', `/refunds/${this.refundId}/capture`);
        return;
      case 'cancel-refund':
        await c.call('POST', `/refunds/${this.refundId}/cancel`);
        return;
    }
  }

  private delay(told: unknown): number {
    return this.client.quirks.pollEveryMs ?? (typeof told === 'number' ? told : 1000);
  }

  private async watchCheckIn(): Promise<void> {
    let delay = 1000;
    for (;;) {
      const since = this.client.clock.now() - this.lastCheckInPoll;
      if (since < delay) this.client.wait(delay - since);
      this.lastCheckInPoll = this.client.clock.now();
      const answer = await this.client.call('GET', `/pointofsales/${this.posId}/checkin`, { polling: true });
      if (answer.status === 200) {
        delay = this.delay(answer.body['pollDelayInMs']);
        if (answer.body['isUserCheckedIn'] === true) return;
      }
      if (this.newInstruction()) return;
      this.client.wait(delay);
    }
  }

  /** One check-in poll, never sooner than a second after the previous one. */
  private async pollCheckInPaced(): Promise<void> {
    if (this.client.clock.now() - this.lastCheckInPoll < 1000) return;
    this.lastCheckInPoll = this.client.clock.now();
    await this.client.call('GET', `/pointofsales/${this.posId}/checkin`, { polling: true });
  }

  private startFollowing(id: string, amount: number | null): void {
    this.payment = { id, status: 'unknown', amount, partialCapturePossible: null };
  }

  /** Polls the payment until `until` holds, it ends, or a new instruction comes. */
  private async follow(until: (status: string) => boolean): Promise<void> {
    const payment = this.payment!;
    let delay = 1000;
    for (;;) {
      const answer = await this.client.call('GET', `/payments/${payment.id}`, { polling: true });
      if (this.client.quirks.pollsCheckInDuringPayments) await this.pollCheckInPaced();
      if (answer.status === 200) {
        delay = this.delay(answer.body['pollDelayInMs']);
        payment.status = answer.body['status'] as string;
        payment.amount = (answer.body['amount'] as number | null) ?? payment.amount;
        payment.partialCapturePossible =
          (answer.body['partialCapturePossible'] as boolean | undefined) ?? null;
        if (payment.status === 'CancelledByUser' && this.client.quirks.captureAfterUserCancel)
          await this.client.call('POST', `/payments/${payment.id}/capture`, {
            body: { amount: payment.amount },
          });
        if (until(payment.status) || FINAL.has(payment.status)) return;
      }
      if (this.newInstruction()) return;
      this.client.wait(delay);
    }
  }

  private async initiate(action: Extract<ClientAction, { do: 'initiate-payment' }>): Promise<void> {
    const c = this.client;
    const body = {
      posId: this.posId,
      orderId: action.orderId,
      amount: action.amount,
      currencyCode: action.currencyCode,
      plannedCaptureDelay: 'None',
      restrictions: restrictionsOf(action.restrictions),
    };
    let created = await c.call('POST', '/payments', { body, creating: true });
    if (created.body['code'] === '1301') {
      // payment-flow-error-handling.md: find the active payment by posId + orderId and cancel it.
      const found = await c.call('GET', `/payments?posId=${this.posId}&orderId=${action.orderId}`);
      for (const id of (found.body['paymentIds'] as string[] | undefined) ?? []) {
        const stale = await c.call('GET', `/payments/${id}`);
        if (ACTIVE.has(stale.body['status'] as string)) await c.call('POST', `/payments/${id}/cancel`);
      }
      created = await c.call('POST', '/payments', { body, creating: true });
    }
    this.startFollowing(created.body['paymentId'] as string, action.amount);
    await this.follow((status) => status === 'Reserved');
  }

  private async capture(amount: number | null, otherwiseCancel: boolean): Promise<void> {
    const c = this.client;
    const payment = this.payment!;
    const full = payment.amount ?? 0;
    const wanted = amount ?? full;
    const partial = Math.round(wanted * 100) < Math.round(full * 100);
    if (partial && payment.partialCapturePossible === false && !c.quirks.partialCaptureAlways) {
      if (otherwiseCancel) await c.call('POST', `/payments/${payment.id}/cancel`);
      return;
    }
    const answer = await c.call('POST', `/payments/${payment.id}/capture`, { body: { amount: wanted } });
    if (answer.status === 200) this.capturedPaymentId = payment.id;
    else if (otherwiseCancel) await c.call('POST', `/payments/${payment.id}/cancel`);
  }

  private async refund(amount: number, currencyCode: string): Promise<void> {
    this.refunds += 1;
    const created = await this.client.call('POST', '/refunds', {
      body: {
        paymentId: this.capturedPaymentId,
        refundOrderId: `refund-${this.refunds}`,
        amount,
        currencyCode,
      },
      creating: true,
    });
    if (created.status !== 200) return;
    this.refundId = created.body['refundId'] as string;
    let delay = 1000;
    for (;;) {
      const answer = await this.client.call('GET', `/refunds/${this.refundId}`, { polling: true });
      if (answer.status === 200) {
        delay = this.delay(answer.body['pollDelayInMs']);
        if (answer.body['status'] !== 'Initiated') return;
      }
      if (this.newInstruction()) return;
      this.client.wait(delay);
    }
  }
}

/** The action's restrictions in the API's words (`true` disallows that kind of card). */
function restrictionsOf(action: { debitCard?: boolean; creditCard?: boolean } | null) {
  if (action === null) return null;
  return { debitCardDisallowed: action.debitCard === true, creditCardDisallowed: action.creditCard === true };
}
