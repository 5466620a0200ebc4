/**
 * PySpark's DataFrame: every transformation returns a new DataFrame over a new
 * LogicalPlan node (analyzed at once, as Spark's Dataset is, so mistakes fail where they
 * are made); nothing runs until an action (`collect`, `count`, `show`, …) on a static
 * DataFrame or `writeStream…start()` on a streaming one.
 */
import type { ColumnBatch } from '../batch/column-batch';
import { showString } from '../batch/show-string';
import { AnalysisException } from '../errors';
import type { Expr } from '../expr/ast';
import type { Column } from '../expr/column';
import { parseExpr } from '../expr/index';
import { executeStatic } from '../exec/execute-static';
import type { Session } from '../session';
import { DataStreamWriter } from '../stream/data-stream-writer';
import type { StructType } from '../types/struct-type';
import { analyzePlan, isStreamingPlan, type SourceTextScope } from './analyzer';
import { toExpr, toExprs, type ColumnArgs, type ColumnLike } from './column-args';
import { explainString } from './explain';
import { GroupedData } from './grouped-data';
import type { JoinNode, LogicalPlan } from './logical-plan';
import { DataFrameNaFunctions } from './na-functions';
import { planToJSON, type PlanJSON } from './plan-json';
import { streamingActionError } from './streaming-errors';

export type JoinType =
  | JoinNode['how']
  | 'outer'
  | 'full_outer'
  | 'fullouter'
  | 'left_outer'
  | 'leftouter'
  | 'right_outer'
  | 'rightouter'
  | 'semi'
  | 'leftsemi'
  | 'anti'
  | 'leftanti';

export interface SortOptions {
  /** PySpark's `ascending=` (one flag for all columns, or one per column). */
  readonly ascending?: boolean | readonly boolean[];
}

export class DataFrame {
  private readonly analyzedSchema: StructType;

  constructor(
    readonly plan: LogicalPlan,
    readonly session: Session,
    sourceText?: string,
    sourceTextScope: SourceTextScope = 'node',
  ) {
    this.analyzedSchema = analyzePlan(plan, session, sourceText, sourceTextScope);
  }

  get schema(): StructType {
    return this.analyzedSchema;
  }
  get columns(): string[] {
    return this.analyzedSchema.names;
  }
  /** [name, simpleString] pairs, as PySpark's `dtypes`. */
  get dtypes(): [string, string][] {
    return this.analyzedSchema.fields.map((f) => [f.name, f.dataType.simpleString()]);
  }
  get isStreaming(): boolean {
    return isStreamingPlan(this.plan);
  }

  /** Prints and returns Spark's schema tree. */
  printSchema(): string {
    const tree = this.analyzedSchema.treeString();
    console.log(tree);
    return tree;
  }

  private derive(plan: LogicalPlan, sourceText?: string): DataFrame {
    return new DataFrame(plan, this.session, sourceText);
  }

  select(...cols: ColumnArgs): DataFrame {
    return this.derive({ op: 'project', input: this.plan, exprs: toExprs(cols) });
  }

  selectExpr(...exprs: (string | readonly string[])[]): DataFrame {
    const texts = exprs.flat();
    return this.derive(
      { op: 'project', input: this.plan, exprs: texts.map((t) => parseExpr(t)) },
      texts.length === 1 ? texts[0] : undefined,
    );
  }

  filter(condition: string | Column): DataFrame {
    if (typeof condition === 'string') {
      return this.derive(
        { op: 'filter', input: this.plan, condition: parseExpr(condition) },
        condition,
      );
    }
    return this.derive({
      op: 'filter',
      input: this.plan,
      condition: toExpr(condition, 'condition'),
    });
  }
  where(condition: string | Column): DataFrame {
    return this.filter(condition);
  }

  withColumn(colName: string, col: Column): DataFrame {
    return this.withColumns({ [colName]: col });
  }
  withColumns(colsMap: Readonly<Record<string, Column>>): DataFrame {
    const names = Object.keys(colsMap);
    return this.derive({
      op: 'withColumns',
      input: this.plan,
      names,
      exprs: names.map((n) => toExpr(colsMap[n])),
    });
  }

  withColumnRenamed(existing: string, newName: string): DataFrame {
    return this.withColumnsRenamed({ [existing]: newName });
  }
  withColumnsRenamed(colsMap: Readonly<Record<string, string>>): DataFrame {
    return this.derive({
      op: 'withColumnsRenamed',
      input: this.plan,
      renames: Object.entries(colsMap),
    });
  }

  /** drop('a', 'b') or drop(col('a')): columns that do not exist are ignored, as in Spark. */
  drop(...cols: ColumnLike[]): DataFrame {
    const names = cols.map((c) => {
      if (typeof c === 'string') return c;
      const e = c.expr;
      return e.kind === 'column' ? e.name.join('.') : '';
    });
    return this.derive({ op: 'drop', input: this.plan, columns: names.filter((n) => n !== '') });
  }

  get na(): DataFrameNaFunctions {
    return new DataFrameNaFunctions(this);
  }
  dropna(how?: 'any' | 'all', thresh?: number, subset?: string | readonly string[]): DataFrame {
    return this.na.drop(how, thresh, subset);
  }
  fillna(
    value: string | number | boolean | Readonly<Record<string, string | number | boolean>>,
    subset?: string | readonly string[],
  ): DataFrame {
    return this.na.fill(value, subset);
  }

  groupBy(...cols: ColumnArgs): GroupedData {
    return new GroupedData(this, toExprs(cols), 'groupBy');
  }
  groupby(...cols: ColumnArgs): GroupedData {
    return this.groupBy(...cols);
  }
  cube(...cols: ColumnArgs): GroupedData {
    return new GroupedData(this, toExprs(cols), 'cube');
  }
  rollup(...cols: ColumnArgs): GroupedData {
    return new GroupedData(this, toExprs(cols), 'rollup');
  }
  /** df.agg(...) = df.groupBy().agg(...). */
  agg(...exprs: (Column | Readonly<Record<string, string>>)[]): DataFrame {
    return this.groupBy().agg(...exprs);
  }

  withWatermark(eventTime: string, delayThreshold: string): DataFrame {
    return this.derive({
      op: 'watermark',
      input: this.plan,
      column: eventTime,
      delay: delayThreshold,
    });
  }

  orderBy(...args: (ColumnLike | readonly ColumnLike[] | SortOptions)[]): DataFrame {
    const last = args[args.length - 1];
    const options = isSortOptions(last) ? last : undefined;
    const cols = (options ? args.slice(0, -1) : args) as ColumnArgs;
    const exprs = toExprs(cols);
    const asc = options?.ascending;
    const orders: Expr[] = exprs.map((e, i) => {
      const ascending = Array.isArray(asc) ? asc[i] !== false : asc !== false;
      if (e.kind === 'sortOrder' || (ascending && asc === undefined)) return e;
      return { kind: 'sortOrder', arg: e, ascending, nullsFirst: ascending };
    });
    return this.derive({ op: 'sort', input: this.plan, orders });
  }
  sort(...args: (ColumnLike | readonly ColumnLike[] | SortOptions)[]): DataFrame {
    return this.orderBy(...args);
  }

  limit(num: number): DataFrame {
    return this.derive({ op: 'limit', input: this.plan, n: num });
  }

  distinct(): DataFrame {
    return this.derive({ op: 'deduplicate', input: this.plan });
  }
  dropDuplicates(subset?: string | readonly string[]): DataFrame {
    return this.derive({
      op: 'deduplicate',
      input: this.plan,
      ...(subset !== undefined ? { columns: asList(subset) } : {}),
    });
  }
  drop_duplicates(subset?: string | readonly string[]): DataFrame {
    return this.dropDuplicates(subset);
  }
  dropDuplicatesWithinWatermark(subset?: string | readonly string[]): DataFrame {
    return this.derive({
      op: 'deduplicate',
      input: this.plan,
      withinWatermark: true,
      ...(subset !== undefined ? { columns: asList(subset) } : {}),
    });
  }

  union(other: DataFrame): DataFrame {
    return this.derive({ op: 'union', inputs: [this.plan, other.plan] });
  }
  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }
  unionByName(other: DataFrame): DataFrame {
    return this.derive({ op: 'union', inputs: [this.plan, other.plan], byName: true });
  }

  /** join(other, 'id' | ['id', …] | condition Column, how='inner'); no `on` is a cross join. */
  join(
    other: DataFrame,
    on?: string | readonly string[] | Column,
    how: JoinType = 'inner',
  ): DataFrame {
    const kind = joinType(how);
    const base = { op: 'join' as const, left: this.plan, right: other.plan };
    if (on === undefined) return this.derive({ ...base, how: kind === 'inner' ? 'cross' : kind });
    if (typeof on === 'string' || Array.isArray(on))
      return this.derive({ ...base, how: kind, using: asList(on as string | readonly string[]) });
    return this.derive({ ...base, how: kind, condition: toExpr(on as Column, 'on') });
  }
  crossJoin(other: DataFrame): DataFrame {
    return this.derive({ op: 'join', left: this.plan, right: other.plan, how: 'cross' });
  }

  createOrReplaceTempView(name: string): void {
    this.session.catalog.registerTempView(name, this.plan);
  }
  createTempView(name: string): void {
    if (this.session.catalog.tableExists(name)) {
      throw new AnalysisException(
        'TEMP_TABLE_OR_VIEW_ALREADY_EXISTS',
        `Cannot create the temporary view \`${name}\` because it already exists.\nChoose a different name, drop or replace the existing view, or add the IF NOT EXISTS clause to tolerate pre-existing views.`,
        { messageParameters: { relationName: '`' + name + '`' }, sqlState: '42P07' },
      );
    }
    this.session.catalog.registerTempView(name, this.plan);
  }

  /** Prints and returns the plan tree. */
  explain(): string {
    const text = `== Analyzed Logical Plan ==\n${this.columns.join(', ')}\n${explainString(this.plan)}`;
    console.log(text);
    return text;
  }
  planJSON(): PlanJSON {
    return planToJSON(this.plan);
  }

  get writeStream(): DataStreamWriter {
    if (!this.isStreaming) {
      throw new AnalysisException(
        'WRITE_STREAM_NOT_ALLOWED',
        '`writeStream` can be called only on streaming Dataset/DataFrame.',
        { sqlState: '42601' },
      );
    }
    return new DataStreamWriter(this);
  }

  // ---- actions (static DataFrames only) ----

  /** Runs the plan and returns the result as a columnar batch. */
  async toBatch(): Promise<ColumnBatch> {
    this.checkBatchAction();
    return executeStatic(this.plan, this.session);
  }
  async collect(): Promise<Record<string, unknown>[]> {
    return (await this.toBatch()).toRows();
  }
  async toRows(): Promise<Record<string, unknown>[]> {
    return this.collect();
  }
  async count(): Promise<number> {
    return (await this.toBatch()).numRows;
  }
  async take(num: number): Promise<Record<string, unknown>[]> {
    this.checkBatchAction();
    return this.limit(num).collect();
  }
  async head(n?: number): Promise<Record<string, unknown> | null | Record<string, unknown>[]> {
    if (n === undefined) return this.first();
    return this.take(n);
  }
  async first(): Promise<Record<string, unknown> | null> {
    const rows = await this.take(1);
    return rows.length === 0 ? null : rows[0];
  }
  /** Prints (and returns) Spark's table for the first `n` rows. */
  async show(n = 20, truncate: boolean | number = true): Promise<string> {
    this.checkBatchAction();
    const batch = await executeStatic({ op: 'limit', input: this.plan, n: n + 1 }, this.session);
    const text = showString(batch, n, truncate, this.session.exprConf().timeZone);
    console.log(text);
    return text;
  }

  private checkBatchAction(): void {
    if (this.isStreaming) throw streamingActionError();
  }
}

function isSortOptions(x: unknown): x is SortOptions {
  return (
    typeof x === 'object' && x !== null && !Array.isArray(x) && 'ascending' in x && !('expr' in x)
  );
}

function asList(x: string | readonly string[]): string[] {
  return typeof x === 'string' ? [x] : [...x];
}

/** Spark's JoinType.apply spellings. */
function joinType(how: JoinType): JoinNode['how'] {
  const h = how.toLowerCase().replace(/_/g, '');
  switch (h) {
    case 'inner':
      return 'inner';
    case 'cross':
      return 'cross';
    case 'outer':
    case 'full':
    case 'fullouter':
      return 'full';
    case 'left':
    case 'leftouter':
      return 'left';
    case 'right':
    case 'rightouter':
      return 'right';
    case 'semi':
    case 'leftsemi':
      return 'left_semi';
    case 'anti':
    case 'leftanti':
      return 'left_anti';
    default:
      throw new AnalysisException(
        'UNSUPPORTED_JOIN_TYPE',
        `Unsupported join type '${how}'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'left', 'leftouter', 'left_outer', 'right', 'rightouter', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.`,
        { messageParameters: { typ: how }, sqlState: '0A000' },
      );
  }
}
