// The notification service: when a customer checks in at a PoS with a callbackAlias, POST the
// documented body to the URL registered for that alias, retrying 3 times on anything but 200.
import type { CheckInNotification } from '../shared/pos-v10/schemas.js';
import type { EmulatorCore } from './domain/core.js';
import type { PointOfSale } from './domain/model.js';

export const NOTIFICATION_RETRIES = 3;

export interface NotifierDeps {
  readonly core: EmulatorCore;
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly retryDelayMs: number;
  readonly timeoutMs: number;
}

/** The body MobilePay sends: merchant, brand, location, merchantPosId and posId of the PoS. */
export function notificationBody(core: EmulatorCore, pos: PointOfSale): CheckInNotification {
  const store = core.state.stores.get(pos.storeId);
  const merchant = core.state.merchants.get(pos.merchantVat);
  return {
    MerchantId: merchant?.merchantId ?? '',
    MerchantBrandId: store?.merchantBrandId ?? '',
    MerchantLocationId: store?.merchantLocationId ?? '',
    MerchantPosId: pos.merchantPosId,
    PosId: pos.posId,
  };
}

/** Builds the notifier the core calls after a check-in commits; deliveries run in the background. */
export function createNotifier(deps: NotifierDeps): {
  notify: (pos: PointOfSale) => void;
  idle: () => Promise<void>;
} {
  const inFlight = new Set<Promise<void>>();
  const deliver = async (pos: PointOfSale): Promise<void> => {
    const alias = pos.callbackAlias;
    if (alias === null) return;
    const url = deps.core.state.callbacks.get(alias);
    const at = () => deps.core.now();
    if (!url) {
      deps.core.emit('notification', pos.posId, null, 'NoUrlForAlias', at(), { alias });
      return;
    }
    const body = JSON.stringify(notificationBody(deps.core, pos));
    for (let attempt = 1; attempt <= NOTIFICATION_RETRIES + 1; attempt += 1) {
      let status: number | null = null;
      try {
        const response = await deps.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(deps.timeoutMs),
        });
        status = response.status;
        await response.body?.cancel();
      } catch {
        status = null;
      }
      const outcome = status === 200 ? 'Delivered' : attempt > NOTIFICATION_RETRIES ? 'GaveUp' : 'Failed';
      deps.core.emit('notification', pos.posId, null, outcome, at(), { alias, url, attempt, status });
      if (status === 200 || attempt > NOTIFICATION_RETRIES) return;
      await deps.sleep(deps.retryDelayMs * attempt);
    }
  };
  return {
    notify(pos) {
      const delivery = deliver(pos).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    },
    /** Resolves when every delivery under way has finished (for tests and clean shutdown). */
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
