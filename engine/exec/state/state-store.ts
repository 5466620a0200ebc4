/**
 * A versioned key → row store for one stateful operator, after Spark's StateStore
 * (HDFSBackedStateStoreProvider): an operator reads and writes during a batch, then
 * `commit()`s a new version, or `abort()`s and every change of the batch is undone (a
 * failed batch re-runs against the state of the last commit). Per version it counts
 * Spark's stateOperators metrics: numRowsTotal, numRowsUpdated, numRowsRemoved and an
 * estimate of memoryUsedBytes.
 *
 * For checkpoints (engine/stream/state-checkpoint.ts) it is a StateStoreView: the keys the
 * last commit changed (a delta file) and the committed rows (a snapshot); `restore()` loads
 * rows read back from them. Values go through state-value-codec, so they may hold NaN,
 * bigints, Maps and typed arrays, but not functions or class instances.
 *
 * The byte estimate is kept as rows change (O(1) per put), so the query's state memory
 * limit costs a comparison per put (state-store-ceiling.ts), never a walk over the rows.
 */
import type { StateChange, StateStoreView } from './operator-state';
import { checkStateStoreCeiling } from './state-store-ceiling';

export interface StateStoreMetrics {
  readonly numRowsTotal: number;
  readonly numRowsUpdated: number;
  readonly numRowsRemoved: number;
  readonly memoryUsedBytes: number;
}

export interface StateSnapshot<V> {
  readonly version: number;
  readonly rows: readonly (readonly [string, V])[];
}

const ABSENT = Symbol('absent');

export class StateStore<V> implements StateStoreView {
  private readonly rows = new Map<string, V>();
  /** Value before the first change in the uncommitted version, per changed key. */
  private readonly undo = new Map<string, V | typeof ABSENT>();
  private committedVersion: number;
  /** Keys the last commit changed, in first-touch order (the undo log's keys). */
  private lastChangedKeys: string[] = [];
  private updated = 0;
  private removed = 0;
  private bytes = 0;

  constructor(
    /** Bytes a row is estimated to take, for memoryUsedBytes. */
    private readonly sizeOf: (key: string, value: V) => number = (key) => 48 + key.length * 2,
    version = 0,
  ) {
    this.committedVersion = version;
  }

  get version(): number {
    return this.committedVersion;
  }
  get size(): number {
    return this.rows.size;
  }

  get(key: string): V | undefined {
    return this.rows.get(key);
  }
  has(key: string): boolean {
    return this.rows.has(key);
  }

  put(key: string, value: V): void {
    const old = this.rows.get(key);
    this.remember(key, old === undefined && !this.rows.has(key) ? ABSENT : (old as V));
    if (old !== undefined) this.bytes -= this.sizeOf(key, old);
    this.rows.set(key, value);
    this.bytes += this.sizeOf(key, value);
    this.updated++;
    checkStateStoreCeiling(this, this.bytes);
  }

  remove(key: string): boolean {
    if (!this.rows.has(key)) return false;
    const old = this.rows.get(key) as V;
    this.remember(key, old);
    this.bytes -= this.sizeOf(key, old);
    this.rows.delete(key);
    this.removed++;
    return true;
  }

  /** Rows in insertion order (the order groups were first seen). */
  entries(): IterableIterator<[string, V]> {
    return this.rows.entries();
  }

  /** Makes this batch's changes the new version; returns its metrics. */
  commit(version = this.committedVersion + 1): StateStoreMetrics {
    const m = this.metrics();
    // A key made and removed in the same batch (a window opened and closed by the watermark
    // within one trigger) changed nothing the delta file needs to say. forEach, not for-of:
    // no [key, value] array per entry.
    const changed: string[] = [];
    this.undo.forEach((old, key) => {
      if (old !== ABSENT || this.rows.has(key)) changed.push(key);
    });
    this.lastChangedKeys = changed;
    this.undo.clear();
    this.committedVersion = version;
    this.updated = 0;
    this.removed = 0;
    return m;
  }

  /** Undoes every change since the last commit. */
  abort(): void {
    for (const [key, old] of this.undo) {
      const current = this.rows.get(key);
      if (current !== undefined) this.bytes -= this.sizeOf(key, current);
      if (old === ABSENT) this.rows.delete(key);
      else {
        this.rows.set(key, old);
        this.bytes += this.sizeOf(key, old);
      }
    }
    this.undo.clear();
    this.updated = 0;
    this.removed = 0;
  }

  /** Metrics of the uncommitted version so far. */
  metrics(): StateStoreMetrics {
    return {
      numRowsTotal: this.rows.size,
      numRowsUpdated: this.updated,
      numRowsRemoved: this.removed,
      memoryUsedBytes: Math.max(0, this.bytes),
    };
  }

  /** The estimate of the rows held now (memoryUsedBytes), for the query's state memory limit. */
  memoryUsedBytes(): number {
    return Math.max(0, this.bytes);
  }

  committedRows(): IterableIterator<[string, V]> {
    return this.rows.entries();
  }

  lastCommittedChanges(): StateChange[] {
    return this.lastChangedKeys.map((k) => (this.rows.has(k) ? [k, this.rows.get(k)] : [k]));
  }

  snapshot(): StateSnapshot<V> {
    return { version: this.committedVersion, rows: [...this.rows.entries()] };
  }

  restore(snapshot: StateSnapshot<V>): void {
    this.rows.clear();
    this.undo.clear();
    this.bytes = 0;
    for (const [k, v] of snapshot.rows) {
      this.rows.set(k, v);
      this.bytes += this.sizeOf(k, v);
    }
    this.committedVersion = snapshot.version;
    this.lastChangedKeys = [];
    this.updated = 0;
    this.removed = 0;
  }

  private remember(key: string, old: V | typeof ABSENT): void {
    if (!this.undo.has(key)) this.undo.set(key, old);
  }
}
