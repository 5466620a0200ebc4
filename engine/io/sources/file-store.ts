/**
 * Where a file source's files live: a local folder or an object store (S3). The streaming
 * file source (file-stream-source.ts) and `spark.read` keep Spark's semantics (seen files,
 * source log, limits, ordering) and ask the store only for what differs between stores:
 * the listing, the bytes, and how a file is named in the source log. This mirrors Hadoop's
 * FileSystem abstraction under Spark's FileStreamSource (LocalFileSystem vs S3AFileSystem).
 */
import type { ListedFile, ListingRules } from './file-listing';

export interface FileStore {
  /** The source's root as Spark prints it (`file:/abs/folder`, `s3://bucket/prefix`). */
  readonly description: string;
  /**
   * True when files can be watched for changes (local folders); an object store is polled
   * by the trigger's own listing instead.
   */
  readonly watchable: boolean;
  /** Every data file under the root, in no particular order; `path` is the store's name for it. */
  list(rules: ListingRules): Promise<ListedFile[]>;
  /**
   * A file's bytes. Missing files reject with an error whose `code` is `ENOENT`, so readers
   * report Spark's FAILED_READ_FILE.FILE_NOT_EXIST (or skip with ignoreMissingFiles).
   * Undefined for local files (read-files.ts reads them with `fs.readFile`).
   */
  readonly readBytes: ((path: string) => Promise<Uint8Array>) | undefined;
  /** The path as the source log records it (a URI: `file:///…`, `s3://bucket/key`). */
  toLogPath(path: string): string;
  /** The inverse of toLogPath. */
  fromLogPath(uri: string): string;
  /** Releases connections (an S3 client's sockets); the source calls it from stop(). */
  close?(): void;
}
