/**
 * The S3 store of a file source whose path is an `s3://`, `s3a://` or `s3n://` URI, with
 * the settings from the reader options and the session's `spark.hadoop.*` conf.
 */
import { IllegalArgumentException } from '../../../errors';
import type { ReaderConf } from '../../formats/format';
import { caseInsensitive } from '../file-stream-options';
import { parseS3Settings } from './s3-options';
import { S3FileStore } from './s3-file-store';

export function createS3Store(
  path: string,
  options: Readonly<Record<string, string>>,
  conf: ReaderConf,
): S3FileStore {
  const cleanSource = caseInsensitive(options).get('cleansource')?.toLowerCase() ?? 'off';
  if (cleanSource !== 'off') {
    // Archiving moves files within one file system; S3 has no rename (S3A copies and deletes).
    throw new IllegalArgumentException(
      `Option 'cleanSource' = '${cleanSource}' is not supported for S3 sources (${path}): use an S3 lifecycle rule to expire or move read objects.`,
    );
  }
  return new S3FileStore(path, parseS3Settings(options, conf.hadoopConf));
}
