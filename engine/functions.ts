/**
 * PySpark's `pyspark.sql.functions` for Tidemark: each function only builds an
 * expression (a CallExpr or operator node) wrapped in a Column. As in PySpark, a string
 * where a column is expected names a column (`upper('gt')`), while pattern, format,
 * separator and duration parameters are plain values (`regexp_replace('s', '\\d', 'x')`).
 */
import type { Expr } from './expr/ast';
import { Column, literalExpr, toExprValue, type ColumnOrLiteral, type LiteralValue } from './expr/column';
import { parseExpr } from './expr/parser';

export { Column };
export type ColumnOrName = Column | string;

/** A column reference: 'a', 'a.b' (struct field), '`a.b`' (a name with a dot), '*'. */
export function col(name: string): Column {
  if (name === '*') return new Column({ kind: 'star' });
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '`') {
      if (quoted && name[i + 1] === '`') {
        current += '`';
        i++;
      } else quoted = !quoted;
    } else if (c === '.' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  if (parts.length > 1 && parts[parts.length - 1] === '*') return new Column({ kind: 'star', qualifier: parts.slice(0, -1).join('.') });
  return new Column({ kind: 'column', name: parts });
}
export const column = col;

export function lit(value: LiteralValue | Column): Column {
  return value instanceof Column ? value : new Column(literalExpr(value));
}

/** Parses a SQL expression string (`expr("count(*)")`). */
export function expr(text: string): Column {
  return new Column(parseExpr(text));
}

function c(x: ColumnOrName): Expr {
  return typeof x === 'string' ? col(x).expr : x.expr;
}
function v(x: ColumnOrLiteral): Expr {
  return toExprValue(x);
}
function call(name: string, ...args: Expr[]): Column {
  return new Column({ kind: 'call', name, args });
}

// ---- conditional and logic ---------------------------------------------------------
export function when(condition: Column, value: ColumnOrLiteral): Column {
  return new Column({ kind: 'case', branches: [{ when: condition.expr, then: v(value) }] });
}
export function not_(x: ColumnOrName): Column {
  return new Column({ kind: 'unary', op: 'NOT', arg: c(x) });
}
export function coalesce(...cols: ColumnOrName[]): Column {
  return call('coalesce', ...cols.map(c));
}
export const nvl = (a: ColumnOrName, b: ColumnOrName): Column => call('nvl', c(a), c(b));
export const ifnull = (a: ColumnOrName, b: ColumnOrName): Column => call('ifnull', c(a), c(b));
export const nullif = (a: ColumnOrName, b: ColumnOrName): Column => call('nullif', c(a), c(b));
export const nvl2 = (a: ColumnOrName, b: ColumnOrName, d: ColumnOrName): Column => call('nvl2', c(a), c(b), c(d));
export const isnull = (x: ColumnOrName): Column => call('isnull', c(x));
export const isnotnull = (x: ColumnOrName): Column => call('isnotnull', c(x));
export const isnan = (x: ColumnOrName): Column => call('isnan', c(x));
export const nanvl = (a: ColumnOrName, b: ColumnOrName): Column => call('nanvl', c(a), c(b));
export const greatest = (...cols: ColumnOrName[]): Column => call('greatest', ...cols.map(c));
export const least = (...cols: ColumnOrName[]): Column => call('least', ...cols.map(c));

// ---- strings -------------------------------------------------------------------------
export const upper = (x: ColumnOrName): Column => call('upper', c(x));
export const lower = (x: ColumnOrName): Column => call('lower', c(x));
export const length = (x: ColumnOrName): Column => call('length', c(x));
export const char_length = (x: ColumnOrName): Column => call('char_length', c(x));
export const initcap = (x: ColumnOrName): Column => call('initcap', c(x));
export const reverse = (x: ColumnOrName): Column => call('reverse', c(x));
export const trim = (x: ColumnOrName): Column => call('trim', c(x));
export const ltrim = (x: ColumnOrName): Column => call('ltrim', c(x));
export const rtrim = (x: ColumnOrName): Column => call('rtrim', c(x));
export const substring = (x: ColumnOrName, pos: number | Column, len: number | Column): Column => call('substring', c(x), v(pos), v(len));
export const substr = (x: ColumnOrName, pos: Column | number, len?: Column | number): Column =>
  len === undefined ? call('substr', c(x), v(pos)) : call('substr', c(x), v(pos), v(len));
export const concat = (...cols: ColumnOrName[]): Column => call('concat', ...cols.map(c));
export const concat_ws = (sep: string, ...cols: ColumnOrName[]): Column => call('concat_ws', literalExpr(sep), ...cols.map(c));
export const lpad = (x: ColumnOrName, len: number, pad: string): Column => call('lpad', c(x), literalExpr(len), literalExpr(pad));
export const rpad = (x: ColumnOrName, len: number, pad: string): Column => call('rpad', c(x), literalExpr(len), literalExpr(pad));
export const instr = (x: ColumnOrName, sub: string): Column => call('instr', c(x), literalExpr(sub));
export const locate = (sub: string, x: ColumnOrName, pos = 1): Column => call('locate', literalExpr(sub), c(x), literalExpr(pos));
export const replace = (x: ColumnOrName, search: ColumnOrName, rep?: ColumnOrName): Column =>
  rep === undefined ? call('replace', c(x), c(search)) : call('replace', c(x), c(search), c(rep));
export const split = (x: ColumnOrName, pattern: string, limit = -1): Column => call('split', c(x), literalExpr(pattern), literalExpr(limit));
export const regexp_replace = (x: ColumnOrName, pattern: string | Column, replacement: string | Column): Column => call('regexp_replace', c(x), v(pattern), v(replacement));
export const regexp_extract = (x: ColumnOrName, pattern: string, idx: number): Column => call('regexp_extract', c(x), literalExpr(pattern), literalExpr(idx));

// ---- math ----------------------------------------------------------------------------
export const abs = (x: ColumnOrName): Column => call('abs', c(x));
export const round = (x: ColumnOrName, scale = 0): Column => call('round', c(x), literalExpr(scale));
export const bround = (x: ColumnOrName, scale = 0): Column => call('bround', c(x), literalExpr(scale));
export const ceil = (x: ColumnOrName): Column => call('ceil', c(x));
export const ceiling = (x: ColumnOrName): Column => call('ceiling', c(x));
export const floor = (x: ColumnOrName): Column => call('floor', c(x));
export const sqrt = (x: ColumnOrName): Column => call('sqrt', c(x));
export const exp = (x: ColumnOrName): Column => call('exp', c(x));
export const ln = (x: ColumnOrName): Column => call('ln', c(x));
export const log10 = (x: ColumnOrName): Column => call('log10', c(x));
export const log2 = (x: ColumnOrName): Column => call('log2', c(x));
export const signum = (x: ColumnOrName): Column => call('signum', c(x));
/** log(x) is the natural log; log(base, x) as PySpark's log(arg1, arg2). */
export function log(arg1: ColumnOrName | number, arg2?: ColumnOrName): Column {
  if (arg2 === undefined) return call('ln', c(arg1 as ColumnOrName));
  return call('log', typeof arg1 === 'number' ? literalExpr(arg1) : c(arg1), c(arg2));
}
export const pow = (x: ColumnOrName | number, y: ColumnOrName | number): Column =>
  call('power', typeof x === 'number' ? literalExpr(x) : c(x), typeof y === 'number' ? literalExpr(y) : c(y));
export const power = pow;
export const try_add = (a: ColumnOrName, b: ColumnOrName): Column => call('try_add', c(a), c(b));
export const try_subtract = (a: ColumnOrName, b: ColumnOrName): Column => call('try_subtract', c(a), c(b));
export const try_multiply = (a: ColumnOrName, b: ColumnOrName): Column => call('try_multiply', c(a), c(b));
export const try_divide = (a: ColumnOrName, b: ColumnOrName): Column => call('try_divide', c(a), c(b));

// ---- date and time -------------------------------------------------------------------
export const to_timestamp = (x: ColumnOrName, format?: string): Column => (format === undefined ? call('to_timestamp', c(x)) : call('to_timestamp', c(x), literalExpr(format)));
export const to_date = (x: ColumnOrName, format?: string): Column => (format === undefined ? call('to_date', c(x)) : call('to_date', c(x), literalExpr(format)));
export const from_unixtime = (x: ColumnOrName, format = 'yyyy-MM-dd HH:mm:ss'): Column => call('from_unixtime', c(x), literalExpr(format));
export function unix_timestamp(x?: ColumnOrName, format = 'yyyy-MM-dd HH:mm:ss'): Column {
  return x === undefined ? call('unix_timestamp') : call('unix_timestamp', c(x), literalExpr(format));
}
export const date_format = (x: ColumnOrName, format: string): Column => call('date_format', c(x), literalExpr(format));
export const year = (x: ColumnOrName): Column => call('year', c(x));
export const quarter = (x: ColumnOrName): Column => call('quarter', c(x));
export const month = (x: ColumnOrName): Column => call('month', c(x));
export const dayofmonth = (x: ColumnOrName): Column => call('dayofmonth', c(x));
export const day = (x: ColumnOrName): Column => call('day', c(x));
export const dayofweek = (x: ColumnOrName): Column => call('dayofweek', c(x));
export const dayofyear = (x: ColumnOrName): Column => call('dayofyear', c(x));
export const weekofyear = (x: ColumnOrName): Column => call('weekofyear', c(x));
export const hour = (x: ColumnOrName): Column => call('hour', c(x));
export const minute = (x: ColumnOrName): Column => call('minute', c(x));
export const second = (x: ColumnOrName): Column => call('second', c(x));
export const current_timestamp = (): Column => call('current_timestamp');
export const now = (): Column => call('now');
export const current_date = (): Column => call('current_date');
export const timestamp_seconds = (x: ColumnOrName): Column => call('timestamp_seconds', c(x));
export const timestamp_millis = (x: ColumnOrName): Column => call('timestamp_millis', c(x));
export const timestamp_micros = (x: ColumnOrName): Column => call('timestamp_micros', c(x));
export const unix_seconds = (x: ColumnOrName): Column => call('unix_seconds', c(x));
export const unix_millis = (x: ColumnOrName): Column => call('unix_millis', c(x));
export const unix_micros = (x: ColumnOrName): Column => call('unix_micros', c(x));
export const date_add = (x: ColumnOrName, days: number | Column): Column => call('date_add', c(x), v(days));
export const date_sub = (x: ColumnOrName, days: number | Column): Column => call('date_sub', c(x), v(days));
export const datediff = (end: ColumnOrName, start: ColumnOrName): Column => call('datediff', c(end), c(start));

// ---- aggregates and windows (bound by the planner) ------------------------------------
export const count = (x: ColumnOrName): Column => call('count', c(x));
export const sum = (x: ColumnOrName): Column => call('sum', c(x));
export const avg = (x: ColumnOrName): Column => call('avg', c(x));
export const mean = (x: ColumnOrName): Column => call('mean', c(x));
export const min = (x: ColumnOrName): Column => call('min', c(x));
export const max = (x: ColumnOrName): Column => call('max', c(x));
export const first = (x: ColumnOrName, ignorenulls = false): Column => (ignorenulls ? call('first', c(x), literalExpr(true)) : call('first', c(x)));
export const last = (x: ColumnOrName, ignorenulls = false): Column => (ignorenulls ? call('last', c(x), literalExpr(true)) : call('last', c(x)));
export const any_value = (x: ColumnOrName): Column => call('any_value', c(x));
export const collect_list = (x: ColumnOrName): Column => call('collect_list', c(x));
export const collect_set = (x: ColumnOrName): Column => call('collect_set', c(x));
export const stddev = (x: ColumnOrName): Column => call('stddev', c(x));
export const stddev_samp = (x: ColumnOrName): Column => call('stddev_samp', c(x));
export const stddev_pop = (x: ColumnOrName): Column => call('stddev_pop', c(x));
export const variance = (x: ColumnOrName): Column => call('variance', c(x));
export const var_samp = (x: ColumnOrName): Column => call('var_samp', c(x));
export const var_pop = (x: ColumnOrName): Column => call('var_pop', c(x));
/** approx_count_distinct(col[, rsd]): HyperLogLog++ with relative standard deviation rsd (default 0.05). */
export const approx_count_distinct = (x: ColumnOrName, rsd?: number): Column =>
  rsd === undefined ? call('approx_count_distinct', c(x)) : call('approx_count_distinct', c(x), literalExpr(rsd));
export function countDistinct(x: ColumnOrName, ...more: ColumnOrName[]): Column {
  return new Column({ kind: 'call', name: 'count', args: [c(x), ...more.map(c)], distinct: true });
}
export const count_distinct = countDistinct;
export function sum_distinct(x: ColumnOrName): Column {
  return new Column({ kind: 'call', name: 'sum', args: [c(x)], distinct: true });
}
export const grouping = (x: ColumnOrName): Column => call('grouping', c(x));
export const grouping_id = (...cols: ColumnOrName[]): Column => call('grouping_id', ...cols.map(c));

/** window(timeColumn, windowDuration[, slideDuration[, startTime]]): tumbling or sliding event-time windows. */
export function window(timeColumn: ColumnOrName, windowDuration: string, slideDuration?: string, startTime?: string): Column {
  const args: Expr[] = [c(timeColumn), literalExpr(windowDuration)];
  if (slideDuration !== undefined || startTime !== undefined) args.push(literalExpr(slideDuration ?? windowDuration));
  if (startTime !== undefined) args.push(literalExpr(startTime));
  return call('window', ...args);
}
export function session_window(timeColumn: ColumnOrName, gapDuration: string | Column): Column {
  return call('session_window', c(timeColumn), v(gapDuration));
}

// ---- sort helpers --------------------------------------------------------------------
export const asc = (x: ColumnOrName): Column => (typeof x === 'string' ? col(x) : x).asc();
export const desc = (x: ColumnOrName): Column => (typeof x === 'string' ? col(x) : x).desc();
export const asc_nulls_first = (x: ColumnOrName): Column => (typeof x === 'string' ? col(x) : x).asc_nulls_first();
export const asc_nulls_last = (x: ColumnOrName): Column => (typeof x === 'string' ? col(x) : x).asc_nulls_last();
export const desc_nulls_first = (x: ColumnOrName): Column => (typeof x === 'string' ? col(x) : x).desc_nulls_first();
export const desc_nulls_last = (x: ColumnOrName): Column => (typeof x === 'string' ? col(x) : x).desc_nulls_last();
