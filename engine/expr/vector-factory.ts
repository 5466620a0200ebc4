/**
 * Building result vectors for evaluators: broadcasting a constant, wrapping computed
 * typed arrays, and (for row-shaped functions) collecting row values through a builder.
 */
import { makeBuilder } from '../batch/vector-builder';
import type { BoolVector, Float64Vector, Int32Vector, StringVector, Vector } from '../batch/vector';
import { nullVector } from '../batch/vector';
import type { DataType } from '../types/data-types';

export function constantVector(type: DataType, value: unknown, length: number): Vector {
  if (value === null || value === undefined) return nullVector(type, length);
  switch (type.storage) {
    case 'bool':
      return { storage: 'bool', type, length, validity: null, values: new Uint8Array(length).fill(value ? 1 : 0) };
    case 'int32':
      return { storage: 'int32', type, length, validity: null, values: new Int32Array(length).fill(Number(value)) };
    case 'float64':
      return { storage: 'float64', type, length, validity: null, values: new Float64Array(length).fill(Number(value)) };
    case 'string':
      return { storage: 'string', type, length, validity: null, codes: new Int32Array(length), dict: [String(value)] };
    default: {
      const b = makeBuilder(type);
      for (let i = 0; i < length; i++) b.append(value);
      return b.finish();
    }
  }
}

/** A validity mask that is null when every row is valid. */
export function compactValidity(validity: Uint8Array, length: number): Uint8Array | null {
  for (let i = 0; i < length; i++) if (validity[i] === 0) return validity;
  return null;
}

export function boolVector(type: DataType, values: Uint8Array, validity: Uint8Array | null): BoolVector {
  return { storage: 'bool', type, length: values.length, validity, values };
}

export function numberVector(type: DataType, values: Float64Array | Int32Array, validity: Uint8Array | null): Int32Vector | Float64Vector {
  const length = values.length;
  if (type.storage === 'int32') {
    const ints = values instanceof Int32Array ? values : Int32Array.from(values);
    return { storage: 'int32', type, length, validity, values: ints };
  }
  const doubles = values instanceof Float64Array ? values : Float64Array.from(values);
  return { storage: 'float64', type, length, validity, values: doubles };
}

/** Writes numbers into the storage `type` uses (Int32Array or Float64Array). */
export function allocNumbers(type: DataType, length: number): Int32Array | Float64Array {
  return type.storage === 'int32' ? new Int32Array(length) : new Float64Array(length);
}

export function stringVector(type: DataType, codes: Int32Array, dict: readonly string[], validity: Uint8Array | null): StringVector {
  return { storage: 'string', type, length: codes.length, validity, codes, dict };
}

/** Collects row values (valueAt's form) into a vector: the fallback for row-shaped functions. */
export function vectorFromValues(type: DataType, values: readonly unknown[]): Vector {
  const b = makeBuilder(type);
  for (const v of values) b.append(v);
  return b.finish();
}
