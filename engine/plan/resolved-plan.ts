/**
 * The analyzed form of a LogicalPlan: every node with its output schema and its
 * expressions bound (names resolved, types checked) against its input. The analyzer
 * (analyzer.ts) builds it once per plan and conf; the planner (exec/compile.ts) turns each
 * node into a physical operator without resolving anything again.
 */
import type { BoundExpr } from '../expr/index';
import type { DataType } from '../types/data-types';
import type { StructType } from '../types/struct-type';
import type { MemoryTableProvider } from './catalog';
import type { JoinNode, LogicalPlan, SourceNode } from './logical-plan';

interface ResolvedBase {
  readonly node: LogicalPlan;
  readonly schema: StructType;
  /** Whether the subtree reads a streaming source. */
  readonly streaming: boolean;
}

/** One output column of a projection: an input column passed through (keeps metadata) or a computed one. */
export type ProjectItem =
  | { readonly kind: 'column'; readonly index: number }
  | { readonly kind: 'expr'; readonly expr: BoundExpr };

export interface ResolvedScan extends ResolvedBase {
  readonly kind: 'scan';
  readonly source: SourceNode;
}
export interface ResolvedLocal extends ResolvedBase {
  readonly kind: 'local';
  readonly rows: readonly (readonly unknown[])[];
}
export interface ResolvedMemoryTable extends ResolvedBase {
  readonly kind: 'memoryTable';
  readonly name: string;
  readonly provider: MemoryTableProvider;
}
export interface ResolvedProject extends ResolvedBase {
  readonly kind: 'project';
  readonly input: ResolvedPlan;
  readonly items: readonly ProjectItem[];
}
export interface ResolvedFilter extends ResolvedBase {
  readonly kind: 'filter';
  readonly input: ResolvedPlan;
  readonly condition: BoundExpr;
}
/** AtLeastNNonNulls(minNonNulls, columns): NaN counts as null in float/double columns. */
export interface ResolvedNaDrop extends ResolvedBase {
  readonly kind: 'naDrop';
  readonly input: ResolvedPlan;
  readonly columns: readonly number[];
  readonly minNonNulls: number;
}
/** A value (already cast to the column's type) replacing nulls, and NaN for float/double columns. */
export interface NaFillColumn {
  readonly index: number;
  readonly value: number | string | boolean;
}
export interface ResolvedNaFill extends ResolvedBase {
  readonly kind: 'naFill';
  readonly input: ResolvedPlan;
  readonly fills: readonly NaFillColumn[];
}

/** One aggregate function call of an Aggregate, with its arguments bound against the input. */
export interface AggregateCall {
  /** Canonical function name in the aggregate registry (`count`, `sum`, `avg`, ...). */
  readonly fn: string;
  /** Bound arguments; empty for count(*). */
  readonly args: readonly BoundExpr[];
  readonly distinct: boolean;
  /** Constant options after the column argument (`first(x, true)` → [true]). */
  readonly options: readonly unknown[];
  readonly dataType: DataType;
  readonly nullable: boolean;
}

/**
 * groupBy(keys).agg(...): `results` are bound against `bufferSchema` = the keys followed by
 * one column per aggregate call, so `sum(x) + 1` or `count(1) AS n` are ordinary
 * expressions over the aggregated row (Spark's resultExpressions).
 */
export interface ResolvedAggregate extends ResolvedBase {
  readonly kind: 'aggregate';
  readonly input: ResolvedPlan;
  readonly keys: readonly BoundExpr[];
  readonly aggregates: readonly AggregateCall[];
  readonly bufferSchema: StructType;
  readonly results: readonly ProjectItem[];
  /** Per grouping set, the key indices that are grouped (cube/rollup); absent for a plain groupBy. */
  readonly groupingSets?: readonly (readonly number[])[];
  /**
   * window()/session_window() among the keys (Spark's TimeWindowing/SessionWindowing): the
   * window column is appended to the input batch before keys and arguments are evaluated,
   * so `keys` and aggregate arguments are bound against input.schema + that column.
   */
  readonly window?: WindowAssignment;
  /** input.schema + the window column: what `keys` and aggregate arguments are bound against. */
  readonly keyInputSchema?: StructType;
  /**
   * The grouping key carrying the event-time watermark (a plain watermarked column, or a
   * window over it): late partial aggregates and evictable state are found by testing it
   * (WatermarkSupport: `end` of a window struct, the value itself otherwise).
   */
  readonly eventTimeKey?: EventTimeKey;
}

export interface EventTimeKey {
  readonly keyIndex: number;
  /** True for a window/session struct: compare its `end` field. */
  readonly isWindow: boolean;
}

/** Where the window's event time comes from: a timestamp, or an earlier window's end − 1 µs (window_time). */
export interface WindowTimeSource {
  readonly timeColumn: BoundExpr;
  readonly fromWindowEnd: boolean;
}

/** window(ts, windowDuration, slideDuration, startTime), all µs (TimeWindow). */
export interface TimeWindowAssignment extends WindowTimeSource {
  readonly kind: 'window';
  readonly windowUs: number;
  readonly slideUs: number;
  readonly startUs: number;
  /** Which key is the window. */
  readonly keyIndex: number;
}

/** session_window(ts, gap): a fixed gap in µs, or an expression giving an interval string per row. */
export interface SessionWindowAssignment extends WindowTimeSource {
  readonly kind: 'session';
  readonly gapUs?: number;
  readonly gapExpr?: BoundExpr;
  readonly keyIndex: number;
}

export type WindowAssignment = TimeWindowAssignment | SessionWindowAssignment;
export interface ResolvedWatermark extends ResolvedBase {
  readonly kind: 'watermark';
  readonly input: ResolvedPlan;
  readonly columnIndex: number;
  readonly delayUs: number;
}
export interface SortKey {
  readonly expr: BoundExpr;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}
export interface ResolvedSort extends ResolvedBase {
  readonly kind: 'sort';
  readonly input: ResolvedPlan;
  readonly orders: readonly SortKey[];
}
export interface ResolvedLimit extends ResolvedBase {
  readonly kind: 'limit';
  readonly input: ResolvedPlan;
  readonly n: number;
}
export interface ResolvedDeduplicate extends ResolvedBase {
  readonly kind: 'deduplicate';
  readonly input: ResolvedPlan;
  readonly keyColumns: readonly number[];
  readonly withinWatermark: boolean;
  /**
   * The input column carrying the watermark, if any (late rows are tested on it), and
   * its delay in µs (dropDuplicatesWithinWatermark keeps a key until eventTime + delay).
   */
  readonly eventTimeColumn?: number;
  readonly eventTimeDelayUs?: number;
  /** Whether the event-time column is one of the keys (only then can keys expire: SPARK-21546). */
  readonly eventTimeInKey?: boolean;
}
/** Inputs are already projected (and cast) to the union's schema, column for column. */
export interface ResolvedUnion extends ResolvedBase {
  readonly kind: 'union';
  readonly inputs: readonly ResolvedPlan[];
}
/** Where an output column of a join comes from. */
export type JoinOutput =
  | { readonly side: 'left' | 'right'; readonly index: number }
  | { readonly side: 'coalesce'; readonly left: number; readonly right: number };
export interface ResolvedJoin extends ResolvedBase {
  readonly kind: 'join';
  readonly left: ResolvedPlan;
  readonly right: ResolvedPlan;
  readonly how: JoinNode['how'];
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  /** Extra condition bound against left columns followed by right columns. */
  readonly condition?: BoundExpr;
  readonly output: readonly JoinOutput[];
}

export type ResolvedPlan =
  | ResolvedScan
  | ResolvedLocal
  | ResolvedMemoryTable
  | ResolvedProject
  | ResolvedFilter
  | ResolvedNaDrop
  | ResolvedNaFill
  | ResolvedAggregate
  | ResolvedWatermark
  | ResolvedSort
  | ResolvedLimit
  | ResolvedDeduplicate
  | ResolvedUnion
  | ResolvedJoin;

/** Children of a resolved node, left to right. */
export function resolvedInputs(r: ResolvedPlan): readonly ResolvedPlan[] {
  switch (r.kind) {
    case 'scan':
    case 'local':
    case 'memoryTable':
      return [];
    case 'union':
      return r.inputs;
    case 'join':
      return [r.left, r.right];
    default:
      return [r.input];
  }
}
