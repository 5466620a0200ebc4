import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { writerFor, readerFor } from '../../../../engine/io/formats/registry';
import { parseDDL } from '../../../../engine/types/index';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const ts = Date.parse('2015-02-23T10:18:55.175Z') * 1000;

describe('JSON writer (JacksonGenerator)', () => {
  const schema = parseDDL('s STRING, n BIGINT, d DOUBLE, t TIMESTAMP, day DATE, st STRUCT<a: INT, b: STRING>, arr ARRAY<INT>, ok BOOLEAN');
  const batch = ColumnBatch.fromRows(schema, [
    { s: 'a "q"\n', n: 35, d: 1, t: ts, day: 16489, st: { a: 1, b: null }, arr: [1, null], ok: true },
    { s: null, n: null, d: NaN, t: null, day: null, st: null, arr: null, ok: null },
  ]);

  it('writes one object per line, omitting NULL fields, timestamps as yyyy-MM-ddTHH:mm:ss.SSSXXX', () => {
    expect(text(writerFor('json', {}, conf).encode(batch))).toBe(
      '{"s":"a \\"q\\"\\n","n":35,"d":1.0,"t":"2015-02-23T10:18:55.175Z","day":"2015-02-23","st":{"a":1},"arr":[1,null],"ok":true}\n' +
        '{"d":"NaN"}\n',
    );
  });

  it('renders timestamps in the session time zone', () => {
    const w = writerFor('json', {}, { ...conf, timeZone: 'Europe/Paris' });
    expect(text(w.encode(ColumnBatch.fromRows(parseDDL('t TIMESTAMP'), [{ t: ts }])))).toBe('{"t":"2015-02-23T11:18:55.175+01:00"}\n');
  });

  it('round-trips through the JSON reader', () => {
    const back = readerFor('json', {}, conf).read('f', writerFor('json', {}, conf).encode(batch), schema).batch.toRows();
    expect(back[0]).toEqual({ s: 'a "q"\n', n: 35, d: 1, t: ts, day: 16489, st: { a: 1, b: null }, arr: [1, null], ok: true });
    expect(back[1].d).toBeNaN();
  });
});

describe('CSV writer (UnivocityGenerator)', () => {
  const schema = parseDDL('s STRING, n INT, d DOUBLE, t TIMESTAMP');
  const batch = ColumnBatch.fromRows(schema, [
    { s: 'plain', n: 1, d: 0.5, t: ts },
    { s: 'a,b', n: null, d: 1e21, t: null },
    { s: 'say "hi"', n: 2, d: 2, t: null },
    { s: '', n: 3, d: 3, t: null },
    { s: '  padded  ', n: 4, d: 4, t: null },
  ]);

  it('quotes values with separators or quotes, escapes quotes with \\, writes NULL as empty and "" for empty strings', () => {
    expect(text(writerFor('csv', { header: 'true' }, conf).encode(batch))).toBe(
      's,n,d,t\n' + 'plain,1,0.5,2015-02-23T10:18:55.175Z\n' + '"a,b",,1.0E21,\n' + '"say \\"hi\\"",2,2.0,\n' + '"",3,3.0,\n' + 'padded,4,4.0,\n',
    );
  });

  it('quoteAll and a custom separator', () => {
    const one = ColumnBatch.fromRows(parseDDL('a STRING, b INT'), [{ a: 'x', b: 1 }]);
    expect(text(writerFor('csv', { quoteAll: 'true', sep: ';' }, conf).encode(one))).toBe('"x";"1"\n');
  });

  it('round-trips through the CSV reader', () => {
    const back = readerFor('csv', { header: 'true' }, conf).read('f', writerFor('csv', { header: 'true' }, conf).encode(batch), schema).batch.toRows();
    expect(back.map((r) => r.s)).toEqual(['plain', 'a,b', 'say "hi"', null, 'padded']);
    expect(back[0].t).toBe(ts);
  });
});
