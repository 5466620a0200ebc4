// The kafka source's setup fields: picking kafka and leaving it, exactly one of subscribe /
// subscribePattern / assign, and that the defaults and the shown schema are what the engine
// itself accepts and reports.
import { describe, expect, it } from 'vitest';
import { parseKafkaStreamOptions } from '../../../engine/io/sources/kafka/kafka-source-options';
import { kafkaSchema } from '../../../engine/io/sources/kafka/kafka-schema';
import { parseDDL } from '../../../engine/types/ddl';
import {
  KAFKA_SOURCE,
  kafkaSource,
  strategyOf,
  switchSourceFormat,
  withStrategy,
} from '../../../renderer/src/lib/kafka-source-fields';
import { withOptionText } from '../../../renderer/src/lib/draft-reader-options';

const fileSetup = {
  path: '/data/iot',
  format: 'json',
  schema: 'a INT',
  options: { multiLine: 'true' },
};

describe('kafka source fields', () => {
  it('picking kafka clears the folder and schema and starts from options the engine accepts', () => {
    const kafka = switchSourceFormat(fileSetup, 'kafka');
    expect(kafka).toEqual({
      path: '',
      format: 'kafka',
      schema: null,
      options: { 'kafka.bootstrap.servers': 'localhost:9092', subscribe: 'events' },
    });
    expect(parseKafkaStreamOptions(kafka.options).strategy).toEqual({
      kind: 'subscribe',
      topics: ['events'],
    });
    expect(switchSourceFormat(kafka, 'csv')).toEqual({
      path: '',
      format: 'csv',
      schema: null,
      options: {},
    });
    expect(switchSourceFormat(fileSetup, 'rate').options).toEqual({ rowsPerSecond: '10' });
    expect(kafkaSource('KAFKA')).toBe(KAFKA_SOURCE);
    expect(kafkaSource('json')).toBeUndefined();
  });

  it('keeps exactly one of subscribe, subscribePattern and assign', () => {
    const base = { 'kafka.bootstrap.servers': 'b:9092', subscribe: 'a,b' };
    expect(strategyOf(base)).toEqual({ strategy: 'subscribe', value: 'a,b' });
    const pattern = withStrategy(base, 'subscribePattern', 'iot-.*');
    expect(pattern).toEqual({ 'kafka.bootstrap.servers': 'b:9092', subscribePattern: 'iot-.*' });
    expect(parseKafkaStreamOptions(pattern).strategy).toEqual({
      kind: 'subscribePattern',
      pattern: 'iot-.*',
    });
    expect(withStrategy({ ...base, ASSIGN: 'x' }, 'assign', '')).toEqual({
      'kafka.bootstrap.servers': 'b:9092',
    });
    expect(withOptionText(base, 'maxOffsetsPerTrigger', '100')).toEqual({
      ...base,
      maxOffsetsPerTrigger: '100',
    });
    expect(
      withOptionText({ ...base, maxoffsetspertrigger: '5' }, 'maxOffsetsPerTrigger', ''),
    ).toEqual(base);
  });

  it('shows the schema the engine gives, with headers when includeHeaders is true', () => {
    expect(parseDDL(KAFKA_SOURCE.schema({})).toDDL()).toBe(kafkaSchema(false).toDDL());
    expect(parseDDL(KAFKA_SOURCE.schema({ includeHeaders: 'TRUE' })).toDDL()).toBe(
      kafkaSchema(true).toDDL(),
    );
  });
});
