/**
 * Schemas and rows for the reader round-trip properties: a generated schema, rows whose
 * values fit it (as ColumnBatch.toRows returns them), and free-form text for the
 * "any bytes" properties.
 */
import fc from 'fast-check';

export type FieldKind = 'int' | 'bigint' | 'double' | 'string' | 'boolean';
export interface GeneratedField {
  readonly name: string;
  readonly kind: FieldKind;
}

const DDL_TYPE: Record<FieldKind, string> = { int: 'INT', bigint: 'BIGINT', double: 'DOUBLE', string: 'STRING', boolean: 'BOOLEAN' };

/** 1–5 fields with distinct plain names (c0, c1, …) and random types. */
export const fieldsArb: fc.Arbitrary<GeneratedField[]> = fc
  .array(fc.constantFrom<FieldKind>('int', 'bigint', 'double', 'string', 'boolean'), { minLength: 1, maxLength: 5 })
  .map((kinds) => kinds.map((kind, i) => ({ name: `c${i}`, kind })));

export function ddlOf(fields: readonly GeneratedField[]): string {
  return fields.map((f) => `${f.name} ${DDL_TYPE[f.kind]}`).join(', ');
}

/** A non-null value of the field's type; `text` limits the characters strings may use. */
export function valueArb(kind: FieldKind, text: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'int':
      return fc.integer({ min: -2147483648, max: 2147483647 });
    case 'bigint':
      // BIGINT is stored as float64: values past 2^53 cannot come back exactly.
      return fc.maxSafeInteger();
    case 'double':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'string':
      return text;
    case 'boolean':
      return fc.boolean();
  }
}

/** Rows for `fields`, each value null one time in five. */
export function rowsArb(fields: readonly GeneratedField[], text: fc.Arbitrary<string>, maxRows = 8): fc.Arbitrary<Record<string, unknown>[]> {
  const row = fc.record(
    Object.fromEntries(fields.map((f) => [f.name, fc.option(valueArb(f.kind, text), { nil: null, freq: 5 })])) as Record<string, fc.Arbitrary<unknown>>,
  );
  return fc.array(row, { maxLength: maxRows });
}

/** Bytes that are mostly record-shaped text, sometimes not UTF-8 at all. */
export function recordishBytes(pieces: readonly string[]): fc.Arbitrary<Uint8Array> {
  const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 40 }).map((p) => p.join(''));
  return fc.oneof(
    { weight: 4, arbitrary: text.map((t) => new TextEncoder().encode(t)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  );
}
