/**
 * Logical plans are data: a tree of JSON-safe nodes that the TypeScript API, SQL, the
 * visual builder, saved workspaces, the PySpark export and the conformance suite all
 * share. `planToJSON`/`planFromJSON` (plan-json.ts) add a version and migrate old ones.
 *
 * Nodes keep the user's intent (withColumns, naDrop, ...) rather than lowering to Spark's
 * Catalyst nodes, so the builder can show them as the operators the user placed; the
 * analyzer (analyzer.ts) gives each node its output schema.
 */
import type { Expr } from '../expr/ast';

/** A data source: a folder/file read as a stream or a static DataFrame. */
export interface SourceNode {
  readonly op: 'source';
  /** Stable id within the plan (offsets logs and progress refer to it). */
  readonly id: string;
  /** 'json' | 'csv' | 'text' | 'rate' | 'memory' | ... */
  readonly format: string;
  readonly path?: string;
  /** Declared schema in Spark's JSON form (StructType.jsonValue()); absent only where the format fixes it (text). */
  readonly schema?: unknown;
  /** Reader options as the user gave them (Spark's option names, values as strings). */
  readonly options: Readonly<Record<string, string>>;
  readonly streaming: boolean;
}

/** Rows given inline (createDataFrame, tests, reference data typed by hand). */
export interface LocalRelationNode {
  readonly op: 'localRelation';
  readonly schema: unknown;
  readonly rows: readonly (readonly unknown[])[];
}

/** A temp view or memory-sink table, by name (resolved through the session catalog). */
export interface TableNode {
  readonly op: 'table';
  readonly name: string;
}

export interface ProjectNode {
  readonly op: 'project';
  readonly input: LogicalPlan;
  readonly exprs: readonly Expr[];
}

export interface FilterNode {
  readonly op: 'filter';
  readonly input: LogicalPlan;
  readonly condition: Expr;
}

/** withColumn / withColumns: add or replace columns, keeping the others in place. */
export interface WithColumnsNode {
  readonly op: 'withColumns';
  readonly input: LogicalPlan;
  readonly names: readonly string[];
  readonly exprs: readonly Expr[];
}

export interface RenameNode {
  readonly op: 'withColumnsRenamed';
  readonly input: LogicalPlan;
  readonly renames: readonly (readonly [from: string, to: string])[];
}

export interface DropNode {
  readonly op: 'drop';
  readonly input: LogicalPlan;
  readonly columns: readonly string[];
}

/** na.drop(how, thresh, subset): DataFrameNaFunctions.drop semantics (NaN counts as null). */
export interface NaDropNode {
  readonly op: 'naDrop';
  readonly input: LogicalPlan;
  readonly how: 'any' | 'all';
  readonly thresh?: number;
  readonly subset?: readonly string[];
}

/** na.fill(value, subset) or na.fill({col: value}). */
export interface NaFillNode {
  readonly op: 'naFill';
  readonly input: LogicalPlan;
  readonly value: string | number | boolean | Readonly<Record<string, string | number | boolean>>;
  readonly subset?: readonly string[];
}

/**
 * groupBy(...).agg(...), cube, rollup. `groupingSets` lists, per set, the indices of
 * `groupBy` expressions that are grouped (absent = one set with all of them).
 */
export interface AggregateNode {
  readonly op: 'aggregate';
  readonly input: LogicalPlan;
  readonly groupBy: readonly Expr[];
  readonly aggregates: readonly Expr[];
  readonly kind: 'groupBy' | 'cube' | 'rollup';
  readonly groupingSets?: readonly (readonly number[])[];
}

/** withWatermark(eventTime, delay): delay is a Spark interval string ("10 minutes"). */
export interface WatermarkNode {
  readonly op: 'watermark';
  readonly input: LogicalPlan;
  readonly column: string;
  readonly delay: string;
}

export interface SortNode {
  readonly op: 'sort';
  readonly input: LogicalPlan;
  /** SortOrderExpr (or plain expressions = ascending). */
  readonly orders: readonly Expr[];
}

export interface LimitNode {
  readonly op: 'limit';
  readonly input: LogicalPlan;
  readonly n: number;
}

/** distinct() (no columns) and dropDuplicates(cols); withinWatermark for dropDuplicatesWithinWatermark. */
export interface DeduplicateNode {
  readonly op: 'deduplicate';
  readonly input: LogicalPlan;
  readonly columns?: readonly string[];
  readonly withinWatermark?: boolean;
}

export interface JoinNode {
  readonly op: 'join';
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly how: 'inner' | 'left' | 'right' | 'full' | 'left_semi' | 'left_anti' | 'cross';
  /** Equi-join column names (`on=['id']`): output keeps one copy. */
  readonly using?: readonly string[];
  /** Or a general condition. */
  readonly condition?: Expr;
}

export interface UnionNode {
  readonly op: 'union';
  readonly inputs: readonly LogicalPlan[];
  readonly byName?: boolean;
}

export type LogicalPlan =
  | SourceNode
  | LocalRelationNode
  | TableNode
  | ProjectNode
  | FilterNode
  | WithColumnsNode
  | RenameNode
  | DropNode
  | NaDropNode
  | NaFillNode
  | AggregateNode
  | WatermarkNode
  | SortNode
  | LimitNode
  | DeduplicateNode
  | JoinNode
  | UnionNode;

/** The inputs of a node, left to right. */
export function inputsOf(p: LogicalPlan): LogicalPlan[] {
  switch (p.op) {
    case 'source':
    case 'localRelation':
    case 'table':
      return [];
    case 'join':
      return [p.left, p.right];
    case 'union':
      return [...p.inputs];
    default:
      return [p.input];
  }
}

/** How a streaming query writes: what DataStreamWriter collects before start(). */
export interface SinkSpec {
  /** 'memory' | 'console' | 'json' | 'csv' | 'foreachBatch' | 'foreach' | 'noop' ... */
  readonly format: string;
  readonly outputMode: 'append' | 'update' | 'complete';
  readonly queryName?: string;
  readonly options: Readonly<Record<string, string>>;
  readonly trigger: TriggerSpec;
  readonly checkpointLocation?: string;
}

export type TriggerSpec =
  | { readonly kind: 'default' }
  | { readonly kind: 'processingTime'; readonly interval: string }
  | { readonly kind: 'once' }
  | { readonly kind: 'availableNow' };

/** A whole streaming query as data: what workspaces save and the PySpark export reads. */
export interface QuerySpec {
  readonly plan: LogicalPlan;
  readonly sink: SinkSpec;
}
