/**
 * The source-setup preview of a `kafka` source: the latest records of the partitions the
 * options select, up to KAFKA_PREVIEW_RECORDS in all, shared out evenly between partitions.
 * Each partition is read from max(latest − n, earliest) to latest by assignment, as Spark's
 * KafkaOffsetReaderAdmin and KafkaDataConsumer read (no consumer group, nothing committed),
 * so previewing leaves no trace on the brokers and moves no query's offsets.
 *
 * The rows have the Kafka schema (KafkaRecordToRowConverter); key and value are binary and
 * travel to the page as UTF-8 text, their Arrow field still saying `binary`, so the table
 * shows readable values under the true type. Connecting is bounded (KAFKA_PREVIEW_TIMEOUT_MS):
 * an unreachable broker is an error naming the servers, never a page that waits forever.
 */
import { Field, RecordBatch, Schema, Table, tableToIPC } from 'apache-arrow';
import type { KafkaConfig } from 'kafkajs';
import { ColumnBatch } from '../batch/column-batch';
import { valueAt } from '../batch/values';
import { StringBuilder } from '../batch/vector-builder';
import { SparkRuntimeException, TidemarkError } from '../errors';
import { generatorTableSchema } from '../io/sources/generator-sources';
import { kafkaClientConfig } from '../io/sources/kafka/kafka-client-config';
import { DataLossReporter } from '../io/sources/kafka/kafka-data-loss';
import { KafkaOffsetReader } from '../io/sources/kafka/kafka-offset-reader';
import { fromEntries, tpName, type TopicPartition } from '../io/sources/kafka/kafka-offsets';
import { readKafkaRanges } from '../io/sources/kafka/kafka-range-read';
import {
  parseKafkaStreamOptions,
  strategyDescription,
} from '../io/sources/kafka/kafka-source-options';
import { T } from '../types/data-types';
import { StructField, StructType } from '../types/struct-type';
import { SPARK_TYPE_METADATA_KEY } from './arrow-types';
import { toArrowTable } from './arrow-export';
import { InputHealthTracker } from './input-health';
import type { SourcePreview, SourceSetup } from './protocol';

/** Records shown at most, whatever the request's row budget. */
export const KAFKA_PREVIEW_RECORDS = 20;
/** How long the preview waits for the brokers before it gives up. */
export const KAFKA_PREVIEW_TIMEOUT_MS = 5000;

/** The columns shown as UTF-8 text although they are binary. */
const SHOWN_AS_TEXT = ['key', 'value'];

export async function previewKafkaSource(
  setup: SourceSetup,
  maxRows: number,
): Promise<SourcePreview> {
  // The stream's option checks (and Spark's refusal of a user schema) come first, with
  // Spark's messages, before any connection is tried.
  const schema = generatorTableSchema('kafka', setup.options, setup.schema);
  const o = parseKafkaStreamOptions(setup.options);
  const budget = Math.max(0, Math.min(maxRows, KAFKA_PREVIEW_RECORDS));
  const servers = kafkaClientConfig(o.kafkaParams).brokers as string[];
  const reader = new KafkaOffsetReader(previewClientConfig(o.kafkaParams));
  // failOnDataLoss does not apply: records aged out between listing and fetching are a warning.
  const loss = new DataLossReporter(false);
  try {
    const read = async (): Promise<{ batch: ColumnBatch; partitions: number }> => {
      const tps = await reader.partitions(o.strategy);
      const earliest = await reader.listOffsets(tps, 'earliest');
      const latest = await reader.listOffsets(tps, 'latest');
      const end = (tp: TopicPartition): number => latest.get(tpName(tp)) ?? 0;
      const first = (tp: TopicPartition): number =>
        Math.min(earliest.get(tpName(tp)) ?? 0, end(tp));
      const take = shareOut(
        tps.map((tp) => end(tp) - first(tp)),
        budget,
      );
      const from = fromEntries(tps.map((tp, i) => ({ tp, offset: end(tp) - take[i] })));
      const until = fromEntries(tps.map((tp) => ({ tp, offset: end(tp) })));
      const batch = await readKafkaRanges(reader, from, until, loss, o.includeHeaders);
      return { batch, partitions: tps.length };
    };
    const { batch, partitions } = await withinDeadline(read(), servers);
    const rows = batch.slice(0, budget);
    const health = new InputHealthTracker();
    health.record({ numCorruptRecords: 0, warnings: loss.warnings });
    return {
      files: [],
      sampledFiles: [],
      schema: schema.jsonValue(),
      schemaDDL: schema.toDDL(),
      inferred: false,
      numRows: rows.numRows,
      ipc: displayIPC(rows),
      corrupt: [],
      warnings: health.snapshot().warnings,
      suggestions: [],
      note: kafkaNote(strategyDescription(o.strategy), partitions, rows.numRows, budget),
    };
  } finally {
    // Not awaited: after a deadline the client may still be connecting, and closing it must
    // not hold the answer back.
    void reader.close().catch(() => undefined);
  }
}

/**
 * How many of the latest records each partition gives: one at a time round the partitions,
 * so `budget` records are shared evenly and a short partition leaves its share to the others.
 */
export function shareOut(available: readonly number[], budget: number): number[] {
  const take = available.map(() => 0);
  let left = budget;
  let moved = true;
  while (left > 0 && moved) {
    moved = false;
    for (let i = 0; i < available.length && left > 0; i++) {
      if (take[i] >= available[i]) continue;
      take[i]++;
      left--;
      moved = true;
    }
  }
  return take;
}

/**
 * The source's client settings with short connection and request timeouts and one retry: a
 * preview is asked on every edit, so an unreachable broker must fail fast, not after the
 * query's own retry schedule.
 */
function previewClientConfig(params: Readonly<Record<string, string>>): KafkaConfig {
  const c = kafkaClientConfig(params);
  return {
    ...c,
    connectionTimeout: Math.min(c.connectionTimeout ?? 3000, 3000),
    requestTimeout: Math.min(c.requestTimeout ?? 4000, 4000),
    retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 },
  };
}

/**
 * `work`, or an error naming the servers once `ms` pass without it. The client's timeouts
 * cover each request; this covers the whole read (metadata, offsets, fetches and retries).
 */
export async function withinDeadline<R>(
  work: Promise<R>,
  servers: readonly string[],
  ms: number = KAFKA_PREVIEW_TIMEOUT_MS,
): Promise<R> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(unreachable(servers, `they did not answer within ${ms / 1000} s`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } catch (e) {
    // Our own errors (data loss, a partition without a leader) say what happened already;
    // the client's (connection refused, unknown host) are about reaching the brokers.
    if (e instanceof TidemarkError) throw e;
    throw unreachable(servers, e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
}

function unreachable(servers: readonly string[], why: string): SparkRuntimeException {
  return new SparkRuntimeException(
    'KAFKA_BROKERS_UNREACHABLE',
    `Could not read from the Kafka brokers at ${servers.join(', ')}: ${why}. ` +
      'Check kafka.bootstrap.servers and that a broker is running there (the security settings ' +
      'too, for a secured cluster).',
  );
}

/** The rows as Arrow IPC, key and value decoded as UTF-8 text under a `binary` type label. */
export function displayIPC(batch: ColumnBatch): Uint8Array {
  const decoder = new TextDecoder();
  const fields = batch.schema.fields.map((f) =>
    SHOWN_AS_TEXT.includes(f.name) ? new StructField(f.name, T.string, f.nullable) : f,
  );
  const columns = batch.columns.map((v, c) => {
    if (!SHOWN_AS_TEXT.includes(batch.schema.fields[c].name)) return v;
    const text = new StringBuilder(T.string);
    for (let r = 0; r < batch.numRows; r++) {
      const bytes = valueAt(v, r) as Uint8Array | null;
      // UTF8String.fromBytes, as CAST(value AS STRING) reads it (cast.ts).
      if (bytes === null) text.appendNull();
      else text.appendString(decoder.decode(bytes));
    }
    return text.finish();
  });
  const table = toArrowTable(new ColumnBatch(new StructType(fields), columns, batch.numRows));
  const schema = new Schema(
    table.schema.fields.map((f) =>
      SHOWN_AS_TEXT.includes(f.name)
        ? new Field(f.name, f.type, f.nullable, new Map([[SPARK_TYPE_METADATA_KEY, 'binary']]))
        : f,
    ),
  );
  return tableToIPC(
    new Table(
      schema,
      table.batches.map((b) => new RecordBatch(schema, b.data)),
    ),
    'stream',
  );
}

function kafkaNote(strategy: string, partitions: number, shown: number, budget: number): string {
  const where =
    partitions === 0
      ? `No partition matches ${strategy} yet`
      : `The latest ${shown} record${shown === 1 ? '' : 's'} of ${partitions} partition${partitions === 1 ? '' : 's'} (${strategy}), up to ${budget} in all`;
  return (
    `${where}; read by assignment, without a consumer group, so nothing is committed. ` +
    'key and value are binary, shown here as UTF-8 text.'
  );
}
