// The virtual radio's signal model: log-distance path loss (docs/hardware-lab.md),
//   RSSI(d) = RSSI(1 m) - 10 * n * log10(d / 1 m),
// with the beacon's calibrated RSSI at 1 m and a path-loss exponent n (2 in free space, 2.5 to 3.5
// indoors). Deterministic: no shadowing noise, so tests and demos repeat exactly.

/** The parameters of the model. */
export interface PathLossModel {
  /** RSSI at 1 m in dBm (the measured power beacons announce). */
  readonly rssiAt1m: number;
  /** Path-loss exponent n. */
  readonly exponent: number;
  /** Weakest signal a receiver still decodes, in dBm; below it the frame is lost. */
  readonly sensitivity: number;
  /** Distances are clamped to at least this, in metres (the near field). */
  readonly minDistanceM: number;
}

/** Line of sight across a shop counter: free-space exponent, a phone's typical -100 dBm sensitivity. */
export const DEFAULT_PATH_LOSS: PathLossModel = {
  rssiAt1m: -59,
  exponent: 2,
  sensitivity: -100,
  minDistanceM: 0.1,
};

/** The RSSI, in whole dBm, at which a frame sent `distanceM` away arrives. */
export function rssiAtDistance(distanceM: number, model: PathLossModel = DEFAULT_PATH_LOSS): number {
  const d = Math.max(Number.isFinite(distanceM) ? distanceM : Infinity, model.minDistanceM);
  return Math.round(model.rssiAt1m - 10 * model.exponent * Math.log10(d));
}

/** Whether a frame at this RSSI is heard at all. */
export function isAudible(rssi: number, model: PathLossModel = DEFAULT_PATH_LOSS): boolean {
  return Number.isFinite(rssi) && rssi >= model.sensitivity;
}

/** The distance estimate a phone would make from an RSSI and the beacon's announced power at 1 m. */
export function estimateDistance(
  rssi: number,
  measuredPower: number,
  exponent: number = DEFAULT_PATH_LOSS.exponent,
): number {
  return Math.round(10 ** ((measuredPower - rssi) / (10 * exponent)) * 100) / 100;
}

/** Whether a distance is one the user may set. */
export function isValidDistance(meters: number): boolean {
  return Number.isFinite(meters) && meters >= 0 && meters <= 1000;
}
