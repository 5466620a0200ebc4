/**
 * How GROUP BY, HAVING and ORDER BY refer back to the select list, as Spark's analyzer
 * allows: by ordinal (`ORDER BY 2`, spark.sql.orderByOrdinal / groupByOrdinal — the
 * SubstituteUnresolvedOrdinals rule), by alias (`ORDER BY n`, `HAVING n > 1`,
 * spark.sql.groupByAliases), or by repeating the expression. Errors follow Spark's
 * GROUP_BY_POS_* / ORDER_BY_POS_OUT_OF_RANGE / STAR_GROUP_BY_POS texts.
 */
import { AnalysisException } from '../errors';
import { childrenOf, type Expr } from '../expr/ast';
import { exprToSQL, isAggregateFunction } from '../expr/index';
import { mapChildren } from '../plan/expr-rewrite';

/** The 1-based position an integer literal names, or undefined for any other expression. */
export function ordinalOf(e: Expr): number | undefined {
  if (e.kind !== 'literal' || typeof e.value !== 'number' || !Number.isInteger(e.value))
    return undefined;
  return e.dataType === 'int' || e.dataType === 'integer' ? e.value : undefined;
}

/** The select item an ordinal names, alias removed; Spark's errors when it names nothing usable. */
export function selectItemAt(
  items: readonly Expr[],
  position: number,
  clause: 'GROUP BY' | 'ORDER BY',
): Expr {
  const kind = clause === 'GROUP BY' ? 'GROUP_BY_POS_OUT_OF_RANGE' : 'ORDER_BY_POS_OUT_OF_RANGE';
  if (position < 1 || position > items.length) {
    throw new AnalysisException(
      kind,
      `${clause} position ${position} is not in select list (valid range is [1, ${items.length}]).`,
      {
        messageParameters: { index: String(position), size: String(items.length) },
        sqlState: '42805',
      },
    );
  }
  const item = items[position - 1];
  if (item.kind === 'star' && clause === 'ORDER BY') {
    throw new AnalysisException(
      'UNSUPPORTED_FEATURE.SQL_CONSTRUCT',
      'The feature is not supported: ORDER BY the position of a * select item in session.sql().',
      {
        messageParameters: { feature: 'ORDER BY the position of a * select item' },
        sqlState: '0A000',
      },
    );
  }
  if (item.kind === 'star') {
    throw new AnalysisException(
      'STAR_GROUP_BY_POS',
      'Star (*) is not allowed in a select list when GROUP BY an ordinal position is used.',
      { sqlState: '0A000' },
    );
  }
  const target = stripAlias(item);
  if (clause === 'GROUP BY' && containsAggregate(target)) {
    const sql = exprToSQL(target);
    throw new AnalysisException(
      'GROUP_BY_POS_AGGREGATE',
      `GROUP BY ${position} refers to an expression ${sql} that contains an aggregate function. Aggregate functions are not allowed in GROUP BY.`,
      { messageParameters: { index: String(position), aggExpr: sql }, sqlState: '42903' },
    );
  }
  return target;
}

export function stripAlias(e: Expr): Expr {
  return e.kind === 'alias' ? e.arg : e;
}

/** Select aliases by lower-cased name (the first wins, as Spark's resolver picks one). */
export function selectAliases(items: readonly Expr[]): Map<string, Expr> {
  const out = new Map<string, Expr>();
  for (const item of items) {
    if (item.kind === 'alias' && !out.has(item.name.toLowerCase()))
      out.set(item.name.toLowerCase(), item.arg);
  }
  return out;
}

/** The select alias a bare one-part column names, if any. */
export function aliasNamed(e: Expr, aliases: ReadonlyMap<string, Expr>): Expr | undefined {
  return e.kind === 'column' && e.name.length === 1
    ? aliases.get(e.name[0].toLowerCase())
    : undefined;
}

/** Replaces every bare reference to a select alias by the aliased expression. */
export function substituteAliases(e: Expr, aliases: ReadonlyMap<string, Expr>): Expr {
  const target = aliasNamed(e, aliases);
  if (target) return target;
  return mapChildren(e, (c) => substituteAliases(c, aliases));
}

/** Structural equality ignoring spans, and the case of names (spark.sql.caseSensitive=false). */
export function sameExpr(a: Expr, b: Expr): boolean {
  return exprKey(a) === exprKey(b);
}

function exprKey(e: Expr): string {
  return JSON.stringify(e, (k, v: unknown) => {
    if (k === 'span') return undefined;
    if (k === 'name' && Array.isArray(v)) return v.map((s) => String(s).toLowerCase());
    return v;
  });
}

export function containsAggregate(e: Expr): boolean {
  if (e.kind === 'call' && isAggregateFunction(e.name)) return true;
  return childrenOf(e).some(containsAggregate);
}
