/**
 * The source side of one trigger: asking sources for offsets and reading the rows between
 * a batch's start and end offsets (MicroBatchExecution.constructNextBatch / runBatch).
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { Offset, Source, SourceBatch } from '../io/source';

export interface SourceEntry {
  readonly id: string;
  readonly source: Source;
}

export interface SourceBatches {
  /** New rows per source id (sources without new offsets are absent). */
  readonly inputs: Map<string, ColumnBatch>;
  readonly rows: Map<string, number>;
  /** What each source returned, for the Tidemark progress extras (files, corrupt records). */
  readonly parts: SourceBatch[];
}

/** getBatch(start, end) for every source whose end offset differs from its start. */
export async function readSourceBatches(
  sources: readonly SourceEntry[],
  startOffsets: ReadonlyMap<string, Offset>,
  endOffsets: ReadonlyMap<string, Offset>,
): Promise<SourceBatches> {
  const inputs = new Map<string, ColumnBatch>();
  const rows = new Map<string, number>();
  const parts: SourceBatch[] = [];
  for (const { id, source } of sources) {
    const end = endOffsets.get(id);
    if (end === undefined) continue;
    const start = startOffsets.get(id);
    if (start !== undefined && sameOffset(start, end)) continue;
    const got = await source.getBatch(start ?? null, end);
    inputs.set(id, got.batch);
    rows.set(id, (rows.get(id) ?? 0) + got.batch.numRows);
    parts.push(got);
  }
  return { inputs, rows, parts };
}

/**
 * Trigger.Once reads everything available in its one batch, ignoring maxFilesPerTrigger and
 * friends (MicroBatchExecution: ReadLimit.allAvailable for SingleBatchExecutor). Sources with
 * admission control (the file source: `defaultReadLimit`) take the limit as an argument.
 */
export function latestOffsetFor(source: Source, allAvailable: boolean): Promise<Offset | null> {
  if (allAvailable && 'defaultReadLimit' in source) {
    return (source.latestOffset as (limit: 'all') => Promise<Offset | null>).call(source, 'all');
  }
  return source.latestOffset();
}

export async function settle(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch {
    // reported by the query's own failure, if any; stopping goes on
  }
}

export function sameOffset(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
