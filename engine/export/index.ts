/** Plan → PySpark script, Spark SQL and Tidemark TypeScript program (DESIGN.md: engine/export). */
export { toPySpark, type PySparkExportOptions } from './to-pyspark';
export { toSparkSQL, explainNotExportable, type SparkSqlExportOptions } from './to-spark-sql';
export { toTypeScript, type TypeScriptExportOptions } from './to-typescript';
export {
  runOnSpark,
  SparkConnectUnavailableError,
  type RunOnSparkOptions,
  type SparkRun,
  type SparkRunResult,
} from './run-on-spark';
export { discoverSpark, SparkNotFoundError, type SparkDiscoveryOptions, type SparkInstallation } from './spark-discovery';
