// The CLI terminal's point of sale: its default configuration (merchantPosId pos-sim-cli, a QR beacon
// with a beaconId of our own so the printed QR stays the same across re-creations), the store it
// belongs to, and making sure it exists at MobilePay before a payment (pay) or on request (onboard).
import { randomUUID } from 'node:crypto';
import { beaconQrPayload } from '../shared/pos-v10/formats.js';
import type { EngineContext } from '../terminal/context.js';
import { ensurePos, findStores, offboard, onboard } from '../terminal/flows/onboarding.js';
import { createPosBody, type PosConfig, type PosConfigInput } from '../terminal/journal/index.js';
import { CommandFailure } from './terminal-setup.js';
import { DEMO_STORE_ID, DEMO_VAT } from './terminal-options.js';

/** The merchantPosId and name the CLI's PoS is created with unless `pos-sim onboard` says otherwise. */
export const CLI_MERCHANT_POS_ID = 'pos-sim-cli';
export const CLI_POS_NAME = 'pos-sim CLI';

/** The CLI's default PoS in a store: QR only, a fresh beaconId, no callback, check-in any time. */
export function defaultPosInput(storeId: string, merchantVat: string): PosConfigInput {
  return {
    storeId,
    merchantPosId: CLI_MERCHANT_POS_ID,
    posName: CLI_POS_NAME,
    beaconId: randomUUID(),
    supportedBeaconTypes: ['QR'],
    callbackAlias: null,
    requirePaymentBeforeCheckin: false,
    merchantVat,
  };
}

/**
 * The store when none is given: the saved one, the demo store for the demo merchant, or the
 * merchant's only store; a merchant with several must choose.
 */
export async function defaultStoreId(ctx: EngineContext, merchantVat: string): Promise<string> {
  const saved = ctx.journal.posConfig.get();
  if (saved !== null && saved.merchantVat === merchantVat) return saved.storeId;
  if (merchantVat === DEMO_VAT) return DEMO_STORE_ID;
  const stores = await findStores(ctx, { by: 'vat' });
  if (stores.length === 1) return stores[0]!.storeId;
  throw new CommandFailure(
    `merchant ${merchantVat} has ${stores.length} stores; choose one with --store (${stores
      .map((store) => `${store.storeId} ${store.storeName}`)
      .join(', ')})`,
  );
}

/**
 * The PoS a payment goes to: the saved one (or the CLI's default one for a new terminal or another
 * merchant), in the store asked for, made sure of with applyPos.
 */
export async function readyPos(
  ctx: EngineContext,
  want: { readonly storeId?: string | undefined; readonly merchantVat: string },
): Promise<PosConfig> {
  const saved = ctx.journal.posConfig.get();
  const storeId = want.storeId ?? (await defaultStoreId(ctx, want.merchantVat));
  const base =
    saved !== null && saved.merchantVat === want.merchantVat
      ? inputOf(saved)
      : defaultPosInput(storeId, want.merchantVat);
  return applyPos(ctx, { ...base, storeId });
}

/**
 * Makes MobilePay's PoS match `input`. The same configuration is checked (and re-created if it is
 * gone); PoSes are immutable, so a changed one of the same merchant is offboarded first (freeing its
 * merchantPosId and beacon) and created anew. Another merchant's PoS cannot be deleted with this VAT.
 */
export async function applyPos(ctx: EngineContext, input: PosConfigInput): Promise<PosConfig> {
  const saved = ctx.journal.posConfig.get();
  if (saved !== null && sameConfig(inputOf(saved), input)) return ensurePos(ctx);
  if (saved !== null && saved.merchantVat === input.merchantVat) await offboard(ctx);
  return onboard(ctx, input);
}

/** Equal settings: beaconIds and storeIds compared without case, beacon types in any order. */
function sameConfig(a: PosConfigInput, b: PosConfigInput): boolean {
  const canonical = (input: PosConfigInput): string => {
    const body = createPosBody(input);
    return JSON.stringify({
      ...body,
      merchantVat: input.merchantVat,
      storeId: body.storeId.toLowerCase(),
      beaconId: body.beaconId?.toLowerCase() ?? null,
      supportedBeaconTypes: [...body.supportedBeaconTypes].sort(),
    });
  };
  return canonical(a) === canonical(b);
}

/** The beaconId customers scan: the one MobilePay reports, else the configured one. */
export function beaconOf(config: PosConfig): string {
  const beaconId = config.assignedBeaconId ?? config.beaconId;
  if (beaconId === null) throw new CommandFailure('the PoS has no beaconId yet; run `pos-sim onboard`');
  return beaconId;
}

/** The lines describing the terminal's PoS (posId, beaconId, the QR's content). */
export function posLines(config: PosConfig): string[] {
  const beaconId = beaconOf(config);
  return [
    `posId:          ${config.posId ?? '(none)'}`,
    `beaconId:       ${beaconId}`,
    `merchantPosId:  ${config.merchantPosId}`,
    `name:           ${config.posName}`,
    `storeId:        ${config.storeId}`,
    `beacon types:   ${config.supportedBeaconTypes.join(', ')}`,
    `QR:             ${beaconQrPayload(beaconId)}`,
  ];
}

/** The configuration without what the API said about it. */
export function inputOf(config: PosConfig): PosConfigInput {
  const { posId: _p, assignedBeaconId: _a, updatedAt: _u, ...input } = config;
  return input;
}
