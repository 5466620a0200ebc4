/**
 * The fixed schemas of the sources that make their own rows (rate, rate-micro-batch,
 * socket) and Spark's check of a schema the user gave anyway: these are v2 tables without
 * external metadata, so DataSourceV2Utils.getTableFromProvider accepts `.schema(...)` only
 * when it equals the table's schema (_LEGACY_ERROR_TEMP_1133 otherwise).
 */
import { AnalysisException } from '../../errors';
import { T } from '../../types/data-types';
import { toStructType } from '../../types/ddl';
import { StructField, StructType } from '../../types/struct-type';
import { booleanOption, type ProviderOptions } from './provider-options';
import { kafkaSchema } from './kafka/kafka-schema';

/** RateStreamProvider.SCHEMA and RatePerMicroBatchProvider.SCHEMA. */
export const RATE_SCHEMA = new StructType([
  new StructField('timestamp', T.timestamp, true),
  new StructField('value', T.long, true),
]);

/** TextSocketReader.SCHEMA_REGULAR. */
export const SOCKET_SCHEMA = new StructType([new StructField('value', T.string, true)]);

/** TextSocketReader.SCHEMA_TIMESTAMP (`includeTimestamp`: the time each line arrived). */
export const SOCKET_SCHEMA_WITH_TIMESTAMP = new StructType([
  new StructField('value', T.string, true),
  new StructField('timestamp', T.timestamp, true),
]);

/** Formats whose streaming source generates or receives rows itself: no path, a fixed schema. */
export const GENERATOR_SOURCE_FORMATS: readonly string[] = [
  'rate',
  'rate-micro-batch',
  'socket',
  'kafka',
];

export function isGeneratorFormat(format: string): boolean {
  return GENERATOR_SOURCE_FORMATS.includes(format.toLowerCase());
}

/** The schema a generator source's table has for these options (before option checks). */
export function generatorSchema(format: string, options: ProviderOptions): StructType {
  // KafkaRecordToRowConverter: `includeHeaders` adds the headers column.
  if (format.toLowerCase() === 'kafka')
    return kafkaSchema(booleanOption(options, 'includeHeaders', false));
  if (format.toLowerCase() !== 'socket') return RATE_SCHEMA;
  // TextSocketTable.schema: includeTimestamp picks the two-column schema.
  return booleanOption(options, 'includeTimestamp', false)
    ? SOCKET_SCHEMA_WITH_TIMESTAMP
    : SOCKET_SCHEMA;
}

/** The table's schema, refusing a user-specified one that differs (Spark compares them whole). */
export function checkedGeneratorSchema(
  format: string,
  options: ProviderOptions,
  userSchema: unknown,
): StructType {
  const actual = generatorSchema(format, options);
  if (userSchema === undefined || userSchema === null) return actual;
  const given = userSchema instanceof StructType ? userSchema : toStructType(userSchema as object);
  if (given.json() !== actual.json()) {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_1133',
      `The user-specified schema doesn't match the actual schema: user-specified: ${given.toDDL()}, ` +
        `actual: ${actual.toDDL()}. If you're using DataFrameReader.schema API or creating a table, ` +
        "please do not specify the schema. Or if you're scanning an existed table, please drop it and re-create it.",
      { messageParameters: { schema: given.toDDL(), actualSchema: actual.toDDL() } },
    );
  }
  return actual;
}
