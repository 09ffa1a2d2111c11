// Where the emulator's state lives: memory by default, a SQLite file with --data. The state keeps
// everything in maps for speed and writes each change through here before the response is sent.

export type DocKind = 'pointOfSale' | 'payment' | 'refund' | 'checkIn' | 'idempotency' | 'store' | 'meta';

export interface PersistedDoc {
  readonly kind: DocKind;
  readonly id: string;
  readonly doc: unknown;
}

/** A document store with synchronous writes, so one request's changes commit in one transaction. */
export interface Persistence {
  readonly kind: 'memory' | 'sqlite';
  /** Every stored document, in insertion order. */
  loadAll(): PersistedDoc[];
  put(kind: DocKind, id: string, doc: unknown): void;
  remove(kind: DocKind, id: string): void;
  /** Runs fn atomically: either all its writes land or none. */
  transaction<T>(fn: () => T): T;
  /** Deletes every document (reset). */
  clear(): void;
  close(): void;
}

/** Keeps nothing: the default, where state lives only in the emulator's maps. */
export function memoryPersistence(): Persistence {
  return {
    kind: 'memory',
    loadAll: () => [],
    put: () => undefined,
    remove: () => undefined,
    transaction: (fn) => fn(),
    clear: () => undefined,
    close: () => undefined,
  };
}
