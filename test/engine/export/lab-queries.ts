/**
 * The lab's hands-on queries as Tidemark QuerySpecs, built by hand as plain plan JSON (the
 * shape the DataFrame API, the builder and saved workspaces produce), shared by the export
 * unit tests and the run-on-Spark test.
 */
import type { Expr } from '../../../engine/expr/ast';
import type {
  LogicalPlan,
  QuerySpec,
  SinkSpec,
  SourceNode,
} from '../../../engine/plan/logical-plan';
import { labSchema } from '../../fixtures/lab-schema';

export const col = (...name: string[]): Expr => ({ kind: 'column', name });
export const lit = (value: string | number | boolean | null, dataType: string): Expr => ({
  kind: 'literal',
  value,
  dataType,
});
export const countAll: Expr = {
  kind: 'alias',
  name: 'count',
  arg: { kind: 'call', name: 'count', args: [lit(1, 'int')] },
};

/** Hands-on 1: `spark.readStream.schema(schema).json(path)` over the IoT folder. */
export function labSource(
  path = 's3://spark-lab-input-data-ensai20202021/Iot/',
  options: Record<string, string> = {},
): SourceNode {
  return {
    op: 'source',
    id: 'iot',
    format: 'json',
    path,
    schema: labSchema().jsonValue(),
    options,
    streaming: true,
  };
}

function memorySink(queryName: string, outputMode: SinkSpec['outputMode']): SinkSpec {
  return { format: 'memory', outputMode, queryName, options: {}, trigger: { kind: 'default' } };
}

/** Hands-on 1: the raw stream into a memory table `iot_stream`. */
export function iotStreamQuery(source: LogicalPlan = labSource()): QuerySpec {
  return { plan: source, sink: memorySink('iot_stream', 'append') };
}

/** Hands-on 2: `activity_count = iot_stream.groupBy("gt").count()`, memory sink, complete mode. */
export function activityCountQuery(source: LogicalPlan = labSource()): QuerySpec {
  return {
    plan: {
      op: 'aggregate',
      kind: 'groupBy',
      input: source,
      groupBy: [col('gt')],
      aggregates: [countAll],
    },
    sink: memorySink('activity_count', 'complete'),
  };
}

/** Hands-on 2: `error` is true when device, index, model, user and gt are all null; counted by error. */
export function errorCountQuery(source: LogicalPlan = labSource()): QuerySpec {
  const isNull = (name: string): Expr => ({ kind: 'isNull', arg: col(name), negated: false });
  const error = ['device', 'index', 'model', 'user', 'gt']
    .map(isNull)
    .reduce((a, b): Expr => ({ kind: 'binary', op: 'AND', left: a, right: b }));
  return {
    plan: {
      op: 'aggregate',
      kind: 'groupBy',
      input: { op: 'withColumns', input: source, names: ['error'], exprs: [error] },
      groupBy: [col('error')],
      aggregates: [countAll],
    },
    sink: memorySink('error_count', 'complete'),
  };
}

/** Hands-on 3: `na.drop("any")` then group and count by gt. */
export function naDropCountQuery(source: LogicalPlan = labSource()): QuerySpec {
  return {
    plan: {
      op: 'aggregate',
      kind: 'groupBy',
      input: { op: 'naDrop', input: source, how: 'any' },
      groupBy: [col('gt')],
      aggregates: [countAll],
    },
    sink: memorySink('clean_activity_count', 'complete'),
  };
}

/**
 * Hands-on 3: `withColumn("is_stair_activity", expr("gt LIKE '%stairs%'"))`, then keep gt,
 * model, arrival_time, creation_time (lower-case, resolved case-insensitively) and the new column.
 */
export function stairActivityQuery(source: LogicalPlan = labSource()): QuerySpec {
  const stairs: Expr = {
    kind: 'like',
    arg: col('gt'),
    pattern: lit('%stairs%', 'string'),
    negated: false,
  };
  return {
    plan: {
      op: 'project',
      input: { op: 'withColumns', input: source, names: ['is_stair_activity'], exprs: [stairs] },
      exprs: [
        col('gt'),
        col('model'),
        col('arrival_time'),
        col('creation_time'),
        col('is_stair_activity'),
      ],
    },
    sink: memorySink('stair_activity', 'append'),
  };
}

/**
 * Hands-on 5 as plan JSON: `withWatermark("Creation_Time", "10 seconds")`, then
 * `groupBy(window("Creation_Time", "1 minute")).count()`, update mode to the console.
 */
export function windowedCountQuery(source: LogicalPlan = labSource()): QuerySpec {
  const json = `{
    "plan": {
      "op": "aggregate", "kind": "groupBy",
      "input": { "op": "watermark", "column": "Creation_Time", "delay": "10 seconds", "input": ${JSON.stringify(source)} },
      "groupBy": [{ "kind": "call", "name": "window", "args": [
        { "kind": "column", "name": ["Creation_Time"] },
        { "kind": "literal", "value": "1 minute", "dataType": "string" } ] }],
      "aggregates": [{ "kind": "alias", "name": "count", "arg": { "kind": "call", "name": "count",
        "args": [{ "kind": "literal", "value": 1, "dataType": "int" }] } }]
    },
    "sink": { "format": "console", "outputMode": "update", "queryName": "events_per_minute",
      "options": { "truncate": "false" }, "trigger": { "kind": "processingTime", "interval": "5 seconds" } }
  }`;
  return JSON.parse(json) as QuerySpec;
}

/** Hands-on 4: count the different users per activity — an exact count(DISTINCT) in Tidemark. */
export function distinctUsersQuery(source: LogicalPlan = labSource()): QuerySpec {
  return {
    plan: {
      op: 'aggregate',
      kind: 'groupBy',
      input: source,
      groupBy: [col('gt')],
      aggregates: [{ kind: 'call', name: 'count', distinct: true, args: [col('User')] }],
    },
    sink: memorySink('distinct_users', 'complete'),
  };
}
