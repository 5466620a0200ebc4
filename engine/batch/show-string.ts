/**
 * Spark's `Dataset.showString` (classic/Dataset.scala): the table `df.show()` and the console
 * sink print. Cells are rendered as Spark 4's `ToPrettyString` does (NULL for nulls, `{a, b}`
 * for structs, `[a, b]` for arrays, `{k -> v}` for maps, hex for binary, timestamps in the
 * session time zone with trailing zero fractions dropped, doubles as Java's Double.toString),
 * then truncated to `truncate` characters ("..." when truncate >= 4) and padded to the column
 * width measured in half-width units (Utils.stringHalfWidth), right-aligned when truncating.
 */
import {
  ArrayType,
  DataType,
  DateType,
  DecimalType,
  FloatType,
  MapType,
  TimestampType,
  BinaryType,
} from '../types/data-types';
import { StructType } from '../types/struct-type';
import { javaDoubleToString, javaFloatToString } from '../types/java-number-format';
import { formatDate, formatTimestamp } from '../types/datetime';
import type { ColumnBatch } from './column-batch';
import { valueAt } from './values';

/** ToPrettyString's null rendering (Spark 3.5+; Spark 3.4 and before printed `null`). */
const NULL_STRING = 'NULL';

export function showString(
  batch: ColumnBatch,
  numRows = 20,
  truncate: boolean | number = true,
  timeZone = 'UTC',
): string {
  const limit = Math.max(0, Math.floor(numRows));
  const width = truncate === true ? 20 : truncate === false ? 0 : Math.floor(truncate);
  const shown = Math.min(batch.numRows, limit);
  const hasMoreData = batch.numRows > limit;
  const fields = batch.schema.fields;

  const rows: string[][] = [fields.map((f) => truncateCell(escapeMetaCharacters(f.name), width))];
  for (let r = 0; r < shown; r++) {
    const row: string[] = new Array(fields.length);
    for (let c = 0; c < fields.length; c++) {
      const text = prettyValue(valueAt(batch.columns[c], r), fields[c].dataType, timeZone);
      row[c] = truncateCell(escapeMetaCharacters(text), width);
    }
    rows.push(row);
  }

  // Spark's minimum column width is 3.
  const colWidths = fields.map(() => 3);
  for (const row of rows) {
    for (let c = 0; c < row.length; c++)
      colWidths[c] = Math.max(colWidths[c], stringHalfWidth(row[c]));
  }
  const sep = '+' + colWidths.map((w) => '-'.repeat(w)).join('+') + '+\n';
  const line = (row: string[]): string =>
    '|' +
    row
      .map((cell, c) => {
        const pad = ' '.repeat(Math.max(0, colWidths[c] - stringHalfWidth(cell)));
        return width > 0 ? pad + cell : cell + pad;
      })
      .join('|') +
    '|\n';

  let out = sep + line(rows[0]) + sep;
  for (let r = 1; r < rows.length; r++) out += line(rows[r]);
  out += sep;
  if (hasMoreData) out += `only showing top ${limit} ${limit === 1 ? 'row' : 'rows'}\n`;
  return out;
}

function truncateCell(str: string, truncate: number): string {
  if (truncate > 0 && str.length > truncate) {
    // Spark shows no ellipsis for widths under 4.
    return truncate < 4 ? str.substring(0, truncate) : str.substring(0, truncate - 3) + '...';
  }
  return str;
}

/** SchemaUtils.escapeMetaCharacters: keeps control characters from breaking the table. */
function escapeMetaCharacters(s: string): string {
  let out = s;
  for (const [ch, escaped] of META_CHARACTERS)
    if (out.includes(ch)) out = out.split(ch).join(escaped);
  return out;
}

const META_CHARACTERS: readonly (readonly [string, string])[] = [
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
  ['\f', '\\f'],
  ['\x08', '\\b'],
  ['\x0B', '\\v'],
  ['\x07', '\\a'],
];

// Utils.fullWidthRegex: East Asian wide characters take two columns.
const FULL_WIDTH =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6]/g;

function stringHalfWidth(s: string): number {
  const wide = s.match(FULL_WIDTH);
  return s.length + (wide === null ? 0 : wide.length);
}

/** ToPrettyString of one non-top-level-null value (ToStringBase.castToString). */
export function prettyValue(value: unknown, type: DataType, timeZone: string): string {
  if (value === null || value === undefined) return NULL_STRING;
  if (type instanceof TimestampType) return formatTimestamp(value as number, timeZone);
  if (type instanceof DateType) return formatDate(value as number);
  if (type instanceof DecimalType) return (value as number).toFixed(type.scale);
  if (type instanceof FloatType) return javaFloatToString(value as number);
  if (type.typeName === 'double') return javaDoubleToString(value as number);
  if (type instanceof BinaryType) return hexBinary(value as Uint8Array);
  if (type instanceof ArrayType) {
    const items = value as readonly unknown[];
    return '[' + items.map((v) => prettyValue(v, type.elementType, timeZone)).join(', ') + ']';
  }
  if (type instanceof MapType) {
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
    return (
      '{' +
      entries
        .map(
          ([k, v]) =>
            `${prettyValue(k, type.keyType, timeZone)} -> ${prettyValue(v, type.valueType, timeZone)}`,
        )
        .join(', ') +
      '}'
    );
  }
  if (type instanceof StructType) {
    const obj = value as Record<string, unknown>;
    return (
      '{' + type.fields.map((f) => prettyValue(obj[f.name], f.dataType, timeZone)).join(', ') + '}'
    );
  }
  return String(value);
}

/** Spark 4's hex rendering of binary cells: `[48 65 6C]`. */
function hexBinary(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (const b of bytes) parts.push(b.toString(16).toUpperCase().padStart(2, '0'));
  return '[' + parts.join(' ') + ']';
}

