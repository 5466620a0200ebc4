/**
 * Reading a folder a streaming file sink writes: when the folder holds `_spark_metadata`,
 * its files are the ones that log names, not what a listing finds (Spark's
 * FileStreamSink.hasMetadata + MetadataLogFileIndex). Part files of a batch that crashed
 * before its log entry, and temp files of interrupted writes, are therefore never read.
 *
 * As in MetadataLogFileIndex, only logged files under the folder itself count (a log copied
 * along with a moved folder names the old paths, which are not read), and `pathGlobFilter`
 * still applies to file names (PartitioningAwareFileIndex.matchPathPattern).
 */
import { stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileStreamSinkLog } from '../sinks/file-sink-log';
import { isGlobPath } from './glob-pattern';

/** FileStreamSink.metadataDir */
export const SINK_METADATA_DIR = '_spark_metadata';

/**
 * Whether `path` is a sink output folder (FileStreamSink.hasMetadata): a single, non-glob
 * path naming a folder that holds `_spark_metadata`.
 */
export async function hasSinkMetadata(path: string): Promise<boolean> {
  if (isGlobPath(path)) return false;
  const dir = resolve(path);
  try {
    if (!(await stat(dir)).isDirectory()) return false;
    return (await stat(join(dir, SINK_METADATA_DIR))).isDirectory();
  } catch {
    // Spark: "Assume no metadata directory" when the lookup itself fails.
    return false;
  }
}

/** Absolute paths of the files the sink log of `folder` lists as committed, sorted. */
export async function committedSinkFiles(
  folder: string,
  pathGlobFilter?: RegExp,
): Promise<string[]> {
  const dir = resolve(folder);
  const log = new FileStreamSinkLog(join(dir, SINK_METADATA_DIR));
  const files = new Set<string>();
  for (const entry of await log.allFiles()) {
    if (entry.isDir) continue;
    const path = entry.path.startsWith('file:') ? fileURLToPath(entry.path) : resolve(entry.path);
    if (!path.startsWith(dir + sep)) continue;
    if (pathGlobFilter !== undefined && !pathGlobFilter.test(basename(path))) continue;
    files.add(path);
  }
  return [...files].sort();
}
