/**
 * The checkpoint folder of a streaming query, in Spark's formats so a later restart (and
 * Spark's own tools) can read it:
 *
 *   metadata        {"id":"<query id>"}                                    (StreamMetadata)
 *   offsets/<N>     v1 \n {"batchWatermarkMs":..,"batchTimestampMs":..,"conf":{..}} \n one
 *                   line per source offset JSON, "-" for none              (OffsetSeqLog)
 *   commits/<N>     v1 \n {"nextBatchWatermarkMs":..}                     (CommitLog)
 *   sources/<i>/    the file source log, written by the source itself
 *   state/          operator state (state-checkpoint.ts) and plan fingerprint (state-metadata.ts)
 *
 * `offsets/N` is written before batch N runs and `commits/N` after its sink write, so a
 * restart knows whether batch N must be re-run with exactly the logged offsets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { writeTextAtomicallySync } from '../io/atomic-file';
import { MetadataLog } from './metadata-log';
import { IllegalStateException } from './stream-errors';

export interface OffsetSeqMetadata {
  readonly batchWatermarkMs: number;
  readonly batchTimestampMs: number;
  /** Confs that must not change across restarts (OffsetSeqMetadata.relevantSQLConfs). */
  readonly conf: Readonly<Record<string, string>>;
}

export interface OffsetSeq {
  /** One per source in plan order; null where the source has no offset yet. */
  readonly offsets: readonly unknown[];
  readonly metadata: OffsetSeqMetadata;
}

export interface CommitMetadata {
  readonly nextBatchWatermarkMs: number;
}

const VERSION = 'v1';

export function serializeOffsetSeq(seq: OffsetSeq): string {
  const { batchWatermarkMs, batchTimestampMs, conf } = seq.metadata;
  const lines = [VERSION, JSON.stringify({ batchWatermarkMs, batchTimestampMs, conf })];
  for (const o of seq.offsets) lines.push(o === null || o === undefined ? '-' : JSON.stringify(o));
  return lines.join('\n');
}

export function parseOffsetSeq(text: string): OffsetSeq {
  const [version, meta, ...offsets] = text.split('\n');
  checkVersion(version);
  return {
    metadata: JSON.parse(meta) as OffsetSeqMetadata,
    offsets: offsets.map((l) => (l === '-' ? null : (JSON.parse(l) as unknown))),
  };
}

export function serializeCommit(c: CommitMetadata): string {
  return `${VERSION}\n${JSON.stringify({ nextBatchWatermarkMs: c.nextBatchWatermarkMs })}`;
}

export function parseCommit(text: string): CommitMetadata {
  const [version, meta] = text.split('\n');
  checkVersion(version);
  return JSON.parse(meta) as CommitMetadata;
}

function checkVersion(line: string | undefined): void {
  if (line !== VERSION) {
    throw new Error(
      `Log file was malformed: failed to detect the log file version line (found ${JSON.stringify(line)}).`,
    );
  }
}

/** The logs of one query: on disk under `location`, or in memory when there is none. */
export class Checkpoint {
  readonly offsets: MetadataLog;
  readonly commits: MetadataLog;

  constructor(readonly location?: string) {
    this.offsets = new MetadataLog(location === undefined ? undefined : join(location, 'offsets'));
    this.commits = new MetadataLog(location === undefined ? undefined : join(location, 'commits'));
  }

  /** Writes `offsets/<batchId>` before the batch runs (markMicroBatchStart); it must not exist yet. */
  async writeOffsets(batchId: number, seq: OffsetSeq): Promise<void> {
    if (!(await this.offsets.add(batchId, serializeOffsetSeq(seq)))) {
      throw new IllegalStateException(
        `Concurrent update to the log. Multiple streaming jobs detected for ${batchId}`,
      );
    }
  }

  /** The logged offsets of `batchId`, or null. */
  async offsetsOf(batchId: number): Promise<OffsetSeq | null> {
    if (batchId < 0) return null;
    const text = await this.offsets.get(batchId);
    return text === undefined ? null : parseOffsetSeq(text);
  }

  /** Drops log entries older than the newest `minBatchesToRetain` (spark.sql.streaming.minBatchesToRetain). */
  async purge(currentBatchId: number, minBatchesToRetain: number): Promise<void> {
    if (minBatchesToRetain >= currentBatchId) return;
    const threshold = currentBatchId - minBatchesToRetain;
    await this.offsets.purge(threshold);
    await this.commits.purge(threshold);
  }

  /** `<location>/state`, when on disk. */
  statePath(): string | undefined {
    return this.location === undefined ? undefined : join(this.location, 'state');
  }

  /** `<location>/sources/<i>` for the i-th source's own log, when on disk. */
  sourcePath(index: number): string | undefined {
    return this.location === undefined ? undefined : join(this.location, 'sources', String(index));
  }

  /**
   * The query id stored in `metadata`, writing a new one on first use (StreamExecution's
   * streamMetadata): the id is what stays stable across restarts of the same checkpoint.
   */
  queryId(): string {
    if (this.location === undefined) return randomUUID();
    const file = join(this.location, 'metadata');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { id: string }).id;
    const id = randomUUID();
    writeTextAtomicallySync(file, JSON.stringify({ id }));
    return id;
  }
}
