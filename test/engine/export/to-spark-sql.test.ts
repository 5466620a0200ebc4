import { describe, expect, it } from 'vitest';
import { explainNotExportable, toSparkSQL } from '../../../engine/export/to-spark-sql';
import type { LogicalPlan } from '../../../engine/plan/logical-plan';
import {
  activityCountQuery,
  col,
  countAll,
  errorCountQuery,
  labSource,
  lit,
  naDropCountQuery,
  stairActivityQuery,
  windowedCountQuery,
} from './lab-queries';

const src = labSource('/d');
const ALL_COLUMNS =
  'Arrival_Time, Creation_Time, Device, Index, Model, User, _corrupt_reccord, gt, x, y, z';

describe('toSparkSQL: the lab queries as one SELECT over a temp view', () => {
  it('hands-on 2: groupBy("gt").count() is GROUP BY gt with count(1) AS count', () => {
    expect(toSparkSQL(activityCountQuery().plan)).toBe(
      'SELECT gt, count(1) AS count\nFROM iot\nGROUP BY gt',
    );
  });

  it('uses the temp view name given for a source id', () => {
    expect(toSparkSQL(activityCountQuery().plan, { viewNames: { iot: 'iot_stream' } })).toBe(
      'SELECT gt, count(1) AS count\nFROM iot_stream\nGROUP BY gt',
    );
  });

  it('hands-on 2: withColumn then groupBy wraps the projection, keeping every column in place', () => {
    expect(toSparkSQL(errorCountQuery().plan)).toBe(
      [
        'SELECT error, count(1) AS count',
        'FROM (',
        `  SELECT ${ALL_COLUMNS}, (((((device IS NULL) AND (index IS NULL)) AND (model IS NULL)) AND (user IS NULL)) AND (gt IS NULL)) AS error`,
        '  FROM iot',
        ') AS q1',
        'GROUP BY error',
      ].join('\n'),
    );
  });

  it('hands-on 3: na.drop("any") is Spark\'s AtLeastNNonNulls over every column, NaN counting as null for doubles', () => {
    expect(toSparkSQL(naDropCountQuery().plan)).toBe(
      [
        'SELECT gt, count(1) AS count',
        'FROM iot',
        'WHERE (Arrival_Time IS NOT NULL AND Creation_Time IS NOT NULL AND Device IS NOT NULL AND Index IS NOT NULL AND Model IS NOT NULL AND ' +
          'User IS NOT NULL AND _corrupt_reccord IS NOT NULL AND gt IS NOT NULL AND (x IS NOT NULL AND NOT isnan(x)) AND ' +
          '(y IS NOT NULL AND NOT isnan(y)) AND (z IS NOT NULL AND NOT isnan(z)))',
        'GROUP BY gt',
      ].join('\n'),
    );
    const thresh: LogicalPlan = {
      op: 'naDrop',
      input: src,
      how: 'any',
      thresh: 2,
      subset: ['gt', 'x', 'User'],
    };
    expect(toSparkSQL(thresh)).toBe(
      'SELECT *\nFROM iot\nWHERE (CASE WHEN gt IS NOT NULL THEN 1 ELSE 0 END + CASE WHEN (x IS NOT NULL AND NOT isnan(x)) THEN 1 ELSE 0 END + ' +
        'CASE WHEN User IS NOT NULL THEN 1 ELSE 0 END) >= 2',
    );
    expect(toSparkSQL({ op: 'naDrop', input: src, how: 'all', subset: ['gt', 'User'] })).toBe(
      'SELECT *\nFROM iot\nWHERE (gt IS NOT NULL OR User IS NOT NULL)',
    );
  });

  it('hands-on 3: withColumn(LIKE) then select', () => {
    expect(toSparkSQL(stairActivityQuery().plan)).toBe(
      [
        'SELECT gt, model, arrival_time, creation_time, is_stair_activity',
        'FROM (',
        `  SELECT ${ALL_COLUMNS}, (gt LIKE '%stairs%') AS is_stair_activity`,
        '  FROM iot',
        ') AS q1',
      ].join('\n'),
    );
  });

  it('hands-on 4: cube and rollup are GROUP BY CUBE(...) / ROLLUP(...); grouping sets are GROUPING SETS', () => {
    const cube: LogicalPlan = {
      op: 'aggregate',
      kind: 'cube',
      input: src,
      groupBy: [col('gt'), col('Model')],
      aggregates: [{ kind: 'call', name: 'avg', args: [col('x')] }],
    };
    expect(toSparkSQL(cube)).toBe('SELECT gt, Model, avg(x)\nFROM iot\nGROUP BY CUBE(gt, Model)');
    expect(toSparkSQL({ ...cube, kind: 'rollup' })).toBe(
      'SELECT gt, Model, avg(x)\nFROM iot\nGROUP BY ROLLUP(gt, Model)',
    );
    expect(toSparkSQL({ ...cube, kind: 'groupBy', groupingSets: [[0, 1], [1], []] })).toBe(
      'SELECT gt, Model, avg(x)\nFROM iot\nGROUP BY GROUPING SETS ((gt, Model), (Model), ())',
    );
  });

  it("keeps the plan's order: a filter after a limit wraps, sort and limit share a block, distinct", () => {
    const positive = { kind: 'binary', op: '>', left: col('x'), right: lit(0, 'int') } as const;
    const sorted: LogicalPlan = {
      op: 'limit',
      n: 5,
      input: {
        op: 'sort',
        orders: [{ kind: 'sortOrder', arg: col('count'), ascending: false, nullsFirst: false }],
        input: activityCountQuery().plan,
      },
    };
    expect(toSparkSQL(sorted)).toBe(
      'SELECT gt, count(1) AS count\nFROM iot\nGROUP BY gt\nORDER BY count DESC NULLS LAST\nLIMIT 5',
    );
    const filteredAfterLimit: LogicalPlan = {
      op: 'filter',
      condition: positive,
      input: { op: 'limit', n: 3, input: { op: 'filter', condition: positive, input: src } },
    };
    expect(toSparkSQL(filteredAfterLimit)).toBe(
      'SELECT *\nFROM (\n  SELECT *\n  FROM iot\n  WHERE (x > 0)\n  LIMIT 3\n) AS q1\nWHERE (x > 0)',
    );
    expect(
      toSparkSQL({ op: 'deduplicate', input: { op: 'project', input: src, exprs: [col('gt')] } }),
    ).toBe('SELECT DISTINCT gt\nFROM iot');
  });

  it('writes renames and drops as explicit select lists, unions as UNION ALL, joins with USING', () => {
    const renamed: LogicalPlan = {
      op: 'drop',
      columns: ['x', 'y', 'z', '_corrupt_reccord'],
      input: { op: 'withColumnsRenamed', renames: [['gt', 'activity']], input: src },
    };
    expect(toSparkSQL(renamed)).toBe(
      'SELECT Arrival_Time, Creation_Time, Device, Index, Model, User, activity\nFROM (\n' +
        '  SELECT Arrival_Time, Creation_Time, Device, Index, Model, User, _corrupt_reccord, gt AS activity, x, y, z\n  FROM iot\n) AS q1',
    );
    expect(toSparkSQL({ op: 'union', inputs: [src, { op: 'table', name: 'archive' }] })).toBe(
      'SELECT *\nFROM iot\nUNION ALL\nSELECT *\nFROM archive',
    );
    expect(
      toSparkSQL({
        op: 'join',
        how: 'left',
        using: ['User'],
        left: src,
        right: { op: 'table', name: 'users' },
      }),
    ).toBe('SELECT *\nFROM iot AS l\nLEFT JOIN users AS r USING (User)');
    expect(
      toSparkSQL({
        op: 'aggregate',
        kind: 'groupBy',
        input: src,
        groupBy: [],
        aggregates: [countAll],
      }),
    ).toBe('SELECT count(1) AS count\nFROM iot');
  });
});

describe('explainNotExportable: why a plan has no Spark SQL form', () => {
  it('names withWatermark, dropDuplicates(cols), na.fill, unionByName and inline rows', () => {
    expect(toSparkSQL(windowedCountQuery().plan)).toBeNull();
    expect(explainNotExportable(windowedCountQuery().plan)).toBe(
      'withWatermark("Creation_Time", "10 seconds") has no Spark SQL clause; the PySpark export keeps it',
    );
    expect(explainNotExportable({ op: 'deduplicate', input: src, columns: ['User'] })).toMatch(
      /^dropDuplicates\(columns\) keeps the first row per key/,
    );
    expect(explainNotExportable({ op: 'naFill', input: src, value: 0 })).toMatch(/^na\.fill/);
    expect(explainNotExportable({ op: 'union', inputs: [src, src], byName: true })).toMatch(
      /^unionByName/,
    );
    expect(
      explainNotExportable({
        op: 'localRelation',
        schema: { type: 'struct', fields: [] },
        rows: [],
      }),
    ).toMatch(/^inline rows/);
    expect(
      explainNotExportable({ op: 'drop', input: { op: 'table', name: 't' }, columns: ['a'] }),
    ).toMatch(/^drop needs the input's column list/);
    expect(explainNotExportable(activityCountQuery().plan)).toBeNull();
  });
});
