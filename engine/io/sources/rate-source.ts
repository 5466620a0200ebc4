/**
 * The `rate` source (Spark's RateStreamProvider + RateStreamMicroBatchStream): generates
 * `value` 0, 1, 2, … at `rowsPerSecond`, each with the `timestamp` it was due at, for demos
 * and load tests.
 *
 * - Offsets are whole seconds since the stream was created (LongOffset in the offsets log);
 *   a batch covers the values due between its start and end second, so how many rows a
 *   batch gets depends on wall time, as in Spark.
 * - The creation time is written once to `<checkpoint>/sources/<i>/0` in Spark's format
 *   ("v1\n<epoch ms>"), so a restarted query goes on with the same values and timestamps.
 * - `rampUpTime` grows the rate linearly to `rowsPerSecond` over that many seconds
 *   (`valueAtSecond`); it is truncated to whole seconds.
 * - `numPartitions` only decides how Spark deals the values out to partitions, so the order
 *   rows come back in; Tidemark reads in one partition and returns them in value order.
 */
import { ColumnBatch } from '../../batch/column-batch';
import type { Vector } from '../../batch/vector';
import { IllegalArgumentException, SparkArithmeticException } from '../../errors';
import { T } from '../../types/data-types';
import type { Offset, Source, SourceBatch } from '../source';
import { RATE_SCHEMA } from './generator-source-schemas';
import {
  intOption,
  longOption,
  optionValue,
  timeStringAsSeconds,
  type ProviderOptions,
} from './provider-options';
import { SourceStateFile } from './source-state-file';

export interface RateOptions {
  readonly rowsPerSecond: number;
  readonly rampUpTimeSeconds: number;
  /** Given or not; Tidemark has one partition, so it only shows in the description. */
  readonly numPartitions: number | undefined;
}

/** RateStreamProvider.getTable's checks, with its messages. */
export function parseRateOptions(options: ProviderOptions): RateOptions {
  const rowsPerSecond = longOption(options, 'rowsPerSecond', 1);
  if (rowsPerSecond <= 0) {
    throw new IllegalArgumentException(
      `Invalid value '${rowsPerSecond}'. The option 'rowsPerSecond' must be positive`,
    );
  }
  const rampUp = optionValue(options, 'rampUpTime');
  const rampUpTimeSeconds = rampUp === undefined ? 0 : timeStringAsSeconds(rampUp);
  if (rampUpTimeSeconds < 0) {
    throw new IllegalArgumentException(
      `Invalid value '${rampUpTimeSeconds}'. The option 'rampUpTime' must not be negative`,
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
  return { rowsPerSecond, rampUpTimeSeconds, numPartitions };
}

/**
 * RateStreamProvider.valueAtSecond: how many values are due by `seconds`. During ramp-up
 * the speed grows by rowsPerSecond / (rampUp + 1) (integral division) each second.
 */
export function valueAtSecond(
  seconds: number,
  rowsPerSecond: number,
  rampUpTimeSeconds: number,
): number {
  const speedDeltaPerSecond = Math.floor(rowsPerSecond / (rampUpTimeSeconds + 1));
  if (seconds <= rampUpTimeSeconds) {
    // Halve the even factor first, as Spark does to keep the product small.
    return seconds % 2 === 1
      ? ((seconds + 1) / 2) * speedDeltaPerSecond * seconds
      : (seconds / 2) * speedDeltaPerSecond * (seconds + 1);
  }
  const rampUpPart = valueAtSecond(rampUpTimeSeconds, rowsPerSecond, rampUpTimeSeconds);
  return rampUpPart + (seconds - rampUpTimeSeconds) * rowsPerSecond;
}

const LOG_VERSION = 1;

export interface RateSourceConfig {
  readonly options: ProviderOptions;
  /** `<checkpoint>/sources/<i>`: where the creation time is kept. */
  readonly metadataPath?: string;
  /** Epoch milliseconds now; Spark's `useManualClock` for tests. */
  readonly clock?: () => number;
}

export class RateSource implements Source {
  readonly schema = RATE_SCHEMA;
  readonly description: string;
  private readonly rowsPerSecond: number;
  private readonly rampUpTimeSeconds: number;
  /** Spark's maxSeconds, with Tidemark's exact-integer limit instead of Long.MaxValue. */
  private readonly maxSeconds: number;
  private readonly clock: () => number;
  private readonly creationTimeMs: number;
  private lastTimeMs: number;

  constructor(config: RateSourceConfig) {
    const o = parseRateOptions(config.options);
    this.rowsPerSecond = o.rowsPerSecond;
    this.rampUpTimeSeconds = o.rampUpTimeSeconds;
    this.clock = config.clock ?? Date.now;
    this.maxSeconds = Math.floor(Number.MAX_SAFE_INTEGER / o.rowsPerSecond);
    if (o.rampUpTimeSeconds > this.maxSeconds) {
      throw overflow(
        `Integer overflow. Max offset with ${o.rowsPerSecond} rowsPerSecond is ${this.maxSeconds}, ` +
          `but 'rampUpTimeSeconds' is ${o.rampUpTimeSeconds}.`,
      );
    }
    // Spark's toString, its missing closing bracket included (progress shows it so).
    this.description =
      `RateStreamV2[rowsPerSecond=${o.rowsPerSecond}, rampUpTimeSeconds=${o.rampUpTimeSeconds}, ` +
      `numPartitions=${optionValue(config.options, 'numPartitions') ?? 'default'}`;
    this.creationTimeMs = this.loadCreationTime(config.metadataPath);
    this.lastTimeMs = this.creationTimeMs;
  }

  /** The creation time from the checkpoint, or now (then written there for restarts). */
  private loadCreationTime(metadataPath: string | undefined): number {
    if (metadataPath === undefined) return this.clock();
    const file = new SourceStateFile(metadataPath, '0');
    const text = file.read();
    if (text !== undefined) {
      const m = /^v(\d+)\n(-?\d+)\s*$/.exec(text);
      if (m === null) {
        throw new Error(
          `Log file was malformed: failed to detect the log file version line (${metadataPath}/0).`,
        );
      }
      if (Number(m[1]) > LOG_VERSION) {
        throw new Error(
          `UnsupportedLogVersion: maximum supported log version is v${LOG_VERSION}, but encountered v${m[1]}. ` +
            'The log file was produced by a newer version of Spark and cannot be read by this version. Please upgrade.',
        );
      }
      return Number(m[2]);
    }
    const now = this.clock();
    file.write(`v${LOG_VERSION}\n${now}`);
    return now;
  }

  async latestOffset(): Promise<Offset | null> {
    this.lastTimeMs = Math.max(this.lastTimeMs, this.clock());
    const seconds = Math.floor((this.lastTimeMs - this.creationTimeMs) / 1000);
    // Spark starts from initialOffset 0: second 0 has no rows yet, so there is nothing to offer.
    return seconds > 0 ? seconds : null;
  }

  async getBatch(start: Offset | null, end: Offset): Promise<SourceBatch> {
    const startSeconds = start === null ? 0 : Number(start);
    const endSeconds = Number(end);
    if (!(startSeconds <= endSeconds)) {
      throw new Error(`startSeconds(${startSeconds}) > endSeconds(${endSeconds})`);
    }
    if (endSeconds > this.maxSeconds) {
      throw overflow(
        `Integer overflow. Max offset with ${this.rowsPerSecond} rowsPerSecond is ${this.maxSeconds}, but it's ${endSeconds} now.`,
      );
    }
    // A re-run batch after a restart: later offsets must not go back before it.
    this.lastTimeMs = Math.max(this.lastTimeMs, endSeconds * 1000 + this.creationTimeMs);
    const rangeStart = valueAtSecond(startSeconds, this.rowsPerSecond, this.rampUpTimeSeconds);
    const rangeEnd = valueAtSecond(endSeconds, this.rowsPerSecond, this.rampUpTimeSeconds);
    const n = rangeEnd - rangeStart;
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    const localStartTimeMs = this.creationTimeMs + startSeconds * 1000;
    const relativeMsPerValue = n === 0 ? 0 : ((endSeconds - startSeconds) * 1000) / n;
    for (let i = 0; i < n; i++) {
      values[i] = rangeStart + i;
      // RateStreamMicroBatchPartitionReader: math.round, i.e. half up, in milliseconds.
      timestamps[i] = (Math.floor(i * relativeMsPerValue + 0.5) + localStartTimeMs) * 1000;
    }
    return { batch: rateBatch(timestamps, values) };
  }

  async commit(): Promise<void> {}

  async stop(): Promise<void> {}
}

/** A (timestamp, value) batch over ready columns: timestamps in microseconds. */
export function rateBatch(timestamps: Float64Array, values: Float64Array): ColumnBatch {
  const columns: Vector[] = [
    {
      storage: 'float64',
      type: T.timestamp,
      length: values.length,
      validity: null,
      values: timestamps,
    },
    { storage: 'float64', type: T.long, length: values.length, validity: null, values },
  ];
  return new ColumnBatch(RATE_SCHEMA, columns, values.length);
}

function overflow(message: string): SparkArithmeticException {
  return new SparkArithmeticException('_LEGACY_ERROR_TEMP_ARITHMETIC_OVERFLOW', message);
}
