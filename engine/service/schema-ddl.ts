/**
 * A schema as the DDL Spark 4 prints for it (StructType.toDDL, DataType.sql):
 * `` id INT, loc STRUCT<lat: DOUBLE, `lon deg`: DOUBLE>, tags ARRAY<STRING> NOT NULL ``.
 * Unlike upper-casing the simpleString, nested field names keep their case, so
 * `spark.read.schema(ddl)` (and parseDDL) gives back the same fields.
 */
import { ArrayType, MapType, type DataType } from '../types/data-types';
import { StructType } from '../types/struct-type';

export function schemaToDDL(schema: StructType): string {
  return schema.fields
    .map(
      (f) => `${quoteIfNeeded(f.name)} ${dataTypeSql(f.dataType)}${f.nullable ? '' : ' NOT NULL'}`,
    )
    .join(', ');
}

/** DataType.sql: atomic types upper-cased, nested ones spelled out recursively. */
export function dataTypeSql(type: DataType): string {
  if (type instanceof StructType)
    return `STRUCT<${type.fields.map((f) => `${quoteIfNeeded(f.name)}: ${dataTypeSql(f.dataType)}`).join(', ')}>`;
  if (type instanceof ArrayType) return `ARRAY<${dataTypeSql(type.elementType)}>`;
  if (type instanceof MapType)
    return `MAP<${dataTypeSql(type.keyType)}, ${dataTypeSql(type.valueType)}>`;
  return type.simpleString().toUpperCase();
}

/** QuotingUtils.quoteIfNeeded: plain identifiers as they are, anything else in backticks. */
function quoteIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
}
