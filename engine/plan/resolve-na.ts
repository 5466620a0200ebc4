/**
 * na.drop / na.fill (DataFrameNaFunctions), checked against pyspark 4.1.4:
 * - drop keeps a row when at least `minNonNulls` of the chosen columns are non-null and
 *   not NaN (AtLeastNNonNulls); how='any' → all of them, 'all' → one, thresh overrides.
 * - fill(value[, subset]) touches only columns whose type matches the value: a number
 *   fills numeric columns (cast to each: 3.7 → 3 in an int column, fround in a float one,
 *   NaN replaced too), a string fills string columns, a boolean boolean columns; subset
 *   columns of another type are skipped. fill({col: value}) casts each value to its
 *   column's type (5 → '5', true → 'true'; 'x' into an int is CAST_INVALID_INPUT).
 */
import { toSQLType } from '../expr/expr-errors';
import { AnalysisException, SparkNumberFormatException } from '../errors';
import type { ExprConf } from '../expr/index';
import {
  BooleanType,
  DataType,
  StringType,
  isFractional,
  isIntegral,
  isNumeric,
} from '../types/data-types';
import { StructField, StructType } from '../types/struct-type';
import type { NaDropNode, NaFillNode } from './logical-plan';
import { resolveColumnIndex } from './resolve-columns';
import type { NaFillColumn, ResolvedNaDrop, ResolvedNaFill, ResolvedPlan } from './resolved-plan';

export function resolveNaDrop(
  node: NaDropNode,
  input: ResolvedPlan,
  conf: ExprConf,
): ResolvedNaDrop {
  const columns = node.subset
    ? node.subset.map((c) => resolveColumnIndex(input.schema, c, conf))
    : input.schema.fields.map((_, i) => i);
  if (node.how !== 'any' && node.how !== 'all') {
    throw new AnalysisException(
      'VALUE_NOT_ANY_OR_ALL',
      `Value for \`how\` must be 'any' or 'all', got '${String(node.how)}'.`,
      {
        messageParameters: { arg_name: 'how', arg_value: String(node.how) },
      },
    );
  }
  const minNonNulls = node.thresh ?? (node.how === 'any' ? columns.length : 1);
  return {
    kind: 'naDrop',
    node,
    input,
    columns,
    minNonNulls,
    schema: input.schema,
    streaming: input.streaming,
  };
}

export function resolveNaFill(
  node: NaFillNode,
  input: ResolvedPlan,
  conf: ExprConf,
): ResolvedNaFill {
  const schema = input.schema;
  const fills: NaFillColumn[] = [];
  if (typeof node.value === 'object' && node.value !== null) {
    // The dict form ignores `subset`, as PySpark's fillna does.
    for (const [name, value] of Object.entries(node.value)) {
      const index = resolveColumnIndex(schema, name, conf);
      fills.push({ index, value: castFillValue(value, schema.fields[index].dataType) });
    }
  } else {
    const value = node.value;
    const indices = node.subset
      ? node.subset.map((c) => resolveColumnIndex(schema, c, conf))
      : schema.fields.map((_, i) => i);
    for (const index of indices) {
      const t = schema.fields[index].dataType;
      if (
        typeof value === 'number'
          ? isNumeric(t)
          : typeof value === 'string'
            ? t instanceof StringType
            : t instanceof BooleanType
      ) {
        fills.push({ index, value: castFillValue(value, t) });
      }
    }
  }
  return {
    kind: 'naFill',
    node,
    input,
    fills,
    schema: nonNullable(schema, fills),
    streaming: input.streaming,
  };
}

/** Spark's `lit(value).cast(columnType)` for the fill values it accepts. */
function castFillValue(value: string | number | boolean, t: DataType): string | number | boolean {
  if (t instanceof StringType) return typeof value === 'string' ? value : String(value);
  if (t instanceof BooleanType) {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') return value !== 0;
    const v = value.trim().toLowerCase();
    if (['t', 'true', 'y', 'yes', '1'].includes(v)) return true;
    if (['f', 'false', 'n', 'no', '0'].includes(v)) return false;
    throw castInvalid(value, t);
  }
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'boolean'
        ? value
          ? 1
          : 0
        : Number(value.trim());
  if (typeof value === 'string' && (value.trim() === '' || Number.isNaN(n)))
    throw castInvalid(value, t);
  if (isIntegral(t)) return Math.trunc(n);
  if (t.typeName === 'float') return Math.fround(n);
  if (isFractional(t)) return n;
  throw castInvalid(String(value), t);
}

function castInvalid(value: string, t: DataType): SparkNumberFormatException {
  const target = toSQLType(t);
  return new SparkNumberFormatException(
    'CAST_INVALID_INPUT',
    `The value '${value}' of the type "STRING" cannot be cast to ${target} because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead.`,
    {
      messageParameters: { expression: `'${value}'`, sourceType: '"STRING"', targetType: target },
      sqlState: '22018',
    },
  );
}

/** A filled column is coalesce(col, value): no longer nullable (Coalesce.nullable). */
function nonNullable(schema: StructType, fills: readonly NaFillColumn[]): StructType {
  const filled = new Set(fills.map((f) => f.index));
  return new StructType(
    schema.fields.map((f, i) =>
      filled.has(i) && f.nullable ? new StructField(f.name, f.dataType, false, f.metadata) : f,
    ),
  );
}
