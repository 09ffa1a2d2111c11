// Points of sale: creation with the beaconId and merchantPosId rules, lookup, deletion and check-in.
import { badRequest, notFound, posError } from '../api-error.js';
import { BEACON_TYPES, LEGACY_BEACON_TYPES, isGuid, isValidBeaconId } from '../../shared/pos-v10/formats.js';
import type { CheckInResponse, PosResponse } from '../../shared/pos-v10/schemas.js';
import type { Caller, EmulatorCore } from './core.js';
import type { BeaconType, PointOfSale } from './model.js';
import { guid, objectBody, optionalText, queryParam, text } from './validate.js';

export function posResponse(pos: PointOfSale): PosResponse {
  return {
    posId: pos.posId,
    merchantPosId: pos.merchantPosId,
    storeId: pos.storeId,
    name: pos.name,
    beaconId: pos.beaconId,
    callbackAlias: pos.callbackAlias,
    supportedBeaconTypes: [...pos.supportedBeaconTypes],
    requirePaymentBeforeCheckin: pos.requirePaymentBeforeCheckin,
  };
}

function beaconTypes(value: unknown): BeaconType[] {
  if (!Array.isArray(value) || value.length === 0)
    throw badRequest('supportedBeaconTypes must list at least one of QR, NFC, Bluetooth');
  const seen = new Set<string>();
  for (const item of value) {
    if (typeof item === 'string' && (LEGACY_BEACON_TYPES as readonly string[]).includes(item))
      throw badRequest(`supportedBeaconTypes value ${item} was removed; use Bluetooth`);
    if (typeof item !== 'string' || !(BEACON_TYPES as readonly string[]).includes(item))
      throw badRequest('supportedBeaconTypes values must be QR, NFC or Bluetooth');
    if (seen.has(item)) throw badRequest(`supportedBeaconTypes lists ${item} twice`);
    seen.add(item);
  }
  return [...seen] as BeaconType[];
}

/** POST /pointofsales. Returns the new posId. */
export function createPointOfSale(core: EmulatorCore, caller: Caller, rawBody: unknown): { posId: string } {
  const body = objectBody(rawBody);
  const merchantPosId = text(body, 'merchantPosId', 36, 'InvalidMerchantPosId');
  const name = text(body, 'name', 36, 'InvalidPosName');
  const storeId = guid(body, 'storeId');
  const rawBeacon = body['beaconId'];
  if (rawBeacon !== undefined && rawBeacon !== null && !isValidBeaconId(rawBeacon))
    throw posError('InvalidBeaconId', 'beaconId must be a GUID or 15 digits');
  const callbackAlias = optionalText(body, 'callbackAlias', 36, 'InvalidCallbackAlias');
  const calibration = body['calibrationType'];
  if (
    calibration !== undefined &&
    calibration !== null &&
    !(
      typeof calibration === 'number' &&
      Number.isInteger(calibration) &&
      calibration >= 0 &&
      calibration <= 65535
    )
  )
    throw posError(
      'InvalidCalibrationType',
      'calibrationType is no longer used; if sent it must be an integer 0..65535',
    );
  const supportedBeaconTypes = beaconTypes(body['supportedBeaconTypes']);
  const requirePaymentBeforeCheckin = body['requirePaymentBeforeCheckin'] ?? false;
  if (typeof requirePaymentBeforeCheckin !== 'boolean')
    throw badRequest('requirePaymentBeforeCheckin must be a boolean');

  const store = core.state.stores.get(storeId) ?? core.state.stores.get(storeId.toLowerCase());
  if (!store) throw posError('StoreNotFound');
  if (store.merchantVat !== caller.merchantVat) throw posError('StoreNotOfMerchant');
  if (core.state.activePosByMerchantPosId(caller.integratorId, caller.merchantVat, merchantPosId))
    throw posError('MerchantPosIdExists');
  const beaconId = typeof rawBeacon === 'string' ? rawBeacon : core.newId().toLowerCase();
  if (core.state.activePosByBeacon(beaconId)) throw posError('BeaconIdExists');

  const now = core.now();
  const pos: PointOfSale = {
    posId: core.newId(),
    integratorId: caller.integratorId,
    merchantVat: caller.merchantVat,
    storeId: store.storeId,
    merchantPosId,
    name,
    beaconId,
    callbackAlias,
    supportedBeaconTypes,
    requirePaymentBeforeCheckin,
    createdAt: now,
    deletedAt: null,
  };
  core.state.savePointOfSale(pos);
  core.emit('pointOfSale', pos.posId, null, 'Created', now, { beaconId, merchantPosId });
  return { posId: pos.posId };
}

type PosAction = 'query' | 'delete' | 'checkin';

/** The caller's own PoS, or 404 / 1400 (other integrator) / 1409-1410 (other merchant). */
export function ownPointOfSale(
  core: EmulatorCore,
  caller: Caller,
  posId: string,
  action: PosAction,
): PointOfSale {
  const pos = isGuid(posId)
    ? (core.state.pointsOfSale.get(posId) ?? core.state.pointsOfSale.get(posId.toLowerCase()))
    : undefined;
  if (!pos) throw notFound('Point of sale');
  if (pos.integratorId !== caller.integratorId) throw posError('PosOtherIntegrator');
  if (pos.merchantVat !== caller.merchantVat)
    throw posError(action === 'delete' ? 'DeletePosOtherMerchant' : 'QueryPosOtherMerchant');
  if (pos.deletedAt !== null && action !== 'delete') throw notFound('Point of sale');
  return pos;
}

export function getPointOfSale(core: EmulatorCore, caller: Caller, posId: string): PosResponse {
  return posResponse(ownPointOfSale(core, caller, posId, 'query'));
}

/** GET /pointofsales: at least one filter; all given filters must match; deleted PoSes are gone. */
export function findPointsOfSale(core: EmulatorCore, caller: Caller, query: unknown): { posIds: string[] } {
  const storeId = queryParam(query, 'storeId');
  const beaconId = queryParam(query, 'beaconId');
  const merchantPosId = queryParam(query, 'merchantPosId');
  if (storeId === undefined && beaconId === undefined && merchantPosId === undefined)
    throw posError('PosFilterNotSpecific', 'give storeId, beaconId or merchantPosId');
  let candidates: PointOfSale[];
  if (merchantPosId !== undefined) {
    const pos = core.state.activePosByMerchantPosId(caller.integratorId, caller.merchantVat, merchantPosId);
    candidates = pos ? [pos] : [];
  } else if (beaconId !== undefined) {
    const pos = core.state.activePosByBeacon(beaconId);
    candidates = pos ? [pos] : [];
  } else {
    candidates = [...core.state.pointsOfSale.values()];
  }
  const posIds = candidates
    .filter(
      (p) =>
        p.deletedAt === null &&
        p.integratorId === caller.integratorId &&
        p.merchantVat === caller.merchantVat &&
        (storeId === undefined || p.storeId.toLowerCase() === storeId.toLowerCase()) &&
        (beaconId === undefined || p.beaconId.toLowerCase() === beaconId.toLowerCase()),
    )
    .map((p) => p.posId);
  return { posIds };
}

/**
 * DELETE /pointofsales/{posId}. A retry of a delete that already happened answers 200 again.
 * Payments still waiting for a customer are cancelled by MobilePay; reservations stay capturable.
 */
export function deletePointOfSale(core: EmulatorCore, caller: Caller, posId: string): void {
  const pos = ownPointOfSale(core, caller, posId, 'delete');
  if (pos.deletedAt !== null) return;
  const now = core.now();
  const active = core.activePayment(pos.posId);
  if (active) core.setPaymentStatus(active, 'CancelledByMobilePay', now);
  core.state.removeCheckIn(pos.posId);
  core.state.savePointOfSale({ ...pos, deletedAt: now });
  core.emit('pointOfSale', pos.posId, 'Created', 'Deleted', now);
}

/** GET /pointofsales/{posId}/checkin: the customer waiting at the PoS, or paired with its active payment. */
export function getCheckIn(core: EmulatorCore, caller: Caller, posId: string): CheckInResponse {
  const pos = ownPointOfSale(core, caller, posId, 'checkin');
  const waiting = core.currentCheckIn(pos.posId);
  const phoneNumber = waiting?.phoneNumber ?? core.activePayment(pos.posId)?.phoneNumber ?? null;
  const user = phoneNumber === null ? undefined : core.testUser(phoneNumber);
  if (!user) return { isUserCheckedIn: false, pollDelayInMs: core.pollDelayMs };
  return {
    isUserCheckedIn: true,
    customerToken: user.customerToken,
    customerReceiptToken: user.customerReceiptToken,
    loyaltyIds: [...user.loyaltyIds],
    pollDelayInMs: core.pollDelayMs,
  };
}
