/**
 * toTypeScript: the exported program is checked by running it. Each test writes the
 * program to a temp .mts file with its `'tidemark'` import pointed at the engine, imports
 * it (its top-level await runs the query to the end: memory sink, availableNow trigger),
 * and compares the memory table it leaves with the one the original spec gives.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toTypeScript } from '../../../engine/export/to-typescript';
import type { Expr } from '../../../engine/expr/ast';
import { DataFrame } from '../../../engine/plan/dataframe';
import type {
  LogicalPlan,
  QuerySpec,
  SinkSpec,
  SourceNode,
} from '../../../engine/plan/logical-plan';
import { Session } from '../../../engine/session';
import { StringType, StructType, TimestampType } from '../../../engine/types/index';
import { activityCountQuery, col, countAll, labSource, lit } from './lab-queries';

const ENGINE_INDEX = resolve('engine/index.ts');

let session: Session;
let dir: string;
let input: string;
let programs = 0;

/** Lab-shaped IoT records over two files, with the nulls hands-on 3 cleans up. */
const RECORDS = [
  [
    {
      Arrival_Time: '2015-02-23 10:00:01',
      Creation_Time: '2015-02-23 10:00:00',
      Device: 'nexus4_1',
      Index: 1,
      Model: 'nexus4',
      User: 'a',
      gt: 'stand',
      x: 0.5,
      y: 1,
      z: -1,
    },
    {
      Arrival_Time: '2015-02-23 10:00:31',
      Creation_Time: '2015-02-23 10:00:30',
      Device: 'nexus4_1',
      Index: 2,
      Model: 'nexus4',
      User: 'a',
      gt: 'walk',
      x: 1.5,
      y: 2,
      z: 0,
    },
    {
      Arrival_Time: '2015-02-23 10:01:11',
      Creation_Time: '2015-02-23 10:01:10',
      Device: 'nexus4_2',
      Index: 3,
      Model: null,
      User: 'b',
      gt: 'stairsup',
      x: -0.25,
      y: null,
      z: 3,
    },
    {
      Arrival_Time: '2015-02-23 10:01:12',
      Creation_Time: '2015-02-23 10:01:10',
      Device: 'nexus4_2',
      Index: 3,
      Model: null,
      User: 'b',
      gt: 'stairsup',
      x: -0.25,
      y: null,
      z: 3,
    },
  ],
  [
    {
      Arrival_Time: '2015-02-23 10:02:41',
      Creation_Time: '2015-02-23 10:02:40',
      Device: 's3_1',
      Index: 4,
      Model: 's3',
      User: 'c',
      gt: 'walk',
      x: 2.5,
      y: 0,
      z: 1,
    },
    {
      Arrival_Time: '2015-02-23 10:03:01',
      Creation_Time: '2015-02-23 10:03:00',
      Device: null,
      Index: null,
      Model: null,
      User: null,
      gt: null,
      x: null,
      y: null,
      z: null,
    },
    {
      Arrival_Time: '2015-02-23 10:05:01',
      Creation_Time: '2015-02-23 10:05:00',
      Device: 's3_1',
      Index: 5,
      Model: 's3',
      User: "c'd",
      gt: 'stairsdown',
      x: 3,
      y: 4,
      z: null,
    },
  ],
];

beforeAll(() => {
  session = Session.builder().appName('to-typescript-test').getOrCreate();
  dir = mkdtempSync(join(tmpdir(), 'tidemark-to-ts-'));
  input = join(dir, 'Iot');
  mkdirSync(input);
  RECORDS.forEach((records, i) =>
    writeFileSync(
      join(input, `part-${i}.json`),
      records.map((r) => JSON.stringify(r)).join('\n') + '\n',
    ),
  );
});
afterEach(async () => {
  for (const q of session.streams.active) await q.stop();
  session.streams.resetTerminated();
  for (const t of session.catalog.listTables()) session.catalog.dropTable(t.name);
});
afterAll(async () => {
  await session.stop();
  rmSync(dir, { recursive: true, force: true });
});

function memorySink(queryName: string, outputMode: SinkSpec['outputMode']): SinkSpec {
  return {
    format: 'memory',
    outputMode,
    queryName,
    options: {},
    trigger: { kind: 'availableNow' },
  };
}

/** Rows in a stable order, so two runs compare whatever order their batches came in. */
async function tableRows(name: string): Promise<Record<string, unknown>[]> {
  const rows = await session.table(name).collect();
  return rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** Starts the spec as EngineService.startQuery does and returns its memory table. */
async function runSpec(spec: QuerySpec): Promise<Record<string, unknown>[]> {
  const query = new DataFrame(spec.plan, session).writeStream
    .format(spec.sink.format)
    .outputMode(spec.sink.outputMode)
    .queryName(spec.sink.queryName!)
    .trigger({ availableNow: true })
    .start();
  await query.awaitTermination();
  return tableRows(spec.sink.queryName!);
}

/** Writes the exported program to a temp module, imports it (which runs it) and returns its table. */
async function runProgram(spec: QuerySpec): Promise<Record<string, unknown>[]> {
  const program = toTypeScript(spec).replace("from 'tidemark';", `from '${ENGINE_INDEX}';`);
  const file = join(dir, `program-${++programs}.mts`);
  writeFileSync(file, program);
  // show() at the end of the program prints the table; keep the test output quiet.
  const log = console.log;
  console.log = () => undefined;
  try {
    await import(pathToFileURL(file).href);
  } finally {
    console.log = log;
  }
  return tableRows(spec.sink.queryName!);
}

async function expectSameRows(spec: QuerySpec, minRows = 1): Promise<Record<string, unknown>[]> {
  const fromProgram = await runProgram(spec);
  for (const t of session.catalog.listTables()) session.catalog.dropTable(t.name);
  const fromSpec = await runSpec(spec);
  expect(fromSpec.length).toBeGreaterThanOrEqual(minRows);
  expect(fromProgram).toEqual(fromSpec);
  return fromSpec;
}

const source = (): SourceNode => labSource(input);
const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name, args });
const alias = (arg: Expr, name: string): Expr => ({ kind: 'alias', arg, name });

describe('toTypeScript: the program text', () => {
  it('hands-on 2: activity count reads as the lab writes it', () => {
    const spec = activityCountQuery(labSource('/data/Iot/'));
    expect(
      toTypeScript({
        ...spec,
        sink: { ...spec.sink, trigger: { kind: 'processingTime', interval: '5 seconds' } },
      }),
    ).toBe(
      [
        '// A Tidemark Structured Streaming program exported by Tidemark.',
        '// Save it as a .mts file (an ES module) and run it with Node 20+: npx tsx <file>.mts',
        "import { DoubleType, LongType, Session, StringType, StructType, TimestampType } from 'tidemark';",
        '',
        "const spark = Session.builder().appName('activity_count').getOrCreate();",
        '',
        'const schema = new StructType()',
        "  .add('Arrival_Time', new TimestampType(), true)",
        "  .add('Creation_Time', new TimestampType(), true)",
        "  .add('Device', new StringType(), true)",
        "  .add('Index', new LongType(), true)",
        "  .add('Model', new StringType(), true)",
        "  .add('User', new StringType(), true)",
        "  .add('_corrupt_reccord', new StringType(), true)",
        "  .add('gt', new StringType(), true)",
        "  .add('x', new DoubleType(), true)",
        "  .add('y', new DoubleType(), true)",
        "  .add('z', new DoubleType(), true);",
        '',
        'const iotStream = spark.readStream',
        '  .schema(schema)',
        "  .json('/data/Iot/');",
        '',
        'const activityCount = iotStream',
        "  .groupBy('gt')",
        '  .count();',
        '',
        'const activityCountQuery = activityCount.writeStream',
        "  .format('memory')",
        "  .outputMode('complete')",
        "  .queryName('activity_count')",
        "  .trigger({ processingTime: '5 seconds' })",
        '  .start();',
        '',
        "// The memory sink's table, while the query runs: await spark.table('activity_count').show();",
        'await activityCountQuery.awaitTermination();',
        '',
      ].join('\n'),
    );
  });

  it('writes SQL text with quotes and parentheses inside string literals so it parses back', () => {
    const condition: Expr = {
      kind: 'binary',
      op: '=',
      left: col('User'),
      right: lit("c'd (x)", 'string'),
    };
    const text = toTypeScript({
      plan: { op: 'filter', input: source(), condition },
      sink: memorySink('q', 'append'),
    });
    expect(text).toContain(".filter(expr('User = \\'c\\\\\\'d (x)\\''))");
  });
});

describe('toTypeScript: the program runs and gives the rows of the spec', () => {
  it('hands-on 2: activity count (groupBy("gt").count(), complete mode)', async () => {
    const spec = {
      ...activityCountQuery(source()),
      sink: memorySink('activity_count', 'complete'),
    };
    const rows = await expectSameRows(spec, 5);
    expect(rows).toContainEqual({ gt: 'stairsup', count: 2 });
  });

  it('a filter, withColumn and select chain (append mode)', async () => {
    const plan: LogicalPlan = {
      op: 'project',
      input: {
        op: 'withColumns',
        input: {
          op: 'filter',
          input: source(),
          condition: { kind: 'binary', op: '>', left: col('x'), right: lit(0, 'int') },
        },
        names: ['is_stair_activity', 'x2'],
        exprs: [
          { kind: 'like', arg: col('gt'), pattern: lit('%stairs%', 'string'), negated: false },
          { kind: 'binary', op: '*', left: col('x'), right: lit(2, 'int') },
        ],
      },
      exprs: [
        col('gt'),
        col('model'),
        col('is_stair_activity'),
        alias(col('x2'), 'double_x'),
        call('upper', col('User')),
      ],
    };
    const rows = await expectSameRows({ plan, sink: memorySink('stairs', 'append') }, 4);
    expect(rows).toContainEqual({
      gt: 'stairsdown',
      model: 's3',
      is_stair_activity: true,
      double_x: 6,
      'upper(User)': "C'D",
    });
  });

  it('a windowed count with a watermark (append mode emits closed windows)', async () => {
    const plan: LogicalPlan = {
      op: 'aggregate',
      kind: 'groupBy',
      input: { op: 'watermark', input: source(), column: 'Creation_Time', delay: '30 seconds' },
      groupBy: [call('window', col('Creation_Time'), lit('1 minute', 'string'))],
      aggregates: [countAll, alias(call('avg', col('x')), 'avg_x')],
    };
    const rows = await expectSameRows({ plan, sink: memorySink('per_minute', 'append') }, 2);
    expect(rows.every((r) => typeof r.count === 'number')).toBe(true);
  });

  it('na.drop (how, thresh, subset) and na.fill (value with subset, and per column)', async () => {
    const plan: LogicalPlan = {
      op: 'naFill',
      input: {
        op: 'naFill',
        input: {
          op: 'naDrop',
          input: { op: 'naDrop', input: source(), how: 'all', subset: ['gt', 'x'] },
          how: 'any',
          thresh: 8,
        },
        value: 0,
        subset: ['y', 'z'],
      },
      value: { Model: 'unknown', Device: 'none' },
    };
    const rows = await expectSameRows({ plan, sink: memorySink('clean', 'append') }, 6);
    // The stairsup rows keep 8 of 11 fields (thresh 8); the all-null record is gone (how all on gt, x).
    expect(rows.filter((r) => r.Model === 'unknown' && r.y === 0)).toHaveLength(2);
    expect(rows.some((r) => r.gt === null)).toBe(false);
  });

  it('dropDuplicates on some columns, then an ordered aggregate with a limit (complete mode)', async () => {
    const plan: LogicalPlan = {
      op: 'limit',
      n: 3,
      input: {
        op: 'sort',
        orders: [
          { kind: 'sortOrder', arg: col('n'), ascending: false, nullsFirst: false },
          col('gt'),
        ],
        input: {
          op: 'aggregate',
          kind: 'groupBy',
          input: { op: 'deduplicate', input: source(), columns: ['Device', 'Index'] },
          groupBy: [col('gt')],
          aggregates: [
            alias(call('count', lit(1, 'int')), 'n'),
            alias(call('max', col('x')), 'max_x'),
          ],
        },
      },
    };
    const rows = await expectSameRows({ plan, sink: memorySink('top', 'complete') }, 3);
    // The two stairsup records share Device and Index, so walk alone counts 2; ties by gt, nulls first.
    expect(rows).toEqual([
      { gt: 'stairsdown', n: 1, max_x: 3 },
      { gt: 'walk', n: 2, max_x: 2.5 },
      { gt: null, n: 1, max_x: null },
    ]);
  });

  it('a stream-static join with inline rows and with a static file reader', async () => {
    const people = {
      op: 'localRelation' as const,
      schema: new StructType()
        .add('User', new StringType(), true)
        .add('name', new StringType(), true)
        .add('since', new TimestampType(), true)
        .jsonValue(),
      rows: [
        ['a', 'Ann', 1_424_685_600_000_000],
        ['b', 'Bob', 1_424_685_600_123_456],
        ['c', null, null],
      ],
    };
    const staticIot: SourceNode = { ...labSource(input), id: 'iot_static', streaming: false };
    const devices: LogicalPlan = {
      op: 'project',
      input: {
        op: 'filter',
        input: staticIot,
        condition: { kind: 'isNull', arg: col('Device'), negated: true },
      },
      exprs: [alias(col('Device'), 'device_id'), alias(col('Model'), 'device_model')],
    };
    const plan: LogicalPlan = {
      op: 'deduplicate',
      input: {
        op: 'join',
        how: 'left',
        left: { op: 'join', how: 'inner', left: source(), right: people, using: ['User'] },
        right: { op: 'deduplicate', input: devices },
        condition: { kind: 'binary', op: '=', left: col('Device'), right: col('device_id') },
      },
    };
    const text = toTypeScript({ plan, sink: memorySink('joined', 'append') });
    expect(text).toContain("new Date('2015-02-23T10:00:00.000Z')");
    expect(text).toContain('1424685600123456');
    const rows = await expectSameRows({ plan, sink: memorySink('joined', 'append') }, 5);
    expect(rows.find((r) => r.name === 'Bob')?.since).toBe(1_424_685_600_123_456);
    expect(rows.find((r) => r.name === 'Ann')?.device_model).toBe('nexus4');
  });

  it('a union by name of two streams', async () => {
    const other: SourceNode = { ...labSource(input), id: 'iot_again' };
    const plan: LogicalPlan = {
      op: 'union',
      byName: true,
      inputs: [
        { op: 'project', input: source(), exprs: [col('gt'), col('x')] },
        { op: 'project', input: other, exprs: [col('x'), col('gt')] },
      ],
    };
    await expectSameRows({ plan, sink: memorySink('both', 'append') }, 14);
  });

  it('an aggregate over grouping sets, which the API builds through the DataFrame constructor', async () => {
    const plan: LogicalPlan = {
      op: 'aggregate',
      kind: 'groupBy',
      input: source(),
      groupBy: [col('gt'), col('Model')],
      aggregates: [col('gt'), col('Model'), countAll],
      groupingSets: [[0], [1]],
    };
    const rows = await expectSameRows({ plan, sink: memorySink('sets', 'complete') }, 5);
    expect(rows).toContainEqual({ gt: null, Model: 's3', count: 2 });
  });
});

describe('toTypeScript: a static plan', () => {
  it('ends with show(), which prints the same table as the plan gives', async () => {
    const plan: LogicalPlan = {
      op: 'sort',
      orders: [col('gt')],
      input: {
        op: 'aggregate',
        kind: 'groupBy',
        input: { ...labSource(input), id: 'iot_static', streaming: false },
        groupBy: [col('gt')],
        aggregates: [alias(call('sum', col('x')), 'sum_x')],
      },
    };
    const program = toTypeScript(plan).replace("from 'tidemark';", `from '${ENGINE_INDEX}';`);
    expect(program).toContain('const iotStaticDf = spark.read');
    const file = join(dir, `program-${++programs}.mts`);
    writeFileSync(file, program);
    const printed: string[] = [];
    const log = console.log;
    console.log = (text: string) => void printed.push(text);
    try {
      await import(pathToFileURL(file).href);
      await new DataFrame(plan, session).show();
    } finally {
      console.log = log;
    }
    expect(printed).toHaveLength(2);
    expect(printed[0]).toBe(printed[1]);
    expect(printed[0]).toContain('|  stairsup| -0.5|');
  });
});
