/**
 * The buffered rows of one side of a stream–stream join, after Spark's
 * SymmetricHashJoinStateManager: join key → the side's rows with that key, in arrival
 * order. Rows with an eviction time (the side's watermarked column, or the watermarked
 * join key) are indexed by it (EvictionIndex), so removing rows older than the state
 * watermark touches only expiring keys instead of scanning the store as Spark does.
 *
 * Versioned like StateStore: `commit()` keeps the batch's appends and removals, `abort()`
 * undoes them (a failed batch re-runs against the last committed state).
 * Metrics count rows (Spark's keyWithIndexToValue entries): total, appended, removed.
 * For checkpoints it is a StateStoreView whose value per key is the key's row list.
 */
import type { Vector } from '../batch/vector';
import { makeBuilder } from '../batch/vector-builder';
import type { StructType } from '../types/struct-type';
import { EvictionIndex } from './state/eviction-index';
import type { StateChange, StateStoreView } from './state/operator-state';

export interface JoinStateRow {
  readonly values: readonly unknown[];
  /** µs; NaN when the row has no eviction time (kept until its key is evicted, or forever). */
  readonly time: number;
  readonly seq: number;
}

export class JoinSideState implements StateStoreView {
  private readonly rows = new Map<string, JoinStateRow[]>();
  private readonly index = new EvictionIndex();
  private readonly appended: [string, JoinStateRow][] = [];
  private readonly removedRows: [string, JoinStateRow][] = [];
  private total = 0;
  private seq = 0;
  private bytes = 0;
  /** Keys the last commit appended to or removed from, in first-touch order. */
  private lastChangedKeys: string[] = [];

  constructor(readonly schema: StructType) {}

  get numRows(): number {
    return this.total;
  }

  get(key: string): readonly JoinStateRow[] | undefined {
    return this.rows.get(key);
  }

  append(key: string, values: readonly unknown[], time: number): void {
    const row: JoinStateRow = { values, time, seq: this.seq++ };
    const list = this.rows.get(key);
    if (list) list.push(row);
    else this.rows.set(key, [row]);
    if (time === time) this.index.add(time, key);
    this.appended.push([key, row]);
    this.total++;
    this.bytes += rowBytes(key, values);
  }

  /** Removes every row whose eviction time is <= `stateWatermarkUs`. */
  evict(stateWatermarkUs: number): void {
    const keys = new Set(this.index.takeExpired(stateWatermarkUs));
    for (const key of keys) {
      const list = this.rows.get(key);
      if (list === undefined) continue;
      const kept: JoinStateRow[] = [];
      for (const row of list) {
        if (row.time <= stateWatermarkUs) {
          this.removedRows.push([key, row]);
          this.total--;
          this.bytes -= rowBytes(key, row.values);
        } else kept.push(row);
      }
      if (kept.length === 0) this.rows.delete(key);
      else this.rows.set(key, kept);
    }
  }

  /** The batch's counts; the changes become permanent. */
  commit(): { updated: number; removed: number } {
    const m = { updated: this.appended.length, removed: this.removedRows.length };
    const touched = new Set<string>();
    for (const [key] of this.appended) touched.add(key);
    for (const [key] of this.removedRows) touched.add(key);
    this.lastChangedKeys = [...touched];
    this.appended.length = 0;
    this.removedRows.length = 0;
    return m;
  }

  abort(): void {
    const touched = new Set<string>();
    for (const [key, row] of this.appended) {
      const list = this.rows.get(key);
      const i = list === undefined ? -1 : list.indexOf(row);
      if (i >= 0) {
        list!.splice(i, 1);
        this.total--;
        this.bytes -= rowBytes(key, row.values);
        if (list!.length === 0) this.rows.delete(key);
      }
    }
    for (const [key, row] of this.removedRows) {
      const list = this.rows.get(key);
      if (list) list.push(row);
      else this.rows.set(key, [row]);
      touched.add(key);
      this.total++;
      this.bytes += rowBytes(key, row.values);
    }
    for (const key of touched) this.rows.get(key)!.sort((a, b) => a.seq - b.seq);
    this.appended.length = 0;
    this.removedRows.length = 0;
    this.index.clear();
    for (const [key, list] of this.rows) for (const row of list) if (row.time === row.time) this.index.add(row.time, key);
  }

  committedRows(): IterableIterator<[string, JoinStateRow[]]> {
    return this.rows.entries();
  }

  lastCommittedChanges(): StateChange[] {
    return this.lastChangedKeys.map((k) => (this.rows.has(k) ? [k, this.rows.get(k)] : [k]));
  }

  /** Replaces the rows with those read back from a checkpoint. */
  restore(entries: readonly (readonly [string, unknown])[]): void {
    this.rows.clear();
    this.index.clear();
    this.appended.length = 0;
    this.removedRows.length = 0;
    this.lastChangedKeys = [];
    this.total = 0;
    this.bytes = 0;
    this.seq = 0;
    for (const [key, value] of entries) {
      const list = value as JoinStateRow[];
      this.rows.set(key, list);
      for (const row of list) {
        if (row.time === row.time) this.index.add(row.time, key);
        this.total++;
        this.bytes += rowBytes(key, row.values);
        this.seq = Math.max(this.seq, row.seq + 1);
      }
    }
  }

  memoryUsedBytes(): number {
    return Math.max(0, this.bytes);
  }
}

function rowBytes(key: string, values: readonly unknown[]): number {
  return 64 + key.length * 2 + 16 * values.length;
}

/** Columns of buffered rows, in the given order. */
export function stateRowsToColumns(schema: StructType, rows: readonly JoinStateRow[]): Vector[] {
  return schema.fields.map((f, c) => {
    const b = makeBuilder(f.dataType);
    for (let i = 0; i < rows.length; i++) b.append(rows[i].values[c]);
    return b.finish();
  });
}

