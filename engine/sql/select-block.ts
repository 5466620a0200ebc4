/**
 * One SELECT block → LogicalPlan, in Spark's evaluation order: FROM, WHERE, then either
 * the aggregate path (GROUP BY / HAVING / aggregate calls, aggregate-plan.ts) or a
 * projection, then DISTINCT, ORDER BY and LIMIT.
 *
 * Without aggregation, ORDER BY runs below the projection with select aliases and
 * ordinals replaced by their expressions, so it may also sort on columns that are not
 * selected (Spark adds such missing attributes to the Project under its Sort; sorting
 * first is the same result). With DISTINCT it runs after deduplication, on output columns.
 */
import { AnalysisException } from '../errors';
import type { Expr, SortOrderExpr } from '../expr/ast';
import type { LogicalPlan } from '../plan/logical-plan';
import { outputName, planAggregate } from './aggregate-plan';
import { parseExprTokens } from './expr-fragment';
import { parseFrom, type FromContext } from './from-clause';
import { parseGroupBy } from './group-by-clause';
import { resolveQualifiers } from './qualifiers';
import { splitSelectClauses, type TokenRange } from './select-clauses';
import { parseSelectItem, parseSortItem, splitTopLevel } from './select-items';
import {
  containsAggregate,
  ordinalOf,
  selectAliases,
  selectItemAt,
  substituteAliases,
} from './select-list-refs';
import { isKeyword } from './token-cursor';

export function planSelectBlock(ctx: FromContext, range: TokenRange): LogicalPlan {
  const { text, tokens } = ctx;
  const clauses = splitSelectClauses(text, tokens, range.from, range.to);
  const tree = clauses.from ? parseFrom(ctx, clauses.from) : undefined;
  const rawItems = splitTopLevel(text, tokens, clauses.select).map((it) =>
    parseSelectItem(text, tokens, it),
  );
  const rawWhere = clauses.where
    ? parseExprTokens(text, tokens, clauses.where.from, clauses.where.to)
    : undefined;
  const rawGroupBy = clauses.groupBy ? parseGroupBy(text, tokens, clauses.groupBy) : undefined;
  const rawHaving = clauses.having
    ? parseExprTokens(text, tokens, clauses.having.from, clauses.having.to)
    : undefined;
  const rawOrders = clauses.orderBy
    ? splitTopLevel(text, tokens, clauses.orderBy).map((it) => parseSortItem(text, tokens, it))
    : [];
  const limit = clauses.limit ? parseLimit(ctx, clauses.limit) : undefined;

  const scope = resolveQualifiers(text, tree, [
    ...rawItems,
    ...(rawWhere ? [rawWhere] : []),
    ...(rawGroupBy?.exprs ?? []),
    ...(rawHaving ? [rawHaving] : []),
    ...rawOrders,
  ]);
  const items = rawItems.map(scope.rewriteSelectItem);
  const orderBy = rawOrders.map((o) => scope.rewrite(o) as SortOrderExpr);
  let plan: LogicalPlan = scope.plan;
  if (rawWhere) plan = { op: 'filter', input: plan, condition: scope.rewrite(rawWhere) };

  const aggregated =
    rawGroupBy !== undefined || rawHaving !== undefined || items.some(containsAggregate);
  if (aggregated) {
    plan = planAggregate({
      input: plan,
      items,
      ...(rawGroupBy
        ? { groupBy: { ...rawGroupBy, exprs: rawGroupBy.exprs.map(scope.rewrite) } }
        : {}),
      ...(rawHaving ? { having: scope.rewrite(rawHaving) } : {}),
      orderBy,
      distinct: clauses.distinct,
    });
  } else {
    plan = planProjection(plan, items, orderBy, clauses.distinct, scope.hiddenColumns);
  }
  return limit === undefined ? plan : { op: 'limit', input: plan, n: limit };
}

function planProjection(
  input: LogicalPlan,
  items: readonly Expr[],
  orderBy: readonly SortOrderExpr[],
  distinct: boolean,
  hiddenColumns: readonly string[],
): LogicalPlan {
  let plan = input;
  if (!distinct && orderBy.length > 0) {
    const aliases = selectAliases(items);
    const orders = orderBy.map((o) => {
      const position = ordinalOf(o.arg);
      return {
        ...o,
        arg:
          position !== undefined
            ? selectItemAt(items, position, 'ORDER BY')
            : substituteAliases(o.arg, aliases),
      };
    });
    plan = { op: 'sort', input: plan, orders };
  }
  // `SELECT *` alone is the input itself (Spark's Project [*] is an identity).
  const onlyStar =
    items.length === 1 && items[0].kind === 'star' && items[0].qualifier === undefined;
  if (!onlyStar) plan = { op: 'project', input: plan, exprs: items };
  if (
    hiddenColumns.length > 0 &&
    items.some((e) => e.kind === 'star' && e.qualifier === undefined)
  ) {
    plan = { op: 'drop', input: plan, columns: hiddenColumns };
  }
  if (distinct) {
    plan = { op: 'deduplicate', input: plan };
    if (orderBy.length > 0) {
      const orders = orderBy.map((o) => {
        const position = ordinalOf(o.arg);
        if (position === undefined) return o;
        selectItemAt(items, position, 'ORDER BY');
        return { ...o, arg: { kind: 'column' as const, name: [outputName(items[position - 1])] } };
      });
      plan = { op: 'sort', input: plan, orders };
    }
  }
  return plan;
}

/**
 * LIMIT n | LIMIT ALL. Spark accepts any foldable integer expression; Tidemark takes an
 * integer literal (INVALID_LIMIT_LIKE_EXPRESSION otherwise; the analyzer checks the sign).
 */
function parseLimit(ctx: FromContext, range: TokenRange): number | undefined {
  if (range.to - range.from === 1 && isKeyword(ctx.tokens[range.from], 'ALL')) return undefined;
  const e = parseExprTokens(ctx.text, ctx.tokens, range.from, range.to);
  const value =
    e.kind === 'unary' &&
    e.op === '-' &&
    e.arg.kind === 'literal' &&
    typeof e.arg.value === 'number'
      ? -e.arg.value
      : e.kind === 'literal'
        ? e.value
        : undefined;
  const literalType =
    e.kind === 'literal'
      ? e.dataType
      : e.kind === 'unary' && e.arg.kind === 'literal'
        ? e.arg.dataType
        : undefined;
  const sql = ctx.text.slice(ctx.tokens[range.from].start, ctx.tokens[range.to - 1].end);
  if (literalType === undefined) {
    throw new AnalysisException(
      'INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE',
      `The limit like expression "${sql}" is invalid. The limit expression must evaluate to a constant value.`,
      {
        messageParameters: { name: 'limit', expr: `"${sql}"` },
        sqlState: '42K0E',
      },
    );
  }
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    (literalType !== 'int' && literalType !== 'integer')
  ) {
    throw new AnalysisException(
      'INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE',
      `The limit like expression "${sql}" is invalid. The limit expression must be integer type, but got "${literalType.toUpperCase()}".`,
      {
        messageParameters: {
          name: 'limit',
          expr: `"${sql}"`,
          dataType: `"${literalType.toUpperCase()}"`,
        },
        sqlState: '42K0E',
      },
    );
  }
  return value;
}
