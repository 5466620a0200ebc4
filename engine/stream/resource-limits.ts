/**
 * A query's resource limits, in Tidemark's own conf namespace (Spark has none of them; see
 * docs/spark-differences.md). Each is read from the writer's options first, then from the
 * session conf, then a default sized from the heap limit (heap-limit.ts):
 *
 *   spark.tidemark.state.maxMemoryBytes     estimated state bytes per query (512m or ¼ heap)
 *   spark.tidemark.state.warnFraction       STATE_MEMORY_HIGH from this share of it (0.8)
 *   spark.tidemark.memorySink.maxRows       rows of a memory sink's table (5000000)
 *   spark.tidemark.memorySink.maxBytes      estimated bytes of that table (1g or ¼ heap)
 *   spark.tidemark.memorySink.warnFraction  MEMORY_SINK_HIGH from this share of either (0.8)
 *
 * Byte sizes take Spark's size strings (`64k`, `512m`, `1g`). A value that is not a positive
 * size or a fraction in (0, 1] fails `start()` with an error naming the key.
 */
import { IllegalArgumentException } from '../errors';
import { heapLimitShare } from '../io/heap-limit';
import { parseByteString } from '../io/byte-size';
import {
  defaultMemorySinkLimits,
  MEMORY_SINK_MAX_BYTES_KEY,
  MEMORY_SINK_MAX_ROWS_KEY,
  MEMORY_SINK_WARN_FRACTION_KEY,
  type MemorySinkLimits,
} from '../io/sinks/memory-sink-limits';
import type { ConfReader } from './streaming-conf';

export const STATE_MAX_MEMORY_BYTES_KEY = 'spark.tidemark.state.maxMemoryBytes';
export const STATE_WARN_FRACTION_KEY = 'spark.tidemark.state.warnFraction';

export interface StateMemoryLimit {
  /** Estimated bytes of all the query's operator state (Σ memoryUsedBytes). */
  readonly maxMemoryBytes: number;
  readonly warnFraction: number;
}

export interface ResourceLimits {
  readonly state: StateMemoryLimit;
  readonly memorySink: MemorySinkLimits;
}

const DEFAULT_STATE_MAX_MEMORY_BYTES = 512 * 1024 ** 2;
const DEFAULT_WARN_FRACTION = 0.8;

/** The limits with nothing set: what a query gets unless its session or writer says otherwise. */
export function defaultResourceLimits(): ResourceLimits {
  return readResourceLimits({ get: (_key, dflt) => dflt ?? null }, {});
}

export function readResourceLimits(
  conf: ConfReader,
  options: Readonly<Record<string, string>>,
): ResourceLimits {
  // Writer option names are case-insensitive, as Spark's CaseInsensitiveMap.
  const lowered = new Map(Object.entries(options).map(([k, v]) => [k.toLowerCase(), v]));
  const setting = (key: string): string | null => lowered.get(key.toLowerCase()) ?? conf.get(key, null);
  const sink = defaultMemorySinkLimits();
  return {
    state: {
      maxMemoryBytes: readBytes(
        STATE_MAX_MEMORY_BYTES_KEY,
        setting(STATE_MAX_MEMORY_BYTES_KEY),
        heapLimitShare(0.25, DEFAULT_STATE_MAX_MEMORY_BYTES),
      ),
      warnFraction: readFraction(STATE_WARN_FRACTION_KEY, setting(STATE_WARN_FRACTION_KEY), DEFAULT_WARN_FRACTION),
    },
    memorySink: {
      maxRows: readCount(MEMORY_SINK_MAX_ROWS_KEY, setting(MEMORY_SINK_MAX_ROWS_KEY), sink.maxRows),
      maxBytes: readBytes(MEMORY_SINK_MAX_BYTES_KEY, setting(MEMORY_SINK_MAX_BYTES_KEY), sink.maxBytes),
      warnFraction: readFraction(MEMORY_SINK_WARN_FRACTION_KEY, setting(MEMORY_SINK_WARN_FRACTION_KEY), sink.warnFraction),
    },
  };
}

function readBytes(key: string, text: string | null, fallback: number): number {
  if (text === null || text.trim() === '') return fallback;
  const bytes = parseByteString(text, key);
  if (!(bytes > 0)) throw new IllegalArgumentException(`${key} must be a positive size such as 64m or 1g, got ${text}`);
  return bytes;
}

function readCount(key: string, text: string | null, fallback: number): number {
  if (text === null || text.trim() === '') return fallback;
  const n = Number(text.trim());
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new IllegalArgumentException(`${key} must be a positive whole number of rows, got ${text}`);
  return n;
}

function readFraction(key: string, text: string | null, fallback: number): number {
  if (text === null || text.trim() === '') return fallback;
  const f = Number(text.trim());
  if (!(f > 0 && f <= 1))
    throw new IllegalArgumentException(`${key} must be a fraction above 0 and at most 1 (e.g. 0.8), got ${text}`);
  return f;
}
