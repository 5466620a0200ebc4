/**
 * Spark's `DataType.sql`: the upper-case SQL spelling used by `StructType.toDDL` and in error
 * messages (QueryErrorsBase.toSQLType). Unlike `simpleString().toUpperCase()`, nested field
 * names keep their case and are back-quoted only when needed (QuotingUtils.quoteIfNeeded),
 * and struct/map members are separated by ", " as Spark prints them:
 * `STRUCT<xY: INT, b: ARRAY<STRING>>`, `MAP<STRING, BIGINT>`.
 */
import { ArrayType, MapType, type DataType } from './data-types';
import { StructType } from './struct-type';

export function typeSQL(t: DataType): string {
  if (t instanceof StructType)
    return `STRUCT<${t.fields
      .map(
        (f) => `${quoteIfNeeded(f.name)}: ${typeSQL(f.dataType)}${f.nullable ? '' : ' NOT NULL'}`,
      )
      .join(', ')}>`;
  if (t instanceof ArrayType) return `ARRAY<${typeSQL(t.elementType)}>`;
  if (t instanceof MapType) return `MAP<${typeSQL(t.keyType)}, ${typeSQL(t.valueType)}>`;
  return t.simpleString().toUpperCase();
}

/** QuotingUtils.quoteIfNeeded: plain identifiers as they are, anything else in back-quotes. */
export function quoteIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
}
