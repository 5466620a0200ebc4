/**
 * The JSON format writer (Spark's JacksonGenerator as the JSON file sink uses it): one object
 * per line in schema order, NULL fields left out (spark.sql.jsonGenerator.ignoreNullFields),
 * structs nested, arrays and maps as JSON arrays and objects, doubles as Java's
 * Double.toString (NaN and infinities quoted, as Jackson's QUOTE_NON_NUMERIC_NUMBERS does),
 * timestamps as `timestampFormat` (default `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`) in the session
 * time zone, dates as `dateFormat` (default `yyyy-MM-dd`), binary as base64.
 */
import type { ColumnBatch } from '../../batch/column-batch';
import { javaDoubleToString, javaFloatToString } from '../../types/java-number-format';
import { valueAt } from '../../batch/values';
import { ArrayType, BinaryType, BooleanType, DataType, DateType, DecimalType, DoubleType, FloatType, MapType, TimestampType } from '../../types/data-types';
import { StructType } from '../../types/struct-type';
import { compileDateTimePattern, type DateTimePattern } from '../../types/datetime';
import { CaseInsensitiveOptions } from './case-insensitive-options';
import type { FormatWriter, ReaderConf } from './format';

export class JsonWriter implements FormatWriter {
  readonly extension = 'json';
  private readonly timestampFormat: DateTimePattern;
  private readonly dateFormat: DateTimePattern;
  private readonly timeZone: string;
  private readonly lineSep: string;
  private readonly ignoreNullFields: boolean;

  constructor(options: Readonly<Record<string, string>>, conf: ReaderConf) {
    const o = new CaseInsensitiveOptions(options);
    this.timestampFormat = compileDateTimePattern(o.string('timestampFormat', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"), { forParsing: false });
    this.dateFormat = compileDateTimePattern(o.string('dateFormat', 'yyyy-MM-dd'), { forParsing: false });
    this.timeZone = o.string('timeZone', conf.timeZone);
    this.lineSep = o.string('lineSep', '\n');
    this.ignoreNullFields = o.boolean('ignoreNullFields', true);
  }

  encode(batch: ColumnBatch): Uint8Array {
    const fields = batch.schema.fields;
    const parts: string[] = [];
    for (let r = 0; r < batch.numRows; r++) {
      let line = '{';
      let first = true;
      for (let c = 0; c < fields.length; c++) {
        const v = valueAt(batch.columns[c], r);
        if (v === null && this.ignoreNullFields) continue;
        line += (first ? '' : ',') + quote(fields[c].name) + ':' + this.value(v, fields[c].dataType);
        first = false;
      }
      parts.push(line + '}' + this.lineSep);
    }
    return new TextEncoder().encode(parts.join(''));
  }

  private value(v: unknown, t: DataType): string {
    if (v === null || v === undefined) return 'null';
    if (t instanceof TimestampType) return quote(this.timestampFormat.format(v as number, this.timeZone));
    if (t instanceof DateType) return quote(this.dateFormat.formatDate(v as number));
    if (t instanceof DoubleType || t instanceof FloatType) {
      const d = v as number;
      const text = t instanceof FloatType ? javaFloatToString(d) : javaDoubleToString(d);
      return Number.isFinite(d) ? text : quote(text);
    }
    if (t instanceof DecimalType) return (v as number).toFixed(t.scale);
    if (t instanceof BooleanType) return v ? 'true' : 'false';
    if (t instanceof BinaryType) return quote(Buffer.from(v as Uint8Array).toString('base64'));
    if (t instanceof StructType) {
      const o = v as Record<string, unknown>;
      const members: string[] = [];
      for (const f of t.fields) {
        const fv = o[f.name];
        if ((fv === null || fv === undefined) && this.ignoreNullFields) continue;
        members.push(quote(f.name) + ':' + this.value(fv ?? null, f.dataType));
      }
      return '{' + members.join(',') + '}';
    }
    if (t instanceof ArrayType) return '[' + (v as unknown[]).map((e) => this.value(e, t.elementType)).join(',') + ']';
    if (t instanceof MapType) {
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, unknown>);
      return '{' + entries.map(([k, e]) => quote(String(k)) + ':' + this.value(e, t.valueType)).join(',') + '}';
    }
    if (typeof v === 'number') return String(v);
    return quote(String(v));
  }
}

/** Jackson's string escaping: quote, backslash and control characters; everything else as is. */
function quote(s: string): string {
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c !== 34 && c !== 92) continue;
    out += s.slice(last, i) + escapeChar(c);
    last = i + 1;
  }
  return out + s.slice(last) + '"';
}

function escapeChar(c: number): string {
  switch (c) {
    case 34:
      return '\\"';
    case 92:
      return '\\\\';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    default:
      return '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
  }
}
