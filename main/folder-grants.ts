/**
 * "The renderer can reach only folders the user picked" (issue 5): the folders (or single
 * files) the host granted, and the check every path from the renderer passes.
 *
 * Paths are compared in canonical form: absolute, `..` resolved, and symlinks followed for
 * the part of the path that exists (the rest, such as an output folder still to be made,
 * is appended as written). So `/granted/../etc`, `/granted/link-to-etc/x` and the prefix
 * trick `/granted-other` (for root `/granted`) are all outside `/granted`.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** macOS and Windows volumes are case-insensitive by default. */
const CASE_INSENSITIVE = process.platform === 'win32' || process.platform === 'darwin';

export class FolderGrants {
  /** Canonical roots, in grant order. */
  private readonly roots: string[] = [];

  /** Grants `path` and everything under it; resolves to the canonical root recorded. */
  async grant(path: string): Promise<string> {
    const root = await canonicalPath(path);
    if (!this.roots.some((r) => sameCase(r) === sameCase(root))) this.roots.push(root);
    return root;
  }

  /** Whether `path` is a granted root or inside one. */
  async allows(path: string): Promise<boolean> {
    const canonical = await canonicalPath(path);
    return this.roots.some((root) => isWithin(canonical, root));
  }

  /** The granted roots, in the order they were granted. */
  list(): readonly string[] {
    return [...this.roots];
  }
}

/** Whether canonical `path` equals canonical `root` or lies under it (never a sibling prefix). */
export function isWithin(path: string, root: string): boolean {
  const p = sameCase(path);
  const r = sameCase(root);
  if (p === r) return true;
  return p.startsWith(r.endsWith(sep) ? r : r + sep);
}

/**
 * `path` made absolute, with `..` and every symlink of its existing part resolved. The part
 * that does not exist yet keeps its names (it cannot be a symlink: it is not there).
 */
export async function canonicalPath(path: string): Promise<string> {
  const absolute = resolve(path);
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      const real = await realpath(current);
      return missing.length === 0 ? real : join(real, ...missing.reverse());
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
      const parent = dirname(current);
      if (parent === current) return absolute;
      missing.push(basename(current));
      current = parent;
    }
  }
}

function sameCase(path: string): string {
  return CASE_INSENSITIVE ? path.toLowerCase() : path;
}
