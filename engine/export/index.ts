/** Plan → PySpark script and Spark SQL (DESIGN.md: engine/export). */
export { toPySpark, type PySparkExportOptions } from './to-pyspark';
export { toSparkSQL, explainNotExportable, type SparkSqlExportOptions } from './to-spark-sql';
