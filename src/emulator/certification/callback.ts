// "Invoke callback" of the old site: one call of the identified callback URL with the notification
// MobilePay's notification service sends when a customer checks in (notification-service.md), so the
// integrator can see their endpoint receive it. One attempt, no retries: the tester wants the answer.
import type { CheckInNotification } from '../../shared/pos-v10/schemas.js';
import type { EmulatorCore } from '../domain/core.js';
import { notificationBody } from '../notifications.js';
import type { Identification } from '../../shared/certification.js';
import { CERTIFICATION_MERCHANT } from '../../shared/certification.js';

/** What "invoke callback" answers: whether the integrator's endpoint took the notification. */
export interface CallbackOutcome {
  readonly delivered: boolean;
  readonly status: number | null;
  readonly error: string | null;
}

/** The body for the session's PoS, or (before onboarding) the certification store's with empty PoS ids. */
export function callbackBody(
  core: EmulatorCore,
  identification: Identification,
  posId: string | null,
): CheckInNotification {
  const pos = posId === null ? undefined : core.state.pointsOfSale.get(posId);
  if (pos) return notificationBody(core, pos);
  return {
    MerchantId: core.state.merchants.get(identification.merchantVat)?.merchantId ?? '',
    MerchantBrandId: CERTIFICATION_MERCHANT.merchantBrandId,
    MerchantLocationId: CERTIFICATION_MERCHANT.merchantLocationId,
    MerchantPosId: '',
    PosId: '',
  };
}

/** POSTs the notification to the URL; delivered means the integrator answered 200, as the service requires. */
export async function invokeCallback(
  fetchImpl: typeof fetch,
  url: string,
  body: CheckInNotification,
  timeoutMs = 5000,
): Promise<CallbackOutcome> {
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return {
      delivered: response.status === 200,
      status: response.status,
      error: response.status === 200 ? null : `the callback answered ${response.status}, not 200`,
    };
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return { delivered: false, status: null, error: cause ?? (error as Error).message };
  }
}
