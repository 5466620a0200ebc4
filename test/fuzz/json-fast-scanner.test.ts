/**
 * Issue 8: the JSON reader's byte fast path (json-fast-scanner.ts) against its cursor path,
 * differentially. Random schemas (types the fast path converts and types it leaves to the
 * cursor) × random JSON-lines files (valid records, escapes, unicode, nulls, missing, extra
 * and duplicate keys, wrong types, broken syntax, single quotes, invalid UTF-8, byte-order
 * marks, blank lines, CRLF and CR) × random requiredColumns × parse modes and options: rows,
 * corrupt count, warnings and the FAILFAST error must be exactly the cursor path's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TidemarkError } from '../../engine/errors';
import { JsonReader } from '../../engine/io/formats/json-reader';
import { parseDDL } from '../../engine/types/ddl';
import { fuzzParams } from './arbitraries/fuzz-settings';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const NAMES = ['a', 'b', 'c', 'Device', 'gt', 'é', 'ts', '_corrupt_record'];
const FAST_TYPES = ['INT', 'BIGINT', 'DOUBLE', 'FLOAT', 'STRING', 'BOOLEAN', 'TIMESTAMP', 'SMALLINT', 'TINYINT'];
const SLOW_TYPES = ['DATE', 'DECIMAL(10,2)', 'ARRAY<INT>', 'STRUCT<x: INT>', 'MAP<STRING, INT>', 'BINARY'];

const schemaArb = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 6 })
  .chain((names) =>
    fc.tuple(
      fc.constant(names),
      fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FAST_TYPES) }, { weight: 1, arbitrary: fc.constantFrom(...SLOW_TYPES) }), {
        minLength: names.length,
        maxLength: names.length,
      }),
    ),
  )
  .map(([names, types]) => ({
    names,
    ddl: names.map((n, i) => `\`${n}\` ${n === '_corrupt_record' ? 'STRING' : types[i]}`).join(', '),
  }));

const numberText = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom('0', '-0', '0.1', '1.5e-7', '1E3', '2e+2', '123456789012345678', '9223372036854775807', '9223372036854775808', '-9223372036854775808'),
  fc.constantFrom('1424686733176178965', '1424686735175', '1424686735', '32767', '32768', '-129', '127', '2147483648'),
  fc.constantFrom('00', '01', '+1', '-', '1.', '.5', '1e', '1ea', '12abc', 'NaN', 'Infinity', '-Infinity', '+INF', '1e999', '0.000000000000000000000001234'),
);
const stringText = fc.oneof(
  fc.string({ maxLength: 8, unit: 'grapheme' }).map((s) => JSON.stringify(s)),
  fc.string({ maxLength: 6, unit: 'binary' }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"sit"', '"stand"', '"walk"', '"nexus4_1"', '""', '"a\\nb"', '"\\u00e9"', '"\\q"', "'single'", '"tab\tin"', '"2015-02-23T10:18:53Z"', '"NaN"', '"true"', '"12"'),
);
const scalarText = fc.oneof(numberText, stringText, fc.constantFrom('true', 'false', 'null', 'tru', 'nul', 'falsey'));
const valueText: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: scalarText },
    { weight: 1, arbitrary: fc.array(tie('v'), { maxLength: 3 }).map((xs) => `[${xs.join(',')}]`) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(fc.constantFrom('"x"', '"y"', 'z', "'w'"), tie('v')), { maxLength: 3 }).map((es) => `{${es.map(([k, v]) => `${k}:${v}`).join(',')}}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('[1,2', '{"x":1,}', '{"x" 1}', '[,]', '{}', '[]', '{"x":{"y":[{}]}}') },
  ),
})).v;

const keyText = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...NAMES).map((n) => JSON.stringify(n)) },
  { weight: 1, arbitrary: fc.constantFrom('"zz"', '"\\u0061"', "'a'", 'a', '"a', '"gt\\""', '"Gt"') },
);
const ws = fc.constantFrom('', '', '', ' ', '  ', '\t');

const recordText = fc
  .tuple(fc.array(fc.tuple(keyText, valueText, ws, ws), { maxLength: 7 }), ws, ws)
  .map(([entries, a, b]) => `${a}{${entries.map(([k, v, w1, w2]) => `${w1}${k}${w2}:${w1}${v}${w2}`).join(',')}}${b}`);

const lineText = fc.oneof(
  { weight: 10, arbitrary: recordText },
  { weight: 1, arbitrary: recordText.chain((r) => fc.nat(r.length).map((n) => r.slice(0, n))) },
  { weight: 1, arbitrary: fc.array(recordText, { maxLength: 3 }).map((rs) => `[${rs.join(',')}]`) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', 'null', '1', '"x"', 'not json', '{"a":1} trailing', '\ufeff{"a":1}') },
);

/** A file: lines joined by a separator, maybe a BOM first, maybe invalid UTF-8 bytes inside a line. */
const fileArb = fc
  .tuple(
    fc.array(lineText, { maxLength: 8 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
    fc.nat(2),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc3, 0xa9])), { maxLength: 2 }),
  )
  .map(([lines, sep, trailing, boms, bad]) => {
    const bytes = [...Buffer.from('\ufeff'.repeat(boms) + lines.join(sep) + (trailing ? sep : ''), 'utf8')];
    for (const [at, , seq] of bad) {
      if (bytes.length === 0) break;
      bytes.splice(at % bytes.length, 0, ...seq);
    }
    return new Uint8Array(bytes);
  });

const optionsArb = fc.record(
  {
    mode: fc.constantFrom('PERMISSIVE', 'DROPMALFORMED', 'FAILFAST'),
    timestampUnit: fc.constantFrom('s', 'ms', 'ns', 'ts:ns,a:ms'),
    allowSingleQuotes: fc.constantFrom('true', 'false'),
    allowNonNumericNumbers: fc.constantFrom('true', 'false'),
    allowNumericLeadingZeros: fc.constantFrom('true', 'false'),
    columnNameOfCorruptRecord: fc.constantFrom('_corrupt_record', 'b'),
  },
  { requiredKeys: ['mode'] },
);

type Outcome = { rows: Record<string, unknown>[]; corrupt: number; warnings: unknown[] } | { error: string };

function outcome(run: () => ReturnType<JsonReader['read']>): Outcome {
  try {
    const r = run();
    return { rows: r.batch.toRows(), corrupt: r.numCorruptRecords, warnings: [...r.warnings] };
  } catch (e) {
    if (!(e instanceof TidemarkError)) throw e;
    return { error: `${e.errorClass}: ${e.message} ${JSON.stringify(e.context)}` };
  }
}

describe('JSON fast path = cursor path', () => {
  it('gives the same rows, corrupt count, warnings and FAILFAST error on any JSON-lines file', () => {
    fc.assert(
      fc.property(
        schemaArb.chain((s) => fc.tuple(fc.constant(s), fc.option(fc.subarray(s.names), { nil: undefined }))),
        fileArb,
        optionsArb,
        ([schema, required], data, options) => {
          const reader = new JsonReader(options, conf);
          const st = parseDDL(schema.ddl);
          const fast = outcome(() => reader.read('/fuzz/in.json', data, st, required));
          const slow = outcome(() => reader.readWithCursor('/fuzz/in.json', data, st, required));
          expect(fast).toEqual(slow);
        },
      ),
      fuzzParams(1500),
    );
  });
});
