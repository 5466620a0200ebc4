/**
 * Expr → PySpark Column code (`F.col("x") > 0.5`, `F.count(F.lit(1))`, `F.window(...)`).
 *
 * Only forms that build the same Spark expression as the SQL text (so the result and its
 * auto-generated column name match, engine/expr/expr-sql.ts `exprName`) are written as
 * Column code; everything else falls back to `F.expr("<Spark SQL>")` from `exprToSQL`,
 * which Spark parses as Tidemark's own parser reads the same text.
 *
 * Streaming rewrite: Spark rejects distinct aggregates on streams
 * (UnsupportedOperationChecker: "Distinct aggregations are not supported on streaming
 * DataFrames/Datasets"), so an exact `count(DISTINCT x)` becomes `approx_count_distinct(x)`
 * under the name Tidemark gives it, with a note for the script.
 */
import type { CallExpr, Expr, LiteralExpr } from '../expr/ast';
import { pyNumber, pyStr } from './python-literals';
import { exprName, exprToSQL } from '../expr/expr-sql';

export interface ColumnPrintContext {
  /** The plan reads a stream: apply the streaming rewrites above. */
  readonly streaming: boolean;
  /** Collects `# Tidemark:` notes about rewrites, printed above the step that needs them. */
  readonly notes: string[];
}

/**
 * Printed code, and whether it is an operator expression that needs parentheses as an
 * operand; `op` is its binary operator, so `a & b & c` need not become `(a & b) & c`.
 */
interface Code {
  readonly text: string;
  readonly operator: boolean;
  readonly op?: string;
}

const atom = (text: string): Code => ({ text, operator: false });
const operand = (c: Code): string => (c.operator ? `(${c.text})` : c.text);
/**
 * Python's arithmetic and bitwise operators are left-associative, so a left operand with the
 * same operator needs no parentheses; comparisons are not (`a == b == c` is a chained comparison).
 */
const LEFT_ASSOCIATIVE = new Set(['+', '-', '*', '/', '%', '&', '|']);
const leftOperand = (c: Code, op: string): string =>
  c.op === op && LEFT_ASSOCIATIVE.has(op) ? c.text : operand(c);

/** PySpark Column code for one expression. */
export function pyColumn(e: Expr, ctx: ColumnPrintContext): string {
  return toCode(e, ctx).text;
}

/** A column name as PySpark's `col()` parses it: parts joined by dots, back-quoted when they contain one. */
export function pyColName(parts: readonly string[]): string {
  return parts.map((p) => (/[.`]/.test(p) ? '`' + p.replace(/`/g, '``') + '`' : p)).join('.');
}

/** `"x"` for a plain top-level column (what select/groupBy accept as a name), else null. */
export function plainColumnName(e: Expr): string | null {
  return e.kind === 'column' ? pyStr(pyColName(e.name)) : null;
}

// prettier-ignore
const BINARY_OPERATORS: Readonly<Record<string, string>> = {
  '+': '+', '-': '-', '*': '*', '/': '/', '%': '%',
  '=': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=',
  AND: '&', OR: '|',
};

function toCode(e: Expr, ctx: ColumnPrintContext): Code {
  switch (e.kind) {
    case 'column':
      return atom(`F.col(${pyStr(pyColName(e.name))})`);
    case 'star':
      return atom(e.qualifier ? `F.col(${pyStr(`${e.qualifier}.*`)})` : 'F.col("*")');
    case 'literal': {
      const py = naturalPython(e);
      return atom(py === null ? sqlFallback(e) : `F.lit(${py})`);
    }
    case 'alias':
      return atom(`${operand(toCode(e.arg, ctx))}.alias(${pyStr(e.name)})`);
    case 'binary': {
      if (e.op === '<=>')
        return atom(`${operand(toCode(e.left, ctx))}.eqNullSafe(${rightOperand(e.right, ctx)})`);
      const op = BINARY_OPERATORS[e.op];
      if (op === undefined) return atom(sqlFallback(e));
      return {
        text: `${leftOperand(toCode(e.left, ctx), op)} ${op} ${rightOperand(e.right, ctx)}`,
        operator: true,
        op,
      };
    }
    case 'unary':
      if (e.op === 'NOT') return { text: `~${operand(toCode(e.arg, ctx))}`, operator: true };
      // `-F.col(x)` would be named negative(x) by Spark; F.expr keeps Spark SQL's `(- x)`.
      return atom(sqlFallback(e));
    case 'isNull':
      return atom(`${operand(toCode(e.arg, ctx))}.${e.negated ? 'isNotNull' : 'isNull'}()`);
    case 'like': {
      if (e.pattern.kind !== 'literal' || typeof e.pattern.value !== 'string')
        return atom(sqlFallback(e));
      if (e.escape !== undefined && e.escape !== '\\') return atom(sqlFallback(e));
      const call = `${operand(toCode(e.arg, ctx))}.${e.caseInsensitive ? 'ilike' : 'like'}(${pyStr(e.pattern.value)})`;
      return e.negated ? { text: `~${call}`, operator: true } : atom(call);
    }
    case 'rlike': {
      if (e.pattern.kind !== 'literal' || typeof e.pattern.value !== 'string')
        return atom(sqlFallback(e));
      const call = `${operand(toCode(e.arg, ctx))}.rlike(${pyStr(e.pattern.value)})`;
      return e.negated ? { text: `~${call}`, operator: true } : atom(call);
    }
    case 'in': {
      const items = e.list.map((x) => (x.kind === 'literal' ? naturalPython(x) : null));
      if (items.some((x) => x === null)) return atom(sqlFallback(e));
      const call = `${operand(toCode(e.arg, ctx))}.isin(${items.join(', ')})`;
      return e.negated ? { text: `~${call}`, operator: true } : atom(call);
    }
    case 'case': {
      if (e.operand) return atom(sqlFallback(e));
      let text = e.branches
        .map(
          (b, i) =>
            `${i === 0 ? 'F' : ''}.when(${toCode(b.when, ctx).text}, ${valueArg(b.then, ctx)})`,
        )
        .join('');
      if (e.otherwise) text += `.otherwise(${valueArg(e.otherwise, ctx)})`;
      return atom(text);
    }
    case 'cast':
      return e.try
        ? atom(sqlFallback(e))
        : atom(`${operand(toCode(e.arg, ctx))}.cast(${pyStr(e.to)})`);
    case 'field':
      if (e.arg.kind === 'column')
        return atom(`F.col(${pyStr(pyColName([...e.arg.name, e.field]))})`);
      return atom(`${operand(toCode(e.arg, ctx))}.getField(${pyStr(e.field)})`);
    case 'sortOrder': {
      const base = operand(toCode(e.arg, ctx));
      const defaultNulls = e.ascending === e.nullsFirst;
      const method =
        (e.ascending ? 'asc' : 'desc') +
        (defaultNulls ? '' : e.nullsFirst ? '_nulls_first' : '_nulls_last');
      return atom(`${base}.${method}()`);
    }
    case 'call':
      return callCode(e, ctx);
    case 'between': {
      // Column.between and SQL BETWEEN both build (x >= low) AND (x <= high).
      const low = e.low.kind === 'literal' ? naturalPython(e.low) : toCode(e.low, ctx).text;
      const high = e.high.kind === 'literal' ? naturalPython(e.high) : toCode(e.high, ctx).text;
      if (low === null || high === null) return atom(sqlFallback(e));
      const call = `${operand(toCode(e.arg, ctx))}.between(${low}, ${high})`;
      return e.negated ? { text: `~${call}`, operator: true } : atom(call);
    }
    case 'subscript':
      return atom(sqlFallback(e));
  }
}

function sqlFallback(e: Expr): string {
  return `F.expr(${pyStr(exprToSQL(e))})`;
}

/** The right side of an operator: a natural literal stays a plain Python value (`x > 0.5`). */
function rightOperand(e: Expr, ctx: ColumnPrintContext): string {
  if (e.kind === 'literal') {
    const py = naturalPython(e);
    if (py !== null && e.value !== null) return py;
  }
  return operand(toCode(e, ctx));
}

/** A value argument (when/otherwise): literals as Python values, the rest as Columns. */
function valueArg(e: Expr, ctx: ColumnPrintContext): string {
  if (e.kind === 'literal') {
    const py = naturalPython(e);
    if (py !== null) return py;
  }
  return toCode(e, ctx).text;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/**
 * The Python literal PySpark turns into exactly this Spark literal (lit(): Python int →
 * INT when it fits in 32 bits, else BIGINT; float → DOUBLE; str → STRING; None → VOID),
 * or null when the literal's type needs the SQL spelling.
 */
function naturalPython(e: LiteralExpr): string | null {
  const v = e.value;
  const type = e.dataType.toLowerCase();
  if (v === null) return type === 'void' || type === 'null' ? 'None' : null;
  if (typeof v === 'boolean') return type === 'boolean' ? (v ? 'True' : 'False') : null;
  if (typeof v === 'string') return type === 'string' ? pyStr(v) : null;
  if (type === 'double') return pyNumber(v, true);
  if (!Number.isInteger(v)) return null;
  const fitsInt = v >= INT_MIN && v <= INT_MAX;
  if (type === 'int' && fitsInt) return String(v);
  if (type === 'bigint' && !fitsInt) return String(v);
  return null;
}

/**
 * Argument shapes of the `pyspark.sql.functions` this printer uses: 'c' a Column, 's' a
 * Python str, 'i' a Python int; a trailing '*' repeats the last shape. Functions whose
 * PySpark name and auto-generated column name match Spark SQL's.
 */
// prettier-ignore
const FUNCTIONS: Readonly<Record<string, string>> = {
  abs: 'c', sqrt: 'c', exp: 'c', ceil: 'c', floor: 'c', signum: 'c', round: 'ci',
  upper: 'c', lower: 'c', trim: 'c', ltrim: 'c', rtrim: 'c', length: 'c', reverse: 'c',
  initcap: 'c', concat: 'c*', concat_ws: 'sc*', coalesce: 'c*', greatest: 'c*', least: 'c*',
  substring: 'cii', split: 'cs', regexp_extract: 'csi', isnan: 'c', isnull: 'c', nanvl: 'cc',
  year: 'c', month: 'c', dayofmonth: 'c', dayofweek: 'c', dayofyear: 'c', hour: 'c',
  minute: 'c', second: 'c', to_date: 'cs', to_timestamp: 'cs', date_format: 'cs',
  timestamp_seconds: 'c', timestamp_millis: 'c', timestamp_micros: 'c',
  struct: 'c*', array: 'c*',
  count: 'c', sum: 'c', avg: 'c', min: 'c', max: 'c', first: 'c', last: 'c',
  collect_list: 'c', collect_set: 'c', stddev: 'c', stddev_samp: 'c', stddev_pop: 'c',
  variance: 'c', var_samp: 'c', var_pop: 'c', approx_count_distinct: 'c', grouping: 'c',
  grouping_id: 'c*', window: 'csss', session_window: 'cs',
};

/** Functions whose trailing arguments are optional (`round(x)`, `to_date(x)`, `window(t, "1 minute")`). */
const MIN_ARGS: Readonly<Record<string, number>> = {
  to_date: 1,
  to_timestamp: 1,
  window: 2,
  grouping_id: 0,
  round: 1,
};

function callCode(e: CallExpr, ctx: ColumnPrintContext): Code {
  const name = e.name.toLowerCase();
  const isCountDistinct =
    (name === 'count' && e.distinct === true) ||
    name === 'countdistinct' ||
    name === 'count_distinct';
  if (isCountDistinct) return countDistinctCode(e, ctx);
  if (e.distinct) return atom(sqlFallback(e));
  if (name === 'count' && e.args.length === 1) {
    const arg = e.args[0];
    if (arg.kind === 'star') return atom('F.count("*")');
    if (arg.kind === 'literal' && arg.value !== null)
      return atom(`F.count(F.lit(${naturalPython(arg) ?? pyStr(String(arg.value))}))`);
  }
  const shape = FUNCTIONS[name];
  if (shape === undefined) return atom(sqlFallback(e));
  const args = callArgs(shape, MIN_ARGS[name] ?? shape.replace('*', '').length, e.args, ctx);
  return atom(args === null ? sqlFallback(e) : `F.${name}(${args.join(', ')})`);
}

function callArgs(
  shape: string,
  minArgs: number,
  args: readonly Expr[],
  ctx: ColumnPrintContext,
): string[] | null {
  const variadic = shape.endsWith('*');
  const kinds = shape.replace('*', '');
  if (args.length < minArgs || (!variadic && args.length > kinds.length)) return null;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const kind = kinds[Math.min(i, kinds.length - 1)];
    const a = args[i];
    if (kind === 'c') out.push(toCode(a, ctx).text);
    else if (kind === 's' && a.kind === 'literal' && typeof a.value === 'string')
      out.push(pyStr(a.value));
    else if (
      kind === 'i' &&
      a.kind === 'literal' &&
      typeof a.value === 'number' &&
      Number.isInteger(a.value)
    )
      out.push(String(a.value));
    else return null;
  }
  return out;
}

/** Exact count(DISTINCT ...) on a batch; approx_count_distinct on a stream (see header). */
function countDistinctCode(e: CallExpr, ctx: ColumnPrintContext): Code {
  const cols = e.args.map((a) => toCode(a, ctx).text);
  if (!ctx.streaming) return atom(`F.count_distinct(${cols.join(', ')})`);
  const name = exprName({ ...e, name: 'count', distinct: true });
  ctx.notes.push(
    `Tidemark: exact ${name} on a stream; Spark rejects distinct aggregations on streaming DataFrames, ` +
      'so this uses approx_count_distinct (HyperLogLog++, ~5% relative error) under the same column name.',
  );
  // count(DISTINCT a, b) skips rows where any argument is null; a struct of them never is null,
  // so only rows with all arguments present are counted.
  const arg =
    cols.length === 1
      ? cols[0]
      : `F.when(${e.args.map((a) => `${operand(toCode(a, ctx))}.isNotNull()`).join(' & ')}, F.struct(${cols.join(', ')}))`;
  return atom(`F.approx_count_distinct(${arg}).alias(${pyStr(name)})`);
}
