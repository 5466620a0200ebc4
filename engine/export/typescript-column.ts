/**
 * Expr → TypeScript API arguments: a plain column as its name (`'gt'`, what select and
 * groupBy accept), anything else as `expr('<Spark SQL>')` from the engine's `exprToSQL`,
 * which Tidemark's parser reads back into the same expression (so results and generated
 * column names match). Sort orders become `expr('x').desc()` and the like, as the
 * TypeScript API has no SQL form for them.
 */
import type { Expr } from '../expr/ast';
import { exprToSQL } from '../expr/expr-sql';
import { tsStr } from './typescript-literals';

/** A column reference as `col()` parses it back: dotted parts, each a plain identifier. */
export function tsColumnName(e: Expr): string | null {
  if (e.kind !== 'column') return null;
  return e.name.every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) ? tsStr(e.name.join('.')) : null;
}

/** `'name'` for a plain column, else `expr('...')`; `imports` collects what the code uses. */
export function tsColumnArg(e: Expr, imports: Set<string>): string {
  return tsColumnName(e) ?? tsExpr(e, imports);
}

/** `expr('<Spark SQL>')`. */
export function tsExpr(e: Expr, imports: Set<string>): string {
  imports.add('expr');
  return `expr(${tsStr(sqlText(e))})`;
}

/** An ordering for orderBy: Column.asc() is ASC NULLS FIRST and desc() DESC NULLS LAST (Spark's defaults). */
export function tsSortOrder(e: Expr, imports: Set<string>): string {
  if (e.kind !== 'sortOrder') return tsColumnArg(e, imports);
  const method = e.ascending
    ? e.nullsFirst
      ? 'asc'
      : 'asc_nulls_last'
    : e.nullsFirst
      ? 'desc_nulls_first'
      : 'desc';
  return `${tsExpr(e.arg, imports)}.${method}()`;
}

/**
 * exprToSQL's text without the parentheses it puts around a whole operator expression
 * (`(x > 0)` reads back the same as `x > 0`), so the program reads as a person writes it.
 */
export function sqlText(e: Expr): string {
  const sql = exprToSQL(e);
  return wrapsWhole(sql) ? sql.slice(1, -1) : sql;
}

/** Whether the first `(` of `sql` closes at its last character, skipping quoted text. */
function wrapsWhole(sql: string): boolean {
  if (!sql.startsWith('(') || !sql.endsWith(')')) return false;
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote !== null) {
      if (c === '\\' && quote === "'") i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '`' || c === '"') {
      quote = c;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0) return i === sql.length - 1;
    }
  }
  return false;
}
