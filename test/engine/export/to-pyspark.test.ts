import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toPySpark } from '../../../engine/export/to-pyspark';
import type { LogicalPlan, QuerySpec } from '../../../engine/plan/logical-plan';
import { StringType, StructType, TimestampType, LongType } from '../../../engine/types/index';
import {
  activityCountQuery,
  col,
  countAll,
  distinctUsersQuery,
  errorCountQuery,
  iotStreamQuery,
  labSource,
  lit,
  naDropCountQuery,
  stairActivityQuery,
  windowedCountQuery,
} from './lab-queries';

const LAB_CONF = { 'spark.sql.shuffle.partitions': '5' };

describe('toPySpark: the lab hands-on queries', () => {
  it('hands-on 2: activity_count (groupBy("gt").count(), memory sink, complete mode) as a whole script', () => {
    expect(toPySpark(activityCountQuery(), { conf: LAB_CONF })).toBe(
      [
        '# A PySpark Structured Streaming script exported by Tidemark.',
        '# Run it with spark-submit, or with python where pyspark 4.x is installed (pip install pyspark).',
        'from pyspark.sql import SparkSession',
        'from pyspark.sql import functions as F',
        'from pyspark.sql.types import DoubleType, LongType, StringType, StructType, TimestampType',
        '',
        '# Tidemark: this reads S3 through Hadoop S3A; the cluster needs the hadoop-aws package matching',
        "#  Spark's Hadoop version, e.g. spark-submit --packages org.apache.hadoop:hadoop-aws:3.4.1.",
        'spark = (',
        '    SparkSession.builder',
        '    .appName("activity_count")',
        '    .config("spark.sql.shuffle.partitions", "5")',
        '    .getOrCreate()',
        ')',
        '',
        'schema = StructType()\\',
        '    .add("Arrival_Time",     TimestampType(), True)\\',
        '    .add("Creation_Time",    TimestampType(), True)\\',
        '    .add("Device",           StringType(), True)\\',
        '    .add("Index",            LongType(), True)\\',
        '    .add("Model",            StringType(), True)\\',
        '    .add("User",             StringType(), True)\\',
        '    .add("_corrupt_reccord", StringType(), True)\\',
        '    .add("gt",               StringType(), True)\\',
        '    .add("x",                DoubleType(), True)\\',
        '    .add("y",                DoubleType(), True)\\',
        '    .add("z",                DoubleType(), True)',
        '',
        'iot_stream = (',
        '    spark.readStream',
        '    .schema(schema)',
        '    .json("s3a://spark-lab-input-data-ensai20202021/Iot/")',
        ')',
        '',
        'activity_count = (',
        '    iot_stream',
        '    .groupBy("gt").count()',
        ')',
        '',
        'activity_count_query = (',
        '    activity_count.writeStream',
        '    .format("memory")',
        '    .outputMode("complete")',
        '    .queryName("activity_count")',
        '    .start()',
        ')',
        '',
        '# The memory sink\'s table, while the query runs: spark.sql("SELECT * FROM activity_count").show()',
        'activity_count_query.awaitTermination()',
        '',
      ].join('\n'),
    );
  });

  it('hands-on 1: the raw stream goes to a memory table in append mode', () => {
    const script = toPySpark(iotStreamQuery());
    expect(script).toContain(
      'iot_stream_query = (\n    iot_stream.writeStream\n    .format("memory")\n    .outputMode("append")\n    .queryName("iot_stream")\n    .start()\n)',
    );
    expect(script).toContain('.appName("iot_stream")');
  });

  it('hands-on 2: the error column is one withColumn of isNull() checks joined with &, a long call one argument per line', () => {
    expect(toPySpark(errorCountQuery())).toContain(
      '    .withColumn(\n' +
        '        "error",\n' +
        '        F.col("device").isNull() & F.col("index").isNull() & F.col("model").isNull() & F.col("user").isNull() & F.col("gt").isNull(),\n' +
        '    )\n' +
        '    .groupBy("error").count()\n',
    );
  });

  it('hands-on 3: na.drop("any") before the count, and withColumn(LIKE) then select', () => {
    expect(toPySpark(naDropCountQuery())).toContain(
      '    iot_stream\n    .na.drop(how="any")\n    .groupBy("gt").count()\n',
    );
    expect(toPySpark(stairActivityQuery())).toContain(
      '    .withColumn("is_stair_activity", F.col("gt").like("%stairs%"))\n' +
        '    .select("gt", "model", "arrival_time", "creation_time", "is_stair_activity")\n',
    );
  });

  it('hands-on 5 from plan JSON: withWatermark, then groupBy(window(...)).count(), update mode, processing-time trigger', () => {
    const script = toPySpark(windowedCountQuery());
    expect(script).toContain(
      'events_per_minute = (\n    iot_stream\n    .withWatermark("Creation_Time", "10 seconds")\n' +
        '    .groupBy(F.window(F.col("Creation_Time"), "1 minute")).count()\n)',
    );
    expect(script).toContain(
      '    .format("console")\n    .outputMode("update")\n    .queryName("events_per_minute")\n    .option("truncate", "false")\n    .trigger(processingTime="5 seconds")\n    .start()',
    );
    expect(script.trimEnd().endsWith('events_per_minute_query.awaitTermination()')).toBe(true);
  });

  it('is stable: the same spec gives the same text', () => {
    expect(toPySpark(windowedCountQuery())).toBe(toPySpark(windowedCountQuery()));
  });

  it('puts the settings Tidemark ran with into the builder, sorted, and lists Tidemark-only ones in a comment', () => {
    const script = toPySpark(activityCountQuery(), {
      appName: 'lab4',
      conf: {
        'spark.sql.session.timeZone': 'UTC',
        'spark.sql.ansi.enabled': 'false',
        'tidemark.maxRowsShown': '1000',
      },
    });
    expect(script).toContain(
      '# Tidemark: settings with no Spark equivalent, left out: tidemark.maxRowsShown=1000.\n' +
        '# Tidemark: this reads S3 through Hadoop S3A; the cluster needs the hadoop-aws package matching\n' +
        "#  Spark's Hadoop version, e.g. spark-submit --packages org.apache.hadoop:hadoop-aws:3.4.1.\n" +
        'spark = (\n    SparkSession.builder\n    .appName("lab4")\n' +
        '    .config("spark.sql.ansi.enabled", "false")\n    .config("spark.sql.session.timeZone", "UTC")\n    .getOrCreate()\n)',
    );
  });
});

describe('toPySpark: what Spark lacks, with the nearest Spark form and a # Tidemark: comment', () => {
  it('an exact count(DISTINCT User) on a stream becomes approx_count_distinct under the same name (UnsupportedOperationChecker)', () => {
    const script = toPySpark(distinctUsersQuery());
    expect(script).toContain(
      '# Tidemark: exact count(DISTINCT User) on a stream; Spark rejects distinct aggregations',
    );
    expect(script).toContain(
      '.groupBy("gt").agg(F.approx_count_distinct(F.col("User")).alias("count(DISTINCT User)"))',
    );
  });

  it('the same count on a static DataFrame stays exact: F.count_distinct', () => {
    const plan = { ...distinctUsersQuery().plan, input: labSource('/data/iot') } as LogicalPlan;
    const staticPlan = JSON.parse(
      JSON.stringify(plan).replace('"streaming":true', '"streaming":false'),
    ) as LogicalPlan;
    const script = toPySpark(staticPlan);
    expect(script).toContain('.agg(F.count_distinct(F.col("User")))');
    expect(script).not.toContain('approx_count_distinct');
    expect(script).toContain('    spark.read\n    .schema(schema)\n    .json("/data/iot")');
    expect(script.trimEnd().endsWith('result.show()')).toBe(true);
  });

  it('count(DISTINCT a, b) on a stream counts only rows where every argument is present', () => {
    const plan: LogicalPlan = {
      op: 'aggregate',
      kind: 'groupBy',
      input: labSource(),
      groupBy: [],
      aggregates: [
        { kind: 'call', name: 'count', distinct: true, args: [col('User'), col('Device')] },
      ],
    };
    expect(toPySpark(plan)).toContain(
      'F.approx_count_distinct(F.when(F.col("User").isNotNull() & F.col("Device").isNotNull(), F.struct(F.col("User"), F.col("Device")))).alias("count(DISTINCT User, Device)")',
    );
  });

  it('timestampUnit: ns and ms columns are read as LongType and converted back under the same name', () => {
    const script = toPySpark(
      activityCountQuery(
        labSource('/data/iot', { timestampUnit: 'Creation_Time:ns,Arrival_Time:ms' }),
      ),
    );
    expect(script).toContain(
      '    .add("Arrival_Time",     LongType(), True)\\\n    .add("Creation_Time",    LongType(), True)\\',
    );
    expect(script).toContain(
      '# Tidemark: option timestampUnit=Creation_Time:ns,Arrival_Time:ms reads integers in timestamp',
    );
    expect(script).toContain(
      '    .json("/data/iot")\n' +
        '    .withColumn("Creation_Time", F.expr("timestamp_micros(`Creation_Time` div 1000)"))\n' +
        '    .withColumn("Arrival_Time", F.expr("timestamp_millis(`Arrival_Time`)"))\n)',
    );
    expect(script).not.toContain('"timestampUnit"');
  });

  it('timestampUnit=us covers every timestamp column; seconds need no conversion for JSON but do for CSV', () => {
    const us = toPySpark(iotStreamQuery(labSource('/d', { timestampUnit: 'us' })));
    expect(us).toContain('.withColumn("Arrival_Time", F.expr("timestamp_micros(`Arrival_Time`)"))');
    expect(us).toContain(
      '.withColumn("Creation_Time", F.expr("timestamp_micros(`Creation_Time`)"))',
    );
    const jsonSeconds = toPySpark(iotStreamQuery(labSource('/d', { timestampUnit: 's' })));
    expect(jsonSeconds).not.toContain('.withColumn(');
    expect(jsonSeconds).toContain('.add("Arrival_Time",     TimestampType(), True)');
    const csv = { ...labSource('/d', { timestampUnit: 's', header: 'true' }), format: 'csv' };
    const csvScript = toPySpark(iotStreamQuery(csv));
    expect(csvScript).toContain(
      '    .option("header", "true")\n    .csv("/d")\n    .withColumn("Arrival_Time", F.expr("timestamp_seconds(`Arrival_Time`)"))',
    );
  });

  it('ignoreFilePatterns and fileStableMs are left out with a comment; Spark options pass through', () => {
    const script = toPySpark(
      iotStreamQuery(
        labSource('/d', {
          maxFilesPerTrigger: '1',
          IgnoreFilePatterns: '*.tmp',
          fileStableMs: '500',
        }),
      ),
    );
    expect(script).toContain('# Tidemark: option IgnoreFilePatterns=*.tmp is left out');
    expect(script).toContain('# Tidemark: option fileStableMs=500 is left out');
    expect(script).toContain('    .option("maxFilesPerTrigger", "1")\n    .json("/d")');
    expect(script).not.toContain('.option("fileStableMs"');
    expect(script).not.toContain('.option("IgnoreFilePatterns"');
  });

  it('foreachBatch becomes write_batch, writing each micro-batch as JSON lines; foreach prints rows', () => {
    const spec = activityCountQuery();
    const batch = toPySpark({
      ...spec,
      sink: {
        ...spec.sink,
        format: 'foreachBatch',
        options: { path: '/out/activity' },
        trigger: { kind: 'availableNow' },
        checkpointLocation: '/cp/a',
      },
    });
    expect(batch).toContain('import os\n');
    expect(batch).toContain('ACTIVITY_COUNT_BATCHES_PATH = "/out/activity"');
    expect(batch).toContain(
      'def write_batch(batch_df, batch_id):\n    batch_df.write.mode("overwrite").json(os.path.join(ACTIVITY_COUNT_BATCHES_PATH, "batch-%05d" % batch_id))',
    );
    expect(batch).toContain(
      '    .foreachBatch(write_batch)\n    .outputMode("complete")\n    .queryName("activity_count")\n    .option("checkpointLocation", "/cp/a")\n    .trigger(availableNow=True)\n    .start()',
    );
    expect(batch).not.toContain('.option("path"');
    const each = toPySpark({
      ...spec,
      sink: { ...spec.sink, format: 'foreach', trigger: { kind: 'once' } },
    });
    expect(each).toContain(
      'def process_row(row):\n    print(json.dumps(row.asDict(recursive=True), default=str))',
    );
    expect(each).toContain('.foreach(process_row)');
    expect(each).toContain('.trigger(once=True)');
  });
});

describe('toPySpark: every plan node', () => {
  const src = labSource('/d');
  const chain = (plan: LogicalPlan): string => toPySpark(plan);

  it('writes select/selectExpr, filter, withColumns, renames, drop, na.fill, orderBy, limit, dropDuplicates', () => {
    let p: LogicalPlan = {
      op: 'filter',
      input: src,
      condition: { kind: 'binary', op: '>', left: col('x'), right: lit(0.5, 'double') },
    };
    p = {
      op: 'withColumns',
      input: p,
      names: ['a', 'b'],
      exprs: [
        lit(1, 'int'),
        { kind: 'binary', op: 'div', left: col('Index'), right: lit(2, 'int') },
      ],
    };
    p = { op: 'withColumnsRenamed', input: p, renames: [['gt', 'activity']] };
    p = {
      op: 'withColumnsRenamed',
      input: p,
      renames: [
        ['a', 'one'],
        ['b', 'half'],
      ],
    };
    p = { op: 'drop', input: p, columns: ['y', 'z'] };
    p = { op: 'naFill', input: p, value: 0, subset: ['x'] };
    p = { op: 'naFill', input: p, value: { activity: 'unknown', one: 2 } };
    p = { op: 'naDrop', input: p, how: 'all', thresh: 2, subset: ['x', 'User'] };
    p = {
      op: 'sort',
      input: p,
      orders: [
        { kind: 'sortOrder', arg: col('x'), ascending: false, nullsFirst: false },
        col('User'),
      ],
    };
    p = { op: 'limit', input: p, n: 10 };
    p = { op: 'deduplicate', input: p, columns: ['User'] };
    p = { op: 'deduplicate', input: p };
    p = {
      op: 'project',
      input: p,
      exprs: [{ kind: 'binary', op: 'div', left: col('Index'), right: lit(2, 'int') }],
    };
    expect(chain(p)).toContain(
      [
        'result = (',
        '    iot_stream',
        '    .filter(F.col("x") > 0.5)',
        '    .withColumns({"a": F.lit(1), "b": F.expr("(Index div 2)")})',
        '    .withColumnRenamed("gt", "activity")',
        '    .withColumnsRenamed({"a": "one", "b": "half"})',
        '    .drop("y", "z")',
        '    .na.fill(0, subset=["x"])',
        '    .na.fill({"activity": "unknown", "one": 2})',
        '    .na.drop(thresh=2, subset=["x", "User"])',
        '    .orderBy(F.col("x").desc(), "User")',
        '    .limit(10)',
        '    .dropDuplicates(["User"])',
        '    .dropDuplicates()',
        '    .selectExpr("(Index div 2)")',
        ')',
      ].join('\n'),
    );
  });

  it('writes cube, rollup and grouping sets with agg', () => {
    const cube: LogicalPlan = {
      op: 'aggregate',
      kind: 'cube',
      input: src,
      groupBy: [col('gt'), col('Model')],
      aggregates: ['x', 'y', 'z'].map(
        (c) => ({ kind: 'call', name: 'avg', args: [col(c)] }) as const,
      ),
    };
    expect(chain(cube)).toContain(
      '.cube("gt", "Model").agg(F.avg(F.col("x")), F.avg(F.col("y")), F.avg(F.col("z")))',
    );
    expect(chain({ ...cube, kind: 'rollup' })).toContain('.rollup("gt", "Model").agg(');
    expect(
      chain({ ...cube, kind: 'groupBy', groupingSets: [[0, 1], [0], []], aggregates: [countAll] }),
    ).toContain('.groupingSets([["gt", "Model"], ["gt"], []], "gt", "Model").count()');
  });

  it('writes joins, unions, dropDuplicatesWithinWatermark, tables and inline rows', () => {
    const users: LogicalPlan = {
      op: 'localRelation',
      schema: new StructType()
        .add('User', new StringType())
        .add('since', new TimestampType())
        .add('n', new LongType())
        .jsonValue(),
      rows: [
        ['a', 0, 1],
        ['b', 1_000_000, null],
      ],
    };
    const joined: LogicalPlan = {
      op: 'join',
      left: src,
      right: users,
      how: 'left',
      using: ['User'],
    };
    const script = chain({
      op: 'deduplicate',
      input: joined,
      columns: ['User'],
      withinWatermark: true,
    });
    expect(script).toContain('from datetime import datetime, timedelta, timezone');
    expect(script).toContain(
      '("a", datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(microseconds=0), 1),',
    );
    expect(script).toContain(
      '    iot_stream.join(data, on=["User"], how="left")\n    .dropDuplicatesWithinWatermark(["User"])',
    );
    const union = chain({
      op: 'union',
      inputs: [src, { op: 'table', name: 'history' }],
      byName: true,
    });
    expect(union).toContain('part_2 = spark.table("history")');
    expect(union).toContain('result = iot_stream.unionByName(part_2)');
  });
});

describe('toPySpark output is valid Python', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-export-py-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;

  it.skipIf(python === null)("every lab script parses with Python's own parser (ast.parse)", () => {
    const specs: QuerySpec[] = [
      iotStreamQuery(),
      activityCountQuery(),
      errorCountQuery(),
      naDropCountQuery(),
      stairActivityQuery(),
      windowedCountQuery(),
      distinctUsersQuery(),
    ];
    specs.forEach((s, i) => writeFileSync(join(dir, `q${i}.py`), toPySpark(s, { conf: LAB_CONF })));
    const check = spawnSync(
      python as string,
      [
        '-c',
        'import ast, glob, sys\nfor f in sorted(glob.glob(sys.argv[1] + "/*.py")): ast.parse(open(f).read(), f)',
        dir,
      ],
      { encoding: 'utf8' },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
