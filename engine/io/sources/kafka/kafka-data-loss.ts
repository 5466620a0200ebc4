/**
 * Spark's KAFKA_DATA_LOSS errors (KafkaExceptions, kafka-error-conditions.json): offsets a
 * query was about to read that Kafka no longer has. With `failOnDataLoss` true (the default)
 * the query fails naming the topic-partition; with false the loss becomes a warning in the
 * batch's progress and the query goes on from what is still there (KafkaMicroBatchStream.
 * reportDataLoss).
 */
import { SparkRuntimeException } from '../../../errors';
import type { SourceWarning } from '../../source';

export type DataLossReason =
  | 'ADDED_PARTITION_DOES_NOT_START_FROM_OFFSET_ZERO'
  | 'COULD_NOT_READ_OFFSET_RANGE'
  | 'PARTITIONS_DELETED'
  | 'PARTITION_OFFSET_CHANGED'
  | 'START_OFFSET_RESET';

const PREFIX =
  'Some data may have been lost because they are not available in Kafka any more; either the ' +
  'data was aged out by Kafka or the topic may have been deleted before all the data in the ' +
  'topic was processed.';

/** Collects data-loss reports for one batch: throws at once, or keeps warnings. */
export class DataLossReporter {
  readonly warnings: SourceWarning[] = [];

  constructor(private readonly failOnDataLoss: boolean) {}

  report(reason: DataLossReason, detail: string): void {
    if (this.failOnDataLoss) {
      throw new SparkRuntimeException(
        `KAFKA_DATA_LOSS.${reason}`,
        `${PREFIX} If you don't want your streaming query to fail on such cases, set the source ` +
          `option failOnDataLoss to false.\nReason: ${detail}`,
        { sqlState: '22000' },
      );
    }
    this.warnings.push({
      code: `KAFKA_DATA_LOSS.${reason}`,
      message:
        `${detail} ${PREFIX} If you want your streaming query to fail on such cases, set the ` +
        'source option "failOnDataLoss" to "true".',
    });
  }
}
