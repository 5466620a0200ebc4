/**
 * Column pruning for file sources (Spark's ColumnPruning + FileSourceStrategy requiredSchema):
 * the columns each streaming source must convert for a plan, and end to end, a query that
 * reads only `gt` does not see a type error in a column it never reads.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session, col, window } from '../../../engine/index';
import type { DataFrame } from '../../../engine/plan/dataframe';
import type { LogicalPlan } from '../../../engine/plan/logical-plan';
import { requiredColumnsBySource, requiredFieldNames } from '../../../engine/plan/required-columns';
import { labSchema } from '../../fixtures/lab-schema';

const LAB_FIELDS = labSchema().names;

describe('requiredColumnsBySource', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-pruning-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const events = (): DataFrame => Session.builder().getOrCreate().readStream.schema(labSchema()).json(dir);
  /** The reader's requiredColumns for the plan's only source. */
  const required = (df: DataFrame, views: Record<string, LogicalPlan> = {}): string[] | undefined => {
    const bySource = requiredColumnsBySource(df.plan, (name) => views[name]);
    expect(bySource.size).toBe(1);
    return requiredFieldNames(LAB_FIELDS, [...bySource.values()][0], '_corrupt_record');
  };

  it('reads only the grouping column for the activity count', () => {
    expect(required(events().groupBy('gt').count())).toEqual(['gt']);
  });

  it('reads filter and projection columns, windows and watermark columns', () => {
    expect(required(events().filter(col('x').gt(0)).select('gt', 'Model', 'Creation_Time'))).toEqual(['Creation_Time', 'Model', 'gt', 'x']);
    const windowed = events()
      .withWatermark('Creation_Time', '1 minute')
      .groupBy(window(col('Creation_Time'), '30 seconds'), col('User'))
      .count();
    expect(required(windowed)).toEqual(['Creation_Time', 'User']);
    expect(required(events().withColumnRenamed('gt', 'activity').select('activity'))).toEqual(['gt']);
  });

  it('reads every column where the plan needs them all', () => {
    expect(required(events())).toBeUndefined();
    expect(required(events().filter(col('x').gt(0)))).toBeUndefined();
    expect(required(events().selectExpr('*'))).toBeUndefined();
    expect(required(events().dropna().groupBy('gt').count())).toBeUndefined();
    expect(required(events().distinct().groupBy('gt').count())).toBeUndefined();
  });

  it('follows temp views and case-insensitive names', () => {
    const view = events().filter(col('X').gt(0));
    view.createOrReplaceTempView('pruning_view');
    const df = Session.builder().getOrCreate().table('pruning_view').groupBy('GT').count();
    expect(required(df, { pruning_view: view.plan })).toEqual(['gt', 'x']);
  });

  it('reads every column when the corrupt-record column is read (which records are bad must not change)', () => {
    expect(requiredFieldNames(['a', 'b', '_corrupt_record'], new Set(['_corrupt_record']), '_corrupt_record')).toBeUndefined();
    expect(requiredFieldNames(['a', 'b', '_corrupt_record'], new Set(['a']), '_corrupt_record')).toEqual(['a']);
  });

  describe("Spark's refusal of a json/csv read of the corrupt column alone (QUERY_ONLY_CORRUPT_RECORD_COLUMN)", () => {
    const FIELDS = ['gt', 'x', '_corrupt_record'];
    const raw = (): DataFrame => Session.builder().getOrCreate().readStream.schema('gt STRING, x DOUBLE, _corrupt_record STRING').json(dir);
    /** requiredFieldNames for the plan's only source, as the source factory asks for `format`. */
    const requiredFor = (df: DataFrame, format: string, corrupt = '_corrupt_record'): string[] | undefined =>
      requiredFieldNames(FIELDS, [...requiredColumnsBySource(df.plan, () => undefined).values()][0], corrupt, format);
    const corruptOnly = /^\[UNSUPPORTED_FEATURE\.QUERY_ONLY_CORRUPT_RECORD_COLUMN\] The feature is not supported: Queries from raw JSON\/CSV\/XML files are disallowed when the\nreferenced columns only include the internal corrupt record column\n/;

    it('refuses select(_corrupt_record) and filter(_corrupt_record is not null).count() for json and csv', () => {
      for (const format of ['json', 'csv', 'JSON']) {
        expect(() => requiredFor(raw().select('_corrupt_record'), format)).toThrow(corruptOnly);
        expect(() => requiredFor(raw().filter(col('_corrupt_record').isNotNull()).groupBy().count(), format)).toThrow(corruptOnly);
        // The reference resolves case-insensitively to the schema's field, which is the corrupt column.
        expect(() => requiredFor(raw().select('_CORRUPT_RECORD'), format)).toThrow(corruptOnly);
      }
      const e = (() => {
        try {
          requiredFor(raw().select('_corrupt_record'), 'json');
        } catch (err) {
          return err as { errorClass: string; sqlState: string; message: string };
        }
        throw new Error('no error');
      })();
      expect(e.errorClass).toBe('UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN');
      expect(e.sqlState).toBe('0A000');
      expect(e.message).toContain('Instead, you can cache or save the parsed results and then send the same query.\nFor example, `val df = spark.read.schema(schema).json(file).cache()` and then\n`df.filter($"_corrupt_record".isNotNull).count()`.');
    });

    it('honours columnNameOfCorruptRecord: the named column is refused, the default name is then an ordinary column', () => {
      const fields = ['gt', '_corrupt_record', 'bad'];
      const only = (name: string): Set<string> => new Set([name]);
      expect(() => requiredFieldNames(fields, only('bad'), 'bad', 'json')).toThrow(corruptOnly);
      expect(requiredFieldNames(fields, only('_corrupt_record'), 'bad', 'json')).toEqual(['_corrupt_record']);
      // A corrupt column the schema does not declare is no corrupt column at all.
      expect(requiredFieldNames(['gt', 'x'], only('_corrupt_record'), '_corrupt_record', 'json')).toEqual([]);
    });

    it('answers the corrupt column read with another column, after a full read, or from formats without one', () => {
      expect(requiredFor(raw().select('_corrupt_record', 'gt'), 'json')).toBeUndefined();
      expect(requiredFor(raw().filter(col('_corrupt_record').isNotNull()).groupBy('gt').count(), 'csv')).toBeUndefined();
      // distinct() needs every column below it (as a cached relation reads all of them in Spark).
      expect(requiredFor(raw().distinct().select('_corrupt_record'), 'json')).toBeUndefined();
      expect(requiredFor(raw().select('*').filter(col('_corrupt_record').isNotNull()), 'json')).toBeUndefined();
      // count() alone reads no column: nothing to refuse.
      expect(requiredFor(raw().groupBy().count(), 'json')).toEqual([]);
      for (const format of ['parquet', 'arrow', 'text']) {
        expect(requiredFor(raw().select('_corrupt_record'), format)).toBeUndefined();
      }
    });
  });

  it('end to end: a count by gt ignores a bad value in a column it does not read', async () => {
    writeFileSync(
      join(dir, 'part-0.json'),
      ['{"gt":"sit","Index":1}', '{"gt":"sit","Index":"oops"}', '{"gt":"walk","x":{"nested":true}}'].join('\n') + '\n',
    );
    const spark = Session.builder().getOrCreate();
    const name = `pruned_${Date.now()}`;
    const q = events().groupBy('gt').count().writeStream.format('memory').queryName(name).outputMode('complete').trigger({ availableNow: true }).start();
    try {
      await q.awaitTermination();
      const rows = await spark.sql(`SELECT gt, count FROM ${name} ORDER BY gt`).collect();
      expect(rows).toEqual([
        { gt: 'sit', count: 2 },
        { gt: 'walk', count: 1 },
      ]);
      // Index and x are never converted, so no record is bad (JacksonParser parses requiredSchema only).
      expect(q.recentProgress.reduce((n, p) => n + p.tidemark.numCorruptRecords, 0)).toBe(0);
    } finally {
      q.stop();
    }
  });
});
