/**
 * The lab's setup end to end on a real S3-compatible server (moto on 127.0.0.1): a stream
 * over `s3://bucket/prefix/` of sensor JSON, the Hadoop settings given the way a Spark user
 * gives them (`spark.hadoop.fs.s3a.*` session conf, `fs.s3.useRequesterPaysHeader`),
 * objects uploaded while the query runs, a stop and restart from the same checkpoint (no
 * loss, no duplicates), a crash between the offsets log and the commit (the batch re-runs
 * with exactly its objects), `spark.read` of a prefix, and failures that name the bucket.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Session, type StreamingQuery } from '../../engine/index';
import {
  createBucket,
  MOTO_ACCESS_KEY,
  MOTO_SECRET_KEY,
  putObject,
  startMoto,
  type MotoServer,
} from '../helpers/moto-server';

let moto: MotoServer;
let dir: string;
let query: StreamingQuery | undefined;
const spark = Session.builder().appName('s3-source').getOrCreate();
const BUCKET = 'spark-lab-input-data';
const SCHEMA = 'Arrival_Time LONG, Device STRING, Index LONG, x DOUBLE';

beforeAll(async () => {
  moto = await startMoto();
  await createBucket(moto, BUCKET);
  dir = mkdtempSync(join(tmpdir(), 'tidemark-s3-it-'));
  spark.conf.set('spark.hadoop.fs.s3a.endpoint', moto.endpoint);
  spark.conf.set('spark.hadoop.fs.s3a.path.style.access', 'true');
  spark.conf.set('spark.hadoop.fs.s3a.access.key', MOTO_ACCESS_KEY);
  spark.conf.set('spark.hadoop.fs.s3a.secret.key', MOTO_SECRET_KEY);
  spark.conf.set('spark.hadoop.fs.s3.useRequesterPaysHeader', 'true');
}, 600_000);
afterEach(async () => {
  await query?.stop();
  query = undefined;
});
afterAll(async () => {
  for (const k of ['endpoint', 'path.style.access', 'access.key', 'secret.key'])
    spark.conf.unset(`spark.hadoop.fs.s3a.${k}`);
  spark.conf.unset('spark.hadoop.fs.s3.useRequesterPaysHeader');
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let next = 0;
/** Uploads one object of `n` sensor readings; returns their Index values. */
async function upload(prefix: string, n: number): Promise<number[]> {
  const indexes = Array.from({ length: n }, () => next++);
  const body = indexes
    .map((i) =>
      JSON.stringify({
        Arrival_Time: 1424686735175 + i,
        Device: `nexus4_${i % 3}`,
        Index: i,
        x: i / 10,
      }),
    )
    .join('\n');
  await putObject(
    moto,
    BUCKET,
    `${prefix}part-${String(indexes[0]).padStart(5, '0')}.json`,
    body + '\n',
  );
  return indexes;
}

interface Seen {
  readonly batchId: number;
  readonly indexes: number[];
}

function startQuery(prefix: string, checkpoint: string, seen: Seen[]): StreamingQuery {
  return spark.readStream
    .schema(SCHEMA)
    .option('maxFilesPerTrigger', 2)
    .json(`s3://${BUCKET}/${prefix}`)
    .selectExpr('Index')
    .writeStream.option('checkpointLocation', checkpoint)
    .foreachBatch(async (batch, batchId) => {
      const rows = await batch.collect();
      seen.push({ batchId, indexes: rows.map((r) => Number(r.Index)) });
    })
    .start();
}

describe('S3 source end to end', () => {
  it('reads objects uploaded while the query runs once each, and resumes after a restart with no loss or duplicates', async () => {
    const prefix = 'Iot/';
    const checkpoint = join(dir, 'cp-run');
    const seen: Seen[] = [];
    const uploaded: number[] = [];
    uploaded.push(...(await upload(prefix, 3)));
    query = startQuery(prefix, checkpoint, seen);
    await query.processAllAvailable();
    for (let round = 0; round < 3; round++) {
      uploaded.push(...(await upload(prefix, 2)), ...(await upload(prefix, 4)));
      await query.processAllAvailable();
    }
    expect(query.lastProgress?.sources[0].description).toBe(
      `FileStreamSource[s3://${BUCKET}/${prefix}]`,
    );
    // Progress names the bucket, never the credentials.
    expect(JSON.stringify(query.recentProgress)).not.toContain(MOTO_SECRET_KEY);
    expect(JSON.stringify(query.recentProgress)).not.toContain(MOTO_ACCESS_KEY);
    await query.stop();
    // Objects that arrive while the query is down are read after the restart.
    uploaded.push(
      ...(await upload(prefix, 5)),
      ...(await upload(prefix, 1)),
      ...(await upload(prefix, 2)),
    );
    query = startQuery(prefix, checkpoint, seen);
    await query.processAllAvailable();
    await query.stop();

    const read = seen.flatMap((s) => s.indexes).sort((a, b) => a - b);
    expect(read).toEqual([...uploaded].sort((a, b) => a - b));
    expect(new Set(read).size).toBe(read.length);
    // maxFilesPerTrigger 2: no batch read more than two objects' rows (5 + 4 at most).
    expect(Math.max(...seen.map((s) => s.indexes.length))).toBeLessThanOrEqual(9);
    expect(seen.map((s) => s.batchId)).toEqual(seen.map((_, i) => i));
  });

  it('a crash after the offsets log but before the commit re-runs that batch with exactly its objects', async () => {
    const prefix = 'crash/';
    const checkpoint = join(dir, 'cp-crash');
    const seen: Seen[] = [];
    await upload(prefix, 2);
    await upload(prefix, 3);
    query = startQuery(prefix, checkpoint, seen);
    await query.processAllAvailable();
    await query.stop();
    const last = seen[seen.length - 1];
    // As if the process died after writing offsets/N and running the sink, before commits/N.
    const commit = join(checkpoint, 'commits', String(last.batchId));
    expect(existsSync(commit)).toBe(true);
    rmSync(commit);
    const later = await upload(prefix, 4);
    query = startQuery(prefix, checkpoint, seen);
    await query.processAllAvailable();
    await query.stop();
    const rerun = seen.filter((s) => s.batchId === last.batchId);
    expect(rerun).toHaveLength(2);
    expect(rerun[1].indexes).toEqual(rerun[0].indexes);
    expect(seen[seen.length - 1]).toEqual({ batchId: last.batchId + 1, indexes: later });
  });

  it('spark.read reads every object of the prefix', async () => {
    const prefix = 'static/';
    const a = await upload(prefix, 3);
    const b = await upload(prefix, 2);
    const rows = await spark.read.schema(SCHEMA).json(`s3a://${BUCKET}/${prefix}`).collect();
    expect(rows.map((r) => Number(r.Index)).sort((x, y) => x - y)).toEqual([...a, ...b]);
  });

  it('a missing bucket fails the query with S3_ERROR.NoSuchBucket naming the URI (no unhandled rejection)', async () => {
    query = spark.readStream
      .schema(SCHEMA)
      .json('s3://no-such-lab-bucket/Iot/')
      .writeStream.format('memory')
      .queryName('missing_bucket')
      .start();
    await expect(query.awaitTermination()).rejects.toThrow(
      '[S3_ERROR.NoSuchBucket] ListObjectsV2 on s3://no-such-lab-bucket/Iot/ failed: NoSuchBucket',
    );
    expect(query.exception()?.message).not.toContain(MOTO_SECRET_KEY);
  });

  it('a wrong endpoint fails the query naming the endpoint', async () => {
    query = spark.readStream
      .schema(SCHEMA)
      .option('fs.s3a.endpoint', 'http://127.0.0.1:9')
      .json(`s3://${BUCKET}/Iot/`)
      .writeStream.format('memory')
      .queryName('wrong_endpoint')
      .start();
    await expect(query.awaitTermination()).rejects.toThrow(
      /ListObjectsV2 on s3:\/\/spark-lab-input-data\/Iot\/ failed: ECONNREFUSED.*http:\/\/127\.0\.0\.1:9 cannot be reached/s,
    );
  });
});
