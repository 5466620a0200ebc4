/**
 * Writing a file so that readers see either the old file or the whole new one, never a
 * half-written one (issue 5 §7: "files written atomically"). The bytes go to a temp file in
 * the target's own folder (a rename is only atomic within one file system), are fsynced, and
 * the temp file is renamed over the target; the folder is then fsynced so the rename itself
 * survives a crash. Spark's file sinks get the same guarantee from Hadoop's
 * FileContext-based CheckpointFileManager (write `.<name>.<uuid>.tmp`, then rename).
 *
 * Writing is split into stage (temp file complete and durable) and commit (rename), so a
 * data file and its sidecar manifest can both be staged before either replaces anything.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Where a writer puts its bytes: appended to the temp file in order. */
export interface FileChunkSink {
  write(chunk: Uint8Array): Promise<void>;
}

/** A complete, fsynced temp file waiting to replace `path`. */
export interface StagedFile {
  readonly path: string;
  readonly tempPath: string;
  /** Size of the staged file: what `path` will hold after commit. */
  readonly bytes: number;
  /** Renames the temp file over `path` and fsyncs the folder. Removes the temp file on failure. */
  commit(): Promise<void>;
  /** Removes the temp file (a no-op once committed). */
  discard(): Promise<void>;
}

/**
 * A file that could not be written, with a message naming the file and what to do.
 * `code` is the Node.js errno code (ENOENT, EACCES, …) when the file system refused.
 */
export class FileWriteError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FileWriteError';
  }
}

/** The temp name beside `path`: hidden (leading dot), so folder watchers and listings skip it. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
}

/**
 * Runs `write` against a new temp file beside `path` and makes it durable. Nothing at `path`
 * changes. If `write` or the file system fails, the temp file is removed and the error
 * rethrown (file-system errors as FileWriteError naming `path`).
 */
export async function stageFile(
  path: string,
  write: (sink: FileChunkSink) => Promise<void> | void,
): Promise<StagedFile> {
  const tempPath = tempPathFor(path);
  let handle: FileHandle | undefined;
  let bytes = 0;
  try {
    // Caught here rather than at the rename, so that no sibling file (a manifest) is
    // committed before this one fails.
    if ((await stat(path).catch(() => null))?.isDirectory())
      throw Object.assign(new Error(`EISDIR: ${path} is a directory`), { code: 'EISDIR' });
    // 'wx': never reuse or follow an existing file of that name.
    handle = await open(tempPath, 'wx');
    const fh = handle;
    await write({
      async write(chunk: Uint8Array): Promise<void> {
        let at = 0;
        while (at < chunk.length) {
          const { bytesWritten } = await fh.write(chunk, at, chunk.length - at);
          at += bytesWritten;
        }
        bytes += chunk.length;
      },
    });
    await fh.sync();
    await fh.close();
    handle = undefined;
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await removeQuietly(tempPath);
    throw asFileWriteError(e, path);
  }
  let settled = false;
  return {
    path,
    tempPath,
    bytes,
    async commit(): Promise<void> {
      if (settled) return;
      try {
        await rename(tempPath, path);
      } catch (e) {
        await removeQuietly(tempPath);
        throw asFileWriteError(e, path);
      } finally {
        settled = true;
      }
      await syncFolder(dirname(path));
    },
    async discard(): Promise<void> {
      if (settled) return;
      settled = true;
      await removeQuietly(tempPath);
    },
  };
}

/** Stages and commits one file: `path` is either untouched or entirely the new bytes. */
export async function writeFileAtomically(
  path: string,
  write: (sink: FileChunkSink) => Promise<void> | void,
): Promise<number> {
  const staged = await stageFile(path, write);
  await staged.commit();
  return staged.bytes;
}

/** Text into `path` atomically and durably, creating its folder first (checkpoint files). */
export async function writeTextAtomically(path: string, text: string): Promise<void> {
  await writeBytesAtomically(path, new TextEncoder().encode(text));
}

/** writeTextAtomically for bytes already encoded (the parent folder is made as needed). */
export async function writeBytesAtomically(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomically(path, (sink) => sink.write(bytes));
}

/**
 * The synchronous form, for the few files written where the caller cannot wait (a query's
 * `metadata`, written inside DataStreamWriter.start(), which returns synchronously as Spark's).
 */
export function writeTextAtomicallySync(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tempPath = tempPathFor(path);
  const fd = openSync(tempPath, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tempPath, { force: true });
    throw asFileWriteError(e, path);
  }
  closeSync(fd);
  try {
    renameSync(tempPath, path);
  } catch (e) {
    rmSync(tempPath, { force: true });
    throw asFileWriteError(e, path);
  }
}

/**
 * Makes a rename durable (POSIX: the new directory entry lives in the folder's own data).
 * Some platforms cannot open or fsync a folder (Windows: EISDIR/EPERM); the rename has
 * still happened there, so that is not a failure.
 */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // best effort, see above
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

/** File-system errors → a message naming the file and what to do; other errors unchanged. */
function asFileWriteError(e: unknown, path: string): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || e instanceof FileWriteError) return e;
  const folder = dirname(path);
  const reason = REASONS[code]?.(path, folder) ?? `${(e as Error).message}.`;
  return new FileWriteError(`Cannot write ${path}: ${reason}`, path, code, { cause: e });
}

const REASONS: Readonly<Record<string, (path: string, folder: string) => string>> = {
  ENOENT: (_, folder) => `the folder ${folder} does not exist. Choose an existing folder.`,
  ENOTDIR: (_, folder) => `${folder} is not a folder. Choose a folder for the file.`,
  EACCES: (_, folder) =>
    `permission denied in ${folder}. Choose a folder you can write to, or change its permissions.`,
  EPERM: (_, folder) =>
    `permission denied in ${folder}. Choose a folder you can write to, or change its permissions.`,
  EROFS: (_, folder) => `${folder} is on a read-only file system. Choose another folder.`,
  EISDIR: (path) => `${path} is a folder. Give a file name instead.`,
  ENOSPC: () => 'no space left on the device. Free some space or choose another disk.',
  EDQUOT: () => 'the disk quota is exceeded. Free some space or choose another disk.',
  ENAMETOOLONG: () => 'the file name is too long. Choose a shorter name.',
};
