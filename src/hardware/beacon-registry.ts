// The list of beacons heard nearby: each advertisement that carries one of the three beacon formats
// updates its sighting (RSSI, last seen); a sighting not heard for `staleAfterMs` drops out. Time is
// the injected clock, so tests move it instead of waiting.
import { decodeBeaconFrame, measuredPowerOf } from './beacon-formats.js';
import { beaconIdOf } from './beacon-adoption.js';
import { estimateDistance } from './path-loss.js';
import type { AdvertisementReport, BeaconSighting } from './types.js';

/** How long a beacon stays listed without being heard (beacons advertise several times a second). */
export const DEFAULT_STALE_AFTER_MS = 10_000;

export interface BeaconRegistryOptions {
  readonly now?: () => number;
  readonly staleAfterMs?: number;
}

/** Sightings by transport and address. */
export class BeaconRegistry {
  private readonly sightings = new Map<string, BeaconSighting>();
  private readonly now: () => number;
  readonly staleAfterMs: number;

  constructor(options: BeaconRegistryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  }

  /** Records an advertisement; returns the sighting, or null when it carries no beacon. */
  observe(report: AdvertisementReport): BeaconSighting | null {
    const frame = decodeBeaconFrame(report.content);
    if (frame === null) return null;
    const id = `${report.transport}:${report.address}`;
    const at = this.now();
    const previous = this.sightings.get(id);
    const sighting: BeaconSighting = {
      id,
      transport: report.transport,
      address: report.address,
      frame,
      localName: report.content.localName ?? previous?.localName ?? null,
      rssi: report.rssi,
      estimatedDistanceM: estimateDistance(report.rssi, measuredPowerOf(frame)),
      firstSeenAt: previous?.firstSeenAt ?? at,
      lastSeenAt: at,
    };
    this.sightings.set(id, sighting);
    return sighting;
  }

  /** The beacons heard within the last `staleAfterMs`, strongest first. */
  list(): readonly BeaconSighting[] {
    this.prune();
    return [...this.sightings.values()].sort((a, b) => b.rssi - a.rssi || a.id.localeCompare(b.id));
  }

  get(id: string): BeaconSighting | null {
    this.prune();
    return this.sightings.get(id) ?? null;
  }

  /** The freshest sighting whose frame maps to this beaconId (case-insensitive). */
  findByBeaconId(beaconId: string): BeaconSighting | null {
    const wanted = beaconId.toLowerCase();
    return this.list().find((s) => beaconIdOf(s.frame)?.toLowerCase() === wanted) ?? null;
  }

  /** Drops what was not heard for a while; true when something dropped. */
  prune(): boolean {
    const limit = this.now() - this.staleAfterMs;
    let dropped = false;
    for (const [id, sighting] of this.sightings)
      if (sighting.lastSeenAt < limit) {
        this.sightings.delete(id);
        dropped = true;
      }
    return dropped;
  }

  /** Forgets everything (scanning stopped). */
  clear(): void {
    this.sightings.clear();
  }
}
