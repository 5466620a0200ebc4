/**
 * The type hint in a grid column header: a short glyph per Spark type family and the
 * type's meaning in words (DBeaver colours by data type; n8n shows a schema view — every
 * data grid users like says what a column holds, ui-anchors.md §8).
 */

export interface TypeHint {
  /** A few characters drawn before the column name. */
  readonly glyph: string;
  /** The Spark type and what it holds, for the tooltip. */
  readonly description: string;
}

const FAMILIES: readonly { readonly test: RegExp; readonly glyph: string; readonly holds: string }[] = [
  { test: /^tinyint$/, glyph: '#', holds: '8-bit signed integer' },
  { test: /^smallint$/, glyph: '#', holds: '16-bit signed integer' },
  { test: /^int$/, glyph: '#', holds: '32-bit signed integer' },
  { test: /^bigint$/, glyph: '#', holds: '64-bit signed integer' },
  { test: /^float$/, glyph: '#.#', holds: '32-bit floating point' },
  { test: /^double$/, glyph: '#.#', holds: '64-bit floating point' },
  { test: /^decimal/, glyph: '#.00', holds: 'fixed-point decimal (precision, scale)' },
  { test: /^boolean$/, glyph: '✓✗', holds: 'true or false' },
  { test: /^string$/, glyph: 'Aa', holds: 'text' },
  { test: /^timestamp$/, glyph: '◷', holds: 'instant, shown in UTC (microseconds)' },
  { test: /^timestamp_ntz$/, glyph: '◷', holds: 'local date-time without a zone' },
  { test: /^date$/, glyph: '▦', holds: 'calendar date' },
  { test: /^binary$/, glyph: '01', holds: 'bytes, shown in hex' },
  { test: /^struct</, glyph: '{}', holds: 'struct: named fields' },
  { test: /^array</, glyph: '[]', holds: 'array of values' },
  { test: /^map</, glyph: '{→}', holds: 'map of keys to values' },
  { test: /^void$/, glyph: '∅', holds: 'always NULL' },
  { test: /^interval/, glyph: 'Δ', holds: 'time interval' },
];

export function typeHint(sparkType: string): TypeHint {
  const family = FAMILIES.find((f) => f.test.test(sparkType));
  return {
    glyph: family?.glyph ?? '?',
    description: family === undefined ? sparkType : `${sparkType}: ${family.holds}`,
  };
}
