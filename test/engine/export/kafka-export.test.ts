// The kafka source and sink in the PySpark and TypeScript exports: format("kafka") with its
// options and no schema or path in PySpark, the connector package and at-least-once notes,
// and a TypeScript program that reloads into the same plan. Spark is not run here.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { KAFKA_PACKAGE_COMMENT, KAFKA_SINK_COMMENT } from '../../../engine/export/kafka-export';
import { toPySpark } from '../../../engine/export/to-pyspark';
import { toTypeScript } from '../../../engine/export/to-typescript';
import type { QuerySpec } from '../../../engine/plan/logical-plan';
import { Session } from '../../../engine/session';

const spark = Session.builder().appName('kafka-export').getOrCreate();

function kafkaQuery(): QuerySpec {
  const df = spark.readStream
    .format('kafka')
    .option('kafka.bootstrap.servers', 'broker:9092')
    .option('subscribePattern', 'iot-.*')
    .option('startingOffsets', 'earliest')
    .option('maxOffsetsPerTrigger', '1000')
    .load()
    .selectExpr('key', 'CAST(value AS STRING) AS value');
  return {
    plan: df.plan,
    sink: {
      format: 'kafka',
      outputMode: 'append',
      options: { 'kafka.bootstrap.servers': 'broker:9092', topic: 'clean' },
      trigger: { kind: 'default' },
      checkpointLocation: '/tmp/cp',
    },
  };
}

describe('kafka in the PySpark export', () => {
  it('reads with format("kafka"), its options and load(), and names the connector package once', () => {
    const script = toPySpark(kafkaQuery());
    expect(script).toContain('spark.readStream');
    expect(script).toContain('.format("kafka")');
    expect(script).toContain('.option("kafka.bootstrap.servers", "broker:9092")');
    expect(script).toContain('.option("subscribePattern", "iot-.*")');
    expect(script).toContain('.option("maxOffsetsPerTrigger", "1000")');
    expect(script).toContain('.load()');
    // The kafka schema is fixed: Spark refuses a user schema, so none is written.
    expect(script).not.toContain('.schema(');
    expect(script).toContain('spark-sql-kafka-0-10_2.13');
    expect(script.split('spark-sql-kafka-0-10_2.13').length - 1).toBe(1);
    expect(KAFKA_PACKAGE_COMMENT).toContain(
      'org.apache.spark:spark-sql-kafka-0-10_2.13:<Spark version>',
    );
  });

  it('writes with writeStream.format("kafka") and its topic, and says the sink is at-least-once', () => {
    const script = toPySpark(kafkaQuery());
    const sink = script.slice(script.indexOf('.writeStream'));
    expect(sink).toContain('.format("kafka")');
    expect(sink).toContain('.option("topic", "clean")');
    expect(sink).toContain('.option("checkpointLocation", "/tmp/cp")');
    expect(script).toContain('at-least-once');
    expect(KAFKA_SINK_COMMENT).toMatch(/^Tidemark: Spark's Kafka sink is at-least-once/);
  });

  it('exports a batch read as spark.read.format("kafka") with endingOffsets', () => {
    const df = spark.read
      .format('kafka')
      .option('kafka.bootstrap.servers', 'broker:9092')
      .option('subscribe', 't')
      .option('endingOffsets', '{"t":{"0":5}}')
      .load();
    const script = toPySpark(df.plan);
    expect(script).toContain('spark.read');
    expect(script).not.toContain('spark.readStream');
    expect(script).toContain('.option("endingOffsets", "{\\"t\\":{\\"0\\":5}}")');
  });
});

describe('kafka in the PySpark export, parsed', () => {
  const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;
  it.skipIf(python === null)("is a script Python's own parser accepts (ast.parse)", () => {
    const check = spawnSync(
      python as string,
      ['-c', 'import ast, sys\nast.parse(sys.stdin.read())'],
      {
        input: toPySpark(kafkaQuery()),
        encoding: 'utf8',
      },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('kafka in the TypeScript export', () => {
  it('writes readStream.format("kafka") with the options and writeStream.format("kafka")', () => {
    const program = toTypeScript(kafkaQuery());
    expect(program).toContain('spark.readStream');
    expect(program).toContain(".format('kafka')");
    expect(program).toContain(".option('subscribePattern', 'iot-.*')");
    expect(program).toContain(".option('topic', 'clean')");
    expect(program).toMatch(/\.load\(\)/);
  });
});
