// Scanning on every radio into one beacon list: the list changes at once when a beacon appears, and
// at most once per refresh when RSSIs move or a silent beacon drops out. The refresh timer runs only
// while scanning. Used by the till (nearby beacons, the start-up check) and the phone (find the till).
import { BeaconRegistry } from './beacon-registry.js';
import { realTimers, unref } from './timers.js';
import type { BeaconSighting, HardwareTimers, Radio, RadioResult } from './types.js';

export interface BeaconScanOptions {
  readonly now?: () => number;
  readonly timers?: HardwareTimers;
  readonly staleAfterMs?: number;
  /** How often RSSI changes and drop-outs are pushed while scanning. */
  readonly refreshMs?: number;
}

/** One scan over several radios. */
export class BeaconScan {
  readonly registry: BeaconRegistry;
  private readonly timers: HardwareTimers;
  private readonly refreshMs: number;
  private readonly listListeners = new Set<(beacons: readonly BeaconSighting[]) => void>();
  private readonly sightingListeners = new Set<(sighting: BeaconSighting) => void>();
  private timer: unknown = null;
  private dirty = false;
  private active = false;

  constructor(
    private readonly radios: readonly Radio[],
    options: BeaconScanOptions = {},
  ) {
    this.registry = new BeaconRegistry({ now: options.now, staleAfterMs: options.staleAfterMs });
    this.timers = options.timers ?? realTimers;
    this.refreshMs = options.refreshMs ?? 1000;
  }

  get scanning(): boolean {
    return this.active;
  }

  /** Starts every radio; the results say which could not. */
  async start(): Promise<readonly RadioResult[]> {
    this.active = true;
    this.schedule();
    return Promise.all(
      this.radios.map((radio) =>
        radio.startScanning((report) => {
          if (!this.active) return;
          const known = this.registry.get(`${report.transport}:${report.address}`) !== null;
          const sighting = this.registry.observe(report);
          if (sighting === null) return;
          for (const listener of [...this.sightingListeners]) listener(sighting);
          if (known) this.dirty = true;
          else this.push();
        }),
      ),
    );
  }

  async stop(): Promise<void> {
    this.active = false;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
    await Promise.all(this.radios.map((radio) => radio.stopScanning()));
    this.registry.clear();
    this.push();
  }

  beacons(): readonly BeaconSighting[] {
    return this.registry.list();
  }

  /** Called with the whole list when it changes. */
  onBeacons(listener: (beacons: readonly BeaconSighting[]) => void): () => void {
    this.listListeners.add(listener);
    return () => this.listListeners.delete(listener);
  }

  /** Called on every advertisement that carries a beacon. */
  onSighting(listener: (sighting: BeaconSighting) => void): () => void {
    this.sightingListeners.add(listener);
    return () => this.sightingListeners.delete(listener);
  }

  /** The first sighting (already listed or heard within `withinMs`) that matches, else null. */
  waitFor(match: (sighting: BeaconSighting) => boolean, withinMs: number): Promise<BeaconSighting | null> {
    const listed = this.registry.list().find(match);
    if (listed !== undefined) return Promise.resolve(listed);
    return new Promise((resolve) => {
      const finish = (sighting: BeaconSighting | null): void => {
        off();
        this.timers.clearTimeout(timer);
        resolve(sighting);
      };
      const off = this.onSighting((sighting) => {
        if (match(sighting)) finish(sighting);
      });
      const timer = this.timers.setTimeout(() => finish(null), withinMs);
    });
  }

  /** Re-reads the list now (the clock moved): drops silent beacons and pushes changes. */
  refresh(): void {
    if (this.registry.prune() || this.dirty) this.push();
  }

  close(): void {
    this.active = false;
    this.timers.clearTimeout(this.timer);
    this.listListeners.clear();
    this.sightingListeners.clear();
  }

  private schedule(): void {
    this.timers.clearTimeout(this.timer);
    this.timer = unref(
      this.timers.setTimeout(() => {
        if (!this.active) return;
        this.refresh();
        this.schedule();
      }, this.refreshMs),
    );
  }

  private push(): void {
    this.dirty = false;
    const beacons = this.registry.list();
    for (const listener of [...this.listListeners]) listener(beacons);
  }
}
