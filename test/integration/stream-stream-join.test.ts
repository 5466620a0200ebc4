/**
 * The programming guide's stream–stream join (Structured Streaming guide, "Inner Joins
 * with optional Watermarking"): ad impressions joined with ad clicks on the ad id, a click
 * counting within one hour after its impression, watermarks of 2 hours on impressions and
 * 3 hours on clicks — through the public API: two folders of JSON lines read with
 * readStream, joined, written to a memory sink in append mode, checked after each step.
 *
 * The guide writes `clickTime <= impressionTime + interval 1 hour`; the same test also runs
 * with `CAST(… AS LONG) + 3600`, which Spark's state-watermark solver (StreamingJoinHelper)
 * reads the same way.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session, expr, type StreamingQuery } from '../../engine/index';

let dir: string;
let spark: Session;
let query: StreamingQuery | null = null;
let files = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-ssjoin-'));
  for (const sub of ['impressions', 'clicks']) mkdirSync(join(dir, sub));
  spark = Session.builder().appName('stream-stream-join').getOrCreate();
  spark.conf.set('spark.sql.session.timeZone', 'UTC');
  spark.conf.set('spark.sql.streaming.multipleWatermarkPolicy', 'min');
});

afterEach(async () => {
  await query?.stop();
  query = null;
  rmSync(dir, { recursive: true, force: true });
});

const at = (hhmm: string): string => `2026-01-01T${hhmm}:00Z`;

function write(sub: 'impressions' | 'clicks', rows: Record<string, unknown>[]): void {
  const name = `part-${String(files++).padStart(5, '0')}.json`;
  const tmp = join(dir, sub, `.${name}.tmp`);
  writeFileSync(tmp, rows.map((r) => JSON.stringify(r) + '\n').join(''));
  renameSync(tmp, join(dir, sub, name));
}

/** Runs until every row written so far went through a batch. */
async function processAll(q: StreamingQuery, rowsWritten: number): Promise<void> {
  const seen = () => q.recentProgress.reduce((n, p) => n + p.numInputRows, 0);
  await q.processAllAvailable();
  for (let i = 0; seen() < rowsWritten && i < 200; i++) {
    await new Promise((r) => setTimeout(r, 5));
    await q.processAllAvailable();
  }
}

async function joinedRows(): Promise<string[]> {
  const rows = await spark.sql('SELECT * FROM ad_clicks').collect();
  return rows.map((r) => `${String(r.adId)} ${String(r.impression)} ${String(r.click)}`).sort();
}

describe('stream–stream inner join through readStream → join → memory sink (programming guide)', () => {
  it.each([
    ['clickAdId = impressionAdId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 hour'],
    ['clickAdId = impressionAdId AND clickTime >= impressionTime AND CAST(clickTime AS LONG) <= CAST(impressionTime AS LONG) + 3600'],
  ])('impressions join clicks within an hour; state is bounded by the watermarks; late impressions are dropped (%s)', async (condition) => {
    const impressions = spark.readStream
      .schema('impressionAdId INT, impressionTime TIMESTAMP')
      .option('fileStableMs', '0')
      .json(join(dir, 'impressions'))
      .withWatermark('impressionTime', '2 hours');
    const clicks = spark.readStream
      .schema('clickAdId INT, clickTime TIMESTAMP')
      .option('fileStableMs', '0')
      .json(join(dir, 'clicks'))
      .withWatermark('clickTime', '3 hours');
    const joined = impressions
      .join(
        clicks,
        expr(condition),
      )
      .selectExpr(
        'impressionAdId AS adId',
        "date_format(impressionTime, 'HH:mm') AS impression",
        "date_format(clickTime, 'HH:mm') AS click",
      );
    query = joined.writeStream.queryName('ad_clicks').format('memory').outputMode('append').start();
    let written = 0;
    const step = async (sub: 'impressions' | 'clicks', rows: Record<string, unknown>[]) => {
      write(sub, rows);
      written += rows.length;
      await processAll(query!, written);
    };

    await step('impressions', [
      { impressionAdId: 1, impressionTime: at('10:00') },
      { impressionAdId: 2, impressionTime: at('10:05') },
    ]);
    expect(await joinedRows()).toEqual([]);

    // Ad 2's click is more than an hour after its impression; ad 3 has no impression yet.
    await step('clicks', [
      { clickAdId: 1, clickTime: at('10:30') },
      { clickAdId: 2, clickTime: at('11:30') },
      { clickAdId: 3, clickTime: at('10:40') },
    ]);
    expect(await joinedRows()).toEqual(['1 10:00 10:30']);

    // The impression arriving after its click still joins: the click waited in state.
    await step('impressions', [{ impressionAdId: 3, impressionTime: at('10:20') }]);
    expect(await joinedRows()).toEqual(['1 10:00 10:30', '3 10:20 10:40']);
    expect(query.lastProgress!.stateOperators[0]).toMatchObject({ operatorName: 'symmetricHashJoin', numRowsTotal: 6 });

    // Watermark → min(16:00 − 2 h, 16:10 − 3 h) = 13:10. Impressions ≤ 13:10 − 1 h and clicks
    // ≤ 13:10 can no longer match anything new: only ad 9's two rows stay.
    await step('impressions', [{ impressionAdId: 9, impressionTime: at('16:00') }]);
    await step('clicks', [{ clickAdId: 9, clickTime: at('16:10') }]);
    expect(await joinedRows()).toEqual(['1 10:00 10:30', '3 10:20 10:40', '9 16:00 16:10']);
    expect(query.lastProgress!.stateOperators[0].numRowsTotal).toBe(2);
    const removed = query.recentProgress.reduce((n, p) => n + (p.stateOperators[0]?.numRowsRemoved ?? 0), 0);
    expect(removed).toBe(6);

    // An impression at 13:05 is behind the watermark: dropped, so its click at 13:30 finds nothing.
    await step('impressions', [{ impressionAdId: 8, impressionTime: at('13:05') }]);
    await step('clicks', [{ clickAdId: 8, clickTime: at('13:30') }]);
    expect(await joinedRows()).toEqual(['1 10:00 10:30', '3 10:20 10:40', '9 16:00 16:10']);
    const dropped = query.recentProgress.reduce((n, p) => n + (p.stateOperators[0]?.numRowsDroppedByWatermark ?? 0), 0);
    expect(dropped).toBe(1);
  });

  it('update mode is refused at start, with Spark’s message', () => {
    const a = spark.readStream.schema('k INT').json(join(dir, 'impressions'));
    const b = spark.readStream.schema('k INT').json(join(dir, 'clicks'));
    expect(() => a.join(b, 'k').writeStream.format('memory').queryName('j').outputMode('update').start()).toThrow(
      'Join between two streaming DataFrames/Datasets is not supported in Update output mode, only in Append output mode',
    );
  });

  it('outer joins between two streams are refused (Tidemark runs inner stream–stream joins only)', () => {
    const a = spark.readStream.schema('k INT').json(join(dir, 'impressions'));
    const b = spark.readStream.schema('k INT').json(join(dir, 'clicks'));
    expect(() => a.join(b, 'k', 'left').writeStream.format('memory').queryName('j').start()).toThrow(
      'Stream-stream left join between two streaming DataFrames/Datasets is not supported by Tidemark; only inner joins are',
    );
  });
});
