/**
 * Schema inference from an S3 prefix (DataFrameReader without a schema, readStream with
 * spark.sql.streaming.schemaInference), against moto on 127.0.0.1: the same objects infer
 * the same schema as a local folder holding them, the lab's "load one file, take its
 * schema" works, and failures are the S3 source's errors, raised promptly (the inference
 * worker's calls have a time limit).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../../../engine/index';
import { SparkRuntimeException } from '../../../../../engine/errors';
import { readS3SamplesSync } from '../../../../../engine/io/sources/s3/s3-sync-samples';
import {
  createBucket,
  MOTO_ACCESS_KEY,
  MOTO_SECRET_KEY,
  putObject,
  startMoto,
  type MotoServer,
} from '../../../../helpers/moto-server';

let moto: MotoServer;
let dir: string;
const spark = Session.builder().appName('s3-schema-inference').getOrCreate();
const BUCKET = 'tidemark-infer';

/** Reader options that reach moto (the bucket's endpoint and test keys). */
function s3(): Record<string, string> {
  return {
    'fs.s3a.endpoint': moto.endpoint,
    'fs.s3a.path.style.access': 'true',
    'fs.s3a.access.key': MOTO_ACCESS_KEY,
    'fs.s3a.secret.key': MOTO_SECRET_KEY,
  };
}

/** The same files in a local folder and under an S3 prefix; returns the folder. */
async function both(prefix: string, files: Record<string, string>): Promise<string> {
  const local = join(dir, prefix);
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(local, name, '..'), { recursive: true });
    writeFileSync(join(local, name), body);
    await putObject(moto, BUCKET, prefix + name, body);
  }
  return local;
}

const lines = (...rows: object[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

beforeAll(async () => {
  moto = await startMoto();
  await createBucket(moto, BUCKET);
  dir = mkdtempSync(join(tmpdir(), 'tidemark-s3-infer-'));
}, 600_000);
afterAll(async () => {
  await spark.stop();
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const IOT = {
  'part-0.json': lines(
    { Arrival_Time: 1424686735175, Device: 'nexus4_1', x: 0.5, gt: 'stand' },
    { Arrival_Time: 1424686735176, Device: 'nexus4_2', x: -1.25, gt: null },
  ),
  'part-1.json': lines(
    { Arrival_Time: 1424686735177, Device: 'nexus4_1', Index: 3, x: 2 },
    { Arrival_Time: 1424686735178, Device: 'nexus4_3', nested: { a: 1, b: [1, 2] } },
  ),
  // Not data: Spark's hidden-name rule skips both.
  _SUCCESS: '',
  '.part-1.json.crc': 'not json',
};

describe('spark.read without a schema on s3://', () => {
  it('json infers the schema a local folder of the same files infers, and reads the same rows', async () => {
    const local = await both('iot/', IOT);
    const fromS3 = spark.read.options(s3()).json(`s3://${BUCKET}/iot/`);
    const fromFolder = spark.read.json(local);
    expect(fromS3.schema.toDDL()).toBe(fromFolder.schema.toDDL());
    expect(fromS3.schema.toDDL()).toBe(
      '`Arrival_Time` BIGINT, `Device` STRING, `Index` BIGINT, `gt` STRING, `nested` STRUCT<a: BIGINT, b: ARRAY<BIGINT>>, `x` DOUBLE',
    );
    expect(await fromS3.collect()).toEqual(await fromFolder.collect());
  });

  it("csv with header and inferSchema types the columns from every object's values", async () => {
    const local = await both('csv/', {
      'a.csv': 'id,name,score,seen\n1,ada,1.5,true\n2,bob,2,false\n',
      'b.csv': 'id,name,score,seen\n3,cy,,true\n',
    });
    const read = (path: string, extra: Record<string, string> = {}) =>
      spark.read.options(extra).option('header', 'true').option('inferSchema', 'true').csv(path);
    const fromS3 = read(`s3://${BUCKET}/csv/`, s3());
    expect(fromS3.schema.toDDL()).toBe(read(local).schema.toDDL());
    expect(fromS3.dtypes).toEqual([
      ['id', 'int'],
      ['name', 'string'],
      ['score', 'double'],
      ['seen', 'boolean'],
    ]);
    expect((await fromS3.collect()).map((r) => r.name)).toEqual(['ada', 'bob', 'cy']);
  });

  it("reads one object's schema when the path names it (the lab's quick way)", async () => {
    await both('one/', IOT);
    const df = spark.read.options(s3()).json(`s3a://${BUCKET}/one/part-0.json`);
    expect(df.columns).toEqual(['Arrival_Time', 'Device', 'gt', 'x']);
  });

  it('applies the source listing rules: pathGlobFilter, glob roots, non-partition folders', async () => {
    await both('rules/', {
      'a.json': lines({ a: 1 }),
      'b.txt': lines({ b: 1 }),
      'archive/old.json': lines({ old: 1 }),
      'day=1/c.json': lines({ c: 1 }),
    });
    const df = spark.read.options(s3()).json(`s3://${BUCKET}/rules/`);
    // day=1/ is a partition folder (its column comes from the path, not inference).
    expect(df.columns.filter((c) => c !== 'day')).toEqual(['a', 'b', 'c']);
    const filtered = spark.read
      .options(s3())
      .option('pathGlobFilter', '*.json')
      .json(`s3://${BUCKET}/rules/`);
    expect(filtered.columns.filter((c) => c !== 'day')).toEqual(['a', 'c']);
    expect(spark.read.options(s3()).json(`s3://${BUCKET}/rules/*.txt`).columns).toEqual(['b']);
  });

  it('the Hadoop settings may come from sparkContext.hadoopConfiguration(), as in the lab', async () => {
    await both('lab/', IOT);
    const hadoop = spark.sparkContext.hadoopConfiguration();
    const settings = s3();
    try {
      for (const [k, v] of Object.entries(settings)) hadoop.set(k, v);
      hadoop.set('fs.s3.useRequesterPaysHeader', 'true');
      expect(spark.conf.get('spark.hadoop.fs.s3.useRequesterPaysHeader')).toBe('true');
      expect(hadoop.get('fs.s3a.path.style.access')).toBe('true');
      expect(spark.read.json(`s3://${BUCKET}/lab/`).columns).toContain('Device');
    } finally {
      for (const k of [...Object.keys(settings), 'fs.s3.useRequesterPaysHeader']) hadoop.unset(k);
    }
    expect(hadoop.get('fs.s3a.endpoint')).toBeNull();
  });

  it('an empty prefix is UNABLE_TO_INFER_SCHEMA, as an empty folder', () => {
    expect(() => spark.read.options(s3()).json(`s3://${BUCKET}/nothing-here/`)).toThrow(
      '[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for JSON. It must be specified manually.',
    );
  });
});

describe('readStream with spark.sql.streaming.schemaInference', () => {
  it('infers from the objects present at start and streams them with that schema', async () => {
    const local = await both('stream/', IOT);
    spark.conf.set('spark.sql.streaming.schemaInference', 'true');
    try {
      const stream = spark.readStream.options(s3()).json(`s3://${BUCKET}/stream/`);
      expect(stream.schema.toDDL()).toBe(spark.readStream.json(local).schema.toDDL());
      const seen: unknown[] = [];
      const query = stream
        .selectExpr('Device', 'x')
        .writeStream.option('checkpointLocation', join(dir, 'cp-stream'))
        .foreachBatch(async (batch) => {
          seen.push(...(await batch.collect()));
        })
        .start();
      try {
        await query.processAllAvailable();
      } finally {
        await query.stop();
      }
      expect(seen).toHaveLength(4);
      expect(seen).toContainEqual({ Device: 'nexus4_2', x: -1.25 });
    } finally {
      spark.conf.unset('spark.sql.streaming.schemaInference');
    }
  });
});

describe('inference failures are the S3 source errors', () => {
  it('a missing bucket is S3_ERROR.NoSuchBucket naming the URI', () => {
    let error: unknown;
    try {
      spark.read.options(s3()).json('s3://no-such-infer-bucket/iot/');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SparkRuntimeException);
    expect((error as SparkRuntimeException).errorClass).toBe('S3_ERROR.NoSuchBucket');
    expect((error as Error).message).toContain(
      '[S3_ERROR.NoSuchBucket] ListObjectsV2 on s3://no-such-infer-bucket/iot/ failed: NoSuchBucket',
    );
    expect((error as Error).message).not.toContain(MOTO_SECRET_KEY);
  });

  it('an endpoint nobody listens on is S3_ERROR.ECONNREFUSED naming the endpoint', () => {
    expect(() =>
      spark.readStream
        .options({ ...s3(), 'fs.s3a.endpoint': 'http://127.0.0.1:9' })
        .format('json')
        .schema('a INT') // a schema: no inference, no error at definition
        .load(`s3://${BUCKET}/iot/`),
    ).not.toThrow();
    expect(() =>
      spark.read
        .options({ ...s3(), 'fs.s3a.endpoint': 'http://127.0.0.1:9' })
        .json(`s3://${BUCKET}/iot/`),
    ).toThrow(
      /^\[S3_ERROR\.ECONNREFUSED\] ListObjectsV2 on s3:\/\/tidemark-infer\/iot\/ failed: ECONNREFUSED.*The S3 endpoint http:\/\/127\.0\.0\.1:9 cannot be reached/s,
    );
  });

  it('an endpoint that accepts connections and never answers fails at the time limit, not later', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      expect(() =>
        readS3SamplesSync(
          `s3://${BUCKET}/iot/`,
          { ...s3(), 'fs.s3a.endpoint': endpoint },
          { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' },
          1_000,
        ),
      ).toThrow(
        `[S3_ERROR.TimeoutError] ListObjectsV2 on s3://${BUCKET}/iot/ failed: TimeoutError (no answer within 1 s while inferring the schema; give the source a schema to skip inference). The S3 endpoint ${endpoint} cannot be reached`,
      );
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it('half a key pair is rejected before any S3 call', () => {
    expect(() =>
      spark.read.option('fs.s3a.access.key', 'only-this').json(`s3://${BUCKET}/iot/`),
    ).toThrow("Set both 'fs.s3a.access.key' and 'fs.s3a.secret.key', or neither");
  });
});
