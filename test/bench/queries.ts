/**
 * The benchmarked queries, written with the TypeScript API as a user writes them (README,
 * engine/index.ts). Each returns an unstarted DataStreamWriter, so the same query is either
 * started on Tidemark or exported with toPySpark for the Spark peer (`querySpec`).
 *
 * The source is the lab's (test/integration/lab-hands-on-4-5.test.ts): the lab schema, with
 * `timestampUnit` reading the simulator's nanosecond Creation_Time and millisecond
 * Arrival_Time as timestamps (the export converts them with timestamp_micros/millis).
 */
import {
  col,
  window,
  type DataFrame,
  type DataStreamWriter,
  type Session,
} from '../../engine/index';
import type { QuerySpec } from '../../engine/plan/logical-plan';
import { labSchema } from '../fixtures/lab-schema';

export type ThroughputQuery = 'activityCount' | 'windowCount' | 'filterProject';

export const QUERY_TITLES: Readonly<Record<ThroughputQuery, string>> = {
  activityCount: 'activity count: groupBy(gt).count(), complete, memory sink',
  windowCount: 'per-user 30 s window count, 1 min watermark, append, JSON file sink',
  filterProject: 'filter x > 0 + select 5 columns, append, JSON file sink',
};

export interface QueryPaths {
  readonly input: string;
  readonly checkpoint: string;
  /** The file sink's folder (unused by the memory and noop sinks). */
  readonly output: string;
}

export function labStream(
  spark: Session,
  input: string,
  options: Record<string, string> = {},
): DataFrame {
  return spark.readStream
    .schema(labSchema())
    .option('timestampUnit', 'Creation_Time:ns,Arrival_Time:ms')
    .option('fileStableMs', '0')
    .options(options)
    .json(input);
}

/** The throughput queries, each caught up with Trigger.AvailableNow. */
export function throughputQuery(
  spark: Session,
  query: ThroughputQuery,
  paths: QueryPaths,
): DataStreamWriter {
  const stream = labStream(spark, paths.input);
  switch (query) {
    case 'activityCount':
      return stream
        .groupBy('gt')
        .count()
        .writeStream.format('memory')
        .queryName('bench_activity_count')
        .outputMode('complete')
        .option('checkpointLocation', paths.checkpoint)
        .trigger({ availableNow: true });
    case 'windowCount':
      return stream
        .withWatermark('Creation_Time', '1 minute')
        .groupBy(window(col('Creation_Time'), '30 seconds'), col('User'))
        .count()
        .writeStream.format('json')
        .queryName('bench_window_count')
        .outputMode('append')
        .option('path', paths.output)
        .option('checkpointLocation', paths.checkpoint)
        .trigger({ availableNow: true });
    case 'filterProject':
      return stream
        .filter(col('x').gt(0))
        .select('User', 'gt', 'Model', 'x', 'Creation_Time')
        .writeStream.format('json')
        .queryName('bench_filter_project')
        .outputMode('append')
        .option('path', paths.output)
        .option('checkpointLocation', paths.checkpoint)
        .trigger({ availableNow: true });
  }
}

/**
 * The memory run's query: the per-user 30 s window count over a folder read one file per
 * trigger, with a 1-minute watermark in append mode (state bounded: Spark's
 * StateStoreSaveExec evicts windows behind the watermark) or without one in update mode
 * (state grows with every window). The noop sink keeps output out of the figures.
 */
export function memoryQuery(
  spark: Session,
  watermark: boolean,
  paths: QueryPaths,
): DataStreamWriter {
  let stream = labStream(spark, paths.input, { maxFilesPerTrigger: '1' });
  if (watermark) stream = stream.withWatermark('Creation_Time', '1 minute');
  return stream
    .groupBy(window(col('Creation_Time'), '30 seconds'), col('User'))
    .count()
    .writeStream.format('noop')
    .queryName(watermark ? 'bench_memory_watermark' : 'bench_memory_no_watermark')
    .outputMode(watermark ? 'append' : 'update')
    .option('checkpointLocation', paths.checkpoint)
    .trigger({ availableNow: true });
}

/** The writer as data, for toPySpark. */
export function querySpec(writer: DataStreamWriter): QuerySpec {
  return { plan: writer.df.plan, sink: writer.toSinkSpec() };
}
