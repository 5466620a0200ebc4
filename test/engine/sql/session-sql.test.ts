/**
 * session.sql() end to end: statements parsed here, analyzed and executed by the plan and
 * exec layers over temp views (createOrReplaceTempView) and memory tables (what the memory
 * sink publishes), as the lab queries its `iot_stream` / `activity_count` tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { AnalysisException, ParseException } from '../../../engine/errors';
import { Session } from '../../../engine/session';
import { parseDDL } from '../../../engine/types/ddl';

let spark: Session;

beforeAll(() => {
  spark = Session.builder().appName('sql-tests').getOrCreate();
  spark
    .createDataFrame(
      [
        ['walk', 1, 10.0],
        ['walk', 2, -1.0],
        ['bike', 3, 5.0],
        ['sit', 4, 2.0],
        ['bike', 5, 7.5],
        ['walk', 6, 3.0],
        [null, 7, 1.0],
      ],
      'gt STRING, id INT, x DOUBLE',
    )
    .createOrReplaceTempView('t');
  spark
    .createDataFrame(
      [
        ['walk', 'on foot'],
        ['bike', 'on wheels'],
        ['run', 'fast'],
      ],
      'gt STRING, label STRING',
    )
    .createOrReplaceTempView('labels');
  const schema = parseDDL('gt STRING, count BIGINT');
  spark.catalog.registerMemoryTable('activity_count', {
    schema,
    snapshot: () =>
      ColumnBatch.fromRows(schema, [
        { gt: 'walk', count: 3 },
        { gt: 'bike', count: 2 },
      ]),
  });
});

afterAll(async () => {
  await spark.stop();
});

describe('session.sql over temp views and memory tables', () => {
  it('SELECT count(1) FROM a view counts its rows (the lab’s iot_stream query)', async () => {
    const df = spark.sql('SELECT count(1) FROM t');
    expect(df.columns).toEqual(['count(1)']);
    expect(await df.collect()).toEqual([{ 'count(1)': 7 }]);
  });

  it('SELECT * FROM a memory-sink table reads its current snapshot', async () => {
    expect(await spark.sql('SELECT * FROM activity_count').collect()).toEqual([
      { gt: 'walk', count: 3 },
      { gt: 'bike', count: 2 },
    ]);
  });

  it('WHERE … GROUP BY … ORDER BY n DESC LIMIT 3', async () => {
    const df = spark.sql(
      'SELECT gt, count(*) AS n FROM t WHERE x > 0 GROUP BY gt ORDER BY n DESC, gt LIMIT 3',
    );
    expect(df.columns).toEqual(['gt', 'n']);
    expect(await df.collect()).toEqual([
      { gt: 'bike', n: 2 },
      { gt: 'walk', n: 2 },
      { gt: null, n: 1 },
    ]);
  });

  it('the output is exactly the select list when keys do not lead it, and HAVING filters groups', async () => {
    const df = spark.sql(
      'SELECT sum(x) AS total FROM t GROUP BY gt HAVING count(*) > 1 ORDER BY total',
    );
    expect(df.columns).toEqual(['total']);
    expect(await df.collect()).toEqual([{ total: 12 }, { total: 12.5 }]);
  });

  it('ORDER BY a column that is not selected, with NULLS LAST', async () => {
    expect(
      await spark.sql('SELECT gt FROM t WHERE id < 8 ORDER BY x DESC NULLS LAST LIMIT 2').collect(),
    ).toEqual([{ gt: 'walk' }, { gt: 'bike' }]);
  });

  it('DISTINCT and ordinals', async () => {
    expect(
      await spark.sql('SELECT DISTINCT gt FROM t WHERE gt IS NOT NULL ORDER BY 1').collect(),
    ).toEqual([{ gt: 'bike' }, { gt: 'sit' }, { gt: 'walk' }]);
  });

  it('JOIN … ON qualified names that both sides share', async () => {
    const df = spark.sql(
      'SELECT t.id, l.label FROM t JOIN labels AS l ON t.gt = l.gt WHERE t.id <= 3 ORDER BY t.id',
    );
    expect(df.columns).toEqual(['id', 'label']);
    expect(await df.collect()).toEqual([
      { id: 1, label: 'on foot' },
      { id: 2, label: 'on foot' },
      { id: 3, label: 'on wheels' },
    ]);
  });

  it('SELECT * over a self-join keeps both sides’ columns (Spark’s output has duplicate names)', async () => {
    const df = spark.sql("SELECT * FROM labels a JOIN labels b ON a.gt = b.gt WHERE a.gt = 'run'");
    expect(df.columns).toEqual(['gt', 'label', 'gt', 'label']);
    expect((await df.toBatch()).numRows).toBe(1);
  });

  it('ROLLUP with grouping() tells the total row from a null key', async () => {
    expect(
      await spark
        .sql(
          'SELECT gt, grouping(gt) AS g, count(*) AS n FROM t GROUP BY ROLLUP(gt) ORDER BY g, gt',
        )
        .collect(),
    ).toEqual([
      { gt: null, g: 0, n: 1 },
      { gt: 'bike', g: 0, n: 2 },
      { gt: 'sit', g: 0, n: 1 },
      { gt: 'walk', g: 0, n: 3 },
      { gt: null, g: 1, n: 7 },
    ]);
  });

  it('WITH, a subquery alias and UNION ALL with a trailing ORDER BY', async () => {
    const df = spark.sql(
      "WITH big AS (SELECT gt, x FROM t WHERE x > 5) SELECT s.gt FROM (SELECT gt FROM big) s UNION ALL SELECT 'zz' ORDER BY gt DESC",
    );
    expect(await df.collect()).toEqual([{ gt: 'zz' }, { gt: 'walk' }, { gt: 'bike' }]);
  });

  it('GROUP BY an ordinal with HAVING on an aggregate that is not selected', async () => {
    const df = spark.sql('SELECT gt, max(id) FROM t GROUP BY 1 HAVING avg(x) >= 4 ORDER BY 2');
    expect(df.columns).toEqual(['gt', 'max(id)']);
    expect(await df.collect()).toEqual([
      { gt: 'bike', 'max(id)': 5 },
      { gt: 'walk', 'max(id)': 6 },
    ]);
  });

  it('SELECT without FROM', async () => {
    expect(await spark.sql('SELECT 1 + 1 AS two').collect()).toEqual([{ two: 2 }]);
  });

  it('a missing table is TABLE_OR_VIEW_NOT_FOUND from the catalog', () => {
    expect(() => spark.sql('SELECT * FROM nowhere')).toThrow(AnalysisException);
    try {
      spark.sql('SELECT * FROM nowhere');
    } catch (e) {
      expect((e as AnalysisException).errorClass).toBe('TABLE_OR_VIEW_NOT_FOUND');
    }
  });

  it('a syntax error is a ParseException pointing into the statement', () => {
    expect(() => spark.sql('SELECT gt FROM t WHERE')).toThrow(ParseException);
    expect(() => spark.sql('SELECT gt FROM t WHERE')).toThrow(
      'Syntax error at or near end of input.',
    );
  });
});
