// The session's view of the emulator and its hands in it: the judges read state through `SessionWorld`
// (scoped to the client's integrator and the certification merchant), and arm/play act through
// `ServiceActions`: fault rules scoped to the client's calls through the certification base, and the
// customer's moves made directly on the core (as the sandbox's user simulation would).
import type { Identification } from '../../shared/certification.js';
import { activePaymentStatuses } from '../../shared/pos-v10/schemas.js';
import type { FaultRules } from '../control/fault-rules.js';
import type { Caller, EmulatorCore } from '../domain/core.js';
import type { Payment, PointOfSale, Refund } from '../domain/model.js';
import { initiatePayment } from '../domain/payments.js';
import { acceptPayment, cancelPaymentByUser, checkIn } from '../domain/user-simulation.js';
import { certifiedGlob } from './api-base.js';
import type { ServiceActions, SessionWorld } from './step-model.js';

/** Ids are GUIDs the API treats case-insensitively; the state keys them as created. */
function lookup<T>(map: ReadonlyMap<string, T>, id: string): T | undefined {
  return map.get(id) ?? map.get(id.toLowerCase());
}

/** The integrator of a client id, as the token endpoint resolves it (exact, then case-insensitive). */
export function integratorOf(core: EmulatorCore, clientId: string): string | null {
  const exact = core.state.clients.get(clientId);
  if (exact) return exact.integrator.integratorId;
  for (const [id, entry] of core.state.clients)
    if (id.toLowerCase() === clientId.toLowerCase()) return entry.integrator.integratorId;
  return null;
}

/** SessionWorld on the emulator's core, scoped to the identified client's integrator and merchant. */
export class CoreWorld implements SessionWorld {
  constructor(
    private readonly core: EmulatorCore,
    private readonly identification: Identification,
    /** PoS ids the session's client created or looked up, oldest first. */
    private readonly knownPoses: readonly string[],
  ) {}

  private get integratorId(): string {
    return integratorOf(this.core, this.identification.clientId) ?? '';
  }

  get posId(): string | null {
    for (let i = this.knownPoses.length - 1; i >= 0; i -= 1) {
      const pos = this.pos(this.knownPoses[i]!);
      if (pos && pos.deletedAt === null) return pos.posId;
    }
    return null;
  }

  pos(posId: string): PointOfSale | undefined {
    const pos = lookup(this.core.state.pointsOfSale, posId);
    return pos?.integratorId === this.integratorId ? pos : undefined;
  }

  payment(paymentId: string): Payment | undefined {
    const payment = lookup(this.core.state.payments, paymentId);
    if (!payment || payment.integratorId !== this.integratorId) return undefined;
    return this.core.run(() => this.core.settlePayment(payment));
  }

  paymentsWithOrderId(orderId: string): readonly Payment[] {
    return this.core.state.paymentsWithOrderId(this.integratorId, this.identification.merchantVat, orderId);
  }

  refundsOf(paymentId: string): readonly Refund[] {
    const payment = lookup(this.core.state.payments, paymentId);
    if (!payment) return [];
    return this.core.run(() =>
      this.core.state.refundsOfPayment(payment.paymentId).map((r) => this.core.settleRefund(r)),
    );
  }

  posesWithMerchantPosId(merchantPosId: string): readonly PointOfSale[] {
    return [...this.core.state.pointsOfSale.values()].filter(
      (p) =>
        p.integratorId === this.integratorId &&
        p.merchantVat === this.identification.merchantVat &&
        p.merchantPosId === merchantPosId,
    );
  }

  activePayment(posId: string): Payment | undefined {
    const pos = this.pos(posId);
    return pos ? this.core.run(() => this.core.activePayment(pos.posId)) : undefined;
  }

  hasCheckIn(posId: string): boolean {
    const pos = this.pos(posId);
    return pos ? this.core.run(() => this.core.currentCheckIn(pos.posId)) !== undefined : false;
  }
}

/** Runs a move on the core; a refusal (the move no longer fits the state) is an answer, not an error. */
function attempt(core: EmulatorCore, move: () => void): boolean {
  try {
    core.run(move);
    return true;
  } catch {
    return false;
  }
}

/** The service's actions for one session; fault rule ids are reported so the session can remove them. */
export function serviceActions(deps: {
  readonly core: EmulatorCore;
  readonly faults: FaultRules;
  readonly identification: Identification;
  readonly world: SessionWorld;
  readonly onFault: (ruleId: string) => void;
}): ServiceActions {
  const { core, faults, identification, world } = deps;
  const beaconId = (): string | null => {
    const posId = world.posId;
    return posId === null ? null : (world.pos(posId)?.beaconId ?? null);
  };
  const atBeacon = (body: Record<string, unknown>, move: (b: Record<string, unknown>) => void): boolean => {
    const beacon = beaconId();
    return beacon === null ? false : attempt(core, () => move({ beaconId: beacon, ...body }));
  };
  return {
    fault(method, path, action, nth = 1) {
      const rule = faults.add({
        method,
        path: certifiedGlob(path),
        nth,
        times: 1,
        action,
        clientId: identification.clientId,
      });
      deps.onFault(rule.id);
    },
    checkIn: (phoneNumber) => atBeacon({ phoneNumber }, (body) => checkIn(core, body)),
    acceptPayment: (phoneNumber) => atBeacon({ phoneNumber }, (body) => acceptPayment(core, body)),
    declinePayment: () => atBeacon({}, (body) => cancelPaymentByUser(core, body)),
    cancelByMobilePay(paymentId) {
      const payment = lookup(core.state.payments, paymentId);
      if (!payment) return false;
      return attempt(core, () => {
        const current = core.settlePayment(payment);
        if (!activePaymentStatuses.has(current.status)) throw new Error('not active');
        core.setPaymentStatus(current, 'CancelledByMobilePay', core.now());
      });
    },
    leaveActivePayment(orderId, amount) {
      const posId = world.posId;
      const integratorId = integratorOf(core, identification.clientId);
      if (posId === null || integratorId === null) return null;
      const caller: Caller = {
        integratorId,
        clientId: identification.clientId,
        merchantVat: identification.merchantVat,
        systemName: identification.clientSystemName,
        systemVersion: identification.clientSystemVersion,
      };
      const currencyCode = identification.merchantVat.startsWith('FI') ? 'EUR' : 'DKK';
      try {
        const body = { posId, orderId, amount, currencyCode, plannedCaptureDelay: 'None' };
        return core.run(() => initiatePayment(core, caller, body)).paymentId;
      } catch {
        return null;
      }
    },
  };
}
