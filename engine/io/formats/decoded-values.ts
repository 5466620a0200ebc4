/**
 * Values decoded from a columnar file (Parquet via hyparquet, Arrow via apache-arrow) →
 * Tidemark's row values for the declared Spark type: 64-bit integers as numbers, decimals
 * rounded to their scale, floats to single precision, structs as objects keyed by the
 * declared names (matched case-insensitively, as Parquet columns), maps as Map with keys of
 * the key type (hyparquet hands maps over as objects, so keys come back as text).
 */
import {
  ArrayType,
  BinaryType,
  BooleanType,
  DecimalType,
  FloatType,
  MapType,
  StringType,
  type DataType,
} from '../../types/data-types';
import { StructType } from '../../types/struct-type';

export type ValueConverter = (value: unknown) => unknown;

export function decodedValueConverter(type: DataType): ValueConverter {
  if (type instanceof StructType) {
    const fields = type.fields.map((f) => ({ name: f.name, lower: f.name.toLowerCase(), convert: decodedValueConverter(f.dataType) }));
    return (v) => {
      if (v === null || v === undefined) return null;
      const o = v as Record<string, unknown>;
      const byLower = new Map(Object.keys(o).map((k) => [k.toLowerCase(), k]));
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const key = f.name in o ? f.name : byLower.get(f.lower);
        out[f.name] = key === undefined ? null : f.convert(o[key]);
      }
      return out;
    };
  }
  if (type instanceof ArrayType) {
    const element = decodedValueConverter(type.elementType);
    return (v) => (v === null || v === undefined ? null : Array.from(v as ArrayLike<unknown>, (e) => element(e)));
  }
  if (type instanceof MapType) {
    const key = mapKeyConverter(type.keyType);
    const value = decodedValueConverter(type.valueType);
    return (v) => {
      if (v === null || v === undefined) return null;
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, unknown>);
      return new Map(entries.map(([k, e]) => [key(k), value(e)]));
    };
  }
  if (type instanceof StringType)
    return (v) => (v === null || v === undefined ? null : v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v));
  if (type instanceof BinaryType)
    return (v) => (v === null || v === undefined ? null : v instanceof Uint8Array ? v : new TextEncoder().encode(String(v)));
  if (type instanceof BooleanType) return (v) => (v === null || v === undefined ? null : Boolean(v));
  if (type instanceof FloatType) return (v) => (v === null || v === undefined ? null : Math.fround(Number(v)));
  if (type instanceof DecimalType) {
    const factor = 10 ** type.scale;
    return (v) => (v === null || v === undefined ? null : Math.round(Number(v) * factor) / factor);
  }
  return (v) => (v === null || v === undefined ? null : typeof v === 'bigint' ? Number(v) : v);
}

/** Object keys are strings; a numeric or boolean key type gets its value back. */
function mapKeyConverter(type: DataType): ValueConverter {
  const convert = decodedValueConverter(type);
  if (type.storage === 'int32' || type.storage === 'float64')
    return (k) => convert(typeof k === 'string' ? Number(k) : k);
  if (type instanceof BooleanType) return (k) => (typeof k === 'string' ? k === 'true' : convert(k));
  return convert;
}
