/**
 * The source schema as the setup screen edits it: rows of (name, type, nullable), read from
 * and written to Spark's StructType JSON (StructType.jsonValue), the form SourceSetup.schema
 * carries. Types are edited in Spark's DDL spelling (`bigint`, `array<string>`), the one the
 * lab and `StructType.fromDDL` use.
 *
 * Spark's JSON names four atomic types differently from DDL (DataType.typeName vs
 * simpleString: long/bigint, integer/int, short/smallint, byte/tinyint); that table is all
 * this file knows of types. Anything else (decimal(10,2), array<…>, a typo) is passed as
 * typed and checked by the engine, whose preview says what is wrong.
 */

export interface SchemaRow {
  readonly name: string;
  /** DDL spelling: `bigint`, `string`, `timestamp`, `array<string>`. */
  readonly type: string;
  readonly nullable: boolean;
}

/** The types offered in the type picker (any DDL type may be typed). */
export const SPARK_TYPE_NAMES: readonly string[] = [
  'string',
  'bigint',
  'int',
  'double',
  'float',
  'boolean',
  'timestamp',
  'date',
  'smallint',
  'tinyint',
  'decimal(10,0)',
  'binary',
  'array<string>',
  'map<string,string>',
];

/** DataType.typeName → simpleString, where they differ. */
const DDL_OF_JSON: Readonly<Record<string, string>> = {
  long: 'bigint',
  integer: 'int',
  short: 'smallint',
  byte: 'tinyint',
};
const JSON_OF_DDL: Readonly<Record<string, string>> = {
  bigint: 'long',
  long: 'long',
  int: 'integer',
  integer: 'integer',
  smallint: 'short',
  short: 'short',
  tinyint: 'byte',
  byte: 'byte',
  string: 'string',
  double: 'double',
  float: 'float',
  boolean: 'boolean',
  timestamp: 'timestamp',
  date: 'date',
  binary: 'binary',
};

/** A Spark JSON data type as DDL: `"long"` → `bigint`, `{type: 'array', …}` → `array<…>`. */
export function typeToDDL(json: unknown): string {
  if (typeof json === 'string') return DDL_OF_JSON[json] ?? json;
  if (json !== null && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    switch (o.type) {
      case 'array':
        return `array<${typeToDDL(o.elementType)}>`;
      case 'map':
        return `map<${typeToDDL(o.keyType)},${typeToDDL(o.valueType)}>`;
      case 'struct':
        return `struct<${fieldsOf(o)
          .map((f) => `${f.name}:${f.type}`)
          .join(',')}>`;
    }
  }
  return String(json);
}

/** The rows of a StructType JSON value; [] for null or anything that is not a struct. */
export function rowsFromSchema(schema: unknown): SchemaRow[] {
  if (schema === null || typeof schema !== 'object') return [];
  return fieldsOf(schema as Record<string, unknown>);
}

/** StructType.jsonValue() of the rows; null when there are none (the engine then infers). */
export function schemaFromRows(rows: readonly SchemaRow[]): unknown {
  if (rows.length === 0) return null;
  return {
    type: 'struct',
    fields: rows.map((r) => ({
      name: r.name,
      type: typeToJSON(r.type),
      nullable: r.nullable,
      metadata: {},
    })),
  };
}

/** A DDL type as Spark's JSON names it, where the two differ; other text is kept as typed. */
export function typeToJSON(ddl: string): string {
  const t = ddl.trim();
  return JSON_OF_DDL[t.toLowerCase()] ?? t;
}

export function sameRows(a: readonly SchemaRow[], b: readonly SchemaRow[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => r.name === b[i].name && r.type === b[i].type && r.nullable === b[i].nullable)
  );
}

function fieldsOf(struct: Record<string, unknown>): SchemaRow[] {
  if (struct.type !== 'struct' || !Array.isArray(struct.fields)) return [];
  return (struct.fields as Record<string, unknown>[]).map((f) => ({
    name: String(f.name),
    type: typeToDDL(f.type),
    nullable: f.nullable !== false,
  }));
}
