/**
 * Which keys under an S3 prefix are data files, by the rules file-listing.ts applies to a
 * folder (Spark's InMemoryFileIndex over S3A, where `/` in keys makes the folders):
 * keys ending in `/` are folder markers; a name starting with `_` or `.` (in the file name or
 * any folder above it, below the root) is hidden; sub-folders count only when they are
 * partitions (`k=v`) unless `recursiveFileLookup`; `ignoreFilePatterns` and `pathGlobFilter`
 * test the file name. A glob root (`s3://b/logs/2024-*\/*.json`) matches one key component
 * per glob component (Hadoop's globStatus); a match that is a folder is listed as above.
 */
import { shouldFilterOutPathName } from '../file-name-filter';
import type { ListingRules } from '../file-listing';
import { compileGlob, hasGlob } from '../glob-pattern';

/** How the source's key maps to a listing: the prefix to list and a key test. */
export interface KeySelection {
  /** The ListObjectsV2 prefix (the glob-free start of the key). */
  readonly listPrefix: string;
  /** True when `key` (from a listing of listPrefix) is a data file of the source. */
  accepts(key: string): boolean;
  /**
   * The root read as one object (`s3://b/dir/file.json`), looked up when the folder listing
   * finds nothing; undefined for a `/`-terminated root or a glob.
   */
  readonly singleObjectKey?: string;
}

export function keySelection(rootKey: string, rules: ListingRules): KeySelection {
  const components = rootKey.split('/').filter((c) => c !== '');
  const firstGlob = components.findIndex(hasGlob);
  if (firstGlob < 0) {
    // A folder (`prefix/` or `prefix`) is listed with its `/`-terminated prefix; a root
    // without the trailing `/` may instead name one object, looked up when that is empty.
    const folder = components.length === 0 ? '' : components.join('/') + '/';
    const single =
      components.length === 0 || rootKey.endsWith('/') ? undefined : components.join('/');
    return {
      listPrefix: folder,
      accepts: (key) =>
        key.startsWith(folder) && isDataFile(key.slice(folder.length).split('/'), rules),
      ...(single === undefined ? {} : { singleObjectKey: single }),
    };
  }
  const base = components.slice(0, firstGlob);
  const patterns = components.slice(firstGlob).map((c) => (hasGlob(c) ? compileGlob(c) : null));
  const listPrefix = base.length === 0 ? '' : base.join('/') + '/';
  return {
    listPrefix,
    accepts: (key) => {
      if (!key.startsWith(listPrefix)) return false;
      const rest = key.slice(listPrefix.length).split('/');
      if (rest.length < patterns.length) return false;
      for (let i = 0; i < patterns.length; i++) {
        const re = patterns[i];
        const name = rest[i];
        if (shouldFilterOutPathName(name)) return false;
        if (re === null ? name !== components[firstGlob + i] : !re.test(name)) return false;
      }
      if (rest.length === patterns.length) {
        // The glob matched a file itself: only temporary names are skipped (expandGlob).
        const name = rest[rest.length - 1];
        return name !== '' && !rules.isIgnoredName(name);
      }
      return isDataFile(rest.slice(patterns.length), rules);
    },
  };
}

/** `parts` are the key's components below a listed folder: folders…, file name. */
function isDataFile(parts: readonly string[], rules: ListingRules): boolean {
  const name = parts[parts.length - 1];
  if (name === '' || name === undefined) return false; // a folder marker (`dir/`)
  const folders = parts.slice(0, -1);
  for (const f of folders) {
    if (f === '' || shouldFilterOutPathName(f)) return false;
    if (!rules.recursiveFileLookup && !f.includes('=')) return false;
  }
  if (shouldFilterOutPathName(name) || rules.isIgnoredName(name)) return false;
  return rules.pathGlobFilter === undefined || rules.pathGlobFilter.test(name);
}
