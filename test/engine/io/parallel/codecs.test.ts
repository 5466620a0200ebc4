/**
 * What crosses between a decode worker and the query's thread: a batch (typed arrays copied
 * once onto SharedArrayBuffers, never transferred; types rebuilt, the schema's own instances
 * reused) and errors (same class and Spark fields, causes with their I/O codes).
 */
import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { isNullVector, nullVector } from '../../../../engine/batch/vector';
import { AnalysisException, IllegalArgumentException, SparkRuntimeException } from '../../../../engine/errors';
import { decodeBatch, encodeBatch, type EncodedBatch, type EncodedVector } from '../../../../engine/io/parallel/batch-codec';
import { decodeError, encodeError } from '../../../../engine/io/parallel/error-codec';
import { SparkIllegalArgumentException } from '../../../../engine/types/datetime-pattern-tokens';
import { parseDDL } from '../../../../engine/types/ddl';

const schema = parseDDL('id INT, name STRING, ok BOOLEAN, ts TIMESTAMP, tags ARRAY<STRING>, attrs MAP<STRING, INT>, bin BINARY, p STRUCT<x: INT, label: STRING>');
const rows = [
  { id: 1, name: 'a', ok: true, ts: 1_700_000_000_000_123, tags: ['x'], attrs: new Map([['k', 1]]), bin: new Uint8Array([1, 2]), p: { x: 1, label: 'l' } },
  { id: null, name: null, ok: null, ts: null, tags: null, attrs: null, bin: null, p: null },
];

/** A message's trip: structured clone without a transfer list, as the decode worker posts. */
function trip<T>(value: T): T {
  return structuredClone(value);
}

/** Every typed array an encoded batch holds. */
function arraysOf(encoded: EncodedBatch): ArrayBufferView[] {
  const out: ArrayBufferView[] = [];
  const visit = (v: EncodedVector): void => {
    if (v.storage === 'null') return;
    if (v.validity !== null) out.push(v.validity);
    if (v.storage === 'string') out.push(v.codes);
    else if (v.storage === 'struct') v.children.forEach(visit);
    else if (v.storage !== 'object') out.push(v.values);
  };
  encoded.columns.forEach(visit);
  return out;
}

describe('batch codec', () => {
  it('rebuilds the batch: same rows, value types and the schema’s type instances', () => {
    const batch = ColumnBatch.fromRows(schema, rows);
    const encoded = encodeBatch(batch);
    const back = decodeBatch(trip(encoded), schema);
    expect(back.toRows()).toStrictEqual(rows);
    expect(back.schema).toBe(schema);
    back.columns.forEach((c, i) => expect(c.type).toBe(schema.fields[i].dataType));
    const row = back.toRows()[0];
    expect(row.attrs).toBeInstanceOf(Map);
    expect(row.bin).toBeInstanceOf(Uint8Array);
    expect(row.ts).toBe(rows[0].ts);
  });

  it('copies every array onto a SharedArrayBuffer of its own and detaches nothing', () => {
    const pooled = new Int32Array(8).fill(5);
    const own = new Int32Array([1, 2, 3, 4]);
    const batch = new ColumnBatch(parseDDL('a INT, b INT'), [
      { storage: 'int32', type: schema.fields[0].dataType, length: 4, validity: null, values: pooled.subarray(0, 4) },
      { storage: 'int32', type: schema.fields[0].dataType, length: 4, validity: null, values: own },
    ], 4);
    const full = ColumnBatch.fromRows(schema, rows);
    for (const encoded of [encodeBatch(batch), encodeBatch(full)]) {
      const arrays = arraysOf(encoded);
      expect(arrays.length).toBeGreaterThan(0);
      for (const a of arrays) {
        expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect([a.byteOffset, a.byteLength]).toStrictEqual([0, a.buffer.byteLength]);
      }
      // Shared, not moved: the receiver's arrays are the very same memory, no copy on arrival.
      const sent = arraysOf(encoded)[0] as Int32Array | Uint8Array;
      const received = arraysOf(trip(encoded))[0] as Int32Array | Uint8Array;
      sent[0] = 99;
      expect(received[0]).toBe(99);
    }
    expect([pooled.byteLength, own.byteLength]).toStrictEqual([32, 16]); // nothing detached
    expect(decodeBatch(trip(encodeBatch(batch)), batch.schema).toArrays()).toEqual([[5, 1], [5, 2], [5, 3], [5, 4]]);
  });

  it('sends an unread (all-NULL) column as its length and rebuilds it as one', () => {
    const s2 = parseDDL('a INT, b STRING');
    const batch = new ColumnBatch(s2, [nullVector(s2.fields[0].dataType, 3), ColumnBatch.fromRows(parseDDL('b STRING'), [{ b: 'x' }, { b: null }, { b: 'y' }]).columns[0]], 3);
    const encoded = encodeBatch(batch);
    expect(encoded.columns[0]).toStrictEqual({ storage: 'null', type: '"integer"', length: 3 });
    const back = decodeBatch(trip(encoded), s2);
    expect(isNullVector(back.columns[0])).toBe(true);
    expect(isNullVector(back.columns[1])).toBe(false);
    expect(back.toRows()).toStrictEqual([{ a: null, b: 'x' }, { a: null, b: null }, { a: null, b: 'y' }]);
  });

  it('shares one all-NULL vector between the files of a read (vectors are immutable)', () => {
    const s2 = parseDDL('a INT');
    const nulls = new Map();
    const [x, y] = [0, 1].map(() => {
      return decodeBatch(trip(encodeBatch(new ColumnBatch(s2, [nullVector(s2.fields[0].dataType, 4)], 4))), s2, nulls);
    });
    expect(x.columns[0]).toBe(y.columns[0]);
    expect(ColumnBatch.concat(s2, [x, y]).toRows()).toStrictEqual(new Array(8).fill({ a: null }));
  });

  it('rebuilds a type the schema does not hold from its JSON', () => {
    const wide = parseDDL('v BIGINT');
    const batch = ColumnBatch.fromRows(wide, [{ v: 2 ** 40 }]);
    const back = decodeBatch(trip(encodeBatch(batch)), parseDDL('other STRING'));
    expect(back.schema.simpleString()).toBe('struct<v:bigint>');
    expect(back.toRows()).toEqual([{ v: 2 ** 40 }]);
  });
});

describe('error codec', () => {
  const cases: [string, Error][] = [
    [
      'SparkRuntimeException with file and line',
      new SparkRuntimeException('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION', 'Malformed records are detected in record parsing: {"a".', {
        messageParameters: { badRecord: '{"a"', failFastMode: 'FAILFAST' },
        sqlState: '22023',
        context: { file: '/data/a.json', line: 7 },
      }),
    ],
    ['AnalysisException', new AnalysisException('PATH_NOT_FOUND', 'Path does not exist: file:/x.', { sqlState: '42K03' })],
    ['IllegalArgumentException', new IllegalArgumentException('bad value')],
    ['SparkIllegalArgumentException', new SparkIllegalArgumentException('INVALID_DATETIME_PATTERN', 'bad pattern')],
  ];
  for (const [name, error] of cases) {
    it(`${name} comes back as the same class with the same fields`, () => {
      const back = decodeError(structuredClone(encodeError(error))) as Error;
      expect(back.constructor).toBe(error.constructor);
      expect(back).toBeInstanceOf(error.constructor);
      expect(back.message).toBe(error.message);
      expect(back.name).toBe(error.name);
      expect({ ...back }).toStrictEqual({ ...error });
      expect(back.stack).toBe(error.stack);
    });
  }

  it('keeps the cause and its I/O code', () => {
    const io = Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES', errno: -13, syscall: 'open', path: '/x' });
    const error = new SparkRuntimeException('FAILED_READ_FILE.NO_HINT', 'Encountered error while reading file file:///x.', { cause: io });
    const back = decodeError(structuredClone(encodeError(error))) as SparkRuntimeException;
    const cause = back.cause as Error & { code: string; errno: number; syscall: string; path: string };
    expect(cause).toBeInstanceOf(Error);
    expect(cause.message).toBe(io.message);
    expect([cause.code, cause.errno, cause.syscall, cause.path]).toEqual(['EACCES', -13, 'open', '/x']);
  });

  it('plain errors and thrown values', () => {
    const back = decodeError(encodeError(new TypeError('boom'))) as Error;
    expect(back).toBeInstanceOf(TypeError);
    expect(back.message).toBe('boom');
    expect(decodeError(encodeError('a string'))).toBe('a string');
  });
});
