/**
 * Lists the data files under a source path, as Spark's InMemoryFileIndex + allFiles():
 *
 * - A plain folder yields the files directly in it. Sub-folders are entered only when they
 *   look like partitions (`key=value`, PartitioningAwareFileIndex: files of a partitioned
 *   layout are all leaf files), or at any depth with `recursiveFileLookup=true`. A folder
 *   such as `archive/` beside the data is therefore not read, as in Spark.
 * - A glob path (`/data/2024-*\/*.json`) is expanded one component at a time (Hadoop's
 *   globStatus); each match that is a file is taken, each folder is listed as above.
 * - Hidden names (Spark's rule) and temporary names (`ignoreFilePatterns`) are skipped,
 *   `pathGlobFilter` is applied to file names.
 * - A missing root yields no files (HadoopFSUtils ignores FileNotFound on root paths), and
 *   a file deleted between readdir and stat is simply not listed.
 * - Symbolic links are followed; a link that loops or dangles is not listed, and a folder
 *   link that leads back to one of its own ancestors is not entered again (Hadoop would
 *   descend until the path is too long; Tidemark lists each folder of a cycle once).
 */
import { promises as fs, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, join, parse as parsePath, resolve, sep } from 'node:path';
import { compileGlob, hasGlob, isGlobPath } from './glob-pattern';
import { shouldFilterOutPathName } from './file-name-filter';

export interface ListedFile {
  /** Absolute path. */
  readonly path: string;
  readonly size: number;
  /** Modification time, ms since the epoch (fractional where the file system has it). */
  readonly mtimeMs: number;
}

export interface ListingRules {
  readonly recursiveFileLookup: boolean;
  /** Tested on file names only; undefined accepts all. */
  readonly pathGlobFilter?: RegExp;
  /** Temporary-file names to skip (ignoreFilePatterns). */
  readonly isIgnoredName: (name: string) => boolean;
  /**
   * Files the caller already took and will not take again whatever their size or mtime (a
   * streaming source's seen files): left out without a stat, so a trigger's listing costs
   * one stat per *new* entry instead of one per file in an ever-growing folder. The result
   * is what listing everything and dropping seen files gives, as Spark's FileStreamSource
   * does after its own full listing.
   */
  readonly isKnownFile?: (path: string) => boolean;
}

const STAT_CONCURRENCY = 64;

/*
 * The metadata calls of a listing are synchronous, except the stats of many new entries at
 * once: a trigger of a live folder makes a stat, a realpath, a readdir and a stat or two, each
 * taking microseconds, and awaiting them made every trigger wait for four trips through
 * libuv's thread pool, queued behind whatever else uses it (1.5 ms of the 7 ms from
 * a file's rename to its rows in a table). A first listing of a folder that already holds
 * thousands of files still stats them asynchronously, 64 at a time, so the query's thread
 * keeps answering while it runs. A readdir of 10,000 names takes about 3 ms.
 */

/** All data files under `sourcePath` (a folder, a file or a glob), in no particular order. */
export async function listDataFiles(
  sourcePath: string,
  rules: ListingRules,
): Promise<ListedFile[]> {
  const roots = isGlobPath(sourcePath)
    ? expandGlob(resolve(sourcePath), rules)
    : [resolve(sourcePath)];
  const out: ListedFile[] = [];
  for (const root of roots) {
    const st = statSyncOrNull(root);
    if (st === null) continue;
    if (st.isFile()) {
      out.push({ path: root, size: st.size, mtimeMs: st.mtimeMs });
    } else if (st.isDirectory()) {
      const real = realpathOrNull(root);
      if (real !== null) await listFolder(root, rules, out, new Set([real]));
    }
  }
  return out;
}

async function listFolder(
  dir: string,
  rules: ListingRules,
  out: ListedFile[],
  ancestors: ReadonlySet<string>,
): Promise<void> {
  const entries = readdirOrEmpty(dir);
  const candidates: string[] = [];
  const folders: string[] = [];
  for (const e of entries) {
    if (shouldFilterOutPathName(e.name)) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (enterFolder(e.name, rules)) folders.push(full);
    } else if (e.isFile() || e.isSymbolicLink()) {
      if (rules.isKnownFile?.(full) !== true) candidates.push(full);
    }
  }
  // Symbolic links are followed, as Hadoop's local file system does; what a link points at
  // decides whether it is a file or a folder. A dangling link or a link loop (ELOOP) is not
  // listed, as RawLocalFileSystem.listStatus drops entries it cannot stat.
  for (let i = 0; i < candidates.length; i += STAT_CONCURRENCY) {
    const chunk = candidates.slice(i, i + STAT_CONCURRENCY);
    const stats = candidates.length <= STAT_CONCURRENCY ? chunk.map(statSyncOrNull) : await Promise.all(chunk.map(statOrNull));
    stats.forEach((st, j) => {
      const path = chunk[j];
      const name = basename(path);
      if (st === null) return;
      if (st.isDirectory()) {
        if (enterFolder(name, rules)) folders.push(path);
      } else if (st.isFile()) {
        if (rules.isIgnoredName(name)) return;
        if (rules.pathGlobFilter && !rules.pathGlobFilter.test(name)) return;
        out.push({ path, size: st.size, mtimeMs: st.mtimeMs });
      }
    });
  }
  for (const folder of folders) {
    // A folder that is its own ancestor (a link back up the tree) would be listed forever.
    const real = realpathOrNull(folder);
    if (real === null || ancestors.has(real)) continue;
    await listFolder(folder, rules, out, new Set(ancestors).add(real));
  }
}

/** Sub-folders hold data when they are partitions (`key=value`) or in recursive mode. */
function enterFolder(name: string, rules: ListingRules): boolean {
  return rules.recursiveFileLookup || name.includes('=');
}

/** Hadoop globStatus: walks from the last glob-free prefix, matching each component. */
function expandGlob(absPattern: string, rules: ListingRules): string[] {
  const { root } = parsePath(absPattern);
  const components = absPattern
    .slice(root.length)
    .split(sep)
    .filter((c) => c.length > 0);
  let current = [root];
  for (const component of components) {
    if (!hasGlob(component)) {
      current = current.map((p) => join(p, component));
      continue;
    }
    const re = compileGlob(component);
    const next: string[] = [];
    for (const parent of current) {
      for (const e of readdirOrEmpty(parent)) {
        if (shouldFilterOutPathName(e.name) || !re.test(e.name)) continue;
        if (!e.isDirectory() && rules.isIgnoredName(e.name)) continue;
        next.push(join(parent, e.name));
      }
    }
    current = next.sort();
  }
  return current;
}

/** The folder a glob path starts from (its glob-free prefix): what a watcher can watch. */
export function globBaseFolder(sourcePath: string): string {
  const abs = resolve(sourcePath);
  if (!isGlobPath(abs)) return abs;
  const { root } = parsePath(abs);
  const components = abs.slice(root.length).split(sep);
  const firstGlob = components.findIndex(hasGlob);
  return join(root, ...components.slice(0, firstGlob));
}

function readdirOrEmpty(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await fs.stat(path);
  } catch (e) {
    if (isNotFound(e) || isLinkLoop(e)) return null;
    throw e;
  }
}

function statSyncOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    if (isNotFound(e) || isLinkLoop(e)) return null;
    throw e;
  }
}

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch (e) {
    if (isNotFound(e) || isLinkLoop(e)) return null;
    throw e;
  }
}

function isLinkLoop(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === 'ELOOP';
}

export function isNotFound(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
