import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisException, IllegalArgumentException } from '../../engine/errors';
import { Session } from '../../engine/session';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-session-'));
  writeFileSync(join(dir, 'a.json'), '{"gt":"walk","x":1}\n{"gt":"sit","x":2.5}\n');
  writeFileSync(join(dir, '_hidden.json'), '{"zz":1}\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Session.builder().getOrCreate()', () => {
  it('returns the active session, applying the builder settings to it (SparkSession.Builder)', async () => {
    const a = Session.builder().appName('one').getOrCreate();
    const b = Session.builder().config('spark.sql.shuffle.partitions', 5).getOrCreate();
    expect(b).toBe(a);
    expect(a.conf.get('spark.sql.shuffle.partitions')).toBe('5');
    await a.stop();
    const c = Session.builder().master('local[*]').getOrCreate();
    expect(c).not.toBe(a);
    expect(c.conf.get('spark.sql.shuffle.partitions')).toBe('200');
  });

  it('exprConf and readerConf follow the session settings', () => {
    const spark = Session.builder().getOrCreate();
    spark.conf.set('spark.sql.ansi.enabled', false);
    expect(spark.exprConf()).toEqual({ caseSensitive: false, ansi: false, timeZone: 'UTC' });
    spark.conf.unset('spark.sql.ansi.enabled');
    expect(spark.exprConf().ansi).toBe(true);
    expect(spark.readerConf()).toEqual({
      timeZone: 'UTC',
      columnNameOfCorruptRecord: '_corrupt_record',
    });
  });
});

describe('createDataFrame', () => {
  const spark = Session.builder().getOrCreate();
  it('infers types from values as PySpark does (int → bigint, float → double)', () => {
    expect(
      spark.createDataFrame([[1, 'a', 2.5, true]], ['a', 'b', 'c', 'd']).schema.simpleString(),
    ).toBe('struct<a:bigint,b:string,c:double,d:boolean>');
    expect(spark.createDataFrame([{ a: 1, b: 'x' }]).schema.simpleString()).toBe(
      'struct<a:bigint,b:string>',
    );
  });
  it('takes a DDL schema and object rows by field name', async () => {
    const df = spark.createDataFrame([{ b: 'x', a: 1 }], 'a int, b string');
    expect(await df.collect()).toEqual([{ a: 1, b: 'x' }]);
  });
});

describe('read and readStream', () => {
  const spark = Session.builder().getOrCreate();

  it("readStream without a schema fails with Spark's exact message", () => {
    let error: unknown;
    try {
      spark.readStream.json(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IllegalArgumentException);
    expect((error as Error).message).toBe(
      "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.",
    );
  });

  it('a missing path is PATH_NOT_FOUND before anything else', () => {
    expect(() => spark.readStream.schema('x int').json(join(dir, 'nope'))).toThrow(
      AnalysisException,
    );
    expect(() => spark.readStream.json(join(dir, 'nope'))).toThrow(
      '[PATH_NOT_FOUND] Path does not exist:',
    );
  });

  it('text needs no schema; a streaming file source makes every field nullable', () => {
    expect(spark.readStream.text(dir).schema.simpleString()).toBe('struct<value:string>');
    const s = spark.readStream.schema('gt string NOT NULL, x double').json(dir);
    expect(s.isStreaming).toBe(true);
    expect(s.schema.fields.every((f) => f.nullable)).toBe(true);
  });

  it('with spark.sql.streaming.schemaInference the schema is inferred from the files present', () => {
    spark.conf.set('spark.sql.streaming.schemaInference', true);
    try {
      expect(spark.readStream.json(dir).schema.simpleString()).toBe('struct<gt:string,x:double>');
    } finally {
      spark.conf.unset('spark.sql.streaming.schemaInference');
    }
  });

  it('spark.read infers the schema of a folder (hidden files skipped) and reads it', async () => {
    const df = spark.read.json(dir);
    expect(df.isStreaming).toBe(false);
    expect(df.schema.simpleString()).toBe('struct<gt:string,x:double>');
    expect(await df.orderBy('x').collect()).toEqual([
      { gt: 'walk', x: 1 },
      { gt: 'sit', x: 2.5 },
    ]);
  });

  it('actions on a streaming DataFrame must go through writeStream.start()', async () => {
    const s = spark.readStream.schema('gt string, x double').json(dir);
    await expect(s.count()).rejects.toThrow(
      'Queries with streaming sources must be executed with writeStream.start()',
    );
    await expect(s.groupBy('gt').count().collect()).rejects.toThrow(
      'Queries with streaming sources must be executed with writeStream.start()',
    );
  });

  it('sql() runs a SELECT over temp views', async () => {
    spark.createDataFrame([[1], [2], [2]], 'v int').createOrReplaceTempView('vals');
    expect(
      await spark.sql('SELECT v, count(*) AS n FROM vals GROUP BY v ORDER BY v').collect(),
    ).toEqual([
      { v: 1, n: 1 },
      { v: 2, n: 2 },
    ]);
    expect(spark.catalog.listTables().map((t) => t.name)).toContain('vals');
  });
});
