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
 */
import { promises as fs, type Dirent, type Stats } from 'node:fs';
import { join, parse as parsePath, resolve, sep } from 'node:path';
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
}

const STAT_CONCURRENCY = 64;

/** All data files under `sourcePath` (a folder, a file or a glob), in no particular order. */
export async function listDataFiles(
  sourcePath: string,
  rules: ListingRules,
): Promise<ListedFile[]> {
  const roots = isGlobPath(sourcePath)
    ? await expandGlob(resolve(sourcePath), rules)
    : [resolve(sourcePath)];
  const out: ListedFile[] = [];
  for (const root of roots) {
    const st = await statOrNull(root);
    if (st === null) continue;
    if (st.isFile()) {
      out.push({ path: root, size: st.size, mtimeMs: st.mtimeMs });
    } else if (st.isDirectory()) {
      await listFolder(root, rules, out);
    }
  }
  return out;
}

async function listFolder(dir: string, rules: ListingRules, out: ListedFile[]): Promise<void> {
  const entries = await readdirOrEmpty(dir);
  const files: string[] = [];
  const folders: string[] = [];
  for (const e of entries) {
    if (shouldFilterOutPathName(e.name)) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (rules.recursiveFileLookup || e.name.includes('=')) folders.push(full);
    } else if (e.isFile() || e.isSymbolicLink()) {
      if (rules.isIgnoredName(e.name)) continue;
      if (rules.pathGlobFilter && !rules.pathGlobFilter.test(e.name)) continue;
      files.push(full);
    }
  }
  for (let i = 0; i < files.length; i += STAT_CONCURRENCY) {
    const stats = await Promise.all(files.slice(i, i + STAT_CONCURRENCY).map(statOrNull));
    stats.forEach((st, j) => {
      if (st !== null && st.isFile())
        out.push({ path: files[i + j], size: st.size, mtimeMs: st.mtimeMs });
    });
  }
  for (const folder of folders) await listFolder(folder, rules, out);
}

/** Hadoop globStatus: walks from the last glob-free prefix, matching each component. */
async function expandGlob(absPattern: string, rules: ListingRules): Promise<string[]> {
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
      for (const e of await readdirOrEmpty(parent)) {
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

async function readdirOrEmpty(dir: string): Promise<Dirent[]> {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await fs.stat(path);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

export function isNotFound(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
