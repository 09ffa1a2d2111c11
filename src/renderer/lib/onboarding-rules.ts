// The onboarding rules of the wizard: beaconIds (a fresh GUID, fifteen random digits, or what the
// tester typed) and what an onboarding needs before it is sent.
import type { BeaconType, BridgeArgs } from '../../shared/bridge/index.js';
import { isValidBeaconId } from '../../shared/pos-v10/formats.js';

/** How the wizard picks the beaconId. */
export type BeaconIdMode = 'guid' | 'digits' | 'typed';

/** The beacon types a PoS may support, in the order the wizard offers them. */
export const beaconTypes: readonly BeaconType[] = ['QR', 'NFC', 'Bluetooth'];

/** Fills a byte array with random values (the browser's crypto by default; tests inject their own). */
export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

const browserRandom: RandomBytes = (bytes) => crypto.getRandomValues(bytes);

/** A random GUID (crypto.randomUUID). */
export function newGuidBeaconId(): string {
  return crypto.randomUUID();
}

/** Fifteen random digits, the other beaconId format MobilePay accepts. */
export function newDigitsBeaconId(random: RandomBytes = browserRandom): string {
  const bytes = random(new Uint8Array(15));
  return Array.from(bytes, (byte) => String(byte % 10)).join('');
}

/** A beaconId for the chosen mode; typed mode keeps what was typed. */
export function beaconIdFor(mode: BeaconIdMode, typed: string): string {
  if (mode === 'guid') return newGuidBeaconId();
  if (mode === 'digits') return newDigitsBeaconId();
  return typed;
}

/** Why the wizard cannot onboard yet; null when it can. */
export function onboardProblem(input: BridgeArgs['posOnboard'] | null): string | null {
  if (input === null || input.storeId === '') return 'Find and pick the store first.';
  if (input.posName.trim() === '') return 'Give the PoS a name.';
  if (input.merchantPosId.trim() === '') return 'Give the PoS a merchant PoS id.';
  if (input.beaconId === null || !isValidBeaconId(input.beaconId))
    return 'The beacon id must be a GUID or 15 digits.';
  if (input.supportedBeaconTypes.length === 0) return 'Tick at least one beacon type.';
  return null;
}
