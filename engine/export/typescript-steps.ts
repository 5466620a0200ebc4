/**
 * One single-input plan node as TypeScript API method calls (`.filter(expr('x > 0'))`,
 * `.groupBy('gt').count()`, `.na.drop({ how: 'any' })`, ...), each building the same node
 * the plan holds. Aggregates over grouping sets have no DataFrame method and are written
 * by to-typescript.ts as a statement of their own.
 */
import type { Expr } from '../expr/ast';
import type { AggregateNode, LogicalPlan } from '../plan/logical-plan';
import { tsColumnArg, tsExpr, tsSortOrder } from './typescript-column';
import { isIndexLikeKey, tsKey, tsScalar, tsStr, tsStrList } from './typescript-literals';
import { call, type MethodCall } from './typescript-program';

type SingleInputNode = Extract<LogicalPlan, { input: LogicalPlan }>;

/** The calls for `node`, without the receiver. */
export function tsStep(node: SingleInputNode, imports: Set<string>): MethodCall[] {
  switch (node.op) {
    case 'project':
      return [call('select', ...node.exprs.map((e) => tsColumnArg(e, imports)))];
    case 'filter':
      return [call('filter', tsExpr(node.condition, imports))];
    case 'withColumns':
      return withColumnsCalls(node.names, node.exprs, imports);
    case 'withColumnsRenamed':
      return renameCalls(node.renames);
    case 'drop':
      return [call('drop', ...node.columns.map(tsStr))];
    case 'naDrop': {
      const options = [`how: ${tsStr(node.how)}`];
      if (node.thresh !== undefined) options.push(`thresh: ${node.thresh}`);
      if (node.subset !== undefined) options.push(`subset: ${tsStrList(node.subset)}`);
      return [call('na.drop', `{ ${options.join(', ')} }`)];
    }
    case 'naFill': {
      const v = node.value;
      if (typeof v === 'object') {
        const entries = Object.entries(v).map(([k, x]) => `${tsKey(k)}: ${tsScalar(x)}`);
        return [call('na.fill', `{ ${entries.join(', ')} }`)];
      }
      const subset = node.subset === undefined ? [] : [tsStrList(node.subset)];
      return [call('na.fill', tsScalar(v), ...subset)];
    }
    case 'aggregate':
      return aggregateCalls(node, imports);
    case 'watermark':
      return [call('withWatermark', tsStr(node.column), tsStr(node.delay))];
    case 'sort':
      return [call('orderBy', ...node.orders.map((o) => tsSortOrder(o, imports)))];
    case 'limit':
      return [call('limit', String(node.n))];
    case 'deduplicate': {
      const method = node.withinWatermark ? 'dropDuplicatesWithinWatermark' : 'dropDuplicates';
      return [call(method, ...(node.columns === undefined ? [] : [tsStrList(node.columns)]))];
    }
  }
}

/**
 * `.withColumn(name, expr)` or `.withColumns({...})`. An integer-like name would move to
 * the front of an object literal, so such a node is written as one withColumn per column;
 * that is the same unless a later expression reads an earlier new column.
 */
function withColumnsCalls(
  names: readonly string[],
  exprs: readonly Expr[],
  imports: Set<string>,
): MethodCall[] {
  if (names.length === 1 || names.some(isIndexLikeKey))
    return names.map((n, i) => call('withColumn', tsStr(n), tsExpr(exprs[i], imports)));
  const entries = names.map((n, i) => `${tsKey(n)}: ${tsExpr(exprs[i], imports)}`);
  return [call('withColumns', `{ ${entries.join(', ')} }`)];
}

/** `.withColumnRenamed(from, to)` or `.withColumnsRenamed({...})`, as withColumnsCalls. */
function renameCalls(renames: readonly (readonly [string, string])[]): MethodCall[] {
  if (renames.length === 1 || renames.some(([from]) => isIndexLikeKey(from)))
    return renames.map(([from, to]) => call('withColumnRenamed', tsStr(from), tsStr(to)));
  const entries = renames.map(([from, to]) => `${tsKey(from)}: ${tsStr(to)}`);
  return [call('withColumnsRenamed', `{ ${entries.join(', ')} }`)];
}

/** GroupedData.count() is exactly count(1) AS count (RelationalGroupedDataset.count). */
function isCountAll(e: Expr): boolean {
  if (e.kind !== 'alias' || e.name !== 'count' || e.arg.kind !== 'call') return false;
  const c = e.arg;
  if (c.name.toLowerCase() !== 'count' || c.distinct || c.args.length !== 1) return false;
  const a = c.args[0];
  return a.kind === 'literal' && a.value === 1 && a.dataType === 'int';
}

function aggregateCalls(node: AggregateNode, imports: Set<string>): MethodCall[] {
  const grouping = call(node.kind, ...node.groupBy.map((e) => tsColumnArg(e, imports)));
  if (node.aggregates.length === 1 && isCountAll(node.aggregates[0]))
    return [grouping, call('count')];
  return [grouping, call('agg', ...node.aggregates.map((e) => tsExpr(e, imports)))];
}
