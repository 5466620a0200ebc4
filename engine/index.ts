/**
 * Tidemark's public TypeScript API, shaped like PySpark: `Session` (SparkSession),
 * `DataFrame`, `Column` and the `functions` module (also as named exports: `col`, `expr`,
 * `lit`, `window`, …), the data types under pyspark.sql.types names, Spark's error
 * classes, the streaming query types, plan JSON, and the sensor simulator.
 */
export { Session, SessionBuilder } from './session';
export { DataFrame, type JoinType, type SortOptions } from './plan/dataframe';
export { GroupedData } from './plan/grouped-data';
export { DataFrameNaFunctions, type NaDropOptions } from './plan/na-functions';
export { DataFrameReader } from './plan/data-frame-reader';
export { DataStreamReader } from './plan/data-stream-reader';
export { RuntimeConfig } from './plan/runtime-config';
export { Catalog, type MemoryTableProvider, type TableInfo } from './plan/catalog';
export { planToJSON, planFromJSON, PLAN_JSON_VERSION, type PlanJSON } from './plan/plan-json';
export type {
  LogicalPlan,
  QuerySpec,
  SinkSpec,
  TriggerSpec,
  SourceNode,
} from './plan/logical-plan';
export { Column } from './expr/column';
export * as functions from './functions';
export * from './functions';
export * from './types/index';
export * from './errors';
export { ColumnBatch } from './batch/column-batch';
export { DataStreamWriter } from './stream/data-stream-writer';
export { StreamingQuery } from './stream/streaming-query';
export { StreamingQueryManager } from './stream/query-manager';
export { StreamingQueryListener } from './stream/listener';
export { StreamingQueryProgress, StreamingQueryStatus } from './stream/progress';
export * from './io/simulator/index';
