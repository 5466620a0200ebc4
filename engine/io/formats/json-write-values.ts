/**
 * JacksonGenerator's text for one value of a type, as a function chosen once per type: the
 * JSON writer uses it for nested values (struct fields, array elements, map values) and for
 * any column whose vector is not laid out as its type's storage says. Rules: NULL fields of
 * a struct left out under ignoreNullFields, NULL elsewhere `null`; doubles and floats as
 * Java's toString (NaN and infinities quoted: QUOTE_NON_NUMERIC_NUMBERS); decimals with
 * their scale; binary as base64; map keys as strings.
 */
import { javaFloatToString } from '../../types/java-number-format';
import { ArrayType, BinaryType, BooleanType, DateType, DecimalType, DoubleType, FloatType, MapType, TimestampType, type DataType } from '../../types/data-types';
import { StructType } from '../../types/struct-type';
import type { DateTimePattern } from '../../types/datetime';
import { quote } from './json-write-buffer';
import { javaDoubleText } from './json-write-numbers';

export type ValueText = (v: unknown) => string;

export interface ValueTextOptions {
  readonly timestampFormat: DateTimePattern;
  readonly dateFormat: DateTimePattern;
  readonly timeZone: string;
  readonly ignoreNullFields: boolean;
}

export function valueText(t: DataType, o: ValueTextOptions): ValueText {
  const text = nonNullText(t, o);
  return (v) => (v === null || v === undefined ? 'null' : text(v));
}

function nonNullText(t: DataType, o: ValueTextOptions): ValueText {
  if (t instanceof TimestampType) return (v) => quote(o.timestampFormat.format(v as number, o.timeZone));
  if (t instanceof DateType) return (v) => quote(o.dateFormat.formatDate(v as number));
  if (t instanceof FloatType) return (v) => nonFinite(v as number, javaFloatToString(v as number));
  if (t instanceof DoubleType) return (v) => nonFinite(v as number, javaDoubleText(v as number));
  if (t instanceof DecimalType) return (v) => (v as number).toFixed(t.scale);
  if (t instanceof BooleanType) return (v) => (v ? 'true' : 'false');
  if (t instanceof BinaryType) return (v) => quote(Buffer.from(v as Uint8Array).toString('base64'));
  if (t instanceof StructType) return structText(t, o);
  if (t instanceof ArrayType) {
    const element = valueText(t.elementType, o);
    return (v) => '[' + (v as unknown[]).map((e) => element(e)).join(',') + ']';
  }
  if (t instanceof MapType) {
    const value = valueText(t.valueType, o);
    return (v) => {
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, unknown>);
      return '{' + entries.map(([k, e]) => quote(String(k)) + ':' + value(e)).join(',') + '}';
    };
  }
  return (v) => (typeof v === 'number' ? String(v) : quote(String(v)));
}

/** NaN and the infinities as quoted strings, finite numbers bare. */
function nonFinite(d: number, text: string): string {
  return Number.isFinite(d) ? text : quote(text);
}

function structText(t: StructType, o: ValueTextOptions): ValueText {
  const names = t.fields.map((f) => quote(f.name) + ':');
  // Built on first use: a recursive type's fields are formatted only as deep as values go.
  let members: ValueText[] | null = null;
  return (v) => {
    members ??= t.fields.map((f) => valueText(f.dataType, o));
    const obj = v as Record<string, unknown>;
    let out = '{';
    let first = true;
    for (let i = 0; i < names.length; i++) {
      const fv = obj[t.fields[i].name];
      if ((fv === null || fv === undefined) && o.ignoreNullFields) continue;
      out += (first ? '' : ',') + names[i] + members[i](fv ?? null);
      first = false;
    }
    return out + '}';
  };
}
