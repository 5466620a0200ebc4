/**
 * The lab's hands-on 1, 2 and 3 (shared reference: structured-streaming-lab.md), run
 * through the TypeScript API on folders the sensor simulator fills step by step. After
 * each new file the query processes what is available (Spark's processAllAvailable) and
 * the memory table is compared with an independent reference model of Spark's reader.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session, expr, type StreamingQuery } from '../../engine/index';
import { SensorSimulator } from '../../engine/io/simulator/index';
import { countBy, countsFromRows, referenceRowsOfFiles } from '../helpers/lab-reference';
import { labSchema } from '../fixtures/lab-schema';

let dir: string;
let spark: Session;
const queries: StreamingQuery[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-lab-'));
  spark = Session.builder().appName('lab4').getOrCreate();
  spark.conf.set('spark.sql.shuffle.partitions', 5);
});

afterEach(async () => {
  for (const q of queries.splice(0)) await q.stop();
  rmSync(dir, { recursive: true, force: true });
});

function simulator(extra: Partial<ConstructorParameters<typeof SensorSimulator>[0]> = {}): SensorSimulator {
  return new SensorSimulator({ dir, seed: 42, rowsPerFile: 200, malformedFraction: 0.05, nullFraction: 0.05, ...extra });
}

async function sqlRows(text: string): Promise<Record<string, unknown>[]> {
  return spark.sql(text).collect();
}

describe('hands-on 1: open a stream', () => {
  it('printing the stream shows a streaming DataFrame with the lab schema', () => {
    const iotStream = spark.readStream.schema(labSchema()).json(dir);
    expect(iotStream.isStreaming).toBe(true);
    expect(iotStream.schema.names).toEqual(labSchema().names);
    expect(iotStream.columns).toContain('_corrupt_reccord');
  });

  it('SELECT count(1) FROM iot_stream grows file by file (memory sink, default append mode)', async () => {
    const sim = simulator();
    const iotStream = spark.readStream.schema(labSchema()).json(dir);
    const q = iotStream.writeStream.queryName('iot_stream').format('memory').start();
    queries.push(q);
    const files: string[] = [];
    for (let step = 1; step <= 3; step++) {
      files.push((await sim.writeFile()).path);
      await q.processAllAvailable();
      const rows = await sqlRows('SELECT count(1) FROM iot_stream');
      // Malformed lines still give one (all-null) row each in PERMISSIVE mode.
      expect(rows).toEqual([{ 'count(1)': referenceRowsOfFiles(files).length }]);
    }
    expect(q.lastProgress?.batchId).toBeGreaterThanOrEqual(2);
  });

  it('readStream without a schema fails as Spark does', () => {
    expect(() => spark.readStream.json(dir)).toThrow(
      'Schema must be specified when creating a streaming source DataFrame.',
    );
  });
});

describe('hands-on 2: output a stream', () => {
  it('activity_count: groupBy(gt).count() in complete mode holds the counts of every file so far', async () => {
    const sim = simulator();
    const activityCount = spark.readStream.schema(labSchema()).json(dir).groupBy('gt').count();
    const q = activityCount.writeStream.queryName('activity_count').format('memory').outputMode('complete').start();
    queries.push(q);
    const files: string[] = [];
    for (let step = 1; step <= 4; step++) {
      files.push((await sim.writeFile()).path);
      await q.processAllAvailable();
      const rows = await sqlRows('SELECT * FROM activity_count');
      expect(countsFromRows(rows, 'gt')).toEqual(countBy(referenceRowsOfFiles(files), (r) => r.gt));
    }
  });

  it('error column: rows whose device, index, model, user and gt are all null', async () => {
    const sim = simulator({ malformedFraction: 0.2 });
    const withError = spark.readStream
      .schema(labSchema())
      .json(dir)
      .withColumn('error', expr('Device IS NULL AND Index IS NULL AND Model IS NULL AND User IS NULL AND gt IS NULL'))
      .groupBy('error')
      .count();
    const q = withError.writeStream.queryName('error_count').format('memory').outputMode('complete').start();
    queries.push(q);
    const files = [(await sim.writeFile()).path, (await sim.writeFile()).path];
    await q.processAllAvailable();
    const expected = countBy(
      referenceRowsOfFiles(files),
      (r) => r.Device === null && r.Index === null && r.Model === null && r.User === null && r.gt === null,
    );
    expect(countsFromRows(await sqlRows('SELECT * FROM error_count'), 'error')).toEqual(expected);
    expect(expected.get('true')).toBeGreaterThan(0);
  });

  it('update mode outputs only the groups a trigger changed (foreachBatch sees them)', async () => {
    const sim = simulator({ malformedFraction: 0, nullFraction: 0 });
    const seen: { batchId: number; rows: Record<string, unknown>[] }[] = [];
    const q = spark.readStream
      .schema(labSchema())
      .json(dir)
      .groupBy('User')
      .count()
      .writeStream.outputMode('update')
      .foreachBatch(async (df, batchId) => {
        seen.push({ batchId, rows: await df.collect() });
      })
      .start();
    queries.push(q);
    const first = await sim.writeFile(30);
    await q.processAllAvailable();
    const second = await sim.writeFile(3);
    await q.processAllAvailable();
    const last = seen[seen.length - 1];
    const usersInSecond = new Set(second.records.map((r) => r.row?.User ?? null));
    expect(new Set(last.rows.map((r) => r.User))).toEqual(usersInSecond);
    const all = countBy(referenceRowsOfFiles([first.path, second.path]), (r) => r.User);
    for (const row of last.rows) expect(row.count).toBe(all.get(JSON.stringify(row.User)));
  });
});

describe('hands-on 3: transformations on stream', () => {
  it('na.drop("any") with the lab schema drops every row, because _corrupt_reccord is always null (Spark: DataFrameNaFunctions.drop)', async () => {
    const sim = simulator();
    const q = spark.readStream
      .schema(labSchema())
      .json(dir)
      .na.drop('any')
      .groupBy('gt')
      .count()
      .writeStream.queryName('clean_count')
      .format('memory')
      .outputMode('complete')
      .start();
    queries.push(q);
    await sim.writeFile();
    await q.processAllAvailable();
    expect(await sqlRows('SELECT * FROM clean_count')).toEqual([]);
  });

  it('na.drop("any", subset) keeps rows whose listed columns are all present', async () => {
    const sim = simulator();
    const subset = ['Device', 'Index', 'Model', 'User', 'gt'];
    const q = spark.readStream
      .schema(labSchema())
      .json(dir)
      .na.drop('any', undefined, subset)
      .groupBy('gt')
      .count()
      .writeStream.queryName('clean_subset')
      .format('memory')
      .outputMode('complete')
      .start();
    queries.push(q);
    const file = await sim.writeFile();
    await q.processAllAvailable();
    const kept = referenceRowsOfFiles([file.path]).filter(
      (r) => r.Device !== null && r.Index !== null && r.Model !== null && r.User !== null && r.gt !== null,
    );
    expect(countsFromRows(await sqlRows('SELECT * FROM clean_subset'), 'gt')).toEqual(countBy(kept, (r) => r.gt));
  });

  it('is_stair_activity with expr("gt LIKE \'%stairs%\'") and keeping gt, model, arrival_time, creation_time', async () => {
    const sim = simulator();
    const stairs = spark.readStream
      .schema(labSchema())
      .json(dir)
      .withColumn('is_stair_activity', expr("gt LIKE '%stairs%'"))
      .select('gt', 'model', 'arrival_time', 'creation_time', 'is_stair_activity');
    // Spark names a case-insensitively resolved column as the query spelled it (checked on pyspark 4.1.4).
    expect(stairs.columns).toEqual(['gt', 'model', 'arrival_time', 'creation_time', 'is_stair_activity']);
    const q = stairs.writeStream.queryName('stairs').format('memory').start();
    queries.push(q);
    const file = await sim.writeFile();
    await q.processAllAvailable();
    const rows = await sqlRows('SELECT gt, is_stair_activity FROM stairs');
    const expected = referenceRowsOfFiles([file.path]).map((r) => ({
      gt: r.gt,
      is_stair_activity: r.gt === null ? null : r.gt.includes('stairs'),
    }));
    expect(rows).toHaveLength(expected.length);
    expect(countBy(rows, (r) => [r.gt, r.is_stair_activity])).toEqual(countBy(expected, (r) => [r.gt, r.is_stair_activity]));
  });
});
