import { tableFromIPC, Type } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import type { Float64Vector, Int32Vector, StringVector } from '../../../engine/batch/vector';
import {
  packBits,
  toArrowIPC,
  toArrowTable,
  vectorToData,
} from '../../../engine/service/arrow-export';
import { SPARK_TYPE_METADATA_KEY } from '../../../engine/service/arrow-types';
import { parseDDL } from '../../../engine/types/ddl';

// 2015-02-23 10:18:55.175123 UTC, the lab's first Arrival_Time with microseconds added.
const ts = 1424686735175123;

function labRows(): ColumnBatch {
  const schema = parseDDL(
    'gt STRING, count BIGINT, x DOUBLE, idx INT, at TIMESTAMP, day DATE, ok BOOLEAN',
  );
  return ColumnBatch.fromRows(schema, [
    { gt: 'stand', count: 3, x: 0.0014038086, idx: 35, at: ts, day: 16489, ok: true },
    { gt: null, count: null, x: null, idx: null, at: null, day: null, ok: null },
    { gt: 'walk', count: 9007199254740991, x: -0.5, idx: -7, at: 0, day: -1, ok: false },
    { gt: 'stand', count: 0, x: Number.NaN, idx: 2147483647, at: -1000000, day: 0, ok: true },
  ]);
}

describe('arrow-export: ColumnBatch → Arrow IPC → tableFromIPC', () => {
  it('round-trips every value, with NULLs where the batch has them', () => {
    const table = tableFromIPC(toArrowIPC(labRows()));
    expect(table.numRows).toBe(4);
    expect(table.schema.fields.map((f) => f.name)).toEqual([
      'gt',
      'count',
      'x',
      'idx',
      'at',
      'day',
      'ok',
    ]);
    expect(table.getChild('gt')!.toArray()).toEqual(['stand', null, 'walk', 'stand']);
    expect([...table.getChild('count')!]).toEqual([3n, null, 9007199254740991n, 0n]);
    const x = [...table.getChild('x')!];
    expect(x.slice(0, 3)).toEqual([0.0014038086, null, -0.5]);
    expect(x[3]).toBeNaN();
    expect([...table.getChild('idx')!]).toEqual([35, null, -7, 2147483647]);
    expect([...table.getChild('ok')!]).toEqual([true, null, false, true]);
  });

  it('exports timestamps as Timestamp(MICROSECOND, UTC) keeping every microsecond', () => {
    const table = tableFromIPC(toArrowIPC(labRows()));
    const at = table.getChild('at')!;
    expect(at.type.typeId).toBe(Type.Timestamp);
    expect((at.type as unknown as { unit: number; timezone: string }).timezone).toBe('UTC');
    const raw = at.data[0].values as BigInt64Array;
    expect(raw[0]).toBe(1424686735175123n);
    expect(raw[3]).toBe(-1000000n);
    expect(at.get(1)).toBeNull();
    // apache-arrow reads timestamps back as epoch milliseconds.
    expect(at.get(0)).toBeCloseTo(1424686735175.123, 3);
  });

  it('exports dates as Date(DAY) and keeps the Spark type in field metadata', () => {
    const table = tableFromIPC(toArrowIPC(labRows()));
    const day = table.getChild('day')!;
    expect(day.type.typeId).toBe(Type.Date);
    expect(day.get(0)).toBe(Date.UTC(2015, 1, 23));
    expect(day.get(2)).toBe(-86_400_000);
    expect(table.schema.fields[1].metadata.get(SPARK_TYPE_METADATA_KEY)).toBe('bigint');
    expect(table.schema.fields[4].metadata.get(SPARK_TYPE_METADATA_KEY)).toBe('timestamp');
  });

  it('exports strings as a Dictionary vector built from the dictionary and codes', () => {
    const table = tableFromIPC(toArrowIPC(labRows()));
    const gt = table.getChild('gt')!;
    expect(gt.type.typeId).toBe(Type.Dictionary);
    expect([...gt.data[0].dictionary!]).toEqual(['stand', 'walk']);
  });

  it('shares int, double and dictionary-code buffers instead of copying them', () => {
    const batch = labRows();
    const idx = batch.column('idx') as Int32Vector;
    const x = batch.column('x') as Float64Vector;
    const gt = batch.column('gt') as StringVector;
    expect(vectorToData(idx).values.buffer).toBe(idx.values.buffer);
    expect(vectorToData(x).values.buffer).toBe(x.values.buffer);
    expect(vectorToData(gt).values.buffer).toBe(gt.codes.buffer);
    const table = toArrowTable(batch);
    expect(table.getChild('x')!.data[0].values).toBe(x.values);
  });

  it('packs validity bytes into an LSB-first bitmap', () => {
    expect([...packBits(new Uint8Array([1, 0, 1, 1, 0, 0, 0, 0, 1]), 9)]).toEqual([
      0b00001101, 0b1,
    ]);
    const batch = labRows();
    const data = vectorToData(batch.column('idx'));
    expect(data.nullCount).toBe(1);
    expect([...data.nullBitmap]).toEqual([0b1101]);
  });

  it('converts narrow integers, floats, structs, arrays, maps and binary', () => {
    const schema = parseDDL(
      'b TINYINT, s SMALLINT, f FLOAT, p STRUCT<u: STRING, n: INT>, tags ARRAY<STRING>, m MAP<STRING, DOUBLE>, raw BINARY',
    );
    const batch = ColumnBatch.fromRows(schema, [
      {
        b: -128,
        s: 32767,
        f: Math.fround(1.5),
        p: { u: 'a', n: 1 },
        tags: ['x', null, 'y'],
        m: new Map([['k', 2.5]]),
        raw: new Uint8Array([1, 2]),
      },
      { b: null, s: null, f: null, p: null, tags: null, m: null, raw: null },
      {
        b: 7,
        s: -1,
        f: 0.25,
        p: { u: null, n: 3 },
        tags: [],
        m: new Map(),
        raw: new Uint8Array([]),
      },
    ]);
    const table = tableFromIPC(toArrowIPC(batch));
    expect([...table.getChild('b')!]).toEqual([-128, null, 7]);
    expect([...table.getChild('s')!]).toEqual([32767, null, -1]);
    expect([...table.getChild('f')!]).toEqual([1.5, null, 0.25]);
    const p = table.getChild('p')!;
    expect(p.get(0)!.toJSON()).toEqual({ u: 'a', n: 1 });
    expect(p.get(1)).toBeNull();
    expect(p.get(2)!.toJSON()).toEqual({ u: null, n: 3 });
    const tags = table.getChild('tags')!;
    expect([...tags.get(0)!]).toEqual(['x', null, 'y']);
    expect(tags.get(1)).toBeNull();
    expect([...tags.get(2)!]).toEqual([]);
    const m = table.getChild('m')!;
    expect(m.get(0)!.toJSON()).toEqual({ k: 2.5 });
    expect(m.get(1)).toBeNull();
    const raw = table.getChild('raw')!;
    expect([...raw.get(0)!]).toEqual([1, 2]);
    expect(raw.get(1)).toBeNull();
  });

  it('exports an empty batch with its schema', () => {
    const table = tableFromIPC(toArrowIPC(ColumnBatch.empty(parseDDL('gt STRING, count BIGINT'))));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['gt', 'count']);
  });
});
