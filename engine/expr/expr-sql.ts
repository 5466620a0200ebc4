/**
 * Two printers of the AST:
 * - `exprName`: the column name Spark generates for an unaliased expression
 *   (`toPrettySQL` = `usePrettyExpression(e).sql`): literals print raw (`(x + 1)`,
 *   `upper(gt)`, `gt LIKE %stairs%`), `count(*)` is `count(1)`, `a != b` is
 *   `(NOT (a = b))`, `a || b` is `concat(a, b)`.
 * - `exprToSQL`: SQL text that parses back to the same AST (quoted identifiers, typed
 *   literal suffixes, string escapes).
 */
import { intervalSQL } from './interval-literal';
import type { Expr, LiteralExpr } from './ast';
import { javaDoubleToString, javaFloatToString } from '../types/java-number-format';

/** Functions whose Spark expression prints an upper-case name (UnaryMathExpression & co.). */
const PRETTY_NAMES: Readonly<Record<string, string>> = {
  ceil: 'CEIL',
  floor: 'FLOOR',
  sqrt: 'SQRT',
  exp: 'EXP',
  log10: 'LOG10',
  log2: 'LOG2',
  power: 'POWER',
  signum: 'SIGNUM',
  sign: 'sign',
  log: 'LOG',
};

/** Defaults Spark's constructors add, which then show in the generated name. */
const DEFAULT_TRAILING_ARGS: Readonly<Record<string, readonly [number, string]>> = {
  round: [1, '0'],
  bround: [1, '0'],
  split: [2, '-1'],
  substring: [2, '2147483647'],
  substr: [2, '2147483647'],
  regexp_extract: [2, '1'],
  lpad: [2, ' '],
  rpad: [2, ' '],
  locate: [2, '1'],
  from_unixtime: [1, 'yyyy-MM-dd HH:mm:ss'],
  unix_timestamp: [1, 'yyyy-MM-dd HH:mm:ss'],
  to_unix_timestamp: [1, 'yyyy-MM-dd HH:mm:ss'],
};

/**
 * Spark's generated column name for an output expression (toPrettySQL). A CAST at the top
 * whose child is a named column takes the column's name (Column.named: `CAST(s AS INT)` and
 * `try_cast(s AS INT)` give `s`); a cast of anything else, and nested casts, keep their CAST
 * text (`CAST(true AS BOOLEAN)`). Checked on pyspark 4.1.4.
 */
export function exprName(e: Expr): string {
  if (e.kind === 'cast' && (e.arg.kind === 'column' || e.arg.kind === 'alias')) return nestedName(e.arg);
  return nestedName(e);
}

function nestedName(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return prettyLiteral(e);
    case 'column':
      return e.name.join('.');
    case 'star':
      return e.qualifier ? `${e.qualifier}.*` : '*';
    case 'alias':
      return e.name;
    case 'field':
      return `${nestedName(e.arg)}.${e.field}`;
    case 'subscript':
      return `${nestedName(e.arg)}[${nestedName(e.index)}]`;
    case 'unary':
      switch (e.op) {
        case 'NOT':
          return `(NOT ${nestedName(e.arg)})`;
        case '~':
          return `~${nestedName(e.arg)}`;
        default:
          return `(${e.op} ${nestedName(e.arg)})`;
      }
    case 'binary':
      if (e.op === '!=') return `(NOT (${nestedName(e.left)} = ${nestedName(e.right)}))`;
      if (e.op === '||') return `concat(${nestedName(e.left)}, ${nestedName(e.right)})`;
      return `(${nestedName(e.left)} ${e.op} ${nestedName(e.right)})`;
    case 'isNull':
      return `(${nestedName(e.arg)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'like': {
      const escape = e.escape !== undefined && e.escape !== '\\' ? ` ESCAPE '${e.escape}'` : '';
      const text = e.caseInsensitive
        ? `ilike(${nestedName(e.arg)}, ${nestedName(e.pattern)}${escape ? `, ${e.escape}` : ''})`
        : `${nestedName(e.arg)} LIKE ${nestedName(e.pattern)}${escape}`;
      return e.negated ? `(NOT ${text})` : text;
    }
    case 'rlike': {
      const text = `RLIKE(${nestedName(e.arg)}, ${nestedName(e.pattern)})`;
      return e.negated ? `(NOT ${text})` : text;
    }
    case 'in': {
      const text = `(${nestedName(e.arg)} IN (${e.list.map(nestedName).join(', ')}))`;
      return e.negated ? `(NOT ${text})` : text;
    }
    case 'between': {
      // Spark's parser and PySpark's Column.between both build (x >= low) AND (x <= high).
      const text = `((${nestedName(e.arg)} >= ${nestedName(e.low)}) AND (${nestedName(e.arg)} <= ${nestedName(e.high)}))`;
      return e.negated ? `(NOT ${text})` : text;
    }
    case 'case': {
      // `CASE x WHEN 1 …` is rewritten by the parser into `CASE WHEN (x = 1) …` (CaseWhen).
      const branches = e.branches
        .map((b) => {
          const cond = e.operand ? `(${nestedName(e.operand)} = ${nestedName(b.when)})` : nestedName(b.when);
          return ` WHEN ${cond} THEN ${nestedName(b.then)}`;
        })
        .join('');
      return `CASE${branches}${e.otherwise ? ` ELSE ${nestedName(e.otherwise)}` : ''} END`;
    }
    case 'cast':
      return `${e.try ? 'TRY_CAST' : 'CAST'}(${nestedName(e.arg)} AS ${e.to.toUpperCase()})`;
    case 'sortOrder':
      return `${nestedName(e.arg)} ${e.ascending ? 'ASC' : 'DESC'} NULLS ${e.nullsFirst ? 'FIRST' : 'LAST'}`;
    case 'call':
      return callName(e.name, e.args, e.distinct === true);
  }
}

function callName(rawName: string, args: readonly Expr[], distinct: boolean): string {
  const name = rawName.toLowerCase();
  if (name === 'window' || name === 'session_window') return name;
  if (name === 'count' && (args.length === 0 || (args.length === 1 && args[0].kind === 'star'))) return 'count(1)';
  if (name === 'if' && args.length === 3) return `(IF(${args.map(nestedName).join(', ')}))`;
  if ((name === 'isnull' || name === 'isnotnull') && args.length === 1) return `(${nestedName(args[0])} IS ${name === 'isnotnull' ? 'NOT ' : ''}NULL)`;
  if (['first', 'last', 'first_value', 'last_value', 'any_value'].includes(name) && args.length === 2 && args[1].kind === 'literal') {
    // The generated name leaves the ignoreNulls flag out: first(v, true) is `first(v)` (pyspark 4.1.4).
    return `${name}(${nestedName(args[0])})`;
  }
  const parts = args.map(nestedName);
  const trailing = DEFAULT_TRAILING_ARGS[name];
  if (trailing && parts.length === trailing[0]) parts.push(trailing[1]);
  if (name === 'log' && parts.length === 1) parts.unshift('E()');
  const shown = PRETTY_NAMES[name] ?? name;
  return `${shown}(${distinct ? 'DISTINCT ' : ''}${parts.join(', ')})`;
}

function prettyLiteral(e: LiteralExpr): string {
  if (e.value === null) return 'NULL';
  switch (e.dataType) {
    case 'double':
      return javaDoubleToString(Number(e.value));
    case 'float':
      return javaFloatToString(Number(e.value));
    case 'timestamp':
      return `TIMESTAMP '${String(e.value)}'`;
    case 'date':
      return `DATE '${String(e.value)}'`;
    case 'interval day to second':
      return intervalSQL(Number(e.value));
    default:
      return String(e.value);
  }
}

// ---- exprToSQL --------------------------------------------------------------------

const RESERVED = new Set([
  'TRUE', 'FALSE', 'NULL', 'AND', 'OR', 'NOT', 'IS', 'LIKE', 'ILIKE', 'RLIKE', 'REGEXP', 'IN', 'BETWEEN', 'CASE', 'WHEN',
  'THEN', 'ELSE', 'END', 'CAST', 'TRY_CAST', 'AS', 'DISTINCT', 'DIV', 'ESCAPE', 'TIMESTAMP', 'DATE', 'FROM', 'ALL',
  // Found by test/fuzz: `x IN (select)` reads as a subquery, `interval - 1` as an interval literal.
  'SELECT', 'INTERVAL', 'TIMESTAMP_LTZ',
]);

/** Back-quotes a name part unless it is a plain identifier (Spark's quoteIfNeeded). */
export function quoteIfNeeded(part: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part) && !RESERVED.has(part.toUpperCase())) return part;
  return '`' + part.replace(/`/g, '``') + '`';
}

export function sqlString(s: string): string {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') + "'";
}

function literalSQL(e: LiteralExpr): string {
  if (e.value === null) return 'NULL';
  const v = e.value;
  switch (e.dataType) {
    case 'interval day to second':
      return intervalSQL(Number(v));
    case 'string':
      return sqlString(String(v));
    case 'boolean':
      return v ? 'true' : 'false';
    case 'int':
      return String(v);
    case 'bigint':
      return `${String(v)}L`;
    case 'smallint':
      return `${String(v)}S`;
    case 'tinyint':
      return `${String(v)}Y`;
    case 'double':
    case 'float': {
      const n = Number(v);
      const suffix = e.dataType === 'double' ? 'D' : 'F';
      if (!Number.isFinite(n)) return `CAST(${sqlString(String(n))} AS ${e.dataType.toUpperCase()})`;
      // String(-0) is "0": keep the sign as Spark's Literal.sql does (-0.0D).
      return `${Object.is(n, -0) ? '-0.0' : String(n)}${suffix}`;
    }
    case 'timestamp':
    case 'date':
      return typeof v === 'string' ? `${e.dataType.toUpperCase()} ${sqlString(v)}` : `CAST(${String(v)} AS ${e.dataType.toUpperCase()})`;
    default:
      return typeof v === 'string' ? sqlString(v) : String(v);
  }
}

function typeSQL(t: string): string {
  return /^[a-z_]+$/.test(t) ? t.toUpperCase() : t;
}

export function exprToSQL(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return literalSQL(e);
    case 'column':
      return e.name.map(quoteIfNeeded).join('.');
    case 'star':
      return e.qualifier ? `${e.qualifier.split('.').map(quoteIfNeeded).join('.')}.*` : '*';
    case 'alias':
      return `${exprToSQL(e.arg)} AS ${quoteIfNeeded(e.name)}`;
    case 'field':
      return `(${exprToSQL(e.arg)}).${quoteIfNeeded(e.field)}`;
    case 'subscript':
      return `(${exprToSQL(e.arg)})[${exprToSQL(e.index)}]`;
    case 'unary': {
      const arg = exprToSQL(e.arg);
      if (e.op === 'NOT') return `(NOT ${arg})`;
      // `- 1` would read back as the literal -1: keep UnaryMinus(1) a unary by parenthesising.
      return `(${e.op} (${arg}))`;
    }
    case 'binary':
      return `(${exprToSQL(e.left)} ${e.op} ${exprToSQL(e.right)})`;
    case 'isNull':
      return `(${exprToSQL(e.arg)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'like': {
      const op = `${e.negated ? 'NOT ' : ''}${e.caseInsensitive ? 'ILIKE' : 'LIKE'}`;
      const escape = e.escape !== undefined ? ` ESCAPE ${sqlString(e.escape)}` : '';
      return `(${exprToSQL(e.arg)} ${op} ${exprToSQL(e.pattern)}${escape})`;
    }
    case 'rlike':
      return `(${exprToSQL(e.arg)} ${e.negated ? 'NOT ' : ''}RLIKE ${exprToSQL(e.pattern)})`;
    case 'in':
      return `(${exprToSQL(e.arg)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(exprToSQL).join(', ')}))`;
    case 'between':
      return `(${exprToSQL(e.arg)} ${e.negated ? 'NOT ' : ''}BETWEEN ${exprToSQL(e.low)} AND ${exprToSQL(e.high)})`;
    case 'case': {
      const operand = e.operand ? ` ${exprToSQL(e.operand)}` : '';
      const branches = e.branches.map((b) => ` WHEN ${exprToSQL(b.when)} THEN ${exprToSQL(b.then)}`).join('');
      return `CASE${operand}${branches}${e.otherwise ? ` ELSE ${exprToSQL(e.otherwise)}` : ''} END`;
    }
    case 'cast':
      return `${e.try ? 'TRY_CAST' : 'CAST'}(${exprToSQL(e.arg)} AS ${typeSQL(e.to)})`;
    case 'sortOrder':
      return `${exprToSQL(e.arg)} ${e.ascending ? 'ASC' : 'DESC'} NULLS ${e.nullsFirst ? 'FIRST' : 'LAST'}`;
    case 'call':
      return `${quoteIfNeeded(e.name)}(${e.distinct ? 'DISTINCT ' : ''}${e.args.map(exprToSQL).join(', ')})`;
  }
}
