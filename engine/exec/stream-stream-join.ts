/**
 * Stream–stream inner join, after Spark's StreamingSymmetricHashJoinExec (2.3+): both
 * sides are buffered in state keyed by the equi-join keys (USING columns and `l.a = r.b`
 * conjuncts). Per batch, as processPartitions does:
 *   1. new left rows join the right side's state, then are stored in the left state;
 *   2. new right rows join the left state (now holding this batch's left rows), then are
 *      stored — so new×new pairs come out once, from step 2;
 *   3. both states drop the rows the state watermark predicates allow
 *      (StreamingSymmetricHashJoinHelper.getStateWatermarkPredicates): with a watermarked
 *      join key, rows whose key is <= the watermark; else with watermarks on both sides
 *      and a time-range condition, rows whose watermarked column is <= the side's state
 *      value watermark (join-condition-terms.ts); else nothing (state grows, still correct).
 * Input rows whose watermarked column is <= the watermark for late events are dropped and
 * counted (numRowsDroppedByWatermark); rows already below the state watermark are joined
 * but not stored. NULL join keys never match (the IsNotNull filters Spark infers).
 * Only Append mode (UnsupportedOperationChecker); outer/semi/anti joins are rejected there.
 *
 * Cost per batch: O(new rows × keys) hashing + O(matches) columnar pair building and one
 * vectorised condition evaluation per step; eviction touches only expiring keys.
 */
import { ColumnBatch } from '../batch/column-batch';
import { valueAt } from '../batch/values';
import type { Vector } from '../batch/vector';
import { takeVector } from '../batch/vector-ops';
import { AnalysisException } from '../errors';
import type { Expr } from '../expr/ast';
import type { BoundExpr } from '../expr/index';
import type { JoinNode } from '../plan/logical-plan';
import type { JoinOutput } from '../plan/resolved-plan';
import { WATERMARK_DELAY_KEY } from '../plan/resolve-time-window';
import { StructType } from '../types/struct-type';
import { encodeStateKey } from './aggregate/state-key';
import {
  equiJoinKeys,
  hasStateValueWatermark,
  stateValueWatermarkMs,
  type JoinConditionContext,
  type JoinSide,
} from './join-condition-terms';
import { JoinSideState, stateRowsToColumns, type JoinStateRow } from './join-side-state';
import type { ExecContext, Operator, StatefulOperator } from './operator';
import { schemaFields, type OperatorStateSchema, type RestoredStores, type StateSchemaField, type StateStoreView } from './state/operator-state';
import type { OutputMode, StateOperatorMetrics } from './physical-plan';

export interface StreamStreamJoinSpec {
  readonly how: JoinNode['how'];
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  /** Bound against the left columns followed by the right columns. */
  readonly condition?: BoundExpr;
  /** The same condition as written, for the state watermark and equi-key analysis. */
  readonly conditionAst?: Expr;
  readonly output: readonly JoinOutput[];
  readonly caseSensitive: boolean;
}

/** How one side's state is cleaned (JoinStateWatermarkPredicate). */
type Eviction = { readonly kind: 'none' } | { readonly kind: 'key'; readonly key: number } | { readonly kind: 'value'; readonly column: number };

const MODE_NAME: Readonly<Record<OutputMode, string>> = { append: 'Append', complete: 'Complete', update: 'Update' };

export class StreamStreamJoinExec implements StatefulOperator {
  readonly operatorName = 'symmetricHashJoin';
  private readonly keys: Record<JoinSide, readonly number[]>;
  private readonly eviction: Record<JoinSide, Eviction>;
  /** Each side's watermarked column (late rows are dropped on it), or -1. */
  private readonly watermarkColumn: Record<JoinSide, number>;
  private readonly state: Record<JoinSide, JoinSideState>;
  private readonly terms: JoinConditionContext;
  private readonly pairSchema: StructType;
  private droppedByWatermark = 0;
  private runningWatermarkUs: number | undefined;
  private lastWatermarkUs: number | undefined;

  constructor(
    private readonly left: Operator,
    private readonly right: Operator,
    private readonly spec: StreamStreamJoinSpec,
    readonly schema: StructType,
  ) {
    const ls = left.schema;
    const rs = right.schema;
    this.terms = { left: ls, right: rs, caseSensitive: spec.caseSensitive };
    const extra = equiJoinKeys(spec.conditionAst, this.terms);
    this.keys = {
      left: [...spec.leftKeys, ...extra.map(([l]) => l)],
      right: [...spec.rightKeys, ...extra.map(([, r]) => r)],
    };
    this.watermarkColumn = { left: watermarkIndex(ls), right: watermarkIndex(rs) };
    // joinKeyOrdinalForWatermark: the first watermarked key among the left keys, then the right ones.
    const marked = (s: StructType, ks: readonly number[]): number => ks.findIndex((k) => WATERMARK_DELAY_KEY in s.fields[k].metadata);
    const keyOrdinal = marked(ls, this.keys.left) >= 0 ? marked(ls, this.keys.left) : marked(rs, this.keys.right);
    const evictionOf = (side: JoinSide): Eviction => {
      if (keyOrdinal >= 0) return { kind: 'key', key: this.keys[side][keyOrdinal] };
      const column = this.watermarkColumn[side];
      if (column >= 0 && hasStateValueWatermark(spec.conditionAst, side, this.terms)) return { kind: 'value', column };
      return { kind: 'none' };
    };
    this.eviction = { left: evictionOf('left'), right: evictionOf('right') };
    this.state = { left: new JoinSideState(ls), right: new JoinSideState(rs) };
    this.pairSchema = new StructType([...ls.fields, ...rs.fields]);
  }

  execute(ctx: ExecContext): ColumnBatch {
    if (ctx.outputMode !== 'append') {
      const msg = `Join between two streaming DataFrames/Datasets is not supported in ${MODE_NAME[ctx.outputMode]} output mode, only in Append output mode`;
      throw new AnalysisException('_LEGACY_ERROR_TEMP_3102', msg, { messageParameters: { msg } });
    }
    // Plans started without UnsupportedOperationChecker get the same refusal it gives.
    if (this.spec.how !== 'inner' && this.spec.how !== 'cross') {
      const msg = `Stream-stream ${this.spec.how} join between two streaming DataFrames/Datasets is not supported by Tidemark; only inner joins are`;
      throw new AnalysisException('_LEGACY_ERROR_TEMP_3102', msg, { messageParameters: { msg } });
    }
    const l = this.left.execute(ctx);
    const r = this.right.execute(ctx);
    this.runningWatermarkUs = ctx.watermarkUs;
    const stateWm = { left: this.stateWatermarkUs('left', ctx.watermarkUs), right: this.stateWatermarkUs('right', ctx.watermarkUs) };
    const fromLeft = this.storeAndJoin('left', l, stateWm.left, ctx);
    const fromRight = this.storeAndJoin('right', r, stateWm.right, ctx);
    for (const side of ['left', 'right'] as const) if (stateWm[side] !== undefined) this.state[side].evict(stateWm[side]);
    if (fromLeft.numRows === 0) return fromRight;
    if (fromRight.numRows === 0) return fromLeft;
    return ColumnBatch.concat(this.schema, [fromLeft, fromRight]);
  }

  /** The time (µs) at or below which `side`'s buffered rows are removed this batch, if any. */
  private stateWatermarkUs(side: JoinSide, watermarkUs: number): number | undefined {
    const e = this.eviction[side];
    if (e.kind === 'key') return watermarkUs;
    if (e.kind === 'none') return undefined;
    const ms = stateValueWatermarkMs(this.spec.conditionAst, side, Math.floor(watermarkUs / 1000), this.terms);
    return ms === undefined ? undefined : ms * 1000;
  }

  /** OneSideHashJoiner.storeAndJoinWithOtherSide: joins `side`'s new rows with the other state, then stores them. */
  private storeAndJoin(side: JoinSide, batch: ColumnBatch, stateWmUs: number | undefined, ctx: ExecContext): ColumnBatch {
    const other = side === 'left' ? 'right' : 'left';
    const otherState = this.state[other];
    const keyCols = this.keys[side].map((k) => batch.columns[k]);
    const late = lateTimes(batch, this.watermarkColumn[side]);
    const evictTimes = this.evictionTimes(side, batch);
    const newRows: number[] = [];
    const matched: JoinStateRow[] = [];
    for (let i = 0; i < batch.numRows; i++) {
      if (late !== null && late[i] <= ctx.lateWatermarkUs) {
        this.droppedByWatermark++;
        continue;
      }
      const key = rowKey(keyCols, i);
      if (key === null) continue;
      const matches = otherState.get(key);
      if (matches !== undefined) {
        for (const m of matches) {
          newRows.push(i);
          matched.push(m);
        }
      }
      const t = evictTimes === null ? NaN : evictTimes[i];
      if (stateWmUs !== undefined && t <= stateWmUs) continue;
      this.state[side].append(key, batch.columns.map((c) => valueAt(c, i)), t);
    }
    const idx = Int32Array.from(newRows);
    const mine = batch.columns.map((c) => takeVector(c, idx));
    const theirs = stateRowsToColumns(otherState.schema, matched);
    return this.emit(side === 'left' ? [...mine, ...theirs] : [...theirs, ...mine], idx.length, ctx);
  }

  /** Applies the condition to the candidate pairs and projects the join output. */
  private emit(pairColumns: Vector[], n: number, ctx: ExecContext): ColumnBatch {
    let pairs = new ColumnBatch(this.pairSchema, pairColumns, n);
    if (this.spec.condition !== undefined && n > 0) {
      const v = this.spec.condition.evaluate(pairs, ctx.evalContext);
      const keep: number[] = [];
      if (v.storage === 'bool')
        for (let p = 0; p < n; p++) if (v.values[p] === 1 && (v.validity === null || v.validity[p] === 1)) keep.push(p);
      if (keep.length < n) pairs = pairs.take(Int32Array.from(keep));
    }
    const nLeft = this.left.schema.fields.length;
    // Inner joins only: no USING key is coalesced, each comes from its side.
    const columns = this.spec.output.map((o) =>
      o.side === 'coalesce' ? pairs.columns[o.left] : pairs.columns[o.side === 'left' ? o.index : nLeft + o.index],
    );
    return new ColumnBatch(this.schema, columns, pairs.numRows);
  }

  /** Per row, the time its state row is evicted by (key or watermarked column), or null. */
  private evictionTimes(side: JoinSide, batch: ColumnBatch): Float64Array | null {
    const e = this.eviction[side];
    if (e.kind === 'none') return null;
    const v = batch.columns[e.kind === 'key' ? e.key : e.column];
    const out = new Float64Array(batch.numRows);
    for (let i = 0; i < batch.numRows; i++) {
      const x = valueAt(v, i);
      // A window key is compared on its end, as WatermarkSupport.watermarkExpression does for structs.
      out[i] = typeof x === 'number' ? x : x !== null && typeof x === 'object' && 'end' in x ? Number((x as { end: number }).end) : NaN;
    }
    return out;
  }

  commit(): StateOperatorMetrics {
    const l = this.state.left.commit();
    const r = this.state.right.commit();
    const dropped = this.droppedByWatermark;
    this.droppedByWatermark = 0;
    if (this.runningWatermarkUs !== undefined) this.lastWatermarkUs = this.runningWatermarkUs;
    return {
      operatorName: this.operatorName,
      numRowsTotal: this.state.left.numRows + this.state.right.numRows,
      numRowsUpdated: l.updated + r.updated,
      numRowsRemoved: l.removed + r.removed,
      numRowsDroppedByWatermark: dropped,
      memoryUsedBytes: this.state.left.memoryUsedBytes() + this.state.right.memoryUsedBytes(),
    };
  }

  abort(): void {
    this.state.left.abort();
    this.state.right.abort();
    this.droppedByWatermark = 0;
    this.runningWatermarkUs = undefined;
  }

  /** Per side, keys: the equi-join keys; values: the side's buffered rows (SymmetricHashJoinStateManager). */
  stateSchema(): OperatorStateSchema {
    const side = (s: JoinSide): StateSchemaField[] => {
      const fields = this.state[s].schema.fields;
      return schemaFields(this.keys[s].map((k) => fields[k])).map((f) => ({ ...f, name: `${s}.${f.name}` }));
    };
    const values = (s: JoinSide): StateSchemaField[] =>
      schemaFields(this.state[s].schema).map((f) => ({ ...f, name: `${s}.${f.name}` }));
    return { keySchema: [...side('left'), ...side('right')], valueSchema: [...values('left'), ...values('right')] };
  }

  /** Spark keeps four stores per side (left-keyToNumValues, …); here one per side, key → its rows. */
  stateStores(): ReadonlyMap<string, StateStoreView> {
    return new Map<string, StateStoreView>([
      ['left', this.state.left],
      ['right', this.state.right],
    ]);
  }

  restoreState(stores: RestoredStores): void {
    this.state.left.restore(stores.get('left') ?? []);
    this.state.right.restore(stores.get('right') ?? []);
    this.droppedByWatermark = 0;
    this.runningWatermarkUs = undefined;
    this.lastWatermarkUs = undefined;
  }

  /** StreamingSymmetricHashJoinExec.shouldRunAnotherBatch: state is cleaned by watermark and it moved. */
  needsNoDataBatch(nextWatermarkUs: number): boolean {
    const cleans = this.eviction.left.kind !== 'none' || this.eviction.right.kind !== 'none';
    return cleans && this.lastWatermarkUs !== undefined && nextWatermarkUs > this.lastWatermarkUs;
  }

  /** Buffered rows per side (for tests and inspection). */
  stateRows(side: JoinSide): number {
    return this.state[side].numRows;
  }
}

function watermarkIndex(s: StructType): number {
  return s.fields.findIndex((f) => WATERMARK_DELAY_KEY in f.metadata);
}

/** The watermarked column's values (NULL reads as NaN: never late), or null without one. */
function lateTimes(batch: ColumnBatch, column: number): Float64Array | null {
  if (column < 0) return null;
  const v = batch.columns[column];
  if (v.storage !== 'float64') return null;
  if (v.validity === null) return v.values;
  const out = new Float64Array(batch.numRows);
  for (let i = 0; i < batch.numRows; i++) out[i] = v.validity[i] === 0 ? NaN : v.values[i];
  return out;
}

function rowKey(keys: readonly Vector[], row: number): string | null {
  if (keys.length === 0) return '';
  const values = keys.map((k) => valueAt(k, row));
  return values.some((v) => v === null) ? null : encodeStateKey(values);
}
