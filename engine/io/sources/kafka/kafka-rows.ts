/**
 * Fetched records → a ColumnBatch in the kafka schema (KafkaRecordToRowConverter), built
 * column by column: typed arrays for partition, offset, timestamp and timestampType, one
 * dictionary-encoded string column for the topic, and binary key/value as Uint8Array values
 * (the engine's storage for binary).
 */
import { ColumnBatch } from '../../../batch/column-batch';
import { NumericBuilder, ObjectBuilder, StringBuilder } from '../../../batch/vector-builder';
import { T } from '../../../types/data-types';
import type { TopicPartition } from './kafka-offsets';
import type { FetchedRecord } from './kafka-offset-reader';
import { KAFKA_HEADERS_TYPE, kafkaSchema } from './kafka-schema';

export interface FetchedRange {
  readonly tp: TopicPartition;
  readonly records: readonly FetchedRecord[];
}

export function kafkaBatch(ranges: readonly FetchedRange[], includeHeaders: boolean): ColumnBatch {
  const schema = kafkaSchema(includeHeaders);
  const key = new ObjectBuilder(T.binary);
  const value = new ObjectBuilder(T.binary);
  const topic = new StringBuilder(T.string);
  const partition = new NumericBuilder(T.int, 'int32');
  const offset = new NumericBuilder(T.long, 'float64');
  const timestamp = new NumericBuilder(T.timestamp, 'float64');
  const timestampType = new NumericBuilder(T.int, 'int32');
  const headers = new ObjectBuilder(KAFKA_HEADERS_TYPE);
  let rows = 0;
  for (const { tp, records } of ranges) {
    for (const r of records) {
      key.append(r.key);
      value.append(r.value);
      topic.appendString(tp.topic);
      partition.appendNumber(tp.partition);
      offset.appendNumber(r.offset);
      // Timestamps are microseconds in the engine; Kafka's are milliseconds.
      timestamp.appendNumber(r.timestampMs * 1000);
      timestampType.appendNumber(r.timestampType);
      // Spark gives null, not an empty array, to a record without headers.
      if (includeHeaders)
        headers.append(
          r.headers.length === 0 ? null : r.headers.map((h) => ({ key: h.key, value: h.value })),
        );
      rows++;
    }
  }
  const columns = [key, value, topic, partition, offset, timestamp, timestampType].map((b) =>
    b.finish(),
  );
  if (includeHeaders) columns.push(headers.finish());
  return new ColumnBatch(schema, columns, rows);
}
