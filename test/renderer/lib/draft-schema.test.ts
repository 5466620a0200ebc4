import { describe, expect, it } from 'vitest';
import {
  rowsFromSchema,
  sameRows,
  schemaFromRows,
  typeToDDL,
  typeToJSON,
} from '../../../renderer/src/lib/draft-schema';
import { parseSchema } from '../../../engine/service/parse-schema';
import {
  ddlErrorText,
  rowsFromFields,
  rowsToDDL,
} from '../../../renderer/src/lib/draft-schema-ddl';

describe('schema rows', () => {
  it('reads StructType JSON with Spark’s JSON type names as DDL types', () => {
    const schema = {
      type: 'struct',
      fields: [
        { name: 'Arrival_Time', type: 'long', nullable: true, metadata: {} },
        { name: 'Index', type: 'integer', nullable: false, metadata: {} },
        {
          name: 'tags',
          type: { type: 'array', elementType: 'string', containsNull: true },
          nullable: true,
          metadata: {},
        },
        {
          name: 'pos',
          type: {
            type: 'struct',
            fields: [{ name: 'x', type: 'double', nullable: true, metadata: {} }],
          },
          nullable: true,
          metadata: {},
        },
      ],
    };
    expect(rowsFromSchema(schema)).toEqual([
      { name: 'Arrival_Time', type: 'bigint', nullable: true },
      { name: 'Index', type: 'int', nullable: false },
      { name: 'tags', type: 'array<string>', nullable: true },
      { name: 'pos', type: 'struct<x:double>', nullable: true },
    ]);
    expect(rowsFromSchema(null)).toEqual([]);
    expect(typeToDDL({ type: 'map', keyType: 'string', valueType: 'long' })).toBe(
      'map<string,bigint>',
    );
  });

  it('writes rows as StructType JSON, null when empty (the engine infers)', () => {
    expect(schemaFromRows([])).toBeNull();
    expect(
      schemaFromRows([
        { name: 'Index', type: 'BIGINT', nullable: true },
        { name: 'gt', type: 'string', nullable: false },
        { name: 'tags', type: 'array<string>', nullable: true },
      ]),
    ).toEqual({
      type: 'struct',
      fields: [
        { name: 'Index', type: 'long', nullable: true, metadata: {} },
        { name: 'gt', type: 'string', nullable: false, metadata: {} },
        { name: 'tags', type: 'array<string>', nullable: true, metadata: {} },
      ],
    });
    expect(typeToJSON(' int ')).toBe('integer');
    expect(typeToJSON('decimal(10,2)')).toBe('decimal(10,2)');
  });

  it('writes DDL that the engine reads back as the same rows', () => {
    const rows = [
      { name: 'Arrival_Time', type: 'bigint', nullable: true },
      { name: 'Device', type: 'string', nullable: false },
      { name: 'my col', type: 'double', nullable: true },
      { name: 'tags', type: 'array<string>', nullable: true },
    ];
    const ddl = rowsToDDL(rows);
    expect(ddl).toBe(
      'Arrival_Time BIGINT, Device STRING NOT NULL, `my col` DOUBLE, tags array<string>',
    );
    // The page reads DDL only through the engine (parseSchema), never with a grammar of its own.
    expect(sameRows(rowsFromFields(parseSchema(ddl).fields), rows)).toBe(true);
  });

  it('words the engine’s DDL error with its character position', () => {
    expect(
      ddlErrorText(
        '[UNSUPPORTED_DATATYPE] Unsupported data type "STRIN". SQLSTATE: 0A000\n== SQL ==',
        9,
      ),
    ).toBe('Schema DDL, character 10: Unsupported data type "STRIN".');
    expect(ddlErrorText('Syntax error', undefined)).toBe('Schema DDL: Syntax error');
  });
});
