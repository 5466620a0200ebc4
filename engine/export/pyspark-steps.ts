/**
 * One single-input plan node as a PySpark DataFrame method call (`.filter(...)`,
 * `.groupBy("gt").count()`, `.na.drop(how="any")`, ...), spelled as the lab writes them.
 */
import type { Expr } from '../expr/ast';
import type { LogicalPlan } from '../plan/logical-plan';
import { plainColumnName, pyColumn, type ColumnPrintContext } from './python-column';
import { pyScalar, pyStr, pyStrList } from './python-literals';
import { exprToSQL } from '../expr/expr-sql';

type SingleInputNode = Extract<LogicalPlan, { input: LogicalPlan }>;

/** The method call(s) for `node`, without the receiver: e.g. `.withColumn("error", ...)`. */
export function pyStep(node: SingleInputNode, ctx: ColumnPrintContext): string {
  switch (node.op) {
    case 'project':
      return projectStep(node.exprs, ctx);
    case 'filter':
      return `.filter(${pyColumn(node.condition, ctx)})`;
    case 'withColumns':
      if (node.names.length === 1)
        return `.withColumn(${pyStr(node.names[0])}, ${pyColumn(node.exprs[0], ctx)})`;
      return `.withColumns({${node.names.map((n, i) => `${pyStr(n)}: ${pyColumn(node.exprs[i], ctx)}`).join(', ')}})`;
    case 'withColumnsRenamed':
      if (node.renames.length === 1)
        return `.withColumnRenamed(${pyStr(node.renames[0][0])}, ${pyStr(node.renames[0][1])})`;
      return `.withColumnsRenamed({${node.renames.map(([from, to]) => `${pyStr(from)}: ${pyStr(to)}`).join(', ')}})`;
    case 'drop':
      return `.drop(${node.columns.map(pyStr).join(', ')})`;
    case 'naDrop': {
      // PySpark's thresh overrides how (DataFrameNaFunctions.drop(minNonNulls)), so how is left out then.
      const args =
        node.thresh !== undefined ? [`thresh=${node.thresh}`] : [`how=${pyStr(node.how)}`];
      if (node.subset !== undefined) args.push(`subset=${pyStrList(node.subset)}`);
      return `.na.drop(${args.join(', ')})`;
    }
    case 'naFill': {
      const v = node.value;
      if (typeof v === 'object') {
        return `.na.fill({${Object.entries(v)
          .map(([k, x]) => `${pyStr(k)}: ${pyScalar(x)}`)
          .join(', ')}})`;
      }
      return `.na.fill(${pyScalar(v)}${node.subset !== undefined ? `, subset=${pyStrList(node.subset)}` : ''})`;
    }
    case 'aggregate':
      return aggregateStep(node, ctx);
    case 'watermark':
      return `.withWatermark(${pyStr(node.column)}, ${pyStr(node.delay)})`;
    case 'sort':
      return `.orderBy(${node.orders.map((o) => plainColumnName(o) ?? pyColumn(o, ctx)).join(', ')})`;
    case 'limit':
      return `.limit(${node.n})`;
    case 'deduplicate': {
      const method = node.withinWatermark ? 'dropDuplicatesWithinWatermark' : 'dropDuplicates';
      return `.${method}(${node.columns !== undefined ? pyStrList(node.columns) : ''})`;
    }
  }
}

/**
 * `select("a", "b")` for plain columns, `selectExpr("...")` when nothing has a Column
 * form, else Column code per expression.
 */
function projectStep(exprs: readonly Expr[], ctx: ColumnPrintContext): string {
  const names = exprs.map(plainColumnName);
  if (names.every((n) => n !== null)) return `.select(${names.join(', ')})`;
  const columns = exprs.map((e) => plainColumnName(e) ?? pyColumn(e, ctx));
  if (columns.every((c) => c.startsWith('F.expr(')))
    return `.selectExpr(${exprs.map((e) => pyStr(exprToSQL(e))).join(', ')})`;
  return `.select(${columns.join(', ')})`;
}

function isCountStar(e: Expr): boolean {
  if (e.kind !== 'alias' || e.name !== 'count' || e.arg.kind !== 'call') return false;
  const call = e.arg;
  if (call.name.toLowerCase() !== 'count' || call.distinct || call.args.length !== 1) return false;
  const a = call.args[0];
  return a.kind === 'star' || (a.kind === 'literal' && a.value === 1);
}

function aggregateStep(
  node: Extract<LogicalPlan, { op: 'aggregate' }>,
  ctx: ColumnPrintContext,
): string {
  const keys = node.groupBy.map((e) => plainColumnName(e) ?? pyColumn(e, ctx));
  let grouping: string;
  if (node.kind === 'cube' || node.kind === 'rollup') {
    grouping = `.${node.kind}(${keys.join(', ')})`;
  } else if (node.groupingSets !== undefined) {
    // DataFrame.groupingSets (PySpark 4.0): each set lists the grouped columns themselves.
    const sets = node.groupingSets.map((set) => `[${set.map((i) => keys[i]).join(', ')}]`);
    grouping = `.groupingSets([${sets.join(', ')}]${keys.length > 0 ? ', ' : ''}${keys.join(', ')})`;
  } else {
    grouping = `.groupBy(${keys.join(', ')})`;
  }
  // GroupedData.count() is exactly count(1) AS count (RelationalGroupedDataset.count).
  if (node.aggregates.length === 1 && isCountStar(node.aggregates[0])) return `${grouping}.count()`;
  return `${grouping}.agg(${node.aggregates.map((e) => pyColumn(e, ctx)).join(', ')})`;
}
