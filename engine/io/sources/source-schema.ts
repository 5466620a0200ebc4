/**
 * The schema a file source reads with. Spark makes every field of a file source nullable
 * (`spark.sql.streaming.fileSource.schema.forceNullable`, and `asNullable` in
 * DataSource.resolveRelation for batch reads): a file can always lack a field. The text
 * format's schema is fixed (TextFileFormat: one `value string` column).
 */
import { IllegalArgumentException } from '../../errors';
import { ArrayType, MapType, T, type DataType } from '../../types/data-types';
import { toStructType } from '../../types/ddl';
import { StructField, StructType } from '../../types/struct-type';
import type { SourceNode } from '../../plan/logical-plan';

export const TEXT_SCHEMA = new StructType([new StructField('value', T.string, true)]);

/** The declared schema made nullable; text's fixed schema; undefined when none was given. */
export function declaredSchema(node: SourceNode): StructType | undefined {
  if (node.format.toLowerCase() === 'text') return TEXT_SCHEMA;
  if (node.schema === undefined || node.schema === null) return undefined;
  return asNullable(toStructType(node.schema as object));
}

/** DataSource.sourceSchema's refusal of a schema-less streaming file source. */
export function schemaRequiredError(): IllegalArgumentException {
  return new IllegalArgumentException(
    'Schema must be specified when creating a streaming source DataFrame. If some files already exist ' +
      'in the directory, then depending on the file format you may be able to create a static DataFrame on ' +
      "that directory with 'spark.read.load(directory)' and infer schema from it.",
  );
}

export function asNullable(schema: StructType): StructType {
  return new StructType(
    schema.fields.map((f) => new StructField(f.name, nullableType(f.dataType), true, f.metadata)),
  );
}

function nullableType(t: DataType): DataType {
  if (t instanceof StructType) return asNullable(t);
  if (t instanceof ArrayType) return new ArrayType(nullableType(t.elementType), true);
  if (t instanceof MapType)
    return new MapType(nullableType(t.keyType), nullableType(t.valueType), true);
  return t;
}
