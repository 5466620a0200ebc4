/**
 * Turning the DataFrame API's column arguments into expressions, as PySpark does: a
 * string names a column (`'*'` and `'s.*'` expand, `'a.b'` is a struct field), a Column
 * carries its expression, and lists may be passed where PySpark accepts them.
 */
import { IllegalArgumentException } from '../errors';
import type { Expr } from '../expr/ast';
import { Column } from '../expr/column';
import { col } from '../functions';

export type ColumnLike = string | Column;
/** PySpark lets `select(['a', 'b'])` stand for `select('a', 'b')`. */
export type ColumnArgs = readonly (ColumnLike | readonly ColumnLike[])[];

export function flattenColumns(args: ColumnArgs): ColumnLike[] {
  return args.flatMap((a) =>
    Array.isArray(a) ? [...(a as readonly ColumnLike[])] : [a as ColumnLike],
  );
}

export function toExpr(c: ColumnLike, argName = 'col'): Expr {
  if (typeof c === 'string') {
    if (c === '*') return { kind: 'star' };
    if (c.endsWith('.*') && !c.includes('`')) return { kind: 'star', qualifier: c.slice(0, -2) };
    return col(c).expr;
  }
  if (c instanceof Column) return c.expr;
  throw new IllegalArgumentException(
    `[NOT_COLUMN_OR_STR] Argument \`${argName}\` should be a Column or str, got ${typeof c}.`,
  );
}

export function toExprs(args: ColumnArgs, argName = 'cols'): Expr[] {
  return flattenColumns(args).map((c) => toExpr(c, argName));
}

/** A plain one-part column reference (no dotted-name parsing): for names taken from a schema. */
export function columnNamed(name: string): Expr {
  return { kind: 'column', name: [name] };
}
