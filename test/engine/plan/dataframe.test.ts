import { describe, expect, it, vi } from 'vitest';
import { col, lit } from '../../../engine/functions';
import { sample, session } from './dataframe-fixtures';

const spark = session();
const df = sample(spark);

describe('DataFrame transformations (results from pyspark 4.1.4)', () => {
  it('select names columns as Spark does and expands *', () => {
    expect(df.select(lit(1), col('i').plus(1), col('s').alias('x')).columns).toEqual([
      '1',
      '(i + 1)',
      'x',
    ]);
    expect(df.select('*', 'i').columns).toEqual(['i', 's', 'd', 'i']);
    // A column is named as the query spells it (pyspark 4.1.4: select('model') on `Model` → 'model').
    expect(df.select('I', 'S', col('D').plus(1)).columns).toEqual(['I', 'S', '(D + 1)']);
    expect(df.groupBy('S').count().columns).toEqual(['S', 'count']);
  });

  it('selectExpr and filter take SQL text; filter keeps only TRUE rows', async () => {
    expect(await df.selectExpr('i * 2 AS twice').filter('twice > 2').collect()).toEqual([
      { twice: 4 },
      { twice: 6 },
    ]);
    expect(await df.where(col('s').isNull()).count()).toBe(1);
  });

  it('an unknown column fails where it is used, with UNRESOLVED_COLUMN.WITH_SUGGESTION', () => {
    expect(() => df.select('zz')).toThrow('[UNRESOLVED_COLUMN.WITH_SUGGESTION]');
    expect(() => df.filter('zz > 1')).toThrow('`zz` cannot be resolved');
  });

  it('withColumn replaces a same-named column in place (taking the new spelling) or appends', async () => {
    expect(df.withColumn('I', lit(1)).columns).toEqual(['I', 's', 'd']);
    expect(df.withColumn('e', col('i').plus(10)).columns).toEqual(['i', 's', 'd', 'e']);
    expect((await df.withColumn('e', col('i').plus(10)).collect()).map((r) => r.e)).toEqual([
      11,
      12,
      13,
      null,
    ]);
    expect(() => df.withColumns({ x: lit(1), X: lit(2) })).toThrow(
      '[COLUMN_ALREADY_EXISTS] The column `x` already exists.',
    );
  });

  it('withColumnRenamed and drop ignore missing columns and match case-insensitively', () => {
    expect(df.withColumnRenamed('zz', 'y').columns).toEqual(['i', 's', 'd']);
    expect(df.withColumnRenamed('I', 'y').columns).toEqual(['y', 's', 'd']);
    expect(df.withColumnsRenamed({ i: 'a', s: 'b' }).columns).toEqual(['a', 'b', 'd']);
    expect(df.drop('zz', 'S').columns).toEqual(['i', 'd']);
  });

  it('orderBy: ASC puts NULLs first and NaN last; DESC the reverse', async () => {
    expect((await df.orderBy('d').collect()).map((r) => r.i)).toEqual([2, 1, null, 3]);
    expect((await df.orderBy(col('d').desc()).collect()).map((r) => r.i)).toEqual([3, null, 1, 2]);
    expect((await df.orderBy('s', { ascending: false }).collect()).map((r) => r.s)).toEqual([
      'b',
      'a',
      'a',
      null,
    ]);
  });

  it('strings sort by code point', async () => {
    const words = spark.createDataFrame([['b'], ['a'], ['B'], [null], ['é']], 's string');
    expect((await words.orderBy('s').collect()).map((r) => r.s)).toEqual([
      null,
      'B',
      'a',
      'b',
      'é',
    ]);
  });

  it('limit, first, take, distinct and dropDuplicates', async () => {
    expect(await df.limit(2).count()).toBe(2);
    expect(await df.first()).toEqual({ i: 1, s: 'a', d: 1.5 });
    expect(await df.take(2)).toHaveLength(2);
    expect((await df.select('s').distinct().orderBy('s').collect()).map((r) => r.s)).toEqual([
      null,
      'a',
      'b',
    ]);
    expect(await df.dropDuplicates(['s']).orderBy('s').collect()).toEqual([
      { i: 3, s: null, d: NaN },
      { i: 1, s: 'a', d: 1.5 },
      { i: null, s: 'b', d: 2 },
    ]);
    expect(() => df.dropDuplicates(['zz'])).toThrow(
      'Cannot resolve column name "zz" among (i, s, d).',
    );
  });

  it('a grouping of NaN/NaN and 0.0/-0.0 counts them together', async () => {
    const x = spark.createDataFrame([[0.0], [-0.0], [NaN], [NaN]], 'x double');
    expect(await x.distinct().count()).toBe(2);
    expect(await x.groupBy('x').count().orderBy('x').collect()).toEqual([
      { x: 0, count: 2 },
      { x: NaN, count: 2 },
    ]);
  });

  it('union lines up columns by position and widens types; unionByName by name', async () => {
    expect(df.select('i').union(df.select('d')).schema.simpleString()).toBe('struct<i:double>');
    expect(df.select('i').union(df.select('s')).schema.simpleString()).toBe('struct<i:bigint>');
    expect(() => df.union(df.select('i'))).toThrow(
      '[NUM_COLUMNS_MISMATCH] UNION can only be performed on inputs with the same number of columns, but the first input has 3 columns and the second input has 1 columns.',
    );
    const byName = await df.select('s', 'i').unionByName(df.select('i', 's')).collect();
    expect(byName).toHaveLength(8);
    expect(byName[4]).toEqual({ s: 'a', i: 1 });
    expect(() => df.unionByName(df.select('i', 's'))).toThrow(
      'Cannot resolve column name "d" among (i, s).',
    );
  });

  it('join on column names keeps one key column first (USING join)', async () => {
    const right = df.select('s', col('i').alias('j'));
    const left = await df.join(right, 's', 'left').orderBy('i', 'j').collect();
    expect(df.join(right, 's', 'left').columns).toEqual(['s', 'i', 'd', 'j']);
    expect(left).toEqual([
      { s: 'b', i: null, d: 2, j: null },
      { s: 'a', i: 1, d: 1.5, j: 1 },
      { s: 'a', i: 1, d: 1.5, j: 2 },
      { s: 'a', i: 2, d: null, j: 1 },
      { s: 'a', i: 2, d: null, j: 2 },
      { s: null, i: 3, d: NaN, j: null },
    ]);
    const b = df.select('s').filter("s = 'b'");
    expect(await df.join(b, 's', 'left_semi').collect()).toEqual([{ i: null, s: 'b', d: 2 }]);
    expect((await df.join(b, 's', 'left_anti').collect()).map((r) => r.i)).toEqual([1, 2, 3]);
    const other = spark.createDataFrame(
      [
        ['b', 1],
        ['c', 2],
      ],
      's string, k int',
    );
    expect(await df.select('s', 'i').join(other, 's', 'full').orderBy('s', 'i').collect()).toEqual([
      { s: null, i: 3, k: null },
      { s: 'a', i: 1, k: null },
      { s: 'a', i: 2, k: null },
      { s: 'b', i: null, k: 1 },
      { s: 'c', i: null, k: 2 },
    ]);
  });

  it('temp views resolve through the catalog; unknown tables are TABLE_OR_VIEW_NOT_FOUND', async () => {
    df.createOrReplaceTempView('t');
    expect(await spark.table('T').count()).toBe(4);
    expect(() => spark.table('nope')).toThrow(
      '[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found.',
    );
  });

  it('schema, dtypes, printSchema and explain describe the plan', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(df.dtypes).toEqual([
      ['i', 'int'],
      ['s', 'string'],
      ['d', 'double'],
    ]);
    expect(df.printSchema()).toBe(
      'root\n |-- i: integer (nullable = true)\n |-- s: string (nullable = true)\n |-- d: double (nullable = true)\n',
    );
    const text = df.filter('i > 1').groupBy('s').count().explain();
    expect(text).toContain('Aggregate [s], [count(1) AS count]');
    expect(text).toContain('+- Filter (i > 1)');
    expect(log).toHaveBeenCalledTimes(2);
    log.mockRestore();
  });

  it('writeStream on a batch DataFrame is WRITE_STREAM_NOT_ALLOWED', () => {
    expect(() => df.writeStream).toThrow(
      '[WRITE_STREAM_NOT_ALLOWED] `writeStream` can be called only on streaming Dataset/DataFrame.',
    );
  });
});
