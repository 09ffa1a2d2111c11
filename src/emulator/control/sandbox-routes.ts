// Things only MobilePay (or the sandbox's operator) could do, made available to testers and the
// certification service: cancel a payment or refund as MobilePay, set a store's balance, point a
// callback alias somewhere, look up a beacon as the customer's app would, and look at the whole state.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../api-error.js';
import type { EmulatorCore } from '../domain/core.js';
import type { Store } from '../domain/model.js';
import { storeBalance } from '../domain/stores.js';
import { activePaymentStatuses } from '../../shared/pos-v10/schemas.js';
import { CONTROL_PREFIX } from './interception.js';
import { clockView, parseInput } from './routes.js';

const balanceSchema = z
  .object({ currencyCode: z.enum(['DKK', 'EUR']), amount: z.number().min(0).max(1e12) })
  .strict();
const callbackSchema = z.object({ url: z.url({ protocol: /^https?$/ }) }).strict();
const aliasSchema = z.string().min(1).max(100);

/** Ids are GUIDs the API treats case-insensitively; the state keys them as created. */
function lookup<T>(map: ReadonlyMap<string, T>, id: string): T | undefined {
  return map.get(id) ?? map.get(id.toLowerCase());
}

function storeView(core: EmulatorCore, store: Store) {
  return {
    ...store,
    balance: { DKK: storeBalance(core, store, 'DKK') / 100, EUR: storeBalance(core, store, 'EUR') / 100 },
  };
}

/** Registers the sandbox operator's actions and the state snapshot under /emulator. */
export function registerSandboxRoutes(app: FastifyInstance, deps: { core: EmulatorCore }): void {
  const { core } = deps;
  const param = (params: unknown, name: string): string => (params as Record<string, string>)[name]!;

  app.post(`${CONTROL_PREFIX}/payments/:id/cancel-by-mobilepay`, async (request) => {
    const id = param(request.params, 'id');
    const found = lookup(core.state.payments, id);
    if (!found) throw new ApiError(404, null, `No payment ${id}`);
    const payment = core.run(() => core.settlePayment(found));
    if (!activePaymentStatuses.has(payment.status))
      throw new ApiError(
        409,
        null,
        `Payment ${id} is ${payment.status}; MobilePay cancels only active payments (${[...activePaymentStatuses].join(', ')})`,
      );
    const cancelled = core.run(() => core.setPaymentStatus(payment, 'CancelledByMobilePay', core.now()));
    return { paymentId: cancelled.paymentId, status: cancelled.status };
  });

  app.post(`${CONTROL_PREFIX}/refunds/:id/cancel-by-mobilepay`, async (request) => {
    const id = param(request.params, 'id');
    const found = lookup(core.state.refunds, id);
    if (!found) throw new ApiError(404, null, `No refund ${id}`);
    const refund = core.run(() => core.settleRefund(found));
    if (refund.status !== 'Initiated' && refund.status !== 'Reserved')
      throw new ApiError(
        409,
        null,
        `Refund ${id} is ${refund.status}; MobilePay cancels only Initiated or Reserved refunds`,
      );
    const cancelled = core.run(() => core.setRefundStatus(refund, 'CancelledByMobilePay', core.now()));
    return { refundId: cancelled.refundId, status: cancelled.status };
  });

  // The amount is in major units (kroner, euro) like the API's amounts; the opening balance is
  // shifted so that storeBalance() (opening + captures - refunds) comes out at exactly this amount.
  app.put(`${CONTROL_PREFIX}/stores/:storeId/balance`, async (request) => {
    const storeId = param(request.params, 'storeId');
    const { currencyCode, amount } = parseInput(balanceSchema, request.body);
    const store = lookup(core.state.stores, storeId);
    if (!store) throw new ApiError(404, null, `No store ${storeId}`);
    const saved = core.run(() => {
      const shift = Math.round(amount * 100) - storeBalance(core, store, currencyCode);
      const next: Store = {
        ...store,
        openingBalance: {
          ...store.openingBalance,
          [currencyCode]: store.openingBalance[currencyCode] + shift,
        },
      };
      core.state.saveStore(next);
      return next;
    });
    return { storeId: saved.storeId, currencyCode, amount: storeBalance(core, saved, currencyCode) / 100 };
  });

  app.put(`${CONTROL_PREFIX}/callbacks/:alias`, async (request) => {
    const alias = parseInput(aliasSchema, param(request.params, 'alias'), 'alias');
    const { url } = parseInput(callbackSchema, request.body);
    core.run(() => core.state.setCallback(alias, url));
    return { alias, url };
  });
  app.get(`${CONTROL_PREFIX}/callbacks`, async () => ({
    callbacks: [...core.state.callbacks].map(([alias, url]) => ({ alias, url })),
  }));

  app.get(`${CONTROL_PREFIX}/test-users`, async () => ({ testUsers: core.testUsers }));

  // What MobilePay's app shows after scanning a beacon (where the customer is about to pay); the
  // phone simulator asks this, as it cannot read the emulator's state. 404 1000 like the API's.
  app.get(`${CONTROL_PREFIX}/beacons/:beaconId`, async (request) => {
    const beaconId = param(request.params, 'beaconId');
    const pos = core.state.activePosByBeacon(beaconId);
    if (!pos) throw new ApiError(404, '1000', `No active point of sale has the beacon ${beaconId}`);
    const store = lookup(core.state.stores, pos.storeId);
    return {
      beaconId: pos.beaconId,
      posId: pos.posId,
      posName: pos.name,
      storeName: store?.storeName ?? '',
      brandName: store?.brandName ?? '',
    };
  });

  // For debugging: everything the emulator knows, as stored (amounts of stores in major units).
  app.get(`${CONTROL_PREFIX}/state`, async () => ({
    clock: clockView(core.clock),
    pointsOfSale: [...core.state.pointsOfSale.values()],
    payments: [...core.state.payments.values()],
    refunds: [...core.state.refunds.values()],
    checkIns: [...core.state.checkIns.values()],
    stores: [...core.state.stores.values()].map((store) => storeView(core, store)),
    callbacks: Object.fromEntries(core.state.callbacks),
  }));
}
