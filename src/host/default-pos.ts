// The till's point of sale: the demo PoS that makes a fresh install ready to take a payment with no
// configuration at all (the embedded emulator's demo merchant and store), the start-up check of a
// configured one, and applying the onboarding wizard's configuration (PoSes are immutable at
// MobilePay, so a changed one is deleted and created anew).
import type { ParsedBridgeArgs } from '../shared/bridge/index.js';
import type { TerminalEngine } from '../terminal/engine.js';
import { createPosBody, type PosConfig, type PosConfigInput } from '../terminal/journal/index.js';
import { DEMO_VAT, type Settings } from './settings-store.js';

/** The demo merchant's first store in the emulator's seed (Demo Kaffebar Nørreport). */
export const DEMO_STORE_ID = '7b1e4c2a-9d3f-4e5a-8b6c-100000010001';
export const DEFAULT_MERCHANT_POS_ID = 'pos-sim-checkout';
export const DEFAULT_POS_NAME = 'Checkout 1';

/** The zero-configuration PoS: QR and (our virtual) Bluetooth, a beaconId of our own, check-in any time. */
export function defaultPosInput(beaconId: string): PosConfigInput {
  return {
    storeId: DEMO_STORE_ID,
    merchantPosId: DEFAULT_MERCHANT_POS_ID,
    posName: DEFAULT_POS_NAME,
    beaconId,
    supportedBeaconTypes: ['QR', 'Bluetooth'],
    callbackAlias: null,
    requirePaymentBeforeCheckin: false,
    merchantVat: DEMO_VAT,
  };
}

/** A fresh till on the embedded emulator's demo merchant gets the demo PoS by itself. */
export function wantsDemoPos(config: PosConfig | null, settings: Settings): boolean {
  return config === null && settings.backend.kind === 'embedded' && settings.merchantVat === DEMO_VAT;
}

/**
 * Start-up: a fresh demo till is onboarded; a configured PoS (or one whose creation a crash
 * interrupted) is checked and re-created if MobilePay lost it. An offboarded PoS stays offboarded.
 */
export async function preparePos(
  engine: TerminalEngine,
  settings: Settings,
  newBeaconId: () => string,
): Promise<PosConfig | null> {
  const config = engine.journal.posConfig.get();
  if (wantsDemoPos(config, settings)) return engine.onboard(defaultPosInput(newBeaconId()));
  if (config === null) return null;
  const creating = engine.journal.intents.open().some((intent) => intent.kind === 'createPos');
  if (config.posId === null && !creating) return config;
  return engine.ensurePos();
}

/** The configuration without what the API said about it. */
export function inputOf(config: PosConfig): PosConfigInput {
  const { posId: _posId, assignedBeaconId: _beacon, updatedAt: _at, ...input } = config;
  return input;
}

/** Equal settings: ids compared without case, beacon types in any order. */
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

/**
 * Makes MobilePay's PoS match the wizard's configuration: the same one is checked (re-created if
 * gone); a different one of the same merchant is offboarded first (freeing its merchantPosId and
 * beacon), then created.
 */
export async function applyPos(
  engine: TerminalEngine,
  wanted: ParsedBridgeArgs['posOnboard'],
  merchantVat: string,
): Promise<PosConfig> {
  const input: PosConfigInput = { ...wanted, merchantVat };
  const saved = engine.journal.posConfig.get();
  if (saved !== null && sameConfig(inputOf(saved), input)) return engine.ensurePos();
  if (saved !== null && saved.posId !== null && saved.merchantVat === merchantVat) await engine.offboard();
  return engine.onboard(input);
}
