import { describe, expect, it } from 'vitest';
import {
  rowsFromSchema,
  sameRows,
  schemaFromRows,
  typeToDDL,
  typeToJSON,
} from '../../../renderer/src/lib/draft-schema';
import { parseDDLRows, rowsToDDL } from '../../../renderer/src/lib/draft-schema-ddl';

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

  it('round-trips the lab schema through DDL text', () => {
    const rows = [
      { name: 'Arrival_Time', type: 'bigint', nullable: true },
      { name: 'Device', type: 'string', nullable: false },
      { name: 'my col', type: 'double', nullable: true },
    ];
    const ddl = rowsToDDL(rows);
    expect(ddl).toBe('Arrival_Time BIGINT, Device STRING NOT NULL, `my col` DOUBLE');
    const back = parseDDLRows(ddl);
    expect(back.ok && sameRows(back.rows, rows)).toBe(true);
  });

  it('reads DDL as Spark writes it: colons, nested types, comments, quoted names', () => {
    expect(
      parseDDLRows(
        "a: int, b map<string, array<int>> COMMENT 'x, y', `c``d` decimal(10, 2) not null",
      ),
    ).toEqual({
      ok: true,
      rows: [
        { name: 'a', type: 'int', nullable: true },
        { name: 'b', type: 'map<string, array<int>>', nullable: true },
        { name: 'c`d', type: 'decimal(10, 2)', nullable: false },
      ],
    });
    expect(parseDDLRows('  ')).toEqual({ ok: true, rows: [] });
  });

  it('says where DDL cannot be read', () => {
    expect(parseDDLRows('a int,, b string')).toMatchObject({ ok: false, position: 6 });
    expect(parseDDLRows('a int, b')).toMatchObject({
      ok: false,
      message: 'The field b has no type.',
    });
    expect(parseDDLRows('a array<int')).toMatchObject({ ok: false, position: 11 });
    expect(parseDDLRows('`a int')).toMatchObject({ ok: false, position: 0 });
  });
});
