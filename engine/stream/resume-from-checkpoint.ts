/**
 * Where a query resumes, read from its offsets and commits logs (MicroBatchExecution.
 * populateStartOffsets): the newest `offsets/N` is the batch to run next; if `commits/N`
 * exists it finished, so the query starts batch N+1 from N's offsets, otherwise batch N is
 * run again with exactly its logged offsets, watermark and timestamp. The watermark resumes
 * from the logs, under the multipleWatermarkPolicy logged with the offsets.
 */
import type { Offset } from '../io/source';
import { parseCommit, parseOffsetSeq, type Checkpoint } from './checkpoint';
import { IllegalStateException } from './stream-errors';
import { parseWatermarkPolicy, type MultipleWatermarkPolicy } from './watermark-tracker';

export interface StartState {
  readonly batchId: number;
  /** True when batch `batchId` was logged but not committed: run it again as logged. */
  readonly rerunLastBatch: boolean;
  readonly startOffsets: Map<string, Offset>;
  readonly endOffsets: Map<string, Offset>;
  readonly batchWatermarkMs: number;
  readonly batchTimestampMs: number;
  readonly watermarkMs: number;
  readonly watermarkPolicy: MultipleWatermarkPolicy;
}

/** null for a fresh checkpoint (the query starts at batch 0). */
export async function readStartState(
  checkpoint: Checkpoint,
  sourceIds: readonly string[],
): Promise<StartState | null> {
  const latest = await checkpoint.offsets.getLatest();
  if (latest === undefined) return null;
  const seq = parseOffsetSeq(latest.text);
  const toMap = (offsets: readonly unknown[]): Map<string, Offset> => {
    const map = new Map<string, Offset>();
    sourceIds.forEach((id, i) => {
      const o = offsets[i];
      if (o !== null && o !== undefined) map.set(id, o);
    });
    return map;
  };
  const endOffsets = toMap(seq.offsets);
  let startOffsets = new Map<string, Offset>();
  if (latest.batchId > 0) {
    const previous = await checkpoint.offsets.get(latest.batchId - 1);
    if (previous === undefined)
      throw new IllegalStateException(`batch ${latest.batchId - 1} doesn't exist`);
    startOffsets = toMap(parseOffsetSeq(previous).offsets);
  }
  const base = {
    endOffsets,
    batchWatermarkMs: seq.metadata.batchWatermarkMs,
    batchTimestampMs: seq.metadata.batchTimestampMs,
    watermarkPolicy: parseWatermarkPolicy(
      seq.metadata.conf['spark.sql.streaming.multipleWatermarkPolicy'],
    ),
  };
  const commit = await checkpoint.commits.getLatest();
  if (commit !== undefined && commit.batchId === latest.batchId) {
    return {
      ...base,
      batchId: latest.batchId + 1,
      rerunLastBatch: false,
      startOffsets: new Map(endOffsets),
      watermarkMs: Math.max(
        seq.metadata.batchWatermarkMs,
        parseCommit(commit.text).nextBatchWatermarkMs,
      ),
    };
  }
  return {
    ...base,
    batchId: latest.batchId,
    rerunLastBatch: true,
    startOffsets,
    watermarkMs: seq.metadata.batchWatermarkMs,
  };
}
