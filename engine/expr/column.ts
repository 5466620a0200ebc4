/**
 * PySpark's Column: a wrapper around an expression AST with PySpark's method names
 * (operators become methods: `col('x').gt(5)` for `col('x') > 5`). Plain JS values
 * given to a method are literals, as in PySpark (`col('gt').eq('sit')` compares with the
 * string 'sit'); only the functions module reads bare strings as column names.
 */
import { IllegalArgumentException } from '../errors';
import type { DataType } from '../types/data-types';
import { parseDataType } from '../types/ddl';
import type { BinaryOp, Expr, LiteralExpr } from './ast';
import { exprName } from './expr-sql';

export type LiteralValue = string | number | boolean | null | Date;
export type ColumnOrLiteral = Column | LiteralValue;

/** PySpark's lit() typing: int → INT (BIGINT beyond 32 bits), float → DOUBLE, Date → TIMESTAMP. */
export function literalExpr(value: LiteralValue): LiteralExpr {
  if (value === null || value === undefined) return { kind: 'literal', value: null, dataType: 'void' };
  if (value instanceof Date) return { kind: 'literal', value: value.getTime() * 1000, dataType: 'timestamp' };
  switch (typeof value) {
    case 'boolean':
      return { kind: 'literal', value, dataType: 'boolean' };
    case 'number':
      if (Number.isInteger(value) && !Object.is(value, -0)) {
        return { kind: 'literal', value, dataType: value >= -2147483648 && value <= 2147483647 ? 'int' : 'bigint' };
      }
      return { kind: 'literal', value, dataType: 'double' };
    case 'string':
      return { kind: 'literal', value, dataType: 'string' };
    default:
      throw new IllegalArgumentException(`[UNSUPPORTED_LITERAL_TYPE] Unsupported literal type ${typeof value}.`);
  }
}

export function toExprValue(v: ColumnOrLiteral): Expr {
  return v instanceof Column ? v.expr : literalExpr(v);
}

export class Column {
  constructor(readonly expr: Expr) {}

  private binary(op: BinaryOp, other: ColumnOrLiteral): Column {
    return new Column({ kind: 'binary', op, left: this.expr, right: toExprValue(other) });
  }

  // ---- naming and types ----------------------------------------------------------
  alias(name: string): Column {
    return new Column({ kind: 'alias', arg: this.expr.kind === 'alias' ? this.expr.arg : this.expr, name });
  }
  name(name: string): Column {
    return this.alias(name);
  }
  cast(dataType: string | DataType): Column {
    const to = typeof dataType === 'string' ? parseDataType(dataType).simpleString() : dataType.simpleString();
    return new Column({ kind: 'cast', arg: this.expr, to });
  }
  astype(dataType: string | DataType): Column {
    return this.cast(dataType);
  }
  try_cast(dataType: string | DataType): Column {
    const to = typeof dataType === 'string' ? parseDataType(dataType).simpleString() : dataType.simpleString();
    return new Column({ kind: 'cast', arg: this.expr, to, try: true });
  }

  // ---- arithmetic ----------------------------------------------------------------
  plus(other: ColumnOrLiteral): Column {
    return this.binary('+', other);
  }
  add(other: ColumnOrLiteral): Column {
    return this.plus(other);
  }
  minus(other: ColumnOrLiteral): Column {
    return this.binary('-', other);
  }
  subtract(other: ColumnOrLiteral): Column {
    return this.minus(other);
  }
  multiply(other: ColumnOrLiteral): Column {
    return this.binary('*', other);
  }
  divide(other: ColumnOrLiteral): Column {
    return this.binary('/', other);
  }
  mod(other: ColumnOrLiteral): Column {
    return this.binary('%', other);
  }
  negate(): Column {
    return new Column({ kind: 'unary', op: '-', arg: this.expr });
  }
  bitwiseAND(other: ColumnOrLiteral): Column {
    return this.binary('&', other);
  }
  bitwiseOR(other: ColumnOrLiteral): Column {
    return this.binary('|', other);
  }
  bitwiseXOR(other: ColumnOrLiteral): Column {
    return this.binary('^', other);
  }

  // ---- comparison and logic ------------------------------------------------------
  eq(other: ColumnOrLiteral): Column {
    return this.binary('=', other);
  }
  ne(other: ColumnOrLiteral): Column {
    return this.binary('!=', other);
  }
  lt(other: ColumnOrLiteral): Column {
    return this.binary('<', other);
  }
  le(other: ColumnOrLiteral): Column {
    return this.binary('<=', other);
  }
  gt(other: ColumnOrLiteral): Column {
    return this.binary('>', other);
  }
  ge(other: ColumnOrLiteral): Column {
    return this.binary('>=', other);
  }
  eqNullSafe(other: ColumnOrLiteral): Column {
    return this.binary('<=>', other);
  }
  and(other: ColumnOrLiteral): Column {
    return this.binary('AND', other);
  }
  or(other: ColumnOrLiteral): Column {
    return this.binary('OR', other);
  }
  /** PySpark's `~col`. */
  not(): Column {
    return new Column({ kind: 'unary', op: 'NOT', arg: this.expr });
  }

  // ---- predicates ----------------------------------------------------------------
  isNull(): Column {
    return new Column({ kind: 'isNull', arg: this.expr, negated: false });
  }
  isNotNull(): Column {
    return new Column({ kind: 'isNull', arg: this.expr, negated: true });
  }
  like(pattern: string): Column {
    return new Column({ kind: 'like', arg: this.expr, pattern: literalExpr(pattern), negated: false });
  }
  ilike(pattern: string): Column {
    return new Column({ kind: 'like', arg: this.expr, pattern: literalExpr(pattern), negated: false, caseInsensitive: true });
  }
  rlike(pattern: string): Column {
    return new Column({ kind: 'rlike', arg: this.expr, pattern: literalExpr(pattern), negated: false });
  }
  /** isin(1, 2, 3) or isin([1, 2, 3]). */
  isin(...values: (ColumnOrLiteral | readonly ColumnOrLiteral[])[]): Column {
    const flat = values.length === 1 && Array.isArray(values[0]) ? (values[0] as readonly ColumnOrLiteral[]) : (values as ColumnOrLiteral[]);
    return new Column({ kind: 'in', arg: this.expr, list: flat.map(toExprValue), negated: false });
  }
  between(lowerBound: ColumnOrLiteral, upperBound: ColumnOrLiteral): Column {
    return new Column({ kind: 'between', arg: this.expr, low: toExprValue(lowerBound), high: toExprValue(upperBound), negated: false });
  }
  contains(other: ColumnOrLiteral): Column {
    return new Column({ kind: 'call', name: 'contains', args: [this.expr, toExprValue(other)] });
  }
  startswith(other: ColumnOrLiteral): Column {
    return new Column({ kind: 'call', name: 'startswith', args: [this.expr, toExprValue(other)] });
  }
  endswith(other: ColumnOrLiteral): Column {
    return new Column({ kind: 'call', name: 'endswith', args: [this.expr, toExprValue(other)] });
  }

  // ---- access --------------------------------------------------------------------
  substr(startPos: ColumnOrLiteral, length: ColumnOrLiteral): Column {
    return new Column({ kind: 'call', name: 'substr', args: [this.expr, toExprValue(startPos), toExprValue(length)] });
  }
  getField(name: string): Column {
    return new Column({ kind: 'field', arg: this.expr, field: name });
  }
  getItem(key: ColumnOrLiteral): Column {
    return new Column({ kind: 'subscript', arg: this.expr, index: toExprValue(key) });
  }

  // ---- sort order (Spark's defaults: ASC NULLS FIRST, DESC NULLS LAST) ------------
  asc(): Column {
    return this.sort(true, true);
  }
  asc_nulls_first(): Column {
    return this.sort(true, true);
  }
  asc_nulls_last(): Column {
    return this.sort(true, false);
  }
  desc(): Column {
    return this.sort(false, false);
  }
  desc_nulls_first(): Column {
    return this.sort(false, true);
  }
  desc_nulls_last(): Column {
    return this.sort(false, false);
  }
  private sort(ascending: boolean, nullsFirst: boolean): Column {
    return new Column({ kind: 'sortOrder', arg: this.expr, ascending, nullsFirst });
  }

  // ---- CASE WHEN -----------------------------------------------------------------
  /** Adds a branch to a column built by functions.when(). */
  when(condition: Column, value: ColumnOrLiteral): Column {
    const e = this.expr;
    if (e.kind !== 'case' || e.otherwise !== undefined || e.operand !== undefined) {
      throw new IllegalArgumentException('[INVALID_WHEN_USAGE] when() can only be applied on a Column previously generated by when() function, and cannot be applied once otherwise() is applied.');
    }
    return new Column({ ...e, branches: [...e.branches, { when: condition.expr, then: toExprValue(value) }] });
  }
  otherwise(value: ColumnOrLiteral): Column {
    const e = this.expr;
    if (e.kind !== 'case' || e.otherwise !== undefined || e.operand !== undefined) {
      throw new IllegalArgumentException('[INVALID_OTHERWISE_USAGE] otherwise() can only be applied on a Column previously generated by when(), and only once.');
    }
    return new Column({ ...e, otherwise: toExprValue(value) });
  }

  /** PySpark's repr: Column<'(x + 1)'>. */
  toString(): string {
    return `Column<'${exprName(this.expr)}'>`;
  }
}
