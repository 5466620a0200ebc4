/**
 * The file sink (Spark's FileStreamSink) for json and csv: append mode only. Each batch is
 * encoded by the format's writer into one file `part-00000-<uuid>-c000.<ext>` (Spark's
 * naming for partition 0; written even when the batch is empty, as Spark's first task
 * always writes), placed atomically (temp file + rename), and then recorded under
 * `_spark_metadata/<batchId>`. A batch id at or below the newest one in that log was already
 * committed and is skipped, which makes a re-run batch after a crash harmless.
 *
 * Exactly once across crashes: the log entry is the commit. A crash between the part file's
 * rename and its log entry leaves a file no reader that honours the log will see; before its
 * first write each sink removes such leftovers (uncommitted-output.ts), so the re-run of the
 * lost batch replaces them rather than adding a second copy.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ColumnBatch } from '../../batch/column-batch';
import type { OutputMode } from '../../exec/physical-plan';
import { writeAtomically } from './atomic-write';
import type { FormatWriter } from '../formats/format';
import type { Sink } from '../sink';
import { FileStreamSinkLog } from './file-sink-log';
import { removeUncommittedOutput } from './uncommitted-output';

/** Hadoop's LocalFileSystem default block size, which Spark records for every file. */
const LOCAL_BLOCK_SIZE = 33554432;

export class FileStreamSink implements Sink {
  readonly description: string;
  readonly log: FileStreamSinkLog;
  private readonly dir: string;
  /** Whether this instance has cleared what an earlier, crashed run left behind. */
  private swept = false;

  constructor(
    path: string,
    private readonly writer: FormatWriter,
    compactInterval = 10,
  ) {
    this.description = `FileSink[${path}]`;
    this.dir = resolve(path);
    this.log = new FileStreamSinkLog(join(this.dir, '_spark_metadata'), compactInterval);
  }

  async addBatch(batchId: number, batch: ColumnBatch, _outputMode: OutputMode): Promise<void> {
    const latest = await this.log.getLatestBatchId();
    if (latest !== null && batchId <= latest) return;
    if (!this.swept) {
      await removeUncommittedOutput(this.dir, this.writer.extension, this.log);
      this.swept = true;
    }
    const file = join(this.dir, `part-00000-${randomUUID()}-c000.${this.writer.extension}`);
    await writeAtomically(file, this.writer.encode(batch));
    const st = await stat(file);
    await this.log.add(batchId, [
      {
        path: pathToFileURL(file).href,
        size: st.size,
        isDir: false,
        modificationTime: Math.floor(st.mtimeMs),
        blockReplication: 1,
        blockSize: LOCAL_BLOCK_SIZE,
        action: 'add',
      },
    ]);
  }

  /** Spark's V1 file sink reports -1 output rows. */
  lastNumOutputRows(): number {
    return -1;
  }

  async stop(): Promise<void> {}
}
