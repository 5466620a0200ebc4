/**
 * Hash aggregation (groupBy/cube/rollup + agg), batch and streaming alike, with Spark's
 * streaming semantics (StateStoreRestoreExec → merge → StateStoreSaveExec).
 *
 * Per batch: time windows are expanded when a key is window() (exec/window/; session
 * windows have their own operator, SessionWindowAggregateExec), keys and arguments are
 * evaluated over the whole batch, keys hashed to dense group ids, rows folded
 * into typed-array accumulators per group (partial aggregation). Then, per group of the
 * batch, in update/append mode with a watermarked key (WatermarkSupport):
 *   - a group whose event time (`window.end`, or the raw event-time key) is <= the
 *     watermark for late events is dropped and counted in numRowsDroppedByWatermark
 *     (it counts partial-aggregate rows, not input rows, as Spark);
 *   - the others are merged into the StateStore.
 * Emits: complete mode (and a static query) every group in state; update mode the groups
 * this batch merged, then silently evicts groups at or below the eviction watermark;
 * append mode only the groups it evicts, each exactly once with its final value.
 * Complete mode never drops or evicts. A global aggregate (no keys) has its one group even
 * for an empty batch (SPARK-21977).
 *
 * State: one row per live group {key values, one buffer per aggregate}; groups with an
 * event time are also indexed by it (EvictionIndex), so eviction touches only expiring
 * groups. Cost per batch: O(rows × (keys + aggregates)) typed-array work plus O(groups in
 * the batch + evicted groups) state work; complete mode adds O(groups in state).
 */
import type { ColumnBatch } from '../../batch/column-batch';
import { valueAt } from '../../batch/values';
import { AnalysisException } from '../../errors';
import type { Vector } from '../../batch/vector';
import type { AggregateCall, EventTimeKey, ProjectItem, WindowAssignment } from '../../plan/resolved-plan';
import type { BoundExpr } from '../../expr/index';
import type { StructType } from '../../types/struct-type';
import { LateDataRecorder, WindowSummaryBuilder, type OperatorLateData, watermarkPassedLastEviction } from '../late-data-recorder';
import type { ExecContext, Operator, StatefulOperator } from '../operator';
import type { OutputMode, StateOperatorMetrics } from '../physical-plan';
import { EvictionIndex } from '../state/eviction-index';
import { schemaFields, type OperatorStateSchema, type RestoredStores, type StateStoreView } from '../state/operator-state';
import { StateStore } from '../state/state-store';
import { expandTimeWindows } from '../window/time-window-expand';
import { windowEnds, windowStarts } from '../window/window-vectors';
import type { AggregateConf, AggregateFunction } from './aggregate-function';
import { groupsToBatch, type GroupState } from './aggregate-output';
import { aggregateFunctionsFor } from './aggregate-registry';
import { expandGroupingSets } from './expand-grouping-sets';
import { GroupKeyEncoder } from './group-keys';
import { encodeStateKey } from './state-key';

export interface AggregateSpec {
  readonly keys: readonly BoundExpr[];
  readonly aggregates: readonly AggregateCall[];
  readonly bufferSchema: StructType;
  readonly results: readonly ProjectItem[];
  readonly groupingSets?: readonly (readonly number[])[];
  readonly streaming: boolean;
  readonly window?: WindowAssignment;
  /** Input schema + window column (what keys are bound against), when `window` is set. */
  readonly keyInputSchema?: StructType;
  readonly eventTimeKey?: EventTimeKey;
}

/** A batch's groups after partial aggregation. */
interface Partial {
  readonly numGroups: number;
  readonly keyValues: (readonly unknown[])[];
  readonly buffers: ((g: number) => unknown)[];
  /** Event time of each group (µs; NaN when the group has none). */
  readonly eventTime: Float64Array | null;
  readonly gids: Int32Array;
  /** For tracing: the batch after window expansion and its source rows. */
  readonly expanded: { keys: readonly Vector[]; sourceRow: Int32Array | null; eventTime: Float64Array | null };
}

export class AggregateExec implements StatefulOperator {
  readonly operatorName = 'stateStoreSave';
  private readonly encoder = new GroupKeyEncoder();
  private readonly functions: readonly AggregateFunction[];
  private readonly store = new StateStore<GroupState>(
    (key, v) => 64 + key.length * 2 + 24 * v.buffers.length,
  );
  private readonly index = new EvictionIndex();
  private droppedByWatermark = 0;
  /** Eviction watermark of the running batch, and of the last committed one (shouldRunAnotherBatch). */
  private runningEvictionWatermarkUs: number | undefined;
  private lastEvictionWatermarkUs: number | undefined;
  private recorder: LateDataRecorder | null = null;

  constructor(
    private readonly input: Operator,
    private readonly spec: AggregateSpec,
    readonly schema: StructType,
    conf: AggregateConf,
  ) {
    this.functions = aggregateFunctionsFor(spec.aggregates, conf);
  }

  execute(ctx: ExecContext): ColumnBatch {
    const batch = this.input.execute(ctx);
    const mode: OutputMode = this.spec.streaming ? ctx.outputMode : 'complete';
    if (mode === 'append' && this.spec.eventTimeKey === undefined) throw appendWithoutWatermark();
    const watermarked = this.spec.streaming && mode !== 'complete' && this.spec.eventTimeKey !== undefined;
    this.runningEvictionWatermarkUs = ctx.watermarkUs;
    const partial = this.partialAggregate(batch, ctx);
    const lateWm = ctx.lateWatermarkUs;
    const groupDropped = new Uint8Array(partial.numGroups);
    const merged: string[] = [];
    for (let g = 0; g < partial.numGroups; g++) {
      const t = partial.eventTime === null ? NaN : partial.eventTime[g];
      // WatermarkSupport: late = eventTime <= watermark (inclusive), on window.end for windows.
      if (watermarked && t <= lateWm) {
        groupDropped[g] = 1;
        this.droppedByWatermark++;
        continue;
      }
      const stateKey = encodeStateKey(partial.keyValues[g]);
      const stored = this.store.get(stateKey);
      // A loop, not functions.map: no closure per group of every batch.
      const buffers: unknown[] = new Array(this.functions.length);
      for (let j = 0; j < buffers.length; j++) buffers[j] = this.functions[j].merge(stored?.buffers[j], partial.buffers[j](g));
      this.store.put(stateKey, { key: partial.keyValues[g], buffers });
      if (stored === undefined && t === t) this.index.add(t, stateKey);
      merged.push(stateKey);
    }
    const summary = this.recorder === null ? null : new WindowSummaryBuilder();
    let emitted: GroupState[];
    if (mode === 'complete') emitted = [...this.store.entries()].map(([, s]) => s);
    else if (mode === 'update') emitted = merged.map((k) => this.store.get(k)!);
    else emitted = [];
    if (watermarked) {
      const evicted = this.evict(ctx.watermarkUs, summary, mode === 'append');
      if (mode === 'append') emitted = evicted;
    }
    if (this.recorder !== null && summary !== null) this.record(partial, groupDropped, summary);
    return groupsToBatch(emitted, this.functions, this.spec.bufferSchema, this.spec.results, this.schema, ctx.evalContext);
  }

  /** Removes every group whose event time is <= the eviction watermark; returns them in end-time order. */
  private evict(watermarkUs: number, summary: WindowSummaryBuilder | null, emitting: boolean): GroupState[] {
    const out: GroupState[] = [];
    for (const key of this.index.takeExpired(watermarkUs)) {
      const s = this.store.get(key);
      if (s === undefined) continue;
      this.store.remove(key);
      out.push(s);
      if (summary !== null && this.spec.eventTimeKey!.isWindow) {
        const w = s.key[this.spec.eventTimeKey!.keyIndex] as { start: number; end: number };
        summary.markRemoved(w.start, w.end, emitting);
      }
    }
    return out;
  }

  private partialAggregate(input: ColumnBatch, ctx: ExecContext): Partial {
    let batch = input;
    let sourceRow: Int32Array | null = null;
    let rowEventTime: Float64Array | null = null;
    if (this.spec.window?.kind === 'window') {
      const w = expandTimeWindows(input, this.spec.window, this.spec.keyInputSchema!, ctx.evalContext);
      batch = w.batch;
      sourceRow = w.sourceRow;
      rowEventTime = w.eventTime;
    }
    let keys: Vector[] = this.spec.keys.map((k) => k.evaluate(batch, ctx.evalContext));
    let args: Vector[][] = this.spec.aggregates.map((a) => a.args.map((e) => e.evaluate(batch, ctx.evalContext)));
    let numRows = batch.numRows;
    const expandedKeys = keys;
    if (this.spec.groupingSets)
      ({ keys, args, numRows } = expandGroupingSets(keys, args, this.spec.groupingSets, numRows));
    const { gids, numGroups, firstRow } = this.encoder.encode(keys, numRows);
    const buffers = this.functions.map((f, j) => f.accumulate(numGroups, gids, args[j], numRows));
    const keyValues: (readonly unknown[])[] = new Array(numGroups);
    for (let g = 0; g < numGroups; g++) keyValues[g] = keys.map((k) => (firstRow[g] < 0 ? null : valueAt(k, firstRow[g])));
    const etk = this.spec.eventTimeKey;
    let eventTime: Float64Array | null = null;
    if (etk !== undefined) {
      const v = keys[etk.keyIndex];
      const times = etk.isWindow ? windowEnds(v) : (v as { values: Float64Array }).values;
      eventTime = new Float64Array(numGroups);
      for (let g = 0; g < numGroups; g++) {
        const row = firstRow[g];
        eventTime[g] = row < 0 || (v.validity !== null && v.validity[row] === 0) ? NaN : times[row];
      }
    }
    return { numGroups, keyValues, buffers, eventTime, gids, expanded: { keys: expandedKeys, sourceRow, eventTime: rowEventTime } };
  }

  /** Late-data trace of this batch (tracing only). */
  private record(partial: Partial, groupDropped: Uint8Array, summary: WindowSummaryBuilder): void {
    const etk = this.spec.eventTimeKey;
    const { keys, sourceRow, eventTime } = partial.expanded;
    if (etk === undefined || this.spec.groupingSets !== undefined) return;
    const m = partial.gids.length;
    const windowRow = sourceRow ?? Int32Array.from({ length: m }, (_, i) => i);
    const times = eventTime ?? (keys[etk.keyIndex] as { values: Float64Array }).values;
    let numInput = sourceRow === null ? m : 0;
    if (sourceRow !== null) for (let j = 0; j < m; j++) numInput = Math.max(numInput, sourceRow[j] + 1);
    const rowTimes = new Float64Array(numInput).fill(NaN);
    const dropped = new Uint8Array(m);
    for (let j = 0; j < m; j++) {
      rowTimes[windowRow[j]] = times[j];
      dropped[j] = groupDropped[partial.gids[j]];
    }
    let starts: Float64Array = new Float64Array(0);
    let ends: Float64Array = new Float64Array(0);
    if (etk.isWindow) {
      starts = windowStarts(keys[etk.keyIndex]);
      ends = windowEnds(keys[etk.keyIndex]);
      for (let j = 0; j < m; j++) summary.addRow(starts[j], ends[j], dropped[j] === 1);
    }
    const status = this.recorder!.rowStatus(rowTimes, windowRow, dropped);
    this.recorder!.last = {
      operatorName: this.operatorName,
      eventTimeUs: rowTimes,
      status,
      windowRow: etk.isWindow ? windowRow : new Int32Array(0),
      windowStartUs: starts,
      windowEndUs: ends,
      windowDropped: etk.isWindow ? dropped : new Uint8Array(0),
      windows: summary.build(),
    };
  }

  commit(batchId: number): StateOperatorMetrics {
    const m = this.store.commit(batchId + 1);
    const dropped = this.droppedByWatermark;
    this.droppedByWatermark = 0;
    if (this.runningEvictionWatermarkUs !== undefined) this.lastEvictionWatermarkUs = this.runningEvictionWatermarkUs;
    return { operatorName: this.operatorName, ...m, numRowsDroppedByWatermark: dropped };
  }

  abort(): void {
    this.store.abort();
    this.droppedByWatermark = 0;
    this.runningEvictionWatermarkUs = undefined;
    // Evicted groups came back: index the restored state again.
    this.reindex();
  }

  private reindex(): void {
    this.index.clear();
    const etk = this.spec.eventTimeKey;
    if (etk === undefined) return;
    for (const [k, s] of this.store.entries()) {
      const v = s.key[etk.keyIndex];
      const t = etk.isWindow ? (v as { end: number } | null)?.end : (v as number | null);
      if (typeof t === 'number') this.index.add(t, k);
    }
  }

  /**
   * Keys: the grouping columns (window included); values: one field per aggregate, named by
   * its function, since one function's buffer is no other's (Spark compares buffer types).
   */
  stateSchema(): OperatorStateSchema {
    const numKeys = this.spec.bufferSchema.fields.length - this.spec.aggregates.length;
    return {
      keySchema: schemaFields(this.spec.bufferSchema.fields.slice(0, numKeys)),
      valueSchema: this.spec.aggregates.map((a) => ({
        name: a.distinct ? `${a.fn}(distinct)` : a.fn,
        type: a.dataType.simpleString(),
      })),
    };
  }

  stateStores(): ReadonlyMap<string, StateStoreView> {
    return new Map([['default', this.store]]);
  }

  restoreState(stores: RestoredStores, version: number): void {
    this.store.restore({ version, rows: (stores.get('default') ?? []) as [string, GroupState][] });
    this.runningEvictionWatermarkUs = undefined;
    this.lastEvictionWatermarkUs = undefined;
    this.droppedByWatermark = 0;
    this.reindex();
  }

  /** StateStoreSaveExec.shouldRunAnotherBatch: append/update and the watermark moved past the last eviction's. */
  needsNoDataBatch(nextWatermarkUs: number, mode: OutputMode): boolean {
    return watermarkPassedLastEviction(
      this.spec.streaming,
      mode,
      this.lastEvictionWatermarkUs,
      nextWatermarkUs,
    );
  }

  setTracing(on: boolean): void {
    if (this.spec.eventTimeKey === undefined) return;
    this.recorder = on ? (this.recorder ?? new LateDataRecorder()) : null;
  }

  lateData(): OperatorLateData | null {
    return this.recorder?.take() ?? null;
  }

  /** The committed state, for checkpoints. */
  stateStore(): StateStore<GroupState> {
    return this.store;
  }
}
/**
 * UnsupportedOperationChecker's rule, also enforced here for plans started without the
 * check: append mode can only emit a group once a watermark says it is final.
 */
function appendWithoutWatermark(): AnalysisException {
  const msg =
    'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark';
  return new AnalysisException('_LEGACY_ERROR_TEMP_3102', msg, { messageParameters: { msg } });
}
