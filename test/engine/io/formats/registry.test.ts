import { ArrowReader } from '../../../../engine/io/formats/arrow-reader';
import { ParquetReader } from '../../../../engine/io/formats/parquet-reader';
import { describe, expect, it } from 'vitest';
import { AnalysisException } from '../../../../engine/errors';
import { readerFor, writerFor } from '../../../../engine/io/formats/registry';
import { CaseInsensitiveOptions } from '../../../../engine/io/formats/case-insensitive-options';
import { JsonReader } from '../../../../engine/io/formats/json-reader';
import { CsvReader } from '../../../../engine/io/formats/csv-reader';
import { parseDDL } from '../../../../engine/types/index';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };

describe('format registry (DataSource.lookupDataSource)', () => {
  it('finds formats by case-insensitive short name', () => {
    expect(readerFor('JSON', {}, conf)).toBeInstanceOf(JsonReader);
    expect(readerFor('csv', {}, conf)).toBeInstanceOf(CsvReader);
    expect(writerFor('Json', {}, conf).extension).toBe('json');
    expect(writerFor('csv', {}, conf).extension).toBe('csv');
    expect(readerFor('Parquet', {}, conf)).toBeInstanceOf(ParquetReader);
    expect(readerFor('arrow', {}, conf)).toBeInstanceOf(ArrowReader);
    expect(writerFor('PARQUET', {}, conf).extension).toBe('parquet');
  });

  it('an unknown format lists the supported ones', () => {
    expect(() => readerFor('orc', {}, conf)).toThrow(AnalysisException);
    expect(() => readerFor('orc', {}, conf)).toThrow(/DATA_SOURCE_NOT_FOUND.*orc.*json, csv, text, parquet, arrow/);
    expect(() => writerFor('avro', {}, conf)).toThrow(/json, csv, parquet/);
  });

  it('options are case-insensitive (CaseInsensitiveMap)', () => {
    const r = readerFor('json', { MODE: 'dropMalformed', MultiLine: 'false' }, conf);
    const out = r.read('f', new TextEncoder().encode('{"a":1}\n{"a":"x"}'), parseDDL('a INT'));
    expect(out.batch.toRows()).toEqual([{ a: 1 }]);
    const o = new CaseInsensitiveOptions({ Header: 'TRUE' });
    expect(o.boolean('header', false)).toBe(true);
    expect(() => new CaseInsensitiveOptions({ header: 'yes' }).boolean('header', false)).toThrow(/header should be a boolean/);
  });
});
