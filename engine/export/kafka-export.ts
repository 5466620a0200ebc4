/**
 * What an exported PySpark script needs for the `kafka` source and sink: Spark ships its
 * Kafka connector as a separate package (the Structured Streaming + Kafka Integration Guide,
 * "Deploying"), so the script says which one, above the session builder, once.
 */
import type { PySparkScript } from './pyspark-script';

export const KAFKA_PACKAGE_COMMENT =
  "Tidemark: the kafka format needs Spark's Kafka connector on the cluster, of the same version as " +
  'Spark: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:<Spark version> ' +
  '(or .config("spark.jars.packages", ...) on the builder below; pyspark.__version__ gives the version).';

export const KAFKA_SINK_COMMENT =
  "Tidemark: Spark's Kafka sink is at-least-once: a batch re-run after a failure writes its records " +
  'again, so readers may see duplicates; deduplicate on a key downstream if that matters.';

/** Adds the connector note (and, for a sink, the at-least-once note) once per script. */
export function noteKafka(script: PySparkScript, role: 'source' | 'sink'): void {
  const wanted =
    role === 'sink' ? [KAFKA_PACKAGE_COMMENT, KAFKA_SINK_COMMENT] : [KAFKA_PACKAGE_COMMENT];
  for (const c of wanted) if (!script.sessionComments.includes(c)) script.sessionComments.push(c);
}
