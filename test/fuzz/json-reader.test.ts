/**
 * Issue 7 §5: the JSON reader (through the format registry) under fuzzing. Any bytes give
 * rows and a corrupt count in PERMISSIVE and DROPMALFORMED and, in FAILFAST, the same rows or
 * MALFORMED_RECORD_IN_PARSING exactly when PERMISSIVE saw a bad record (Spark's
 * FailureSafeParser); valid JSON lines for a generated schema read back the values written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SparkRuntimeException } from '../../engine/errors';
import { readerFor } from '../../engine/io/formats/registry';
import { parseDDL } from '../../engine/types/ddl';
import { fuzzParams } from './arbitraries/fuzz-settings';
import { ddlOf, fieldsArb, recordishBytes, rowsArb } from './arbitraries/records';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const DDL = 'a INT, b STRING, c DOUBLE, d ARRAY<BIGINT>, e STRUCT<f: BOOLEAN>, _corrupt_record STRING';
const PIECES = ['{', '}', '[', ']', ':', ',', '"a"', '"b"', '"c"', '"d"', '"e"', '"f"', '1', '-2.5e3', '1e999', 'true', 'null', '"x"', "'y'", 'NaN', '"\\u00e9"', '"\\ud800"', '\\', '\n', '\r\n', ' ', '//', '/*'];

function read(data: Uint8Array, ddl: string, options: Record<string, string>) {
  const r = readerFor('json', options, conf).read('/fuzz/in.json', data, parseDDL(ddl));
  return { rows: r.batch.toRows(), corrupt: r.numCorruptRecords };
}

describe('JSON reader on any bytes', () => {
  it('PERMISSIVE, DROPMALFORMED and FAILFAST agree on which records are bad', () => {
    fc.assert(
      fc.property(recordishBytes(PIECES), fc.boolean(), (data, multiLine) => {
        const base: Record<string, string> = multiLine ? { multiLine: 'true' } : {};
        const permissive = read(data, DDL, { ...base, mode: 'PERMISSIVE' });
        const dropped = read(data, DDL, { ...base, mode: 'DROPMALFORMED' });
        expect(dropped.corrupt).toBe(permissive.corrupt);
        const kept = permissive.rows.filter((r) => r._corrupt_record === null);
        expect(dropped.rows).toEqual(kept);
        let failfast: ReturnType<typeof read> | undefined;
        try {
          failfast = read(data, DDL, { ...base, mode: 'FAILFAST' });
        } catch (e) {
          if (!(e instanceof SparkRuntimeException)) throw e;
          expect(e.errorClass).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
          expect(permissive.corrupt).toBeGreaterThan(0);
        }
        if (failfast) {
          expect(permissive.corrupt).toBe(0);
          expect(failfast.rows).toEqual(permissive.rows);
        }
      }),
      fuzzParams(400),
    );
  });
});

describe('JSON reader on valid records', () => {
  it('reads back the values written as JSON lines for a generated schema', () => {
    const text = fc.string({ maxLength: 10, unit: 'binary' });
    fc.assert(
      fc.property(
        fieldsArb.chain((fields) => fc.tuple(fc.constant(fields), rowsArb(fields, text))),
        fc.constantFrom('\n', '\r\n'),
        ([fields, rows], newline) => {
          // JSON has no -0: JSON.stringify writes 0, so 0 is what comes back.
          const expected = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Object.is(v, -0) ? 0 : v])));
          const lines = rows.map((r) => JSON.stringify(r)).join(newline);
          const got = read(new TextEncoder().encode(lines), ddlOf(fields), {});
          expect(got.corrupt).toBe(0);
          expect(got.rows).toEqual(expected);
        },
      ),
      fuzzParams(300),
    );
  });

  it('reads a multiLine document (a pretty-printed array) the same as its JSON lines', () => {
    const text = fc.string({ maxLength: 10, unit: 'grapheme' });
    fc.assert(
      fc.property(fieldsArb.chain((fields) => fc.tuple(fc.constant(fields), rowsArb(fields, text))), ([fields, rows]) => {
        const ddl = ddlOf(fields);
        const lines = read(new TextEncoder().encode(rows.map((r) => JSON.stringify(r)).join('\n')), ddl, {});
        const doc = read(new TextEncoder().encode(JSON.stringify(rows, null, 2)), ddl, { multiLine: 'true' });
        expect(doc).toEqual(lines);
      }),
      fuzzParams(200),
    );
  });
});
