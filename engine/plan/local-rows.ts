/**
 * createDataFrame's inputs → LocalRelation rows. Rows may be objects (matched to fields
 * by name) or arrays (by position). Without a schema, or with only column names, types
 * are inferred as PySpark's _infer_schema does: integer numbers → bigint, other numbers →
 * double, strings, booleans, Dates → timestamp (checked against pyspark 4.1.4).
 */
import { IllegalArgumentException } from '../errors';
import { T, type DataType } from '../types/data-types';
import { toStructType } from '../types/ddl';
import { StructField, StructType } from '../types/struct-type';

export type RowInput = Readonly<Record<string, unknown>> | readonly unknown[];

export function localRelationOf(
  data: readonly RowInput[],
  schema?: StructType | string | readonly string[],
): { schema: StructType; rows: unknown[][] } {
  if (schema !== undefined && !Array.isArray(schema)) {
    const st = toStructType(schema as StructType | string);
    return {
      schema: st,
      rows: data.map((r) =>
        rowValues(r, st.names).map((v, c) => external(v, st.fields[c].dataType)),
      ),
    };
  }
  const names = (schema as readonly string[] | undefined) ?? namesOf(data);
  const rows = data.map((r) => rowValues(r, names));
  const st = new StructType(
    names.map(
      (name, c) =>
        new StructField(
          name,
          columnType(
            name,
            rows.map((r) => r[c]),
          ),
          true,
        ),
    ),
  );
  return { schema: st, rows: rows.map((r) => r.map((v, c) => external(v, st.fields[c].dataType))) };
}

/** One type per column: numbers widen to double when any is fractional. */
function columnType(name: string, values: readonly unknown[]): DataType {
  const types = values.map(inferType).filter((t): t is DataType => t !== undefined);
  if (types.length === 0) {
    throw new IllegalArgumentException(
      `[CANNOT_DETERMINE_TYPE] Some of types cannot be determined after inferring: column \`${name}\`.`,
    );
  }
  if (types.every((t) => t === T.long || t === T.double))
    return types.includes(T.double) ? T.double : T.long;
  return types[0];
}

/** JS values → the JSON-safe values a LocalRelation stores (timestamps µs, dates days). */
function external(v: unknown, t: DataType): unknown {
  if (v instanceof Date)
    return t.typeName === 'date' ? Math.floor(v.getTime() / 86_400_000) : v.getTime() * 1000;
  if (typeof v === 'bigint') return Number(v);
  return v;
}

function namesOf(data: readonly RowInput[]): string[] {
  const first = data[0];
  if (first === undefined)
    throw new IllegalArgumentException(
      '[CANNOT_INFER_EMPTY_SCHEMA] Can not infer schema from an empty dataset.',
    );
  if (Array.isArray(first)) return first.map((_, i) => `_${i + 1}`);
  return Object.keys(first as object);
}

function rowValues(row: RowInput, names: readonly string[]): unknown[] {
  if (Array.isArray(row)) return names.map((_, i) => normalise(row[i]));
  const o = row as Readonly<Record<string, unknown>>;
  return names.map((n) => normalise(o[n]));
}

function normalise(v: unknown): unknown {
  return v === undefined ? null : v;
}

function inferType(v: unknown): DataType | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'boolean') return T.boolean;
  if (typeof v === 'number') return Number.isInteger(v) ? T.long : T.double;
  if (typeof v === 'bigint') return T.long;
  if (typeof v === 'string') return T.string;
  if (v instanceof Date) return T.timestamp;
  throw new IllegalArgumentException(
    `[CANNOT_INFER_SCHEMA_FOR_TYPE] Can not infer schema for type: \`${typeof v}\`.`,
  );
}
