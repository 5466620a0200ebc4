/**
 * How large a memory sink's table may grow (Tidemark only: Spark's MemorySink keeps every
 * row it is given until the driver runs out of memory). The table's size after a batch is
 * what counts: in complete mode the batch's rows alone (the table is replaced), in append
 * and update mode every row held so far plus the batch's. Past `warnFraction` of either cap
 * the sink warns in progress (MEMORY_SINK_HIGH); past a cap the batch fails with
 * MEMORY_SINK_LIMIT_EXCEEDED before a row of it is taken, so the table stays as it was.
 *
 * Why fail rather than keep the newest rows: a table that silently lost its oldest rows
 * would answer `SELECT count(*)` or a join with numbers Spark never gives; a failure says
 * what happened and how to go on (a larger cap, complete mode over an aggregate, a file sink).
 */
import type { ColumnBatch } from '../../batch/column-batch';
import type { Vector } from '../../batch/vector';
import { SparkRuntimeException } from '../../errors';
import { formatByteSize } from '../byte-size';
import { heapLimitShare } from '../heap-limit';
import type { SourceWarning } from '../source';

export const MEMORY_SINK_MAX_ROWS_KEY = 'spark.tidemark.memorySink.maxRows';
export const MEMORY_SINK_MAX_BYTES_KEY = 'spark.tidemark.memorySink.maxBytes';
export const MEMORY_SINK_WARN_FRACTION_KEY = 'spark.tidemark.memorySink.warnFraction';

export interface MemorySinkLimits {
  readonly maxRows: number;
  /** On the estimate of estimateBatchBytes, not the heap the table happens to take. */
  readonly maxBytes: number;
  /** Fraction of either cap at which the sink warns, in (0, 1]. */
  readonly warnFraction: number;
}

/** 5,000,000 rows, and 1 GiB or a quarter of the heap limit, whichever is less; warn at 80%. */
export function defaultMemorySinkLimits(): MemorySinkLimits {
  return { maxRows: 5_000_000, maxBytes: heapLimitShare(0.25, 1024 ** 3), warnFraction: 0.8 };
}

/** What the table would hold after a batch. */
export interface MemorySinkSize {
  readonly rows: number;
  readonly bytes: number;
}

/** The failure for a batch that would take the table past a cap, or null when it fits. */
export function memorySinkLimitExceeded(
  size: MemorySinkSize,
  limits: MemorySinkLimits,
  batchId: number,
  complete: boolean,
): SparkRuntimeException | null {
  const byRows = size.rows > limits.maxRows;
  if (!byRows && size.bytes <= limits.maxBytes) return null;
  const key = byRows ? MEMORY_SINK_MAX_ROWS_KEY : MEMORY_SINK_MAX_BYTES_KEY;
  const cap = byRows ? `${limits.maxRows.toLocaleString('en-US')} rows` : formatByteSize(limits.maxBytes);
  const held = complete
    ? 'In complete mode the table is the whole result of each batch'
    : 'In append and update mode the table keeps every row the query has written';
  return new SparkRuntimeException(
    'MEMORY_SINK_LIMIT_EXCEEDED',
    `Batch ${batchId} would bring the memory sink's table to ${describeSize(size)}, above its limit of ${cap} (${key}). ${held}; the batch was not added and not committed. Raise the limit with spark.conf.set("${key}", …) or writeStream.option("${key}", …), aggregate the output (complete mode keeps one row per group), or write to a file sink (parquet, json) for output this large.`,
    {
      messageParameters: {
        batchId: String(batchId),
        rows: String(size.rows),
        bytes: String(size.bytes),
        limit: key,
      },
      sqlState: '53200',
    },
  );
}

/** A MEMORY_SINK_HIGH warning once the table holds `warnFraction` of a cap, else null. */
export function memorySinkHighWarning(size: MemorySinkSize, limits: MemorySinkLimits): SourceWarning | null {
  const rowShare = size.rows / limits.maxRows;
  const byteShare = size.bytes / limits.maxBytes;
  const share = Math.max(rowShare, byteShare);
  if (share < limits.warnFraction) return null;
  const [cap, key] =
    rowShare >= byteShare
      ? [`${limits.maxRows.toLocaleString('en-US')} rows`, MEMORY_SINK_MAX_ROWS_KEY]
      : [formatByteSize(limits.maxBytes), MEMORY_SINK_MAX_BYTES_KEY];
  return {
    code: 'MEMORY_SINK_HIGH',
    message: `The memory sink's table holds ${describeSize(size)}, ${Math.floor(share * 100)}% of its limit of ${cap} (${key}). At the limit the query stops with MEMORY_SINK_LIMIT_EXCEEDED: aggregate the output, write to a file sink, or raise ${key}.`,
  };
}

function describeSize(size: MemorySinkSize): string {
  return `${size.rows.toLocaleString('en-US')} rows (about ${formatByteSize(size.bytes)})`;
}

/**
 * Estimated bytes of a batch's columns: typed arrays by their length, strings by their
 * UTF-16 length plus a header, nested values by walking them. A dictionary shared with
 * other batches is counted in each, so the estimate errs high.
 */
export function estimateBatchBytes(batch: ColumnBatch): number {
  let bytes = 0;
  for (const column of batch.columns) bytes += vectorBytes(column);
  return bytes;
}

function vectorBytes(v: Vector): number {
  const validity = v.validity?.byteLength ?? 0;
  switch (v.storage) {
    case 'bool':
    case 'int32':
    case 'float64':
      return validity + v.values.byteLength;
    case 'string': {
      let dict = 0;
      for (const s of v.dict) dict += STRING_HEADER + 2 * s.length;
      return validity + v.codes.byteLength + dict;
    }
    case 'struct': {
      let children = 0;
      for (const c of v.children) children += vectorBytes(c);
      return validity + children;
    }
    case 'object': {
      let values = 0;
      for (const x of v.values) values += POINTER + valueBytes(x);
      return validity + values;
    }
  }
}

const POINTER = 8;
const STRING_HEADER = 16;
const OBJECT_HEADER = 32;

function valueBytes(x: unknown): number {
  if (x === null || x === undefined || typeof x === 'boolean') return 0;
  if (typeof x === 'number') return 8;
  if (typeof x === 'bigint') return 16;
  if (typeof x === 'string') return STRING_HEADER + 2 * x.length;
  if (ArrayBuffer.isView(x)) return OBJECT_HEADER + x.byteLength;
  if (x instanceof Map) {
    let n = OBJECT_HEADER;
    for (const [k, v] of x) n += 2 * POINTER + valueBytes(k) + valueBytes(v);
    return n;
  }
  if (Array.isArray(x)) {
    let n = OBJECT_HEADER;
    for (const e of x) n += POINTER + valueBytes(e);
    return n;
  }
  if (typeof x === 'object') {
    let n = OBJECT_HEADER;
    for (const e of Object.values(x)) n += POINTER + valueBytes(e);
    return n;
  }
  return POINTER;
}
