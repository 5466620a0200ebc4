/**
 * Reading one value out of a vector, for the places that are row-shaped by nature
 * (sink output, show(), tests, state keys). Hot paths read the typed arrays directly.
 *
 * Row values: string → string, boolean → boolean, numeric → number, timestamp → number
 * of microseconds (see `toExternal` for PySpark-like Date objects), date → days number,
 * struct → plain object keyed by field name, array → JS array, map → Map.
 */
import type { StructType } from '../types/struct-type';
import type { Vector } from './vector';

export function valueAt(v: Vector, i: number): unknown {
  if (v.validity !== null && v.validity[i] === 0) return null;
  switch (v.storage) {
    case 'bool':
      return v.values[i] === 1;
    case 'int32':
    case 'float64':
      return v.values[i];
    case 'string':
      return v.dict[v.codes[i]];
    case 'object':
      return v.values[i];
    case 'struct': {
      const fields = (v.type as StructType).fields;
      const out: Record<string, unknown> = {};
      for (let c = 0; c < fields.length; c++) out[fields[c].name] = valueAt(v.children[c], i);
      return out;
    }
  }
}

/** Microseconds since epoch → JS Date (millisecond precision, like PySpark's datetime at µs). */
export function microsToDate(us: number): Date {
  return new Date(Math.floor(us / 1000));
}

/** Days since epoch → 'YYYY-MM-DD'. */
export function daysToISODate(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}
