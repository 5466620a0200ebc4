/**
 * Removes what a crashed run of a file sink left in its output folder: part files that no
 * `_spark_metadata` entry names (written, but the process died before the batch was logged)
 * and the hidden temp files of interrupted atomic writes, in the folder and in the log.
 *
 * Spark leaves such files in place after a hard crash and relies on readers honouring the
 * sink log (MetadataLogFileIndex); its ManifestFileCommitProtocol.abortJob deletes a failed
 * job's files only when the driver lives to call it. Sweeping on the next start does that
 * abort late, so a re-run batch replaces its lost attempt instead of sitting beside it, and
 * even a reader that ignores the log (`ls`, a plain file source) sees no duplicates.
 *
 * Only names this sink writes are touched (`part-<5 digits>-<uuid>-c<3 digits>.<ext>` and
 * `.<name>.<uuid>.tmp`); committed files are matched by file name, not by absolute path,
 * so an output folder that was moved keeps all its files.
 */
import { readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileStreamSinkLog } from './file-sink-log';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `.<final name>.<uuid>.tmp`: writeAtomically's temp names, as CheckpointFileManager.createAtomic's. */
const TEMP_FILE = new RegExp(`^\\..+\\.${UUID}\\.tmp$`);

export interface SweepResult {
  /** Names removed from the output folder and from `_spark_metadata`. */
  readonly removed: string[];
}

export async function removeUncommittedOutput(
  dir: string,
  extension: string,
  log: FileStreamSinkLog,
): Promise<SweepResult> {
  const partFile = new RegExp(`^part-\\d{5}-${UUID}-c\\d{3}\\.${escapeRegExp(extension)}$`);
  const committed = new Set((await log.allFiles()).map((f) => basename(localPath(f.path))));
  const removed: string[] = [];
  for (const name of await namesIn(dir)) {
    const leftover = TEMP_FILE.test(name) || (partFile.test(name) && !committed.has(name));
    if (!leftover) continue;
    await rm(join(dir, name), { force: true });
    removed.push(name);
  }
  for (const name of await namesIn(log.dir)) {
    if (!TEMP_FILE.test(name)) continue;
    await rm(join(log.dir, name), { force: true });
    removed.push(join(basename(log.dir), name));
  }
  return { removed };
}

/** Log entries hold qualified URIs (`file:///…`), as Spark writes them; older ones may be bare paths. */
function localPath(path: string): string {
  return path.startsWith('file:') ? fileURLToPath(path) : path;
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
