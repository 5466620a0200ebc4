/**
 * The lab's hands-on 4 (aggregations, cube, event-time windows on Creation_Time) and
 * hands-on 5 (the same windows with watermarks), run through the TypeScript API on folders
 * the sensor simulator fills file by file. Creation_Time is nanoseconds since the epoch;
 * the reader's `timestampUnit` option (Tidemark's) reads it as a timestamp. After each file
 * the query processes what is available and every trigger's rows are compared with an
 * independent reference model of Spark's semantics (test/helpers/lab-reference.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Session,
  approx_count_distinct,
  avg,
  col,
  countDistinct,
  max,
  min,
  window,
  type DataFrame,
  type StreamingQuery,
} from '../../engine/index';
import { SensorSimulator, type SensorRecord } from '../../engine/io/simulator/index';
import { labSchema } from '../fixtures/lab-schema';
import { AppendWindowCountModel, creationMicros, windowCounts, type TimedRow } from '../helpers/lab-reference';

let dir: string;
let spark: Session;
const queries: StreamingQuery[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-lab45-'));
  spark = Session.builder().appName('lab4').getOrCreate();
  spark.conf.set('spark.sql.shuffle.partitions', 5);
  spark.conf.set('spark.sql.streaming.noDataMicroBatches.enabled', 'true');
  spark.conf.set('spark.sql.streaming.statefulOperator.allowMultiple', 'true');
});

afterEach(async () => {
  for (const q of queries.splice(0)) await q.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** 100 rows per file, one row every 200 ms: a file covers 20 s of event time. */
function simulator(extra: Partial<ConstructorParameters<typeof SensorSimulator>[0]> = {}): SensorSimulator {
  return new SensorSimulator({ dir, seed: 7, rowsPerFile: 100, clockStepMs: 200, malformedFraction: 0, nullFraction: 0.05, ...extra });
}

function iotStream(): DataFrame {
  return spark.readStream.schema(labSchema()).option('timestampUnit', 'Creation_Time:ns,Arrival_Time:ms').option('fileStableMs', '0').json(dir);
}

/** Starts the query on a foreachBatch sink; returns the rows of each batch, by batch id. */
function run(df: DataFrame, mode: 'append' | 'update' | 'complete'): { batches: Record<string, unknown>[][]; q: StreamingQuery } {
  const batches: Record<string, unknown>[][] = [];
  const q = df.writeStream
    .outputMode(mode)
    .foreachBatch(async (b, id) => {
      batches[id] = await b.collect();
    })
    .start();
  queries.push(q);
  return { batches, q };
}

/**
 * processAllAvailable, repeated until a batch has read the file just written (a trigger
 * already listing the folder when the file landed can end the first wait early).
 */
async function processFile(q: StreamingQuery, batches: unknown[], before: number): Promise<void> {
  await q.processAllAvailable();
  for (let i = 0; batches.length === before && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 5));
    await q.processAllAvailable();
  }
}

const timed = (records: readonly SensorRecord[], key: (r: SensorRecord) => string | null): TimedRow[] =>
  records.map((r) => ({ timeUs: creationMicros(r.row.Creation_Time), key: key(r) }));
const userOf = (r: SensorRecord) => r.row.User;

describe('hands-on 4: aggregation and grouping on a stream (complete mode)', () => {
  it('the number of different users: countDistinct (exact, a Tidemark extension on streams) and approx_count_distinct', async () => {
    const sim = simulator();
    const { batches, q } = run(iotStream().agg(countDistinct('User').alias('users'), approx_count_distinct('User').alias('approx')), 'complete');
    const seen = new Set<string>();
    for (let step = 0; step < 3; step++) {
      const before = batches.length;
      const file = await sim.writeFile(step === 0 ? 4 : 100);
      for (const r of file.records) if (r.row.User !== null) seen.add(r.row.User);
      await processFile(q, batches, before);
      const last = batches[batches.length - 1];
      expect(last).toEqual([{ users: seen.size, approx: seen.size }]);
    }
  });

  it('per user: avg, min and max of x, y and z', async () => {
    const sim = simulator();
    const aggs = ['x', 'y', 'z'].flatMap((c) => [avg(c).alias(`avg_${c}`), min(c).alias(`min_${c}`), max(c).alias(`max_${c}`)]);
    const { batches, q } = run(iotStream().groupBy('User').agg(aggs[0], ...aggs.slice(1)), 'complete');
    const records: SensorRecord[] = [];
    for (let step = 0; step < 2; step++) {
      const before = batches.length;
      records.push(...(await sim.writeFile()).records);
      await processFile(q, batches, before);
      const rows = batches[batches.length - 1];
      const users = new Set(records.map((r) => r.row.User));
      expect(rows).toHaveLength(users.size);
      for (const row of rows) {
        const mine = records.filter((r) => r.row.User === row.User);
        for (const c of ['x', 'y', 'z'] as const) {
          const vs = mine.map((r) => r.row[c]).filter((v): v is number => v !== null);
          expect(row[`avg_${c}`]).toBeCloseTo(vs.reduce((a, b) => a + b, 0) / vs.length, 9);
          expect(row[`min_${c}`]).toBe(Math.min(...vs));
          expect(row[`max_${c}`]).toBe(Math.max(...vs));
        }
      }
    }
  });

  it('cube(gt, Model) with the averages of x, y and z: every grouping set, null meaning "all"', async () => {
    const sim = simulator({ nullFraction: 0 });
    const { batches, q } = run(iotStream().cube('gt', 'Model').agg(avg('x'), avg('y'), avg('z')), 'complete');
    const file = await sim.writeFile(150);
    await processFile(q, batches, 0);
    const rows = batches[batches.length - 1];
    const expectAvg = (axis: 'x' | 'y' | 'z', gt: string | null, model: string | null): number => {
      const vs = file.records
        .filter((r) => (gt === null || r.row.gt === gt) && (model === null || r.row.Model === model))
        .map((r) => r.row[axis] as number);
      return vs.reduce((a, b) => a + b, 0) / vs.length;
    };
    const matches = (r: Record<string, unknown>, gt: string | null, model: string | null): boolean =>
      r.gt === gt &&
      r.Model === model &&
      (['x', 'y', 'z'] as const).every((axis) => Math.abs(Number(r[`avg(${axis})`]) - expectAvg(axis, gt, model)) < 1e-9);
    const pairs = new Set(file.records.map((r) => JSON.stringify([r.row.gt, r.row.Model])));
    const gts = new Set(file.records.map((r) => r.row.gt));
    const models = new Set(file.records.map((r) => r.row.Model));
    // Unlabelled rows (gt null) make (null, model) rows appear twice: as a group and as "all gt".
    expect(rows.length).toBe(pairs.size + gts.size + models.size + 1);
    expect(rows.some((r) => matches(r, null, null))).toBe(true);
    for (const m of models) expect(rows.some((r) => matches(r, null, m as string))).toBe(true);
    for (const g of gts) if (g !== null) expect(rows.some((r) => matches(r, g as string, null))).toBe(true);
  });
});

describe('hands-on 4: event-time processing on Creation_Time (complete mode)', () => {
  const cases = [
    { name: 'events per 1-minute window', windowUs: 60e6, slideUs: 60e6, byUser: false, args: ['1 minute'] },
    { name: 'events per user per 30-second window', windowUs: 30e6, slideUs: 30e6, byUser: true, args: ['30 seconds'] },
    { name: 'events per user per 15-second window sliding every 10 seconds', windowUs: 15e6, slideUs: 10e6, byUser: true, args: ['15 seconds', '10 seconds'] },
  ] as const;
  for (const c of cases) {
    it(c.name, async () => {
      const sim = simulator({ lateFraction: 0.1, lateBySeconds: 45 });
      const w = window(col('Creation_Time'), c.args[0], c.args[1]);
      const grouped = c.byUser ? iotStream().groupBy(w, col('User')) : iotStream().groupBy(w);
      const { batches, q } = run(grouped.count(), 'complete');
      const records: SensorRecord[] = [];
      for (let step = 0; step < 3; step++) {
        const before = batches.length;
        records.push(...(await sim.writeFile()).records);
        await processFile(q, batches, before);
        const expected = windowCounts(timed(records, c.byUser ? userOf : () => null), c.windowUs, c.slideUs);
        const rows = batches[batches.length - 1];
        const actual = new Map(
          rows.map((r) => [JSON.stringify([(r.window as { start: number }).start, c.byUser ? r.User : null]), Number(r.count)]),
        );
        expect(actual).toEqual(expected);
      }
    });
  }
});

describe('hands-on 5: handling late data with watermarks (append mode, 1-minute watermark)', () => {
  const cases = [
    { name: 'events per 1-minute window', windowUs: 60e6, slideUs: 60e6, byUser: false, args: ['1 minute'] },
    { name: 'events per user per 30-second window', windowUs: 30e6, slideUs: 30e6, byUser: true, args: ['30 seconds'] },
    { name: 'events per user per 15-second window sliding every 10 seconds', windowUs: 15e6, slideUs: 10e6, byUser: true, args: ['15 seconds', '10 seconds'] },
  ] as const;
  for (const c of cases) {
    it(`${c.name}: each window once, when final; rows later than the watermark dropped`, async () => {
      const sim = simulator({ lateFraction: 0.15, lateBySeconds: 90 });
      const w = window(col('Creation_Time'), c.args[0], c.args[1]);
      const watermarked = iotStream().withWatermark('Creation_Time', '1 minute');
      const grouped = c.byUser ? watermarked.groupBy(w, col('User')) : watermarked.groupBy(w);
      const { batches, q } = run(grouped.count(), 'append');
      const model = new AppendWindowCountModel(c.windowUs, c.slideUs, 60_000);
      let totalDropped = 0;
      for (let step = 0; step < 8; step++) {
        const before = batches.length;
        const file = await sim.writeFile();
        await processFile(q, batches, before);
        const expected = model.step(timed(file.records, c.byUser ? userOf : () => null));
        const emitted = batches
          .slice(before)
          .flat()
          .map((r): [number, string | null, number] => [(r.window as { start: number }).start, c.byUser ? (r.User as string | null) : null, Number(r.count)])
          .sort((a, b) => a[0] - b[0] || String(a[1]).localeCompare(String(b[1])));
        expect(emitted).toEqual(expected);
        const withData = q.recentProgress.filter((p) => p.numInputRows > 0);
        expect(withData[withData.length - 1].stateOperators[0].numRowsDroppedByWatermark).toBe(model.dropped);
        totalDropped += model.dropped;
      }
      expect(totalDropped).toBeGreaterThan(0);
      expect(q.lastProgress!.stateOperators[0].numRowsTotal).toBe(model.openWindows);
    });
  }
});
