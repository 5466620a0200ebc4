/**
 * Crash-safe file replacement for the host's own files (workspaces, autosaves, the recent
 * list): write a temp file in the same folder, fsync it, rename it over the target, fsync
 * the folder. A crash at any point leaves either the old file or the new one, never a torn
 * mix; a failure removes the temp file and leaves the old file as it was.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file operations used, so a test can make one of them fail. */
export interface AtomicWriteIo {
  open(path: string, flags: string): Promise<fs.FileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

const nodeIo: AtomicWriteIo = {
  open: (path, flags) => fs.open(path, flags),
  rename: (from, to) => fs.rename(from, to),
  unlink: (path) => fs.unlink(path),
};

/** The temp name: hidden, unique, and recognisable (`isAtomicTempFile`). */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

export function isAtomicTempFile(name: string): boolean {
  return /^\..+\.[0-9a-f]{12}\.tmp$/.test(name);
}

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  io: AtomicWriteIo = nodeIo,
): Promise<void> {
  const temp = tempPathFor(path);
  try {
    // 'wx': never follow or reuse something already at the temp name.
    const handle = await io.open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await io.rename(temp, path);
  } catch (e) {
    await io.unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncFolder(dirname(path));
}

/**
 * Makes the rename itself durable (POSIX: the folder entry lives in the folder's data).
 * Windows cannot open a folder for fsync; NTFS journals the rename, so it is skipped there.
 */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
