/**
 * Writes a file so that readers see either nothing or the whole content: a hidden temp file
 * in the same folder, then a rename (Spark's CheckpointFileManager.createAtomic). Used for
 * sink output files, `_spark_metadata` entries and the checkpoint logs. Leftover temp files
 * start with a dot, so file sources never read them.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
