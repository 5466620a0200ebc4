/**
 * The sources that make or receive their own rows — `rate`, `rate-micro-batch`, `socket`,
 * `kafka` —
 * as Spark's v2 providers: their options are checked when the DataFrame is loaded
 * (Provider.getTable), they take no path, and their schema is fixed by the options.
 */
import type { SourceNode } from '../../plan/logical-plan';
import type { StructType } from '../../types/struct-type';
import type { Source } from '../source';
import { checkedGeneratorSchema } from './generator-source-schemas';
import { KafkaMicroBatchStream } from './kafka/kafka-micro-batch-stream';
import { parseKafkaStreamOptions } from './kafka/kafka-source-options';
import type { ProviderOptions } from './provider-options';
import {
  parseRatePerMicroBatchOptions,
  RatePerMicroBatchSource,
} from './rate-per-micro-batch-source';
import { parseRateOptions, RateSource } from './rate-source';
import { parseSocketOptions, SocketSource } from './socket-source';

/** getTable's option checks (Spark's messages), then the schema, refusing a different user one. */
export function generatorTableSchema(
  format: string,
  options: ProviderOptions,
  userSchema: unknown,
): StructType {
  switch (format.toLowerCase()) {
    case 'rate':
      parseRateOptions(options);
      break;
    case 'rate-micro-batch':
      parseRatePerMicroBatchOptions(options);
      break;
    case 'socket':
      parseSocketOptions(options);
      break;
    case 'kafka':
      parseKafkaStreamOptions(options);
      break;
    default:
      throw new Error(`${format} is not a generator source`);
  }
  return checkedGeneratorSchema(format, options, userSchema);
}

/** The running source for a `rate`, `rate-micro-batch` or `socket` node. */
export function createGeneratorSource(node: SourceNode, metadataPath: string | undefined): Source {
  generatorTableSchema(node.format, node.options, node.schema);
  const config = { options: node.options, metadataPath };
  switch (node.format.toLowerCase()) {
    case 'rate':
      return new RateSource(config);
    case 'rate-micro-batch':
      return new RatePerMicroBatchSource(config);
    case 'kafka':
      return new KafkaMicroBatchStream(config);
    default:
      return new SocketSource(config);
  }
}
