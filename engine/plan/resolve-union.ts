/**
 * union / unionByName: inputs are lined up column for column (by position, or by name
 * with the first input's order), and each column takes the widest type of its inputs
 * under ANSI coercion (int ∪ double → double, int ∪ string → bigint; checked against
 * pyspark 4.1.4). Inputs that need a cast get a projection, so the operator only
 * concatenates.
 */
import { toSQLType } from '../expr/expr-errors';
import { AnalysisException } from '../errors';
import { bindExpr, type ExprConf } from '../expr/index';
import {
  ByteType,
  DataType,
  DateType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  NullType,
  ShortType,
  StringType,
  T,
  TimestampType,
  isFractional,
  isIntegral,
} from '../types/data-types';
import { StructField, StructType } from '../types/struct-type';
import type { UnionNode } from './logical-plan';
import { findColumnIndex } from './resolve-columns';
import type { ProjectItem, ResolvedPlan, ResolvedUnion } from './resolved-plan';

const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];
const ordinal = (i: number): string => ORDINALS[i] ?? `${i + 1}th`;

export function resolveUnion(
  node: UnionNode,
  inputs: readonly ResolvedPlan[],
  conf: ExprConf,
): ResolvedUnion {
  const first = inputs[0].schema;
  const aligned = inputs.map((r, i) => (i === 0 || !node.byName ? r : alignByName(r, first, conf)));
  aligned.forEach((r, i) => {
    if (r.schema.length !== first.length) {
      throw new AnalysisException(
        'NUM_COLUMNS_MISMATCH',
        `UNION can only be performed on inputs with the same number of columns, but the first input has ${first.length} columns and the ${ordinal(i)} input has ${r.schema.length} columns.`,
        {
          messageParameters: {
            operator: 'UNION',
            firstNumColumns: String(first.length),
            invalidOrdinalNum: ordinal(i),
            invalidNumColumns: String(r.schema.length),
          },
          sqlState: '42826',
        },
      );
    }
  });
  const types = first.fields.map((f, c) =>
    aligned.reduce<DataType>((acc, r, i) => {
      const t = r.schema.fields[c].dataType;
      const wider = widerType(acc, t);
      if (wider === undefined) throw incompatible(c, i, t, acc);
      return wider;
    }, f.dataType),
  );
  const fields = first.fields.map(
    (f, c) =>
      new StructField(
        f.name,
        types[c],
        aligned.some((r) => r.schema.fields[c].nullable),
        f.metadata,
      ),
  );
  const schema = new StructType(fields);
  const castInputs = aligned.map((r) => castTo(r, types, conf));
  return {
    kind: 'union',
    node,
    inputs: castInputs,
    schema,
    streaming: inputs.some((r) => r.streaming),
  };
}

function alignByName(r: ResolvedPlan, first: StructType, conf: ExprConf): ResolvedPlan {
  const names = r.schema.names;
  const items: ProjectItem[] = first.fields.map((f) => {
    const index = findColumnIndex(r.schema, f.name, conf.caseSensitive);
    if (index < 0) {
      throw new AnalysisException(
        '_LEGACY_ERROR_TEMP_1201',
        `Cannot resolve column name "${f.name}" among (${names.join(', ')}).`,
        {
          messageParameters: { colName: f.name, fieldNames: names.join(', ') },
        },
      );
    }
    return { kind: 'column', index };
  });
  const fields = items.map((it) => r.schema.fields[(it as { index: number }).index]);
  return {
    kind: 'project',
    node: r.node,
    input: r,
    items,
    schema: new StructType(fields),
    streaming: r.streaming,
  };
}

function castTo(r: ResolvedPlan, types: readonly DataType[], conf: ExprConf): ResolvedPlan {
  if (r.schema.fields.every((f, c) => f.dataType.equals(types[c]))) return r;
  const positional = new StructType(
    r.schema.fields.map((f, c) => new StructField(`_c${c}`, f.dataType, f.nullable, f.metadata)),
  );
  const items: ProjectItem[] = r.schema.fields.map((f, c) =>
    f.dataType.equals(types[c])
      ? { kind: 'column', index: c }
      : {
          kind: 'expr',
          expr: bindExpr(
            {
              kind: 'cast',
              arg: { kind: 'column', name: [`_c${c}`] },
              to: types[c].simpleString(),
            },
            positional,
            { ...conf, caseSensitive: true },
          ),
        },
  );
  const fields = r.schema.fields.map(
    (f, c) => new StructField(f.name, types[c], f.nullable, f.metadata),
  );
  return {
    kind: 'project',
    node: r.node,
    input: r,
    items,
    schema: new StructType(fields),
    streaming: r.streaming,
  };
}

const NUMERIC_ORDER = [ByteType, ShortType, IntegerType, LongType, FloatType, DoubleType];
const rank = (t: DataType): number => NUMERIC_ORDER.findIndex((c) => t instanceof c);

/** Spark's findWiderTypeForTwo under ANSI coercion, for the types a union meets in practice. */
export function widerType(a: DataType, b: DataType): DataType | undefined {
  if (a.equals(b)) return a;
  if (a instanceof NullType) return b;
  if (b instanceof NullType) return a;
  const ra = rank(a);
  const rb = rank(b);
  if (ra >= 0 && rb >= 0) return ra >= rb ? a : b;
  if (isFractional(a) && isFractional(b)) return T.double;
  const [s, o] =
    a instanceof StringType ? [a, b] : b instanceof StringType ? [b, a] : [undefined, undefined];
  if (s && o) {
    if (isIntegral(o)) return T.long;
    if (isFractional(o)) return T.double;
    if (o instanceof DateType || o instanceof TimestampType) return o;
  }
  if (a instanceof DateType && b instanceof TimestampType) return b;
  if (b instanceof DateType && a instanceof TimestampType) return a;
  return undefined;
}

function incompatible(
  column: number,
  table: number,
  t: DataType,
  expected: DataType,
): AnalysisException {
  const t1 = toSQLType(t);
  const t2 = toSQLType(expected);
  return new AnalysisException(
    'INCOMPATIBLE_COLUMN_TYPE',
    `UNION can only be performed on tables with compatible column types. The ${ordinal(column)} column of the ${ordinal(table)} table is ${t1} type which is not compatible with ${t2} at the same column of the first table..`,
    {
      messageParameters: {
        operator: 'UNION',
        columnOrdinalNumber: ordinal(column),
        tableOrdinalNumber: ordinal(table),
        dataType1: t1,
        dataType2: t2,
      },
      sqlState: '42825',
    },
  );
}
