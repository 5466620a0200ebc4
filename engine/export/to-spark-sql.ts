/**
 * `toSparkSQL(plan)`: the query as one Spark SQL SELECT statement, where the plan has one.
 * Sources become temp view names (the source id, or `viewNames[id]`), so the statement
 * runs with `spark.sql(...)` once the reader's DataFrame is registered with
 * `createOrReplaceTempView`.
 *
 * Plans with no SQL form give null; `explainNotExportable(plan)` says why (withWatermark
 * has no SQL clause, dropDuplicates(cols) keeps an arbitrary first row, ...).
 */
import type { Expr } from '../expr/ast';
import type {
  AggregateNode,
  JoinNode,
  LogicalPlan,
  NaDropNode,
  SourceNode,
  UnionNode,
} from '../plan/logical-plan';
import { DoubleType, FloatType } from '../types/data-types';
import { toStructType } from '../types/ddl';
import { exprName, exprToSQL as sparkSql, quoteIfNeeded as quoteIdent } from '../expr/expr-sql';
import { indent, SqlQueryBlock, type SqlColumn } from './sql-query-block';

export interface SparkSqlExportOptions {
  /** Temp view name per source id (default: the id). */
  readonly viewNames?: Readonly<Record<string, string>>;
}

/** Thrown inside the compiler with the reason a node has no SQL form; never escapes this file. */
class NotExportable extends Error {}

export function toSparkSQL(plan: LogicalPlan, options: SparkSqlExportOptions = {}): string | null {
  try {
    return new SqlCompiler(options).statement(plan);
  } catch (e) {
    if (e instanceof NotExportable) return null;
    throw e;
  }
}

/** Why `toSparkSQL(plan)` is null, or null when it has a SQL form. */
export function explainNotExportable(
  plan: LogicalPlan,
  options: SparkSqlExportOptions = {},
): string | null {
  try {
    new SqlCompiler(options).statement(plan);
    return null;
  } catch (e) {
    if (e instanceof NotExportable) return e.message;
    throw e;
  }
}

class SqlCompiler {
  private subqueries = 0;
  constructor(private readonly options: SparkSqlExportOptions) {}

  statement(plan: LogicalPlan): string {
    if (plan.op === 'union') return this.union(plan);
    return this.block(plan).toSQL();
  }

  /** Wraps `b` as a subquery so later clauses apply to its result. */
  private wrap(b: SqlQueryBlock): SqlQueryBlock {
    return new SqlQueryBlock(b.asSubquery(`q${++this.subqueries}`), b.columns);
  }

  private fromItem(plan: LogicalPlan): SqlQueryBlock {
    if (plan.op === 'union')
      return new SqlQueryBlock(`(\n${indent(this.union(plan))}\n) AS q${++this.subqueries}`, null);
    return this.block(plan);
  }

  private block(plan: LogicalPlan): SqlQueryBlock {
    switch (plan.op) {
      case 'source':
        return this.source(plan);
      case 'table':
        return new SqlQueryBlock(quoteIdent(plan.name), null);
      case 'localRelation':
        throw new NotExportable(
          'inline rows (createDataFrame) have no temp view to select from; register them as a view first',
        );
      case 'join':
        return this.join(plan);
      case 'union':
        return this.fromItem(plan);
      case 'watermark':
        throw new NotExportable(
          `withWatermark("${plan.column}", "${plan.delay}") has no Spark SQL clause; the PySpark export keeps it`,
        );
      case 'naFill':
        throw new NotExportable(
          "na.fill depends on each column's type and has no single Spark SQL form; the PySpark export keeps it",
        );
      default:
        break;
    }
    let b = this.block(plan.input);
    switch (plan.op) {
      case 'filter':
        if (b.pastWhere) b = this.wrap(b);
        b.where.push(sparkSql(plan.condition));
        return b;
      case 'project':
        if (b.pastWhere) b = this.wrap(b);
        b.select = plan.exprs.map(sparkSql);
        b.columns = outputColumns(plan.exprs, b.columns);
        return b;
      case 'withColumns':
        return this.withColumns(b, plan.names, plan.exprs);
      case 'withColumnsRenamed': {
        const cols = this.knownColumns(b, 'withColumnRenamed');
        const renames = new Map(plan.renames.map(([from, to]) => [from.toLowerCase(), to]));
        return this.reselect(
          b,
          cols.map((c) => ({ ...c, newName: renames.get(c.name.toLowerCase()) })),
        );
      }
      case 'drop': {
        const dropped = new Set(plan.columns.map((c) => c.toLowerCase()));
        const cols = this.knownColumns(b, 'drop');
        return this.reselect(
          b,
          cols.filter((c) => !dropped.has(c.name.toLowerCase())),
        );
      }
      case 'naDrop':
        if (b.pastWhere) b = this.wrap(b);
        b.where.push(naDropPredicate(plan, this.knownColumns(b, 'na.drop')));
        return b;
      case 'aggregate':
        return this.aggregate(b, plan);
      case 'sort':
        if (b.pastOrder) b = this.wrap(b);
        b.orderBy = plan.orders.map(sparkSql);
        return b;
      case 'limit':
        if (b.limit !== null) b = this.wrap(b);
        b.limit = plan.n;
        return b;
      case 'deduplicate':
        if (plan.columns !== undefined || plan.withinWatermark) {
          throw new NotExportable(
            `${plan.withinWatermark ? 'dropDuplicatesWithinWatermark' : 'dropDuplicates'}(columns) keeps the first row per key, which SQL cannot say; the PySpark export keeps it`,
          );
        }
        if (b.distinct || b.pastOrder) b = this.wrap(b);
        b.distinct = true;
        return b;
    }
  }

  private source(node: SourceNode): SqlQueryBlock {
    const view = this.options.viewNames?.[node.id] ?? node.id;
    const columns =
      node.schema === undefined
        ? null
        : toStructType(node.schema as object).fields.map((f) => ({
            name: f.name,
            type: f.dataType,
          }));
    return new SqlQueryBlock(quoteIdent(view), columns);
  }

  private knownColumns(b: SqlQueryBlock, what: string): readonly SqlColumn[] {
    if (b.columns === null)
      throw new NotExportable(
        `${what} needs the input's column list, which is not known without the source schema`,
      );
    return b.columns;
  }

  /** SELECT every known column (optionally renamed) in order. */
  private reselect(
    b: SqlQueryBlock,
    cols: readonly (SqlColumn & { newName?: string })[],
  ): SqlQueryBlock {
    if (b.pastWhere) b = this.wrap(b);
    b.select = cols.map((c) =>
      c.newName !== undefined
        ? `${quoteIdent(c.name)} AS ${quoteIdent(c.newName)}`
        : quoteIdent(c.name),
    );
    b.columns = cols.map((c) => ({ name: c.newName ?? c.name, type: c.type }));
    return b;
  }

  /** withColumn keeps the column's position when it replaces one (Dataset.withColumns). */
  private withColumns(
    b: SqlQueryBlock,
    names: readonly string[],
    exprs: readonly Expr[],
  ): SqlQueryBlock {
    if (b.pastWhere) b = this.wrap(b);
    const added = names.map((n, i) => ({
      name: n,
      sql: `${sparkSql(exprs[i])} AS ${quoteIdent(n)}`,
    }));
    if (b.columns === null) {
      b.select = ['*', ...added.map((a) => a.sql)];
      return b;
    }
    const byName = new Map(added.map((a) => [a.name.toLowerCase(), a]));
    const select = b.columns.map(
      (c) => byName.get(c.name.toLowerCase())?.sql ?? quoteIdent(c.name),
    );
    const existing = new Set(b.columns.map((c) => c.name.toLowerCase()));
    const fresh = added.filter((a) => !existing.has(a.name.toLowerCase()));
    b.select = [...select, ...fresh.map((a) => a.sql)];
    b.columns = [
      ...b.columns.map((c) => (byName.has(c.name.toLowerCase()) ? { name: c.name } : c)),
      ...fresh.map((a) => ({ name: a.name })),
    ];
    return b;
  }

  private aggregate(b: SqlQueryBlock, node: AggregateNode): SqlQueryBlock {
    if (b.pastWhere) b = this.wrap(b);
    const keys = node.groupBy.map((e) => sparkSql(e.kind === 'alias' ? e.arg : e));
    b.select = [...node.groupBy.map(sparkSql), ...node.aggregates.map(sparkSql)];
    if (node.kind === 'cube' || node.kind === 'rollup') {
      b.groupBy = `${node.kind.toUpperCase()}(${keys.join(', ')})`;
    } else if (node.groupingSets !== undefined) {
      b.groupBy = `GROUPING SETS (${node.groupingSets.map((set) => `(${set.map((i) => keys[i]).join(', ')})`).join(', ')})`;
    } else if (keys.length > 0) {
      b.groupBy = keys.join(', ');
    }
    b.columns = outputColumns([...node.groupBy, ...node.aggregates], b.columns);
    return b;
  }

  private join(node: JoinNode): SqlQueryBlock {
    const side = (p: LogicalPlan, alias: string): string => {
      const b = this.fromItem(p);
      return b.pastWhere || b.where.length > 0 ? b.asSubquery(alias) : `${b.from} AS ${alias}`;
    };
    const how = {
      inner: 'JOIN',
      left: 'LEFT JOIN',
      right: 'RIGHT JOIN',
      full: 'FULL JOIN',
      left_semi: 'LEFT SEMI JOIN',
      left_anti: 'LEFT ANTI JOIN',
      cross: 'CROSS JOIN',
    }[node.how];
    let from = `${side(node.left, 'l')}\n${how} ${side(node.right, 'r')}`;
    if (node.using !== undefined) from += ` USING (${node.using.map(quoteIdent).join(', ')})`;
    else if (node.condition !== undefined) from += ` ON ${sparkSql(node.condition)}`;
    return new SqlQueryBlock(from, null);
  }

  private union(node: UnionNode): string {
    if (node.byName)
      throw new NotExportable(
        'unionByName matches columns by name; Spark SQL UNION matches them by position',
      );
    return node.inputs.map((p) => this.fromItem(p).toSQL()).join('\nUNION ALL\n');
  }
}

/** Output names (and types of passed-through columns) of a select list; null when `*` hides them. */
function outputColumns(
  exprs: readonly Expr[],
  input: readonly SqlColumn[] | null,
): SqlColumn[] | null {
  const out: SqlColumn[] = [];
  for (const e of exprs) {
    if (e.kind === 'star') {
      if (input === null) return null;
      out.push(...input);
      continue;
    }
    const inner = e.kind === 'alias' ? e.arg : e;
    // A column keeps its last name part (`window.start` is named start); other names are Spark's.
    const name = e.kind === 'column' ? e.name[e.name.length - 1] : exprName(e);
    const source =
      inner.kind === 'column' && input !== null
        ? input.find(
            (c) => c.name.toLowerCase() === inner.name[inner.name.length - 1].toLowerCase(),
          )
        : undefined;
    out.push({ name, type: source?.type });
  }
  return out;
}

/**
 * DataFrameNaFunctions.drop as a predicate: keep a row when at least n of the columns are
 * non-null (and not NaN for float/double columns) — Spark's AtLeastNNonNulls.
 */
function naDropPredicate(node: NaDropNode, columns: readonly SqlColumn[]): string {
  const chosen =
    node.subset === undefined
      ? columns
      : node.subset.map((s) => {
          const c = columns.find((x) => x.name.toLowerCase() === s.toLowerCase());
          if (c === undefined)
            throw new NotExportable(`na.drop subset column ${s} is not among the input columns`);
          return c;
        });
  const present = chosen.map((c) => {
    if (c.type === undefined)
      throw new NotExportable(
        `na.drop needs the type of ${c.name} (NaN counts as null in double columns), which is not known here`,
      );
    const id = quoteIdent(c.name);
    return c.type instanceof DoubleType || c.type instanceof FloatType
      ? `(${id} IS NOT NULL AND NOT isnan(${id}))`
      : `${id} IS NOT NULL`;
  });
  const n = node.thresh ?? (node.how === 'all' ? 1 : chosen.length);
  if (n <= 0 || present.length === 0) return 'true';
  if (n === present.length) return `(${present.join(' AND ')})`;
  if (n === 1) return `(${present.join(' OR ')})`;
  return `(${present.map((p) => `CASE WHEN ${p} THEN 1 ELSE 0 END`).join(' + ')}) >= ${n}`;
}
