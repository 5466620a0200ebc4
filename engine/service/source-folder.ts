/**
 * The files of a source folder as the file stream source sees them: the same listing
 * (io/sources/file-listing.ts: hidden names, sync temp names from `ignoreFilePatterns`,
 * `pathGlobFilter`, `recursiveFileLookup`, partition folders) and the same order
 * (FileStreamSource sorts new files by modification time, newest first with
 * `latestFirst`, the path breaking ties). Unlike the stream, a missing folder is an error
 * here: the setup screen must say so rather than wait for files that will never come.
 */
import { promises as fs } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { AnalysisException, IllegalArgumentException } from '../errors';
import { compileGlobList } from '../io/sources/file-name-filter';
import { listDataFiles, type ListedFile, type ListingRules } from '../io/sources/file-listing';
import { parseFileStreamOptions } from '../io/sources/file-stream-options';
import { compileGlob } from '../io/sources/glob-pattern';
import { qualifiedPath } from '../io/sources/qualified-path';
import { createS3Store } from '../io/sources/s3/s3-source-store';
import { isS3Path } from '../io/sources/s3/s3-uri';
import { Session } from '../session';

export interface SourceFolder {
  /** The folder, absolute. */
  readonly root: string;
  /** Every data file, oldest first (the preview's `files`). */
  readonly files: readonly ListedFile[];
  /** The order the stream would read them in (reversed with `latestFirst`). */
  readonly readOrder: readonly ListedFile[];
  /** How to read a file that is not local (an S3 object); undefined for a local folder. */
  readonly readBytes?: (path: string) => Promise<Uint8Array>;
}

export async function listSourceFolder(
  path: string,
  options: Readonly<Record<string, string>>,
): Promise<SourceFolder> {
  const s3 = isS3Path(path) ? s3Store(path, options) : undefined;
  const root = s3 === undefined ? resolve(path) : path;
  // A bucket is checked by its listing, which names a missing bucket (S3_ERROR.NoSuchBucket).
  if (s3 === undefined) await requireFolder(path, root);
  const o = parseFileStreamOptions(options);
  // The rules FileStreamSource builds from the same options.
  const rules: ListingRules = {
    recursiveFileLookup: o.recursiveFileLookup,
    pathGlobFilter: o.pathGlobFilter === undefined ? undefined : compileGlob(o.pathGlobFilter),
    isIgnoredName: compileGlobList(o.ignoreFilePatterns),
  };
  let listed: ListedFile[];
  try {
    listed = s3 === undefined ? await listDataFiles(root, rules) : await s3.list(rules);
  } catch (e) {
    throw s3 === undefined ? unreadableFolder(path, e) : e;
  }
  const files = listed.sort(
    (a, b) => a.mtimeMs - b.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  return {
    root,
    files,
    readOrder: o.latestFirst ? [...files].reverse() : files,
    ...(s3 === undefined ? {} : { readBytes: s3.readBytes }),
  };
}

/** The S3 store with the active session's `spark.hadoop.*` settings (s3-source-store.ts). */
function s3Store(path: string, options: Readonly<Record<string, string>>) {
  const conf = Session.getActiveSession()?.readerConf();
  return createS3Store(path, options, {
    timeZone: 'UTC',
    columnNameOfCorruptRecord: '_corrupt_record',
    ...(conf ?? {}),
  });
}

/** The file's path relative to the folder, with `/` on every platform. */
export function relativeName(folder: SourceFolder, file: string): string {
  // An S3 object's key below the prefix.
  if (isS3Path(folder.root)) {
    const base = folder.root.endsWith('/') ? folder.root : folder.root + '/';
    return file.startsWith(base) ? file.slice(base.length) : file;
  }
  return relative(folder.root, file).split(sep).join('/');
}

async function requireFolder(path: string, root: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await fs.stat(root)).isDirectory();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw unreadableFolder(path, e);
    // Spark's PATH_NOT_FOUND (DataSource.checkAndGlobPathIfNecessary).
    const qualified = qualifiedPath(path);
    throw new AnalysisException('PATH_NOT_FOUND', `Path does not exist: ${qualified}.`, {
      messageParameters: { path: qualified },
      sqlState: '42K03',
    });
  }
  if (!isDirectory) {
    throw new IllegalArgumentException(
      `${root} is a file, not a folder. A file source reads every file of a folder: pick the folder that holds the files.`,
    );
  }
}

export function unreadableFolder(path: string, cause: unknown): IllegalArgumentException {
  const code = (cause as { code?: string } | null)?.code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : String((cause as Error)?.message ?? cause);
  return new IllegalArgumentException(`Cannot read the folder ${resolve(path)}: ${why}.`);
}
