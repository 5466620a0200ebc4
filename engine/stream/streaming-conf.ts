/**
 * Reads the session confs the micro-batch loop uses, with Spark's defaults (SQLConf):
 * pollingDelay 10ms, noDataMicroBatches.enabled true, numRecentProgressUpdates 100,
 * noDataProgressEventInterval 10000ms, minBatchesToRetain 100, stateStore.minDeltasForSnapshot
 * 10, stateStore.stateSchemaCheck true; and the confs written into
 * every offsets-log entry (OffsetSeqMetadata.relevantSQLConfs) so a restart keeps them.
 */
import { confTimeMs } from './interval-strings';
import { parseWatermarkPolicy } from './watermark-tracker';

/** Session settings the loop reads once at start. */
export interface StreamingConf {
  /** spark.sql.streaming.pollingDelay: idle wait of the default trigger when a source gives no hints. */
  readonly pollingDelayMs: number;
  /** Idle wait when every source signals new data (`onDataAvailable`); a safety net for missed events. */
  readonly hintedPollingDelayMs: number;
  readonly noDataMicroBatchesEnabled: boolean;
  readonly numRecentProgressUpdates: number;
  readonly noDataProgressEventIntervalMs: number;
  readonly minBatchesToRetain: number;
  /** spark.sql.streaming.stateStore.minDeltasForSnapshot: delta files between two state snapshots. */
  readonly minDeltasForSnapshot: number;
  /** spark.sql.streaming.stateStore.stateSchemaCheck: compare state schemas with the checkpoint's on restart. */
  readonly stateSchemaCheck: boolean;
  /** Confs logged with each offsets entry (spark.sql.streaming.multipleWatermarkPolicy, ...). */
  readonly offsetLogConf: Readonly<Record<string, string>>;
}

export const DEFAULT_STREAMING_CONF: StreamingConf = {
  pollingDelayMs: 10,
  hintedPollingDelayMs: 1000,
  noDataMicroBatchesEnabled: true,
  numRecentProgressUpdates: 100,
  noDataProgressEventIntervalMs: 10_000,
  minBatchesToRetain: 100,
  minDeltasForSnapshot: 10,
  stateSchemaCheck: true,
  offsetLogConf: { 'spark.sql.streaming.multipleWatermarkPolicy': 'min' },
};

/** The part of RuntimeConfig this needs: `get` with a default never throws for unknown keys. */
export interface ConfReader {
  get(key: string, defaultValue?: string | null): string | null;
}

const read = (conf: ConfReader, key: string, fallback: string): string =>
  conf.get(key, fallback) ?? fallback;

export function readStreamingConf(conf: ConfReader): StreamingConf {
  const pollingDelayMs = confTimeMs(read(conf, 'spark.sql.streaming.pollingDelay', '10ms'), 10);
  const policy = parseWatermarkPolicy(
    read(conf, 'spark.sql.streaming.multipleWatermarkPolicy', 'min'),
  );
  return {
    pollingDelayMs,
    // Sources that signal new data wake the loop themselves; polling is then only a safety net.
    hintedPollingDelayMs: Math.max(pollingDelayMs, 1000),
    noDataMicroBatchesEnabled:
      read(conf, 'spark.sql.streaming.noDataMicroBatches.enabled', 'true').toLowerCase() === 'true',
    numRecentProgressUpdates: Number(
      read(conf, 'spark.sql.streaming.numRecentProgressUpdates', '100'),
    ),
    noDataProgressEventIntervalMs: confTimeMs(
      read(conf, 'spark.sql.streaming.noDataProgressEventInterval', '10000ms'),
      10_000,
    ),
    minBatchesToRetain: Number(read(conf, 'spark.sql.streaming.minBatchesToRetain', '100')),
    minDeltasForSnapshot: Math.max(
      1,
      Number(read(conf, 'spark.sql.streaming.stateStore.minDeltasForSnapshot', '10')) || 10,
    ),
    stateSchemaCheck:
      read(conf, 'spark.sql.streaming.stateStore.stateSchemaCheck', 'true').toLowerCase() !== 'false',
    offsetLogConf: {
      'spark.sql.shuffle.partitions': read(conf, 'spark.sql.shuffle.partitions', '200'),
      'spark.sql.streaming.multipleWatermarkPolicy': policy,
      'spark.sql.streaming.statefulOperator.allowMultiple': read(
        conf,
        'spark.sql.streaming.statefulOperator.allowMultiple',
        'true',
      ),
      'spark.sql.streaming.aggregation.stateFormatVersion': '2',
    },
  };
}
