/**
 * bindExpr: resolves names against the input schema, types every node with Spark's
 * coercion rules (implicit casts inserted where Spark's analyzer inserts them), folds
 * constants, and returns a vectorised evaluator compiled once per query.
 */
import { AnalysisException, ParseException, type ErrorContext } from '../errors';
import { parseDataType } from '../types/ddl';
import { DateType, DayTimeIntervalType, MapType, NullType, StringType, T, TimestampType, isIntegral, isNumeric, type DataType } from '../types/data-types';
import { numericMap2 } from './numeric-map';
import { stringToDate, stringToTimestamp } from '../types/datetime';
import type { StructType } from '../types/struct-type';
import type { BinaryExpr, CallExpr, CaseExpr, Expr, LiteralExpr, UnaryExpr } from './ast';
import { arithmeticEvaluator, bitwiseNotEvaluator, negateEvaluator, type ArithmeticOp } from './arithmetic';
import type { BoundExpr, ExprConf } from './bound-expr';
import { castEvaluator, modeOf } from './cast-evaluator';
import { arithmeticType, comparisonType, widerCommonType } from './coercion';
import { comparisonEvaluator, type ComparisonOp } from './comparison';
import { fold, literalEvaluator, type Evaluator } from './evaluator';
import { aggregateNotAllowedHere, dataTypeMismatch, toSQLType, unexpectedInputType, unresolvedRoutine, windowNotAllowedHere, wrongNumArgs } from './expr-errors';
import { exprName } from './expr-sql';
import { sourceTextOf } from './expr-source-text';
import { dateAddEvaluator } from './datetime-functions';
import { isAggregateFunction, isTimeWindowFunction, lookupFunction } from './function-registry';
import { caseEvaluator, inEvaluator, isNullEvaluator, junctionEvaluator, notEvaluator } from './logic';
import { matchEvaluator } from './like';
import { resolveColumn, structFieldEvaluator } from './resolve';
import { subscriptEvaluator } from './subscript';

interface Scope {
  readonly schema: StructType;
  readonly conf: ExprConf;
}

export function bindExpr(e: Expr, schema: StructType, conf: ExprConf): BoundExpr {
  return bind(e, { schema, conf });
}

/** Where `e` is in the text it was parsed from: the node's text (analyzer) or its own (`expr()`). */
function contextOf(e: Expr, conf: ExprConf): ErrorContext | undefined {
  if (e.span === undefined) return undefined;
  const text = conf.sourceText ?? sourceTextOf(e);
  return text === undefined ? undefined : { text, start: e.span[0], stop: e.span[1] };
}

function bind(e: Expr, scope: Scope): Evaluator {
  return fold(bindNode(e, scope));
}

function bindNode(e: Expr, scope: Scope): Evaluator {
  const { conf } = scope;
  const context = contextOf(e, conf);
  switch (e.kind) {
    case 'literal':
      return bindLiteral(e, conf, context);
    case 'column':
      return resolveColumn(e.name, scope.schema, conf, context);
    case 'star':
      throw new AnalysisException('INVALID_USAGE_OF_STAR_OR_REGEX', `Invalid usage of '*' in expression.`, {
        messageParameters: { elem: "'*'", prettyName: 'expression' },
        sqlState: '42000',
        context,
      });
    case 'alias':
    case 'sortOrder':
      return bind(e.arg, scope);
    case 'field':
      return structFieldEvaluator(bind(e.arg, scope), e.field, conf, exprName(e.arg), context);
    case 'subscript':
      return subscriptEvaluator(bind(e.arg, scope), bind(e.index, scope), conf, exprName(e), context);
    case 'unary':
      return bindUnary(e, scope, context);
    case 'binary':
      return bindBinary(e, scope, context);
    case 'isNull':
      return isNullEvaluator(bind(e.arg, scope), e.negated);
    case 'like':
    case 'rlike': {
      const sql = exprName(e);
      const arg = toStringArg(bind(e.arg, scope), 0, e.arg, sql, conf, context);
      const pattern = toStringArg(bind(e.pattern, scope), 1, e.pattern, sql, conf, context);
      const spec = e.kind === 'like' ? { kind: 'like' as const, escape: e.escape, caseInsensitive: e.caseInsensitive, negated: e.negated } : { kind: 'rlike' as const, negated: e.negated };
      return matchEvaluator(spec, arg, pattern);
    }
    case 'in': {
      const arg = bind(e.arg, scope);
      const list = e.list.map((x) => bind(x, scope));
      const type = widerCommonType([arg.dataType, ...list.map((l) => l.dataType)], conf.ansi);
      if (type === null) {
        const types = [arg, ...list].map((x) => toSQLType(x.dataType)).join(', ');
        throw dataTypeMismatch('DATA_DIFF_TYPES', exprName(e), `Input to \`in\` should all be the same type, but it's [${types}].`, { functionName: '`in`', dataType: `[${types}]` }, context);
      }
      const cast = (x: Evaluator): Evaluator => castEvaluator(x, type, modeOf(conf.ansi), conf.timeZone, exprName(e), context);
      const result = inEvaluator(cast(arg), list.map(cast));
      return e.negated ? notEvaluator(result) : result;
    }
    case 'between': {
      // Spark's Between is RuntimeReplaceable: (x >= low) AND (x <= high).
      const range: Expr = {
        kind: 'binary',
        op: 'AND',
        left: { kind: 'binary', op: '>=', left: e.arg, right: e.low, span: e.span },
        right: { kind: 'binary', op: '<=', left: e.arg, right: e.high, span: e.span },
        span: e.span,
      };
      const result = bind(range, scope);
      return e.negated ? notEvaluator(result) : result;
    }
    case 'case':
      return bindCase(e, scope, context);
    case 'cast': {
      const to = parseDataType(e.to);
      const mode = e.try ? 'try' : modeOf(conf.ansi);
      return castEvaluator(bind(e.arg, scope), to, mode, conf.timeZone, exprName(e), context);
    }
    case 'call':
      return bindCall(e, scope, context);
  }
}

function bindLiteral(e: LiteralExpr, conf: ExprConf, context: ErrorContext | undefined): Evaluator {
  const type = e.dataType === 'void' || e.dataType === 'null' ? T.null : parseDataType(e.dataType);
  const effective = type.typeName === 'decimal' ? T.double : type;
  if (e.value === null) return literalEvaluator(null, effective);
  if (typeof e.value === 'string' && (type.typeName === 'timestamp' || type instanceof DateType)) {
    const v = type instanceof DateType ? stringToDate(e.value) : stringToTimestamp(e.value, conf.timeZone);
    if (v === null) {
      const valueType = `"${type.simpleString().toUpperCase()}"`;
      throw new ParseException('INVALID_TYPED_LITERAL', `The value of the typed literal ${valueType} is invalid: '${e.value}'.`, {
        messageParameters: { valueType, value: `'${e.value}'` },
        sqlState: '42604',
        context,
      });
    }
    return literalEvaluator(v, effective);
  }
  if (effective.storage === 'bool') return literalEvaluator(Boolean(e.value), effective);
  if (effective.storage === 'int32' || effective.storage === 'float64') return literalEvaluator(Number(e.value), effective);
  return literalEvaluator(effective instanceof StringType ? String(e.value) : e.value, effective);
}

function toStringArg(arg: Evaluator, index: number, argExpr: Expr, sql: string, conf: ExprConf, context?: ErrorContext): Evaluator {
  if (arg.dataType instanceof StringType) return arg;
  if (arg.dataType instanceof NullType || isNumeric(arg.dataType) || arg.dataType.storage !== 'object') {
    return castEvaluator(arg, T.string, modeOf(conf.ansi), conf.timeZone, sql, context);
  }
  throw unexpectedInputType(sql, index, '"STRING"', exprName(argExpr), arg.dataType, context);
}

function expectBoolean(arg: Evaluator, index: number, argExpr: Expr, sql: string, conf: ExprConf, context?: ErrorContext): Evaluator {
  const t = arg.dataType;
  if (t.storage === 'bool') return arg;
  if (t instanceof NullType || t instanceof StringType) return castEvaluator(arg, T.boolean, modeOf(conf.ansi), conf.timeZone, sql, context);
  throw unexpectedInputType(sql, index, '"BOOLEAN"', exprName(argExpr), t, context);
}

function bindUnary(e: UnaryExpr, scope: Scope, context: ErrorContext | undefined): Evaluator {
  const { conf } = scope;
  const arg = bind(e.arg, scope);
  const sql = exprName(e);
  if (e.op === 'NOT') return notEvaluator(expectBoolean(arg, 0, e.arg, sql, conf, context));
  const type = arithmeticType(arg.dataType, arg.dataType, conf.ansi);
  if (type === null || (e.op === '~' && !isIntegral(type))) {
    const required = e.op === '~' ? '"INTEGRAL"' : '("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")';
    throw unexpectedInputType(sql, 0, required, exprName(e.arg), arg.dataType, context);
  }
  const typed = castEvaluator(arg, type, modeOf(conf.ansi), conf.timeZone, sql, context);
  if (e.op === '+') return typed;
  if (e.op === '~') return bitwiseNotEvaluator(typed);
  return negateEvaluator(typed, false, { mode: modeOf(conf.ansi), context });
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', 'div', '&', '|', '^']);

function diffTypes(sql: string, l: DataType, r: DataType, context?: ErrorContext): AnalysisException {
  return dataTypeMismatch(
    'BINARY_OP_DIFF_TYPES',
    sql,
    `the left and right operands of the binary operator have incompatible types (${toSQLType(l)} and ${toSQLType(r)}).`,
    { left: toSQLType(l), right: toSQLType(r) },
    context,
  );
}

function bindBinary(e: BinaryExpr, scope: Scope, context: ErrorContext | undefined): Evaluator {
  const { conf } = scope;
  const sql = exprName(e);
  if (e.op === '||') return bindCall({ kind: 'call', name: 'concat', args: [e.left, e.right], span: e.span }, scope, context);
  const left = bind(e.left, scope);
  const right = bind(e.right, scope);
  const cast = (x: Evaluator, t: DataType): Evaluator => castEvaluator(x, t, modeOf(conf.ansi), conf.timeZone, sql, context);
  if (e.op === 'AND' || e.op === 'OR') {
    return junctionEvaluator(e.op, expectBoolean(left, 0, e.left, sql, conf, context), expectBoolean(right, 1, e.right, sql, conf, context));
  }
  if (ARITHMETIC.has(e.op)) {
    // date ± n days (Spark's DateAdd / DateSub from the analyzer's binary arithmetic rule).
    if ((e.op === '+' || e.op === '-') && left.dataType instanceof DateType && (isIntegral(right.dataType) || right.dataType instanceof NullType)) {
      return dateAddEvaluator(left, cast(right, T.int), e.op === '-');
    }
    if (e.op === '+' && right.dataType instanceof DateType && isIntegral(left.dataType)) return dateAddEvaluator(right, cast(left, T.int), false);
    // timestamp ± interval, interval ± interval (Spark's TimestampAddInterval / interval arithmetic).
    if (e.op === '+' || e.op === '-') {
      const interval = bindIntervalArithmetic(e.op, left, right);
      if (interval !== null) return interval;
    }
    const base = arithmeticType(left.dataType, right.dataType, conf.ansi);
    if (base === null) {
      if (left.dataType.equals(right.dataType)) {
        throw dataTypeMismatch('BINARY_OP_WRONG_TYPE', sql, `the binary operator requires the input type "NUMERIC", not ${toSQLType(left.dataType)}.`, { inputType: '"NUMERIC"', actualDataType: toSQLType(left.dataType) }, context);
      }
      throw diffTypes(sql, left.dataType, right.dataType, context);
    }
    const op = e.op as ArithmeticOp;
    const type = op === '/' ? T.double : op === 'div' ? T.long : base;
    if ((op === '&' || op === '|' || op === '^') && !isIntegral(type)) {
      throw dataTypeMismatch('BINARY_OP_WRONG_TYPE', sql, `the binary operator requires the input type "INTEGRAL", not ${toSQLType(type)}.`, { inputType: '"INTEGRAL"', actualDataType: toSQLType(type) }, context);
    }
    return arithmeticEvaluator(op, type, cast(left, type), cast(right, type), { mode: modeOf(conf.ansi), context });
  }
  const common = comparisonType(left.dataType, right.dataType, conf.ansi);
  if (common === null || common instanceof MapType) throw diffTypes(sql, left.dataType, right.dataType, context);
  if (common instanceof NullType) return comparisonEvaluator(e.op as ComparisonOp, cast(left, T.string), cast(right, T.string));
  return comparisonEvaluator(e.op as ComparisonOp, cast(left, common), cast(right, common));
}

function bindIntervalArithmetic(op: '+' | '-', left: Evaluator, right: Evaluator): Evaluator | null {
  const l = left.dataType;
  const r = right.dataType;
  const sign = op === '+' ? 1 : -1;
  if (l instanceof TimestampType && r instanceof DayTimeIntervalType) return numericMap2(left, right, T.timestamp, (x, y) => x + sign * y);
  if (op === '+' && l instanceof DayTimeIntervalType && r instanceof TimestampType) return numericMap2(left, right, T.timestamp, (x, y) => x + y);
  if (l instanceof DayTimeIntervalType && r instanceof DayTimeIntervalType) return numericMap2(left, right, l, (x, y) => x + sign * y);
  return null;
}

function bindCase(e: CaseExpr, scope: Scope, context: ErrorContext | undefined): Evaluator {
  const { conf } = scope;
  const sql = exprName(e);
  const whens = e.branches.map((b) => {
    if (!e.operand) return bind(b.when, scope);
    // CASE x WHEN v … is CASE WHEN x = v … (Spark's parser builds EqualTo).
    return bind({ kind: 'binary', op: '=', left: e.operand, right: b.when, span: b.when.span }, scope);
  });
  const thens = e.branches.map((b) => bind(b.then, scope));
  const otherwise = e.otherwise ? bind(e.otherwise, scope) : undefined;
  const type = widerCommonType([...thens, ...(otherwise ? [otherwise] : [])].map((x) => x.dataType), conf.ansi);
  if (type === null) {
    const types = [...thens, ...(otherwise ? [otherwise] : [])].map((x) => toSQLType(x.dataType)).join(', ');
    throw dataTypeMismatch('DATA_DIFF_TYPES', sql, `Input to \`casewhen\` should all be the same type, but it's [${types}].`, { functionName: '`casewhen`', dataType: `[${types}]` }, context);
  }
  const cast = (x: Evaluator): Evaluator => castEvaluator(x, type, modeOf(conf.ansi), conf.timeZone, sql, context);
  const branches = whens.map((w, i) => ({ when: expectBoolean(w, i * 2, e.branches[i].when, sql, conf, context), then: cast(thens[i]) }));
  return caseEvaluator(type, branches, otherwise ? cast(otherwise) : undefined);
}

function bindCall(e: CallExpr, scope: Scope, context: ErrorContext | undefined): Evaluator {
  const name = e.name.toLowerCase();
  const sql = exprName(e);
  if (isAggregateFunction(name)) throw aggregateNotAllowedHere(sql, context);
  if (isTimeWindowFunction(name)) throw windowNotAllowedHere(sql, context);
  const def = lookupFunction(name);
  if (!def) throw unresolvedRoutine(e.name, context);
  const [min, max] = def.arity;
  if (e.args.length < min || e.args.length > max) {
    const expected = min === max ? String(min) : max === Infinity ? `> ${min - 1}` : `[${Array.from({ length: max - min + 1 }, (_, i) => min + i).join(', ')}]`;
    throw wrongNumArgs(name, expected, e.args.length, context);
  }
  const args = e.args.map((a) => bind(a, scope));
  return def.bind({ name, args, argExprs: e.args, conf: scope.conf, sqlExpr: sql, context });
}

