/**
 * A local folder, file or glob as a FileStore: Hadoop's local file system under Spark's
 * file source. Listing follows file-listing.ts; bytes come from `fs.readFile` (read-files.ts
 * does that when `readBytes` is undefined); the log names files by their `file:` URI, as
 * Spark's FileStreamSourceLog does (SparkPath.urlEncoded).
 */
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listDataFiles, type ListedFile, type ListingRules } from './file-listing';
import type { FileStore } from './file-store';
import { qualifiedPath } from './qualified-path';

export class LocalFileStore implements FileStore {
  readonly description: string;
  readonly watchable = true;
  readonly readBytes = undefined;
  /** The absolute path (folder, file or glob). */
  readonly root: string;

  constructor(path: string) {
    this.root = resolve(path);
    this.description = qualifiedPath(path);
  }

  list(rules: ListingRules): Promise<ListedFile[]> {
    return listDataFiles(this.root, rules);
  }

  toLogPath(path: string): string {
    return pathToFileURL(path).href;
  }

  fromLogPath(uri: string): string {
    return fileURLToPath(uri);
  }
}
