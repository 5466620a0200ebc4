/**
 * The `rate-micro-batch` source (Spark's RatePerMicroBatchProvider + RatePerMicroBatchStream):
 * exactly `rowsPerBatch` values per micro-batch whatever the wall clock does, batch N
 * holding values N·rowsPerBatch … (N+1)·rowsPerBatch − 1, every row of a batch stamped
 * `startTimestamp + N·advanceMillisPerBatch`. Deterministic, so it is what the conformance
 * scenarios and repeatable demos use.
 *
 * Offsets are Spark's `{"offset": <next value>, "timestamp": <ms>}`. Spark hands the start
 * offset to latestOffset(start, limit); Tidemark's Source API does not, so the source
 * remembers the end of the last batch it read, and keeps it in
 * `<checkpoint>/sources/<i>/last-batch-end` so a restarted query carries on where the
 * committed batches stopped (a batch that was logged but not committed is re-read from the
 * offsets log with getBatch, which needs no memory at all).
 *
 * Trigger.AvailableNow reads one batch (SupportsTriggerAvailableNow: the first offset
 * computed after prepare is the last); `numPartitions` only changes the order Spark's
 * partitions return rows in, Tidemark returns them in value order.
 */
import { IllegalArgumentException } from '../../errors';
import type { Offset, Source, SourceBatch } from '../source';
import { intOption, longOption, optionValue, type ProviderOptions } from './provider-options';
import { RATE_SCHEMA } from './generator-source-schemas';
import { rateBatch } from './rate-source';
import { SourceStateFile } from './source-state-file';

export interface RatePerMicroBatchOptions {
  readonly rowsPerBatch: number;
  readonly numPartitions: number | undefined;
  readonly startTimestamp: number;
  readonly advanceMillisPerBatch: number;
}

/** RatePerMicroBatchProvider.getTable's checks, with its messages. */
export function parseRatePerMicroBatchOptions(options: ProviderOptions): RatePerMicroBatchOptions {
  const rowsPerBatch = longOption(options, 'rowsPerBatch', 0);
  if (rowsPerBatch <= 0) {
    throw new IllegalArgumentException(
      `Invalid value '${rowsPerBatch}'. The option 'rowsPerBatch' must be positive`,
    );
  }
  const numPartitions =
    optionValue(options, 'numPartitions') === undefined
      ? undefined
      : intOption(options, 'numPartitions', 1);
  if (numPartitions !== undefined && numPartitions <= 0) {
    throw new IllegalArgumentException(
      `Invalid value '${numPartitions}'. The option 'numPartitions' must be positive`,
    );
  }
  const startTimestamp = longOption(options, 'startTimestamp', 0);
  if (startTimestamp < 0) {
    throw new IllegalArgumentException(
      `Invalid value '${startTimestamp}'. The option 'startTimestamp' must be non-negative`,
    );
  }
  const advanceMillisPerBatch = intOption(options, 'advanceMillisPerBatch', 1000);
  if (advanceMillisPerBatch < 0) {
    throw new IllegalArgumentException(
      `Invalid value '${advanceMillisPerBatch}'. The option 'advanceMillisPerBatch' must be non-negative`,
    );
  }
  return { rowsPerBatch, numPartitions, startTimestamp, advanceMillisPerBatch };
}

/** RatePerMicroBatchStreamOffset. */
export interface RatePerMicroBatchOffset {
  readonly offset: number;
  readonly timestamp: number;
}

function asOffset(o: Offset): RatePerMicroBatchOffset {
  const v = o as Partial<RatePerMicroBatchOffset> | null;
  if (
    v === null ||
    typeof v !== 'object' ||
    typeof v.offset !== 'number' ||
    typeof v.timestamp !== 'number'
  )
    throw new Error('The type of Offset should be RatePerMicroBatchStreamOffset');
  return { offset: v.offset, timestamp: v.timestamp };
}

export interface RatePerMicroBatchSourceConfig {
  readonly options: ProviderOptions;
  readonly metadataPath?: string;
}

export class RatePerMicroBatchSource implements Source {
  readonly schema = RATE_SCHEMA;
  readonly description: string;
  private readonly o: RatePerMicroBatchOptions;
  private readonly endFile: SourceStateFile | undefined;
  /** Where the next batch starts: the end of the last batch read (initialOffset at first). */
  private lastEnd: RatePerMicroBatchOffset;
  private availableNow = false;
  private availableNowEnd: RatePerMicroBatchOffset | undefined;

  constructor(config: RatePerMicroBatchSourceConfig) {
    this.o = parseRatePerMicroBatchOptions(config.options);
    // RatePerMicroBatchStream.toString.
    this.description =
      `RatePerMicroBatchStream[rowsPerBatch=${this.o.rowsPerBatch}, ` +
      `numPartitions=${this.o.numPartitions ?? 1}, startTimestamp=${this.o.startTimestamp}, ` +
      `advanceMsPerBatch=${this.o.advanceMillisPerBatch}]`;
    this.endFile =
      config.metadataPath === undefined
        ? undefined
        : new SourceStateFile(config.metadataPath, 'last-batch-end');
    const stored = this.endFile?.read();
    this.lastEnd =
      stored === undefined
        ? { offset: 0, timestamp: this.o.startTimestamp }
        : asOffset(JSON.parse(stored) as Offset);
  }

  async prepareForAvailableNow(): Promise<void> {
    this.availableNow = true;
  }

  async latestOffset(): Promise<Offset | null> {
    const next = (): RatePerMicroBatchOffset => ({
      offset: Math.min(this.lastEnd.offset + this.o.rowsPerBatch, Number.MAX_SAFE_INTEGER),
      timestamp: this.lastEnd.timestamp + this.o.advanceMillisPerBatch,
    });
    if (!this.availableNow) return next();
    this.availableNowEnd ??= next();
    return this.availableNowEnd;
  }

  async getBatch(start: Offset | null, end: Offset): Promise<SourceBatch> {
    const from = start === null ? { offset: 0, timestamp: this.o.startTimestamp } : asOffset(start);
    const to = asOffset(end);
    if (from.offset > to.offset)
      throw new Error(`startOffset(${from.offset}) > endOffset(${to.offset})`);
    if (from.timestamp > to.timestamp)
      throw new Error(`startTimestamp(${from.timestamp}) > endTimestamp(${to.timestamp})`);
    const n = to.offset - from.offset;
    const values = new Float64Array(n);
    // Every row of the batch carries the batch's start time (RatePerMicroBatchStreamPartitionReader).
    const timestamps = new Float64Array(n).fill(from.timestamp * 1000);
    for (let i = 0; i < n; i++) values[i] = from.offset + i;
    this.lastEnd = to;
    this.endFile?.write(JSON.stringify(to));
    return { batch: rateBatch(timestamps, values) };
  }

  async commit(): Promise<void> {}

  async stop(): Promise<void> {}
}
