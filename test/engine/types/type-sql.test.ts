import { describe, expect, it } from 'vitest';
import { toSQLType } from '../../../engine/expr/expr-errors';
import { parseDDL } from '../../../engine/types/ddl';
import { typeSQL } from '../../../engine/types/type-sql';

describe("DataType.sql (Spark's StructType.toDDL and QueryErrorsBase.toSQLType)", () => {
  const schema = parseDDL(
    'a int, s struct<xY: int NOT NULL, `b c`: array<string>, m: map<string,bigint>>',
  );

  it('keeps nested field names as written, quoting only where needed', () => {
    expect(typeSQL(schema.fields[1].dataType)).toBe(
      'STRUCT<xY: INT NOT NULL, `b c`: ARRAY<STRING>, m: MAP<STRING, BIGINT>>',
    );
    expect(toSQLType(schema.fields[0].dataType)).toBe('"INT"');
  });

  it('toDDL reads back as the same schema', () => {
    expect(parseDDL(schema.toDDL()).simpleString()).toBe(schema.simpleString());
  });
});
