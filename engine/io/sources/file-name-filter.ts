/**
 * Which names a file listing skips. Spark's rule (HadoopFSUtils.shouldFilterOutPathName)
 * hides metadata and in-flight files; Tidemark adds the temporary names that sync tools and
 * downloaders write before renaming (`ignoreFilePatterns`, comma-separated globs), so a
 * half-copied file is never read under its temporary name.
 */
import { compileGlob } from './glob-pattern';

/** Temporary names written before a rename: editors, rsync/curl/browsers, Hadoop `put`. */
export const DEFAULT_IGNORE_FILE_PATTERNS = '*.tmp,*.partial,*.crdownload,*.part,*~';

/**
 * Spark's hidden-name rule, for files and folders alike: names starting with `.`, or with
 * `_` unless they contain `=` (a partition folder such as `_k=v`), and names ending in
 * `._COPYING_` (Hadoop's in-flight copy). `_metadata*`/`_common_metadata*` stay visible,
 * as in Spark (Parquet summary files).
 */
export function shouldFilterOutPathName(name: string): boolean {
  const exclude =
    (name.startsWith('_') && !name.includes('=')) ||
    name.startsWith('.') ||
    name.endsWith('._COPYING_');
  const include = name.startsWith('_common_metadata') || name.startsWith('_metadata');
  return exclude && !include;
}

/** Compiles a comma-separated glob list into one name test (empty list: nothing matches). */
export function compileGlobList(list: string): (name: string) => boolean {
  const globs = splitGlobList(list).map(compileGlob);
  if (globs.length === 0) return () => false;
  return (name) => globs.some((g) => g.test(name));
}

/** Splits on commas that are not inside `{…}` alternatives. */
function splitGlobList(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '\\' && i + 1 < list.length) {
      current += c + list[++i];
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}
