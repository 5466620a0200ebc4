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
