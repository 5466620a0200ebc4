/**
 * The schema editor's reading of a schema (issue 5 §4): a DDL string as StructType.fromDDL
 * reads it, or Spark's JSON form, returned as fields in DDL spelling plus both text forms.
 * The renderer keeps no type grammar of its own; a bad DDL fails with the parser's
 * ParseException, whose context gives the position to underline.
 */
import { toStructType } from '../types/ddl';
import type { ParsedSchema } from './protocol';

export function parseSchema(schema: unknown): ParsedSchema {
  const struct = toStructType(schema as string | object);
  return {
    fields: struct.fields.map((f) => ({
      name: f.name,
      type: f.dataType.simpleString(),
      nullable: f.nullable,
    })),
    ddl: struct.toDDL(),
    json: struct.jsonValue(),
  };
}
