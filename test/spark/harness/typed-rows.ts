/**
 * Both engines' micro-batch output in one typed, comparable form:
 *
 * | Spark type            | canonical value                                        |
 * | --------------------- | ------------------------------------------------------ |
 * | timestamp             | ISO UTC string to the microsecond `1970-01-01T00:00:10.000000Z` |
 * | date                  | `YYYY-MM-DD`                                           |
 * | double, float         | number; `"NaN"`, `"Infinity"`, `"-Infinity"`; -0 is 0  |
 * | integral, decimal     | number                                                 |
 * | struct                | object keyed by field name                             |
 * | array                 | list                                                   |
 * | map                   | object keyed by the key's text, keys sorted            |
 * | binary                | base64 string                                          |
 *
 * Spark's values come from `to_json` (see spark-runner.py), so they are JSON with Spark's
 * own timestamp text; Tidemark's come from `valueAt` (timestamps in µs, dates in days).
 * The column types drive the conversion: Spark's from the batch schema's simpleString,
 * Tidemark's from its DataType.
 */
import {
  ArrayType,
  DataType,
  DateType,
  MapType,
  TimestampType,
} from '../../../engine/types/data-types';
import { parseDataType } from '../../../engine/types/ddl';
import { StructType } from '../../../engine/types/struct-type';

export interface CanonicalColumn {
  readonly name: string;
  /** Spark's simpleString of the column type. */
  readonly type: string;
}

export interface CanonicalBatch {
  readonly batchId: number;
  readonly columns: readonly CanonicalColumn[];
  readonly rows: readonly (readonly unknown[])[];
}

/** Days since 1970-01-01 → [year, month, day] (proleptic Gregorian, any year: Spark's long µs reach ±290,000 years). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Years as Spark prints them: four digits in 0..9999, else signed (`+47116`, `-0001`). */
function yearText(y: number): string {
  if (y >= 0 && y <= 9999) return pad(y, 4);
  return `${y < 0 ? '-' : '+'}${pad(Math.abs(y), 4)}`;
}

/** `YYYY-MM-DD` for days since the epoch. */
export function formatDays(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${yearText(y)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * µs since the epoch → `YYYY-MM-DDTHH:MM:SS.ffffffZ`. Integer arithmetic only: no Date range
 * limit. Beyond 2^53 µs (after year 2255) neighbouring doubles are up to ~1 ms apart, and
 * Spark's exact long and Tidemark's double arithmetic may land on different neighbours, so
 * such values print rounded to the second (the lab's nanosecond times read as seconds
 * overflow into that range).
 */
export function formatMicros(value: number): string {
  // Split into whole seconds and the µs within them, both exact integers in a double.
  let seconds: number;
  let micros: number;
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    seconds = Math.round(value / 1_000_000);
    micros = 0;
  } else {
    seconds = Math.floor(value / 1_000_000);
    micros = value - seconds * 1_000_000;
  }
  const days = Math.floor(seconds / 86_400);
  const inDay = seconds - days * 86_400;
  const h = Math.floor(inDay / 3600);
  const mi = Math.floor((inDay % 3600) / 60);
  return `${formatDays(days)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(inDay % 60, 2)}.${pad(Math.round(micros), 6)}Z`;
}

const ISO =
  /^([+-]?\d{4,6})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)?$/;

/** Spark's timestamp text (`...SSSSSSXXX`) → µs since the epoch; null when not a timestamp. */
export function parseTimestampText(text: string): number | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const days = daysFromCivil(Number(y), Number(mo), Number(d));
  const seconds = days * 86_400 + Number(h) * 3600 + Number(mi) * 60 + Number(s);
  let offsetSeconds = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetSeconds = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60;
  }
  // Exact in BigInt, then one rounding to a double, as a reader storing µs in a double does
  // (values beyond 2^53 µs, such as the lab's overflowed nanosecond times, are not exact).
  return Number(
    BigInt(seconds - offsetSeconds) * 1_000_000n + BigInt((frac + '000000').slice(0, 6)),
  );
}

function canonicalDouble(v: unknown): unknown {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '-Infinity';
    return v === 0 ? 0 : v;
  }
  if (typeof v === 'string' && /^[+-]?(NaN|Infinity)$/.test(v)) return v.replace(/^\+/, '');
  return v;
}

function base64(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return v;
}

/** One value of `type` (either engine's representation) in canonical form. */
export function canonicalValue(v: unknown, type: DataType | null): unknown {
  if (v === null || v === undefined) return null;
  if (type === null) return v;
  if (type instanceof TimestampType) {
    if (typeof v === 'number') return formatMicros(v);
    if (typeof v === 'string') {
      const us = parseTimestampText(v);
      return us === null ? v : formatMicros(us);
    }
    if (v instanceof Date) return formatMicros(v.getTime() * 1000);
    return v;
  }
  if (type instanceof DateType) {
    if (typeof v === 'number') return formatDays(v);
    return v;
  }
  switch (type.typeName) {
    case 'double':
    case 'float':
      return canonicalDouble(v);
    case 'decimal':
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
      return typeof v === 'string' || typeof v === 'bigint' ? Number(v) : v;
    case 'binary':
      return base64(v);
  }
  if (type instanceof StructType) {
    const out: Record<string, unknown> = {};
    const obj = v as Record<string, unknown>;
    const values = Array.isArray(v) ? (v as unknown[]) : null;
    type.fields.forEach((f, i) => {
      out[f.name] = canonicalValue(values !== null ? values[i] : obj[f.name], f.dataType);
    });
    return out;
  }
  if (type instanceof ArrayType) {
    return Array.isArray(v) ? v.map((x) => canonicalValue(x, type.elementType)) : v;
  }
  if (type instanceof MapType) {
    const entries: [string, unknown][] =
      v instanceof Map
        ? [...v.entries()].map(([k, x]) => [String(canonicalValue(k, type.keyType)), x])
        : Object.entries(v as Record<string, unknown>);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, x]) => [k, canonicalValue(x, type.valueType)]));
  }
  return v;
}

/** Spark's simpleString → DataType, or null for a spelling Tidemark's DDL parser cannot read. */
export function sparkType(simpleString: string): DataType | null {
  try {
    return parseDataType(simpleString);
  } catch {
    return null;
  }
}

export function canonicalRows(
  rows: readonly (readonly unknown[])[],
  types: readonly (DataType | null)[],
): unknown[][] {
  return rows.map((row) => row.map((v, i) => canonicalValue(v, types[i] ?? null)));
}
