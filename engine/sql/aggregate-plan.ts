/**
 * Plans a SELECT block with GROUP BY, HAVING or aggregate calls, the way Spark's analyzer
 * shapes it (Aggregate, then Filter for HAVING, Sort, Project): the output is exactly the
 * select list, although an AggregateNode outputs its grouping columns first
 * (spark.sql.retainGroupColumns, DataFrame semantics):
 * - when the select list starts with the grouping expressions, they are the node's keys
 *   (`SELECT gt, count(*) AS n … GROUP BY gt` is `groupBy(gt).agg(count(*) AS n)`);
 * - otherwise the keys get hidden names and are dropped at the end.
 * HAVING conditions and ORDER BY expressions that are not select items are computed as
 * hidden results of the aggregate (Spark's ResolveAggregateFunctions adds them the same
 * way), filtered or sorted on, then dropped.
 */
import type { Expr, SortOrderExpr } from '../expr/ast';
import { exprName } from '../expr/index';
import type { LogicalPlan } from '../plan/logical-plan';
import type { GroupByClause } from './group-by-clause';
import {
  aliasNamed,
  containsAggregate,
  ordinalOf,
  sameExpr,
  selectAliases,
  selectItemAt,
  stripAlias,
  substituteAliases,
} from './select-list-refs';

export interface AggregateQuery {
  /** The FROM plan after WHERE. */
  readonly input: LogicalPlan;
  readonly items: readonly Expr[];
  readonly groupBy?: GroupByClause;
  readonly having?: Expr;
  readonly orderBy: readonly SortOrderExpr[];
  readonly distinct: boolean;
}

const HIDDEN_KEY = '__sql_key_';
const HIDDEN_HAVING = '__sql_having';
const HIDDEN_SORT = '__sql_sort_';

export function planAggregate(q: AggregateQuery): LogicalPlan {
  const aliases = selectAliases(q.items);
  const groups = (q.groupBy?.exprs ?? []).map((g) => groupingExpr(g, q.items, aliases));
  const prefix =
    groups.length > 0 &&
    groups.length <= q.items.length &&
    groups.every((g, i) => q.items[i].kind !== 'star' && sameExpr(stripAlias(q.items[i]), g));
  const hidden: string[] = [];
  const keys = prefix
    ? q.items.slice(0, groups.length)
    : groups.map((g, i) => {
        hidden.push(HIDDEN_KEY + i);
        return alias(g, HIDDEN_KEY + i);
      });
  const results: Expr[] = prefix ? q.items.slice(groups.length) : [...q.items];
  let having: Expr | undefined;
  if (q.having) {
    hidden.push(HIDDEN_HAVING);
    results.push(alias(substituteAliases(q.having, aliases), HIDDEN_HAVING));
    having = column(HIDDEN_HAVING);
  }
  const orders = q.distinct
    ? []
    : q.orderBy.map((o) => {
        const ref = outputReference(o.arg, q.items, aliases);
        if (ref) return { ...o, arg: ref };
        const name = HIDDEN_SORT + hidden.filter((h) => h.startsWith(HIDDEN_SORT)).length;
        hidden.push(name);
        results.push(alias(substituteAliases(o.arg, aliases), name));
        return { ...o, arg: column(name) };
      });

  let plan: LogicalPlan = {
    op: 'aggregate',
    input: q.input,
    groupBy: keys,
    aggregates: results,
    kind: q.groupBy?.kind ?? 'groupBy',
    ...(q.groupBy?.groupingSets ? { groupingSets: q.groupBy.groupingSets } : {}),
  };
  if (having) plan = { op: 'filter', input: plan, condition: having };
  if (orders.length > 0) plan = { op: 'sort', input: plan, orders };
  if (hidden.length > 0) plan = { op: 'drop', input: plan, columns: hidden };
  if (q.distinct) {
    plan = { op: 'deduplicate', input: plan };
    if (q.orderBy.length > 0)
      plan = {
        op: 'sort',
        input: plan,
        orders: q.orderBy.map((o) => ({
          ...o,
          arg: outputReference(o.arg, q.items, aliases) ?? o.arg,
        })),
      };
  }
  return plan;
}

/** A GROUP BY entry with ordinals and select aliases replaced by the select item they name. */
function groupingExpr(g: Expr, items: readonly Expr[], aliases: ReadonlyMap<string, Expr>): Expr {
  const position = ordinalOf(g);
  if (position !== undefined) return selectItemAt(items, position, 'GROUP BY');
  const target = aliasNamed(g, aliases);
  // Spark substitutes a select alias only when no input column has that name
  // (ResolveAggAliasInGroupBy); without the input schema here, the alias wins.
  if (target && !containsAggregate(target)) return target;
  return g;
}

/**
 * The output column an ORDER BY expression names when it is a select item (by ordinal,
 * alias or equal expression): Spark's output name, as the plan analyzer gives it.
 */
function outputReference(
  e: Expr,
  items: readonly Expr[],
  aliases: ReadonlyMap<string, Expr>,
): Expr | undefined {
  const position = ordinalOf(e);
  let index = -1;
  if (position !== undefined) {
    selectItemAt(items, position, 'ORDER BY');
    index = position - 1;
  } else if (aliasNamed(e, aliases)) {
    return e;
  } else {
    index = items.findIndex((item) => item.kind !== 'star' && sameExpr(stripAlias(item), e));
  }
  return index < 0 ? undefined : column(outputName(items[index]));
}

/** Spark's output name of a select item (the plan analyzer's outputName, without a schema). */
export function outputName(item: Expr): string {
  switch (item.kind) {
    case 'alias':
      return item.name;
    case 'column':
      return item.name[item.name.length - 1];
    case 'field':
      return item.field;
    default:
      return exprName(item);
  }
}

function alias(arg: Expr, name: string): Expr {
  return { kind: 'alias', arg, name };
}

function column(name: string): Expr {
  return { kind: 'column', name: [name] };
}
