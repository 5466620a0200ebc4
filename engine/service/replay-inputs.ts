/**
 * The input of a watermark replay: for each trigger of the original run, exactly the files
 * it read (progress tidemark.files), decoded as the query's FileStreamSource decodes them
 * (same reader, schema and options, files concatenated in list order, as getBatch does).
 * Each file is read on its own so its row count is known: that maps a traced row back to its
 * file. Decoded triggers are cached per query, so moving the delay slider re-runs the
 * operators without reading the files again.
 */
import { ColumnBatch } from '../batch/column-batch';
import type { ReaderConf } from '../io/formats/format';
import { readerFor } from '../io/formats/registry';
import { readFiles } from '../io/sources/read-files';
import { declaredSchema, schemaRequiredError } from '../io/sources/source-schema';
import { parseFileStreamOptions } from '../io/sources/file-stream-options';
import type { SourceNode } from '../plan/logical-plan';
import type { StructType } from '../types/struct-type';

/** One trigger of the original run, as the replay needs it. */
export interface RecordedTrigger {
  readonly batchId: number;
  readonly files: readonly string[];
}

export interface TriggerInput {
  readonly batchId: number;
  readonly files: readonly string[];
  /** Rows each file gave, in `files` order. */
  readonly fileRows: readonly number[];
  readonly batch: ColumnBatch;
}

/** Decoded triggers of one query's source, keyed by batch id and file list. */
export class ReplayInputCache {
  private readonly held = new Map<string, TriggerInput>();
  private heldRows = 0;

  constructor(
    private readonly source: SourceNode,
    private readonly conf: ReaderConf,
    /** Rows kept decoded; beyond it the oldest triggers are read again when needed. */
    private readonly maxRows = 5_000_000,
  ) {}

  /** Whether this cache serves `source` (a restarted query with a new plan gets a new cache). */
  serves(source: SourceNode): boolean {
    return JSON.stringify(source) === JSON.stringify(this.source);
  }

  async input(trigger: RecordedTrigger): Promise<TriggerInput> {
    const key = `${trigger.batchId}\u0000${trigger.files.join('\u0000')}`;
    const cached = this.held.get(key);
    if (cached !== undefined) return cached;
    const read = await readTrigger(this.source, trigger, this.conf);
    this.held.set(key, read);
    this.heldRows += read.batch.numRows;
    for (const [k, v] of this.held) {
      if (this.heldRows <= this.maxRows || k === key) break;
      this.held.delete(k);
      this.heldRows -= v.batch.numRows;
    }
    return read;
  }
}

async function readTrigger(
  source: SourceNode,
  trigger: RecordedTrigger,
  conf: ReaderConf,
): Promise<TriggerInput> {
  const schema = sourceSchema(source);
  if (trigger.files.length === 0) {
    return { batchId: trigger.batchId, files: [], fileRows: [], batch: ColumnBatch.empty(schema) };
  }
  const options = parseFileStreamOptions(source.options);
  const reader = readerFor(source.format.toLowerCase(), source.options, conf);
  const parts = await Promise.all(
    trigger.files.map((f) =>
      readFiles([f], reader, schema, {
        ignoreMissingFiles: options.ignoreMissingFiles,
        ignoreCorruptFiles: options.ignoreCorruptFiles,
      }),
    ),
  );
  return {
    batchId: trigger.batchId,
    files: trigger.files,
    fileRows: parts.map((p) => p.batch.numRows),
    batch: ColumnBatch.concat(
      schema,
      parts.map((p) => p.batch),
    ),
  };
}

function sourceSchema(source: SourceNode): StructType {
  const schema = declaredSchema(source);
  if (schema === undefined) throw schemaRequiredError();
  return schema;
}
