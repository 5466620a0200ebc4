/**
 * ColumnBatch → Arrow: how result tables leave the engine for the UI (DESIGN.md: "results
 * cross to the renderer as Arrow IPC buffers"). The types follow arrow-types.ts.
 *
 * Buffers are shared, not copied, wherever the layouts agree: int/date columns hand their
 * Int32Array to Arrow, double columns their Float64Array, string columns their Int32Array
 * of dictionary codes (the dictionary itself becomes one Utf8 vector). Only layouts Arrow
 * spells differently are converted: validity bytes → bitmaps, booleans → bits, 64-bit
 * integers and timestamps (float64 here, int64 in Arrow) and nested object columns.
 */
import {
  Data,
  Schema,
  Table,
  RecordBatch,
  makeData,
  tableToIPC,
  vectorFromArray,
  Utf8,
  Struct,
  type Bool,
  type DataType as ArrowDataType,
  type Dictionary,
  type Float,
  type Int,
  type List,
  type Map_,
  type Null,
  type Binary,
  type DateDay,
  type Timestamp,
} from 'apache-arrow';
import type { ColumnBatch } from '../batch/column-batch';
import { makeBuilder } from '../batch/vector-builder';
import type { Vector } from '../batch/vector';
import {
  ArrayType,
  ByteType,
  DateType,
  FloatType,
  LongType,
  MapType,
  NullType,
  ShortType,
  TimestampType,
  type DataType,
} from '../types/data-types';
import { arrowFieldFor, arrowTypeFor, mapEntrySparkType } from './arrow-types';

/** The batch as an Arrow Table of one record batch. */
export function toArrowTable(batch: ColumnBatch): Table {
  const fields = batch.schema.fields.map((f) => arrowFieldFor(f.name, f.dataType, f.nullable));
  const schema = new Schema(fields);
  const children = batch.columns.map((c) => vectorToData(c, batch.numRows));
  const struct = makeData({
    type: new Struct(fields),
    length: batch.numRows,
    nullCount: 0,
    children,
  });
  return new Table(schema, [new RecordBatch(schema, struct)]);
}

/** The batch as Arrow IPC stream bytes (`tableFromIPC` reads them back). */
export function toArrowIPC(batch: ColumnBatch): Uint8Array {
  return tableToIPC(toArrowTable(batch), 'stream');
}

/** One column as Arrow Data of `length` rows. */
export function vectorToData(v: Vector, length: number = v.length): Data {
  const type = arrowTypeFor(v.type);
  const { bitmap, nullCount } = packValidity(v.validity, length);
  const base = { length, nullCount, nullBitmap: bitmap };
  switch (v.storage) {
    case 'bool':
      return makeData({ ...base, type: type as Bool, data: packBits(v.values, length) });
    case 'int32':
      // tinyint/smallint are stored widened; Arrow's Int8/Int16 need the narrow layout.
      if (v.type instanceof ByteType)
        return makeData({
          ...base,
          type: type as Int,
          data: Int8Array.from(v.values.subarray(0, length)),
        });
      if (v.type instanceof ShortType)
        return makeData({
          ...base,
          type: type as Int,
          data: Int16Array.from(v.values.subarray(0, length)),
        });
      if (v.type instanceof DateType)
        return makeData({ ...base, type: type as DateDay, data: v.values });
      return makeData({ ...base, type: type as Int, data: v.values });
    case 'float64':
      if (v.type instanceof LongType)
        return makeData({
          ...base,
          type: type as Int,
          data: toBigInt64(v.values, v.validity, length),
        });
      if (v.type instanceof TimestampType)
        return makeData({
          ...base,
          type: type as Timestamp,
          data: toBigInt64(v.values, v.validity, length),
        });
      if (v.type instanceof FloatType)
        return makeData({
          ...base,
          type: type as Float,
          data: Float32Array.from(v.values.subarray(0, length)),
        });
      return makeData({ ...base, type: type as Float, data: v.values });
    case 'string':
      return makeData({
        ...base,
        type: type as Dictionary,
        data: v.codes,
        dictionary: vectorFromArray(v.dict as string[], new Utf8()),
      });
    case 'struct':
      return makeData({
        ...base,
        type: type as Struct,
        children: v.children.map((c) => vectorToData(c, length)),
      });
    case 'object':
      return objectToData(v.type, type, v.values, v.validity, length, bitmap, nullCount);
  }
}

/** Arrays, maps, binary and void: the only columns held as JS values, converted here. */
function objectToData(
  sparkType: DataType,
  type: ArrowDataType,
  values: readonly unknown[],
  validity: Uint8Array | null,
  length: number,
  bitmap: Uint8Array | undefined,
  nullCount: number,
): Data {
  const base = { length, nullCount, nullBitmap: bitmap };
  if (sparkType instanceof NullType)
    return makeData({ type: type as Null, length, nullCount: length });
  const valueOffsets = new Int32Array(length + 1);
  const present = (i: number): boolean =>
    (validity === null || validity[i] === 1) && values[i] !== null && values[i] !== undefined;
  if (sparkType instanceof ArrayType || sparkType instanceof MapType) {
    const childType =
      sparkType instanceof ArrayType ? sparkType.elementType : mapEntrySparkType(sparkType);
    const child = makeBuilder(childType);
    for (let i = 0; i < length; i++) {
      if (present(i)) {
        if (sparkType instanceof ArrayType)
          for (const e of values[i] as readonly unknown[]) child.append(e);
        else
          for (const [key, value] of values[i] as ReadonlyMap<unknown, unknown>)
            child.append({ key, value });
      }
      valueOffsets[i + 1] = child.length;
    }
    const childVector = child.finish();
    return makeData({
      ...base,
      type: type as List | Map_,
      valueOffsets,
      child: vectorToData(childVector, childVector.length),
    } as never);
  }
  // binary: Uint8Array values, concatenated behind offsets.
  let total = 0;
  for (let i = 0; i < length; i++) if (present(i)) total += (values[i] as Uint8Array).length;
  const bytes = new Uint8Array(total);
  for (let i = 0, at = 0; i < length; i++) {
    if (present(i)) {
      const b = values[i] as Uint8Array;
      bytes.set(b, at);
      at += b.length;
    }
    valueOffsets[i + 1] = at;
  }
  return makeData({ ...base, type: type as Binary, valueOffsets, data: bytes });
}

/** Byte-per-row validity → Arrow's LSB-first bitmap; undefined when every row is present. */
export function packValidity(
  validity: Uint8Array | null,
  length: number,
): { bitmap: Uint8Array | undefined; nullCount: number } {
  if (validity === null) return { bitmap: undefined, nullCount: 0 };
  let nullCount = 0;
  for (let i = 0; i < length; i++) nullCount += 1 - validity[i];
  return nullCount === 0
    ? { bitmap: undefined, nullCount: 0 }
    : { bitmap: packBits(validity, length), nullCount };
}

/** 0/1 bytes → bits, least significant bit first (Arrow's bit order). */
export function packBits(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) out[i >> 3] |= (bytes[i] & 1) << (i & 7);
  return out;
}

/** Tidemark's float64-stored longs and timestamps → Arrow's int64 (NULL slots become 0). */
function toBigInt64(
  values: Float64Array,
  validity: Uint8Array | null,
  length: number,
): BigInt64Array {
  const out = new BigInt64Array(length);
  for (let i = 0; i < length; i++) {
    const x = values[i];
    if ((validity === null || validity[i] === 1) && Number.isFinite(x))
      out[i] = BigInt(Math.trunc(x));
  }
  return out;
}
