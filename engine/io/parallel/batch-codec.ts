/**
 * A decoded file's ColumnBatch across a thread boundary. Vectors are plain typed arrays plus
 * dictionaries (engine/batch/vector.ts), so a message carries them as they are, each typed
 * array copied once onto a SharedArrayBuffer that the receiver reads in place (never
 * transferred: shared-copy.ts says why detaching would slow the worker); only DataTypes,
 * which are class instances, travel as their JSON form and are rebuilt on arrival, reusing
 * the schema's own instances where the JSON matches (the in-thread reader puts exactly those
 * in its vectors).
 * Object vectors (arrays, maps, binary) are structured-cloned, which keeps Map, Uint8Array
 * and Date values their own types. Columns left unread travel as a length only.
 */
import { ColumnBatch } from '../../batch/column-batch';
import { isNullVector, nullVector, type Vector } from '../../batch/vector';
import type { DataType } from '../../types/data-types';
import { dataTypeFromJSON } from '../../types/ddl';
import { StructType } from '../../types/struct-type';
import { sharedCopy } from './shared-copy';

export type EncodedVector =
  | { readonly storage: 'bool'; readonly type: string; readonly length: number; readonly validity: Uint8Array | null; readonly values: Uint8Array }
  | { readonly storage: 'int32'; readonly type: string; readonly length: number; readonly validity: Uint8Array | null; readonly values: Int32Array }
  | { readonly storage: 'float64'; readonly type: string; readonly length: number; readonly validity: Uint8Array | null; readonly values: Float64Array }
  | { readonly storage: 'string'; readonly type: string; readonly length: number; readonly validity: Uint8Array | null; readonly codes: Int32Array; readonly dict: readonly string[] }
  | { readonly storage: 'struct'; readonly type: string; readonly length: number; readonly validity: Uint8Array | null; readonly children: readonly EncodedVector[] }
  | { readonly storage: 'object'; readonly type: string; readonly length: number; readonly validity: Uint8Array | null; readonly values: readonly unknown[] }
  /** A column the reader left unread (column pruning): nothing to send, and rebuilt by nullVector. */
  | { readonly storage: 'null'; readonly type: string; readonly length: number };

export interface EncodedBatch {
  /** The batch schema's JSON form (`StructType.json()`). */
  readonly schema: string;
  readonly columns: readonly EncodedVector[];
  readonly numRows: number;
}

/** The batch as message data, to post without a transfer list. */
export function encodeBatch(batch: ColumnBatch): EncodedBatch {
  return { schema: typeJson(batch.schema), columns: batch.columns.map(encodeVector), numRows: batch.numRows };
}

/** A type's JSON text (`StructType.json()` for a schema), kept per instance: a batch's files share one schema. */
const jsonOf = new WeakMap<DataType, string>();

export function typeJson(t: DataType): string {
  let json = jsonOf.get(t);
  if (json === undefined) {
    json = JSON.stringify(t.jsonValue());
    jsonOf.set(t, json);
  }
  return json;
}

function encodeVector(v: Vector): EncodedVector {
  if (isNullVector(v)) return { storage: 'null', type: typeJson(v.type), length: v.length };
  const base = { type: typeJson(v.type), length: v.length, validity: v.validity === null ? null : sharedCopy(v.validity) };
  switch (v.storage) {
    case 'bool':
      return { ...base, storage: 'bool', values: sharedCopy(v.values) };
    case 'int32':
      return { ...base, storage: 'int32', values: sharedCopy(v.values) };
    case 'float64':
      return { ...base, storage: 'float64', values: sharedCopy(v.values) };
    case 'string':
      return { ...base, storage: 'string', codes: sharedCopy(v.codes), dict: v.dict };
    case 'struct':
      return { ...base, storage: 'struct', children: v.children.map(encodeVector) };
    case 'object':
      return { ...base, storage: 'object', values: v.values };
  }
}

/**
 * Rebuilds a batch encoded by `encodeBatch`. `expected` is the schema the caller asked for:
 * its DataType instances are reused for every column whose type JSON matches.
 */
export function decodeBatch(encoded: EncodedBatch, expected: StructType, nulls: NullVectors = new Map()): ColumnBatch {
  const types = new TypeCache(expected);
  const schema = types.get(encoded.schema);
  if (!(schema instanceof StructType)) throw new Error(`decodeBatch: ${encoded.schema} is not a struct type`);
  return new ColumnBatch(schema, encoded.columns.map((c) => decodeVector(c, types, nulls)), encoded.numRows);
}

/**
 * All-NULL vectors by type JSON and length, shared by the batches of one read: vectors are
 * immutable, and files of equal row counts (a simulator's, a rolling writer's) would otherwise
 * each allocate the same zeroed arrays for every unread column.
 */
export type NullVectors = Map<string, Vector>;

function decodeVector(e: EncodedVector, types: TypeCache, nulls: NullVectors): Vector {
  const type = types.get(e.type);
  // nullVector again, not a copy: ColumnBatch.concat knows its own all-NULL vectors and skips them.
  if (e.storage === 'null') {
    const key = `${e.length}:${e.type}`;
    let v = nulls.get(key);
    if (v === undefined) {
      v = nullVector(type, e.length);
      nulls.set(key, v);
    }
    return v;
  }
  const base = { type, length: e.length, validity: e.validity };
  switch (e.storage) {
    case 'bool':
      return { ...base, storage: 'bool', values: e.values };
    case 'int32':
      return { ...base, storage: 'int32', values: e.values };
    case 'float64':
      return { ...base, storage: 'float64', values: e.values };
    case 'string':
      return { ...base, storage: 'string', codes: e.codes, dict: e.dict };
    case 'struct':
      return { ...base, storage: 'struct', children: e.children.map((c) => decodeVector(c, types, nulls)) };
    case 'object':
      return { ...base, storage: 'object', values: e.values };
  }
}

/** DataTypes by JSON text, seeded with the expected schema and every type nested in it. */
class TypeCache {
  private readonly byJson = new Map<string, DataType>();

  constructor(schema: StructType) {
    this.seed(schema);
  }

  get(json: string): DataType {
    let t = this.byJson.get(json);
    if (t === undefined) {
      t = dataTypeFromJSON(JSON.parse(json));
      this.byJson.set(json, t);
    }
    return t;
  }

  private seed(t: DataType): void {
    const key = typeJson(t);
    if (!this.byJson.has(key)) this.byJson.set(key, t);
    if (t instanceof StructType) for (const f of t.fields) this.seed(f.dataType);
  }
}
