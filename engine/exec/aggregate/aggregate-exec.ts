/**
 * Hash aggregation (groupBy/cube/rollup + agg), batch and streaming alike.
 *
 * Per batch: evaluate grouping keys and aggregate arguments over the whole batch, hash the
 * keys to dense group ids (GroupKeyEncoder), fold the rows into typed-array accumulators
 * per aggregate (partial aggregation), then merge each group's partial buffer into the
 * operator's StateStore under the group's key (Spark's StateStoreRestore → merge →
 * StateStoreSave).
 *
 * State: one row per group ever seen: {key values, one buffer per aggregate}.
 * Emits: complete mode (and a static query) — every group in state; update mode — the
 * groups this batch touched, with their new values. A global aggregate (no keys) always
 * has its one group, so it emits a row even for an empty batch (SPARK-21977).
 * Cost per batch: O(rows × (keys + aggregates)) typed-array work plus O(groups in the
 * batch) state lookups; complete mode adds O(groups in state) to build the output.
 *
 * Watermark-based late-row dropping and state eviction (update/append) plug in between
 * `mergeIntoState` and `emit`; they come with window aggregation.
 */
import { ColumnBatch } from '../../batch/column-batch';
import { valueAt } from '../../batch/values';
import { makeBuilder } from '../../batch/vector-builder';
import type { Vector } from '../../batch/vector';
import { AnalysisException } from '../../errors';
import type { AggregateCall, ProjectItem } from '../../plan/resolved-plan';
import type { BoundExpr } from '../../expr/index';
import type { StructType } from '../../types/struct-type';
import type { ExecContext, Operator, StatefulOperator } from '../operator';
import type { OutputMode, StateOperatorMetrics } from '../physical-plan';
import { projectBatch } from '../project';
import { StateStore } from '../state/state-store';
import type { AggregateConf, AggregateFunction } from './aggregate-function';
import { aggregateFunctionFor } from './aggregate-registry';
import { expandGroupingSets } from './expand-grouping-sets';
import { GroupKeyEncoder } from './group-keys';
import { encodeStateKey } from './state-key';

interface GroupState {
  readonly key: readonly unknown[];
  readonly buffers: readonly unknown[];
}

export interface AggregateSpec {
  readonly keys: readonly BoundExpr[];
  readonly aggregates: readonly AggregateCall[];
  readonly bufferSchema: StructType;
  readonly results: readonly ProjectItem[];
  readonly groupingSets?: readonly (readonly number[])[];
  readonly streaming: boolean;
}

export class AggregateExec implements StatefulOperator {
  readonly operatorName = 'stateStoreSave';
  private readonly encoder = new GroupKeyEncoder();
  private readonly functions: readonly AggregateFunction[];
  private readonly store = new StateStore<GroupState>(
    (key, v) => 64 + key.length * 2 + 24 * v.buffers.length,
  );

  constructor(
    private readonly input: Operator,
    private readonly spec: AggregateSpec,
    readonly schema: StructType,
    conf: AggregateConf,
  ) {
    this.functions = spec.aggregates.map((c) => aggregateFunctionFor(c, conf));
  }

  execute(ctx: ExecContext): ColumnBatch {
    const batch = this.input.execute(ctx);
    if (this.spec.streaming && ctx.outputMode === 'append') throw appendWithoutWatermark();
    const touched = this.mergeIntoState(batch, ctx);
    return this.emit(ctx.outputMode, touched, ctx);
  }

  /** Partial aggregation of the batch merged into state; returns the keys touched, in first-seen order. */
  private mergeIntoState(batch: ColumnBatch, ctx: ExecContext): string[] {
    let keys: Vector[] = this.spec.keys.map((k) => k.evaluate(batch, ctx.evalContext));
    let args: Vector[][] = this.spec.aggregates.map((a) =>
      a.args.map((e) => e.evaluate(batch, ctx.evalContext)),
    );
    let numRows = batch.numRows;
    if (this.spec.groupingSets)
      ({ keys, args, numRows } = expandGroupingSets(keys, args, this.spec.groupingSets, numRows));
    const { gids, numGroups, firstRow } = this.encoder.encode(keys, numRows);
    const partials = this.functions.map((f, j) =>
      f.accumulate(
        numGroups,
        this.spec.aggregates[j].distinct ? distinctRows(gids, args[j], numRows) : gids,
        args[j],
        numRows,
      ),
    );
    const touched: string[] = new Array(numGroups);
    for (let g = 0; g < numGroups; g++) {
      const keyValues = keys.map((k) => valueAt(k, firstRow[g]));
      const stateKey = encodeStateKey(keyValues);
      const stored = this.store.get(stateKey);
      const buffers = this.functions.map((f, j) => f.merge(stored?.buffers[j], partials[j](g)));
      this.store.put(stateKey, { key: keyValues, buffers });
      touched[g] = stateKey;
    }
    return touched;
  }

  private emit(mode: OutputMode, touched: readonly string[], ctx: ExecContext): ColumnBatch {
    const rows: GroupState[] = [];
    if (mode === 'complete' || !this.spec.streaming)
      for (const [, s] of this.store.entries()) rows.push(s);
    else for (const k of touched) rows.push(this.store.get(k)!);
    const fields = this.spec.bufferSchema.fields;
    const builders = fields.map((f) => makeBuilder(f.dataType));
    const numKeys = fields.length - this.functions.length;
    for (const r of rows) {
      for (let k = 0; k < numKeys; k++) builders[k].append(r.key[k]);
      for (let j = 0; j < this.functions.length; j++)
        builders[numKeys + j].append(this.functions[j].evaluate(r.buffers[j]));
    }
    const buffer = new ColumnBatch(
      this.spec.bufferSchema,
      builders.map((b) => b.finish()),
      rows.length,
    );
    return projectBatch(buffer, this.spec.results, this.schema, ctx.evalContext);
  }

  commit(batchId: number): StateOperatorMetrics {
    const m = this.store.commit(batchId + 1);
    return { operatorName: this.operatorName, ...m, numRowsDroppedByWatermark: 0 };
  }
  abort(): void {
    this.store.abort();
  }
  needsNoDataBatch(): boolean {
    return false;
  }
  /** The committed state, for checkpoints. */
  stateStore(): StateStore<GroupState> {
    return this.store;
  }
}

/** Group ids with every repeat of (group, argument values) set to -1: DISTINCT aggregates. */
function distinctRows(gids: Int32Array, args: readonly Vector[], n: number): Int32Array {
  const out = new Int32Array(n);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const k = encodeStateKey([gids[i], ...args.map((a) => valueAt(a, i))]);
    if (seen.has(k)) out[i] = -1;
    else {
      seen.add(k);
      out[i] = gids[i];
    }
  }
  return out;
}

/** UnsupportedOperationChecker: append needs a watermark to know when a group is final. */
function appendWithoutWatermark(): AnalysisException {
  return new AnalysisException(
    '_LEGACY_ERROR_TEMP_3102',
    'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark',
    {
      messageParameters: {
        msg: 'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark',
      },
    },
  );
}
