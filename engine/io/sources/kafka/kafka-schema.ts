/**
 * The fixed schema of Spark's `kafka` source (KafkaRecordToRowConverter.kafkaSchema): every
 * record becomes key, value, topic, partition, offset, timestamp and timestampType, plus
 * `headers` when the source option `includeHeaders` is true. All fields are nullable, as in
 * Spark (key and value are null for records written without one).
 */
import { ArrayType, T } from '../../../types/data-types';
import { StructField, StructType } from '../../../types/struct-type';

/** KafkaRecordToRowConverter.headersType: array<struct<key:string,value:binary>>. */
export const KAFKA_HEADERS_TYPE = new ArrayType(
  new StructType([
    new StructField('key', T.string, true),
    new StructField('value', T.binary, true),
  ]),
  true,
);

const BASE_FIELDS = [
  new StructField('key', T.binary, true),
  new StructField('value', T.binary, true),
  new StructField('topic', T.string, true),
  new StructField('partition', T.int, true),
  new StructField('offset', T.long, true),
  new StructField('timestamp', T.timestamp, true),
  new StructField('timestampType', T.int, true),
];

export const KAFKA_SCHEMA = new StructType(BASE_FIELDS);

/** KafkaRecordToRowConverter.kafkaSchemaWithHeaders. */
export const KAFKA_SCHEMA_WITH_HEADERS = new StructType([
  ...BASE_FIELDS,
  new StructField('headers', KAFKA_HEADERS_TYPE, true),
]);

export function kafkaSchema(includeHeaders: boolean): StructType {
  return includeHeaders ? KAFKA_SCHEMA_WITH_HEADERS : KAFKA_SCHEMA;
}
