/**
 * Paths as Spark prints them. Hadoop's qualified local path is `file:/abs/path` (one slash,
 * not URL-encoded: FileStreamSource.toString, PATH_NOT_FOUND messages), while logs and
 * seen-file keys use the URL-encoded URI (`file:///abs/a%20b`, SparkPath.urlEncoded).
 */
import { resolve, sep } from 'node:path';

export function qualifiedPath(path: string): string {
  const abs = resolve(path).split(sep).join('/');
  return 'file:' + (abs.startsWith('/') ? abs : '/' + abs);
}
