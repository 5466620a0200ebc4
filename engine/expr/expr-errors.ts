/**
 * The errors expressions raise, with Spark's error classes, SQLSTATEs and message
 * templates (common/utils/src/main/resources/error/error-conditions.json) and Spark's
 * value/type quoting (QueryErrorsBase.toSQLId / toSQLType / toSQLValue).
 */
import {
  AnalysisException,
  SparkArithmeticException,
  SparkNumberFormatException,
  SparkRuntimeException,
  type ErrorContext,
} from '../errors';
import type { DataType } from '../types/data-types';
import { javaDoubleToString } from '../types/java-number-format';
import { typeSQL } from '../types/type-sql';

const ANSI_CONFIG = '"spark.sql.ansi.enabled"';

/** `a`.`b` */
export function toSQLId(parts: readonly string[]): string {
  return parts.map((p) => '`' + p.replace(/`/g, '``') + '`').join('.');
}

/** "INT", "STRUCT<a: INT>" */
export function toSQLType(t: DataType): string {
  return `"${typeSQL(t)}"`;
}

/** A value as Spark quotes it in messages: 'abc', 1, 3000000000L, 1.0E10D. */
export function toSQLValue(value: unknown, t: DataType): string {
  if (value === null || value === undefined) return 'NULL';
  switch (t.simpleString()) {
    case 'string':
      return `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'bigint':
      return `${String(value)}L`;
    case 'smallint':
      return `${String(value)}S`;
    case 'tinyint':
      return `${String(value)}Y`;
    case 'double':
      return doubleSQLValue(Number(value));
    case 'float':
      return Number.isFinite(Number(value)) ? `${String(value)}F` : `'${String(value)}'`;
    default:
      return String(value);
  }
}

export function unresolvedColumn(parts: readonly string[], suggestions: readonly string[], context?: ErrorContext): AnalysisException {
  const objectName = toSQLId(parts);
  if (suggestions.length === 0) {
    return new AnalysisException('UNRESOLVED_COLUMN.WITHOUT_SUGGESTION', `A column, variable, or function parameter with name ${objectName} cannot be resolved.`, {
      messageParameters: { objectName },
      sqlState: '42703',
      context,
    });
  }
  const proposal = suggestions.map((s) => '`' + s.replace(/`/g, '``') + '`').join(', ');
  return new AnalysisException(
    'UNRESOLVED_COLUMN.WITH_SUGGESTION',
    `A column, variable, or function parameter with name ${objectName} cannot be resolved. Did you mean one of the following? [${proposal}].`,
    { messageParameters: { objectName, proposal }, sqlState: '42703', context },
  );
}

export function ambiguousReference(parts: readonly string[], matches: readonly string[], context?: ErrorContext): AnalysisException {
  const name = toSQLId(parts);
  const referenceNames = '[' + matches.map((m) => toSQLId([m])).join(', ') + ']';
  return new AnalysisException('AMBIGUOUS_REFERENCE', `Reference ${name} is ambiguous, could be: ${referenceNames}.`, {
    messageParameters: { name, referenceNames },
    sqlState: '42704',
    context,
  });
}

export function fieldNotFound(field: string, fields: readonly string[], context?: ErrorContext): AnalysisException {
  const fieldName = toSQLId([field]);
  const names = fields.map((f) => toSQLId([f])).join(', ');
  return new AnalysisException('FIELD_NOT_FOUND', `No such struct field ${fieldName} in ${names}.`, {
    messageParameters: { fieldName, fields: names },
    sqlState: '42704',
    context,
  });
}

export function invalidExtractBase(sqlExpr: string, t: DataType, context?: ErrorContext): AnalysisException {
  return new AnalysisException(
    'INVALID_EXTRACT_BASE_FIELD_TYPE',
    `Can't extract a value from "${sqlExpr}". Need a complex type [STRUCT, ARRAY, MAP] but got ${toSQLType(t)}.`,
    { messageParameters: { base: `"${sqlExpr}"`, other: toSQLType(t) }, sqlState: '42000', context },
  );
}

export function unresolvedRoutine(name: string, context?: ErrorContext): AnalysisException {
  const routineName = toSQLId([name]);
  const searchPath = '[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]';
  return new AnalysisException('UNRESOLVED_ROUTINE', `Cannot resolve routine ${routineName} on search path ${searchPath}.`, {
    messageParameters: { routineName, searchPath },
    sqlState: '42883',
    context,
  });
}

export function wrongNumArgs(name: string, expected: string, actual: number, context?: ErrorContext): AnalysisException {
  const functionName = toSQLId([name]);
  return new AnalysisException(
    'WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
    `The ${functionName} requires ${expected} parameters but the actual number is ${actual}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`,
    { messageParameters: { functionName, expectedNum: expected, actualNum: String(actual) }, sqlState: '42605', context },
  );
}

/** DATATYPE_MISMATCH.<sub>: "Cannot resolve "<sqlExpr>" due to data type mismatch: <detail>" */
export function dataTypeMismatch(sub: string, sqlExpr: string, detail: string, params: Record<string, string> = {}, context?: ErrorContext): AnalysisException {
  return new AnalysisException(`DATATYPE_MISMATCH.${sub}`, `Cannot resolve "${sqlExpr}" due to data type mismatch: ${detail}`, {
    messageParameters: { sqlExpr: `"${sqlExpr}"`, ...params },
    sqlState: '42K09',
    context,
  });
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

export function unexpectedInputType(sqlExpr: string, index: number, required: string, inputSql: string, inputType: DataType, context?: ErrorContext): AnalysisException {
  const ordinal = ORDINALS[index] ?? `${index + 1}th`;
  return dataTypeMismatch(
    'UNEXPECTED_INPUT_TYPE',
    sqlExpr,
    `The ${ordinal} parameter requires the ${required} type, however "${inputSql}" has the type ${toSQLType(inputType)}.`,
    { paramIndex: ordinal, requiredType: required, inputSql: `"${inputSql}"`, inputType: toSQLType(inputType) },
    context,
  );
}

export function aggregateNotAllowedHere(sqlExpr: string, context?: ErrorContext): AnalysisException {
  return new AnalysisException(
    'UNSUPPORTED_EXPR_FOR_OPERATOR',
    `The aggregate function "${sqlExpr}" is not allowed here: aggregate functions are only valid in groupBy().agg(), agg() or a SELECT with GROUP BY, where the planner computes them.`,
    { messageParameters: { invalidExprSqls: `"${sqlExpr}"` }, sqlState: '42K0E', context },
  );
}

export function windowNotAllowedHere(sqlExpr: string, context?: ErrorContext): AnalysisException {
  return new AnalysisException(
    'UNSUPPORTED_EXPR_FOR_OPERATOR',
    `The time window expression "${sqlExpr}" is only valid as a grouping expression (groupBy(window(...))), where the planner assigns rows to windows.`,
    { messageParameters: { invalidExprSqls: `"${sqlExpr}"` }, sqlState: '42K0E', context },
  );
}

// ---- runtime (ANSI) errors ---------------------------------------------------------

export function divideByZero(context?: ErrorContext): SparkArithmeticException {
  return new SparkArithmeticException(
    'DIVIDE_BY_ZERO',
    `Division by zero. Use \`try_divide\` to tolerate divisor being 0 and return NULL instead. If necessary set ${ANSI_CONFIG} to "false" to bypass this error.`,
    { messageParameters: { config: ANSI_CONFIG }, sqlState: '22012', context },
  );
}

/** ARITHMETIC_OVERFLOW for int/bigint (Math.addExact & co. in Spark). */
export function arithmeticOverflow(message: string, tryFunction: string | undefined, context?: ErrorContext): SparkArithmeticException {
  const alternative = tryFunction ? ` Use '${tryFunction}' to tolerate overflow and return NULL instead.` : '';
  return new SparkArithmeticException('ARITHMETIC_OVERFLOW', `${message}.${alternative} If necessary set ${ANSI_CONFIG} to "false" to bypass this error.`, {
    messageParameters: { message, alternative, config: ANSI_CONFIG },
    sqlState: '22003',
    context,
  });
}

/** BINARY_ARITHMETIC_OVERFLOW for tinyint/smallint arithmetic. */
export function binaryArithmeticOverflow(left: string, symbol: string, right: string, tryFunction: string, context?: ErrorContext): SparkArithmeticException {
  return new SparkArithmeticException(
    'BINARY_ARITHMETIC_OVERFLOW',
    `${left} ${symbol} ${right} caused overflow. Use \`${tryFunction}\` to ignore overflow problem and return NULL.`,
    { messageParameters: { value1: left, symbol, value2: right, functionName: `\`${tryFunction}\`` }, sqlState: '22003', context },
  );
}

export function castInvalidInput(value: unknown, from: DataType, to: DataType, context?: ErrorContext): SparkNumberFormatException {
  const expression = toSQLValue(value, from);
  return new SparkNumberFormatException(
    'CAST_INVALID_INPUT',
    `The value ${expression} of the type ${toSQLType(from)} cannot be cast to ${toSQLType(to)} because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead. If necessary set ${ANSI_CONFIG} to "false" to bypass this error.`,
    { messageParameters: { expression, sourceType: toSQLType(from), targetType: toSQLType(to), ansiConfig: ANSI_CONFIG }, sqlState: '22018', context },
  );
}

export function castOverflow(value: unknown, from: DataType, to: DataType, context?: ErrorContext): SparkArithmeticException {
  const shown = toSQLValue(value, from);
  return new SparkArithmeticException(
    'CAST_OVERFLOW',
    `The value ${shown} of the type ${toSQLType(from)} cannot be cast to ${toSQLType(to)} due to an overflow. Use \`try_cast\` to tolerate overflow and return NULL instead. If necessary set ${ANSI_CONFIG} to "false" to bypass this error.`,
    { messageParameters: { value: shown, sourceType: toSQLType(from), targetType: toSQLType(to), ansiConfig: ANSI_CONFIG }, sqlState: '22003', context },
  );
}

export function invalidArrayIndex(index: number, size: number, context?: ErrorContext): SparkRuntimeException {
  return new SparkRuntimeException(
    'INVALID_ARRAY_INDEX',
    `The index ${index} is out of bounds. The array has ${size} elements. Use the SQL function \`get()\` to tolerate accessing element at invalid index and return NULL instead. If necessary set ${ANSI_CONFIG} to "false" to bypass this error.`,
    { messageParameters: { indexValue: String(index), arraySize: String(size), ansiConfig: ANSI_CONFIG }, sqlState: '22003', context },
  );
}

/** A SQL literal for a double in Spark's toSQLValue form: `1.0E10D`. */
function doubleSQLValue(v: number): string {
  if (!Number.isFinite(v)) return `'${javaDoubleToString(v)}'`;
  return javaDoubleToString(v) + 'D';
}
