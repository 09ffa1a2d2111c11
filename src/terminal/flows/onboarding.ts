// PoS onboarding (reference: pos-management.md, best-practices.md "Merchant onboarding" and "Choosing a
// BeaconId"): find the store, create the PoS under a journalled idempotency key, check it at start-up
// (deleting and re-creating it when its beacon or settings changed: PoSes are immutable), offboard.
import { isApiError, isTerminalApiError, TerminalApiError, type StoreLocation } from '../api/index.js';
import { notice, type EngineContext } from '../context.js';
import { createPosBody, type Intent, type PosConfig, type PosConfigInput } from '../journal/index.js';
import type { CreatePosRequest, PosResponse, StoreResponse } from '../../shared/pos-v10/schemas.js';
import { FlowError } from './flow-error.js';

/** How to find the merchant's stores: all of the VAT's, or the one at a brand + location (v06-v08 merchants). */
export type StoreQuery = { readonly by: 'vat' } | ({ readonly by: 'location' } & StoreLocation);

/** What start-up knows besides the saved configuration: the beaconId read from the device, if it can be read. */
export interface EnsurePosOptions {
  readonly deviceBeaconId?: string | null;
}

/** The merchant's stores with their details (GET /stores, then GET /stores/{storeId} for each). */
export async function findStores(ctx: EngineContext, query: StoreQuery): Promise<readonly StoreResponse[]> {
  const location =
    query.by === 'location'
      ? { merchantBrandId: query.merchantBrandId, merchantLocationId: query.merchantLocationId }
      : undefined;
  const what = location ? `${location.merchantBrandId}/${location.merchantLocationId}` : 'the merchant VAT';
  notice(ctx, 'onboarding', `Looking up stores by ${what}`, { ...location });
  const storeIds = await ctx.client.getStoreIds(location);
  if (storeIds.length === 0) throw new FlowError('flow.store-not-found', `No store matches ${what}.`);
  const stores: StoreResponse[] = [];
  for (const storeId of storeIds) stores.push(await ctx.client.getStore(storeId));
  notice(ctx, 'onboarding', `Found ${stores.length} store(s)`, { storeIds: [...storeIds] });
  return stores;
}

/**
 * Saves the configuration and creates its PoS: the createPos intent (with its idempotency key) is
 * journalled before the request leaves, so a retry after a timeout reuses the key. A PoS that already
 * has this merchantPosId (1200) is adopted when its settings match, and refused clearly when not.
 */
export async function onboard(ctx: EngineContext, input: PosConfigInput): Promise<PosConfig> {
  const vat = ctx.client.config.merchantVat;
  if (input.merchantVat !== vat)
    throw new TerminalApiError({
      code: 'pos.config',
      message: `The PoS is configured for VAT ${input.merchantVat}, but the client acts for ${vat}.`,
      method: 'POST',
      path: '/pos/v10/pointofsales',
      attempts: 0,
    });
  const saved = ctx.journal.posConfig.save(input);
  if (saved.posId !== null) {
    notice(ctx, 'onboarding', 'The PoS is already created with this configuration', { posId: saved.posId });
    return saved;
  }
  return create(ctx, saved);
}

/**
 * Start-up check: the stored posId (or, without one, the PoS found by merchantPosId) is fetched and
 * compared with the configuration and the beaconId read from the device; a PoS that is gone is
 * re-created, one that differs is deleted and re-created.
 */
export async function ensurePos(ctx: EngineContext, options: EnsurePosOptions = {}): Promise<PosConfig> {
  let config = ctx.journal.posConfig.get();
  if (config === null) throw new FlowError('flow.not-onboarded');
  const device = options.deviceBeaconId ?? null;
  if (device !== null && !sameId(device, config.beaconId)) {
    notice(ctx, 'onboarding', 'The beacon read from the device differs from the configured one', {
      configured: config.beaconId,
      device,
    });
    config = ctx.journal.posConfig.save({ ...inputOf(config), beaconId: device });
  }
  const pos = await currentPos(ctx, config);
  if (pos === null) {
    notice(ctx, 'onboarding', 'No PoS exists for this terminal at MobilePay: creating it', {
      merchantPosId: config.merchantPosId,
    });
    return create(ctx, config);
  }
  const changed = differences(pos, config);
  if (changed.length === 0) {
    notice(ctx, 'onboarding', 'The PoS is unchanged', { posId: pos.posId, beaconId: pos.beaconId });
    return ctx.journal.posConfig.setPos({ posId: pos.posId, beaconId: pos.beaconId });
  }
  notice(ctx, 'onboarding', `The PoS changed (${changed.join(', ')}): deleting and re-creating it`, {
    posId: pos.posId,
    changed,
  });
  await deleteQuietly(ctx, pos.posId);
  ctx.journal.posConfig.clearPos();
  return create(ctx, ctx.journal.posConfig.get() ?? config);
}

/** Deletes the terminal's PoS at MobilePay (one already gone counts as done) and forgets its posId. */
export async function offboard(ctx: EngineContext): Promise<PosConfig> {
  const config = ctx.journal.posConfig.get();
  if (config === null) throw new FlowError('flow.not-onboarded');
  await retireOpenCreate(ctx, config.merchantPosId, null);
  const stored = ctx.journal.posConfig.get()?.posId ?? null;
  const posId = stored ?? (await findByMerchantPosId(ctx, config.merchantPosId))?.posId ?? null;
  if (posId === null) {
    notice(ctx, 'onboarding', 'No PoS to delete', { merchantPosId: config.merchantPosId });
    return ctx.journal.posConfig.clearPos();
  }
  const unsettled = ctx.journal.payments.active(posId).length;
  if (unsettled > 0)
    notice(ctx, 'onboarding', `Deleting the PoS with ${unsettled} payment(s) not settled`, {
      posId,
      unsettled,
    });
  notice(ctx, 'onboarding', 'Deleting the PoS', { posId });
  await deleteQuietly(ctx, posId);
  notice(ctx, 'onboarding', 'The PoS is deleted', { posId });
  return ctx.journal.posConfig.clearPos();
}

/** Sends the journalled createPos and records the posId and the beaconId the API reports. */
async function create(ctx: EngineContext, config: PosConfig, fresh = false): Promise<PosConfig> {
  const body = createPosBody(config);
  await retireOpenCreate(ctx, config.merchantPosId, body);
  const { intent, resumed } = ctx.journal.posConfig.beginCreate();
  notice(ctx, 'onboarding', resumed ? 'Resending the unanswered PoS creation' : 'Creating the PoS', {
    merchantPosId: config.merchantPosId,
    idempotencyKey: intent.idempotencyKey,
  });
  let posId: string;
  try {
    await ctx.journal.sync();
    ctx.journal.intents.markSent(intent.id);
    posId = (await ctx.client.createPos(body, intent.idempotencyKey)).posId;
  } catch (error) {
    if (!isApiError(error, 'MerchantPosIdExists')) throw failIntent(ctx, intent, error);
    posId = await adopt(ctx, config, intent, error);
  }
  ctx.journal.intents.acknowledge(intent.id, { kind: 'createPos', posId });
  const pos = await ctx.client.getPos(posId).catch((error: unknown) => {
    if (isGone(error) && !fresh) return null;
    throw error;
  });
  if (pos === null) {
    // A replayed answer named a PoS deleted since: a fresh intent (new key) creates a new one.
    notice(ctx, 'onboarding', 'The PoS answered for this key is gone: creating a new one', { posId });
    ctx.journal.posConfig.clearPos();
    return create(ctx, config, true);
  }
  notice(ctx, 'onboarding', 'The PoS is created', { posId, beaconId: pos.beaconId });
  return ctx.journal.posConfig.setPos({ posId, beaconId: pos.beaconId });
}

/** 1200: the PoS with this merchantPosId is ours if its settings match; otherwise a clear refusal. */
async function adopt(
  ctx: EngineContext,
  config: PosConfig,
  intent: Intent,
  error: TerminalApiError,
): Promise<string> {
  const existing = await findByMerchantPosId(ctx, config.merchantPosId);
  const changed = existing === null ? ['missing'] : differences(existing, config);
  if (existing !== null && changed.length === 0) {
    notice(ctx, 'onboarding', 'A PoS with this merchantPosId exists with the same settings: adopting it', {
      posId: existing.posId,
    });
    return existing.posId;
  }
  const { retryable: _r, apiErrorName: _n, ...data } = error.toJSON();
  const clear = new TerminalApiError({
    ...data,
    message:
      `A PoS with merchantPosId ${config.merchantPosId} already exists with other settings ` +
      `(${changed.join(', ')}); offboard it or choose another merchantPosId.`,
    cause: error,
  });
  throw failIntent(ctx, intent, clear);
}

/** Notes the failure on the intent (final for a refusal, so the key is retired) and returns the error. */
function failIntent(ctx: EngineContext, intent: Intent, error: unknown): unknown {
  if (isTerminalApiError(error))
    ctx.journal.intents.fail(intent.id, {
      code: error.apiCode ?? error.code,
      message: error.message,
      final: !error.retryable,
    });
  return error;
}

/**
 * An unanswered createPos with another body (the configuration changed meanwhile) is settled first:
 * resent under its own key (whatever it created is then known) and that PoS deleted; a never-sent one
 * is simply closed. `keep` (the body about to be sent) leaves a matching open intent to be resumed.
 */
async function retireOpenCreate(
  ctx: EngineContext,
  merchantPosId: string,
  keep: CreatePosRequest | null,
): Promise<void> {
  const open = ctx.journal.intents.latestFor('createPos', merchantPosId);
  if (open?.kind !== 'createPos' || (open.state !== 'pending' && open.state !== 'sent')) return;
  if (keep !== null && canonical(open.body) === canonical(keep)) return;
  const superseded = {
    code: 'superseded',
    message: 'The PoS configuration changed before an answer came',
    final: true,
  };
  if (open.state === 'pending') {
    ctx.journal.intents.fail(open.id, superseded);
    return;
  }
  notice(ctx, 'onboarding', 'Settling an unanswered PoS creation with older settings', { intentId: open.id });
  let posId: string;
  try {
    posId = (await ctx.client.createPos(open.body, open.idempotencyKey)).posId;
  } catch (error) {
    if (isTerminalApiError(error) && !error.retryable) {
      ctx.journal.intents.fail(open.id, { ...superseded, code: error.apiCode ?? error.code });
      return;
    }
    throw error;
  }
  ctx.journal.intents.acknowledge(open.id, { kind: 'createPos', posId });
  await deleteQuietly(ctx, posId);
  ctx.journal.posConfig.clearPos();
}

/** The PoS as MobilePay has it: by the stored posId (a 404 clears it), else by merchantPosId. */
async function currentPos(ctx: EngineContext, config: PosConfig): Promise<PosResponse | null> {
  if (config.posId !== null) {
    try {
      return await ctx.client.getPos(config.posId);
    } catch (error) {
      if (!isGone(error)) throw error;
      notice(ctx, 'onboarding', 'The stored PoS was deleted at MobilePay', { posId: config.posId });
      ctx.journal.posConfig.clearPos();
    }
  }
  return findByMerchantPosId(ctx, config.merchantPosId);
}

async function findByMerchantPosId(ctx: EngineContext, merchantPosId: string): Promise<PosResponse | null> {
  const [posId] = await ctx.client.findPosIds({ merchantPosId });
  return posId === undefined ? null : ctx.client.getPos(posId);
}

async function deleteQuietly(ctx: EngineContext, posId: string): Promise<void> {
  await ctx.client.deletePos(posId).catch((error: unknown) => {
    if (!isGone(error)) throw error;
  });
}

function isGone(error: unknown): boolean {
  return isTerminalApiError(error) && (error.status === 404 || error.apiErrorName === 'PosNotFound');
}

/** The settings in which the PoS differs from the configuration (a generated beaconId matches any). */
function differences(pos: PosResponse, config: PosConfigInput): string[] {
  const types = (list: readonly string[]) => [...list].sort().join(',');
  const checks: [string, boolean][] = [
    ['merchantPosId', pos.merchantPosId === config.merchantPosId],
    ['storeId', sameId(pos.storeId, config.storeId)],
    ['name', pos.name === config.posName],
    ['beaconId', config.beaconId === null || sameId(pos.beaconId, config.beaconId)],
    ['callbackAlias', (pos.callbackAlias ?? null) === config.callbackAlias],
    ['supportedBeaconTypes', types(pos.supportedBeaconTypes) === types(config.supportedBeaconTypes)],
    ['requirePaymentBeforeCheckin', pos.requirePaymentBeforeCheckin === config.requirePaymentBeforeCheckin],
  ];
  return checks.filter(([, same]) => !same).map(([name]) => name);
}

/** GUIDs are compared case-insensitively; 15-digit ids have no case. */
function sameId(a: string, b: string | null): boolean {
  return b !== null && a.toLowerCase() === b.toLowerCase();
}

function canonical(body: CreatePosRequest): string {
  return JSON.stringify(body, Object.keys(body).sort());
}

function inputOf(config: PosConfig): PosConfigInput {
  const { posId: _p, assignedBeaconId: _a, updatedAt: _u, ...input } = config;
  return input;
}
