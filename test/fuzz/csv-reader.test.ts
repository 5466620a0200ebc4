/**
 * Issue 7 §5: the CSV reader (through the format registry) under fuzzing. Any bytes give
 * rows in every mode, with FAILFAST failing exactly when PERMISSIVE saw a bad record
 * (FailureSafeParser); rows written with RFC 4180 quoting (separators, doubled quotes and,
 * with multiLine, line breaks inside quoted values) read back as written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SparkRuntimeException } from '../../engine/errors';
import { readerFor } from '../../engine/io/formats/registry';
import { parseDDL } from '../../engine/types/ddl';
import { fuzzParams } from './arbitraries/fuzz-settings';
import { ddlOf, fieldsArb, recordishBytes, rowsArb, type GeneratedField } from './arbitraries/records';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const DDL = 'a INT, b STRING, c DOUBLE, d BOOLEAN, _corrupt_record STRING';
const PIECES = [',', ';', '"', '""', '\\', '\\"', '\n', '\r\n', '\r', '1', '-2.5', 'NaN', 'Inf', 'true', 'x', ' ', '#', '1e999'];

function read(data: Uint8Array, ddl: string, options: Record<string, string>) {
  const r = readerFor('csv', options, conf).read('/fuzz/in.csv', data, parseDDL(ddl));
  return { rows: r.batch.toRows(), corrupt: r.numCorruptRecords };
}

/** RFC 4180 with Spark's defaults: quote when needed, a quote inside doubled; NULL as an empty field. */
function encodeRow(fields: readonly GeneratedField[], row: Record<string, unknown>, sep: string): string {
  return fields
    .map((f) => {
      const v = row[f.name];
      if (v === null) return '';
      // Java writes -0.0; String(-0) would lose the sign.
      const text = Object.is(v, -0) ? '-0.0' : String(v);
      const needsQuotes = text.includes(sep) || /["\n\r]/.test(text) || text.trim() !== text || text.startsWith('#');
      return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(sep);
}

describe('CSV reader on any bytes', () => {
  it('PERMISSIVE, DROPMALFORMED and FAILFAST agree on which records are bad', () => {
    fc.assert(
      fc.property(recordishBytes(PIECES), fc.boolean(), fc.constantFrom(',', ';'), (data, multiLine, sep) => {
        const base = { sep, ...(multiLine ? { multiLine: 'true' } : {}) };
        const permissive = read(data, DDL, { ...base, mode: 'PERMISSIVE' });
        const dropped = read(data, DDL, { ...base, mode: 'DROPMALFORMED' });
        expect(dropped.corrupt).toBe(permissive.corrupt);
        expect(dropped.rows).toEqual(permissive.rows.filter((r) => r._corrupt_record === null));
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

interface CsvLayout {
  readonly multiLine: boolean;
  readonly sep: string;
  readonly header: boolean;
  readonly newline: string;
}

const layoutArb: fc.Arbitrary<CsvLayout> = fc.record({
  multiLine: fc.boolean(),
  sep: fc.constantFrom(',', ';', '\t', '|'),
  header: fc.boolean(),
  newline: fc.constantFrom('\n', '\r\n'),
});

/** Non-empty text (empty reads as NULL, Spark's emptyValue); line breaks only with multiLine. */
function textFor(layout: CsvLayout): fc.Arbitrary<string> {
  // Backslash is Spark's default escape character, so it stays out of the values here.
  const units = ['a', 'Z', '0', ' ', ',', ';', '\t', '|', '"', "'", 'é', '😀', ...(layout.multiLine ? ['\n', '\r\n'] : [])];
  return fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom(...units) }).filter((s) => s.trim() !== '');
}

describe('CSV reader on valid records', () => {
  it('reads back the values written, with quoted separators, quotes and (multiLine) line breaks', () => {
    const caseArb = layoutArb.chain((layout) =>
      fieldsArb.chain((fields) => fc.tuple(fc.constant(layout), fc.constant(fields), rowsArb(fields, textFor(layout)))),
    );
    fc.assert(
      fc.property(caseArb, ([layout, fields, rows]) => {
        const { sep, header, newline, multiLine } = layout;
        // A row of one NULL field is a blank line, which CSV skips.
        const written = rows.filter((r) => fields.length > 1 || r[fields[0].name] !== null);
        const lines = written.map((r) => encodeRow(fields, r, sep));
        const body = (header ? [fields.map((f) => f.name).join(sep), ...lines] : lines).join(newline);
        const got = read(new TextEncoder().encode(body), ddlOf(fields), {
          sep,
          header: String(header),
          ...(multiLine ? { multiLine: 'true' } : {}),
        });
        expect(got.corrupt).toBe(0);
        expect(got.rows).toEqual(written);
      }),
      fuzzParams(300),
    );
  });
});
