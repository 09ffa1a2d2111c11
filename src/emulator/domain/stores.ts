// Stores: looked up by id, by the merchant's VAT, or by merchantBrandId + merchantLocationId.
import { notFound, posError } from '../api-error.js';
import {
  MERCHANT_BRAND_ID_PATTERN,
  isGuid,
  isValidMerchantLocationId,
  toMinorUnits,
} from '../../shared/pos-v10/formats.js';
import type { StoreResponse } from '../../shared/pos-v10/schemas.js';
import type { Caller, EmulatorCore } from './core.js';
import type { Store } from './model.js';
import { queryParam } from './validate.js';

export function storeResponse(store: Store): StoreResponse {
  return {
    storeId: store.storeId,
    storeName: store.storeName,
    storeStreet: store.storeStreet,
    storeZipCode: store.storeZipCode,
    storeCity: store.storeCity,
    brandName: store.brandName,
    merchantBrandId: store.merchantBrandId,
    merchantLocationId: store.merchantLocationId,
  };
}

/** GET /stores/{storeId}: stores of other merchants are as unknown as stores that do not exist. */
export function getStore(core: EmulatorCore, caller: Caller, storeId: string): StoreResponse {
  const store = isGuid(storeId)
    ? (core.state.stores.get(storeId.toLowerCase()) ?? core.state.stores.get(storeId))
    : undefined;
  if (!store || store.merchantVat !== caller.merchantVat) throw notFound('Store');
  return storeResponse(store);
}

/** The merchant's stores, filtered by brand and location when both are given (one alone is 1122). */
export function findStores(core: EmulatorCore, caller: Caller, query: unknown): Store[] {
  const brand = queryParam(query, 'merchantBrandId');
  const location = queryParam(query, 'merchantLocationId');
  if ((brand === undefined) !== (location === undefined))
    throw posError('StoreFilterNotSpecific', 'give both merchantBrandId and merchantLocationId, or neither');
  if (brand !== undefined && !MERCHANT_BRAND_ID_PATTERN.test(brand))
    throw posError('InvalidMerchantBrandId', 'expected MPPOSXXXXX, POSDKXXXXX or POSFIXXXXX');
  if (location !== undefined && !isValidMerchantLocationId(location))
    throw posError('InvalidMerchantLocationId', 'expected exactly 5 valid characters');
  return core.state
    .storesOfMerchant(caller.merchantVat)
    .filter((s) => brand === undefined || (s.merchantBrandId === brand && s.merchantLocationId === location));
}

/** Money available for refunds on a store: opening balance plus captures minus refunds, in minor units. */
export function storeBalance(core: EmulatorCore, store: Store, currencyCode: 'DKK' | 'EUR'): number {
  let balance = store.openingBalance[currencyCode];
  for (const payment of core.state.payments.values()) {
    if (payment.storeId !== store.storeId || payment.currencyCode !== currencyCode) continue;
    if (payment.status === 'Captured' && payment.capturedAmount !== null)
      balance += toMinorUnits(payment.capturedAmount);
  }
  for (const refund of core.state.refunds.values()) {
    if (refund.storeId !== store.storeId || refund.currencyCode !== currencyCode) continue;
    if (refund.status !== 'CancelledByClient' && refund.status !== 'CancelledByMobilePay')
      balance -= toMinorUnits(refund.amount);
  }
  return balance;
}
