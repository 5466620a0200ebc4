/**
 * Column vectors: one typed array per column plus a byte-per-row validity mask
 * (1 = value present, 0 = NULL; `null` mask = no NULLs). Strings are dictionary-encoded
 * (codes into a per-vector dictionary), which keeps group-by hashing and Arrow export
 * cheap. Which storage a column uses is decided by its DataType (`DataType.storage`).
 *
 * Vectors are immutable once built; operators build new ones.
 */
import type { DataType } from '../types/data-types';

interface VectorBase {
  readonly type: DataType;
  readonly length: number;
  /** validity[i] === 1 when row i is non-null; null when every row is non-null. */
  readonly validity: Uint8Array | null;
}

/** boolean */
export interface BoolVector extends VectorBase {
  readonly storage: 'bool';
  readonly values: Uint8Array;
}
/** byte, short, int, date (days since epoch) */
export interface Int32Vector extends VectorBase {
  readonly storage: 'int32';
  readonly values: Int32Array;
}
/** long, float, double, decimal, timestamp (microseconds since epoch, UTC) */
export interface Float64Vector extends VectorBase {
  readonly storage: 'float64';
  readonly values: Float64Array;
}
/** string: codes[i] indexes dict; a NULL row has validity 0 (its code is meaningless). */
export interface StringVector extends VectorBase {
  readonly storage: 'string';
  readonly codes: Int32Array;
  readonly dict: readonly string[];
}
/** struct: one child vector per field, each of the same length. */
export interface StructVector extends VectorBase {
  readonly storage: 'struct';
  readonly children: readonly Vector[];
}
/** array, map, binary, void: plain JS values (arrays, Map, Uint8Array, null). */
export interface ObjectVector extends VectorBase {
  readonly storage: 'object';
  readonly values: readonly unknown[];
}

export type Vector = BoolVector | Int32Vector | Float64Vector | StringVector | StructVector | ObjectVector;

export function isNullAt(v: Vector, i: number): boolean {
  return v.validity !== null && v.validity[i] === 0;
}

export function nullCount(v: Vector): number {
  if (v.validity === null) return 0;
  let n = 0;
  for (let i = 0; i < v.length; i++) n += 1 - v.validity[i];
  return n;
}

/** Vectors nullVector made: concatenating only those needs no copying (vector-ops.ts). */
const ALL_NULL = new WeakSet<Vector>();

/** Whether `v` came from nullVector (every row NULL). */
export function isNullVector(v: Vector): boolean {
  return ALL_NULL.has(v);
}

/** A vector of `length` NULLs of the given type. */
export function nullVector(type: DataType, length: number): Vector {
  const v = makeNullVector(type, length);
  ALL_NULL.add(v);
  return v;
}

/**
 * Zeros that every all-NULL vector of up to SHARED_ZEROS_MAX rows views instead of allocating
 * its own: a pruned read makes one such vector per unread column per file, and zeroing them
 * was a visible share of the activity count's GC work. Sharing is safe because vectors are
 * immutable: operators and sinks write only arrays they allocated (builders, copies), and
 * every reader of `.buffer` honours byteOffset/byteLength. No thread transfers (detaches) a
 * vector's buffer: a decode worker copies arrays onto SharedArrayBuffers and sends all-NULL
 * vectors as a length only (io/parallel/batch-codec.ts, shared-copy.ts).
 */
const SHARED_ZEROS_MAX = 1 << 20;
let zeros = new ArrayBuffer(0);

function zeroBuffer(length: number): ArrayBuffer {
  // 8 bytes per row covers Float64Array.
  const bytes = length * 8;
  if (zeros.byteLength < bytes) zeros = new ArrayBuffer(Math.min(SHARED_ZEROS_MAX * 8, Math.max(bytes, zeros.byteLength * 2)));
  return zeros;
}

function makeNullVector(type: DataType, length: number): Vector {
  if (length > SHARED_ZEROS_MAX) return makeOwnNullVector(type, length);
  const buffer = zeroBuffer(length);
  const validity = new Uint8Array(buffer, 0, length);
  switch (type.storage) {
    case 'bool':
      return { storage: 'bool', type, length, validity, values: validity };
    case 'int32':
      return { storage: 'int32', type, length, validity, values: new Int32Array(buffer, 0, length) };
    case 'float64':
      return { storage: 'float64', type, length, validity, values: new Float64Array(buffer, 0, length) };
    case 'string':
      return { storage: 'string', type, length, validity, codes: new Int32Array(buffer, 0, length), dict: [] };
    default:
      return makeOwnNullVector(type, length);
  }
}

function makeOwnNullVector(type: DataType, length: number): Vector {
  const validity = new Uint8Array(length);
  switch (type.storage) {
    case 'bool':
      return { storage: 'bool', type, length, validity, values: new Uint8Array(length) };
    case 'int32':
      return { storage: 'int32', type, length, validity, values: new Int32Array(length) };
    case 'float64':
      return { storage: 'float64', type, length, validity, values: new Float64Array(length) };
    case 'string':
      return { storage: 'string', type, length, validity, codes: new Int32Array(length), dict: [] };
    case 'struct': {
      const fields = (type as unknown as { fields: readonly { dataType: DataType }[] }).fields;
      return { storage: 'struct', type, length, validity, children: fields.map((f) => nullVector(f.dataType, length)) };
    }
    case 'object':
      return { storage: 'object', type, length, validity, values: new Array<unknown>(length).fill(null) };
  }
}

/** Combines two validity masks (a row is valid only where both are). */
export function andValidity(a: Uint8Array | null, b: Uint8Array | null, length: number): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = a[i] & b[i];
  return out;
}
