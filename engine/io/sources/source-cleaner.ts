/**
 * `cleanSource=archive|delete`: what happens to a file once the batch that read it is
 * committed (FileStreamSource.FileStreamSourceCleaner). Best effort, as in Spark: a file
 * that cannot be moved or removed is left where it is and reported as a warning, never as a
 * query failure. Archived files keep their absolute path under the archive folder
 * (`/data/in/a.json` → `<archive>/data/in/a.json`).
 */
import { promises as fs } from 'node:fs';
import { dirname, join, parse as parsePath, resolve, sep } from 'node:path';
import { IllegalArgumentException } from '../../errors';
import { compileGlob } from './glob-pattern';

export type CleanWarning = (message: string, file: string) => void;

export class SourceFileCleaner {
  private readonly archiveDir: string | undefined;

  constructor(
    private readonly mode: 'archive' | 'delete',
    sourcePattern: string,
    archiveDir: string | undefined,
    private readonly warn: CleanWarning,
  ) {
    this.archiveDir = archiveDir === undefined ? undefined : resolve(archiveDir);
    if (
      mode === 'archive' &&
      this.archiveDir !== undefined &&
      archiveMatchesSource(resolve(sourcePattern), this.archiveDir)
    ) {
      throw new IllegalArgumentException(
        'requirement failed: Base archive path cannot be set to the path where archived path can possibly match ' +
          "with source pattern. Ensure the base archive path doesn't match with source pattern in depth, where the " +
          'depth is minimum of depth on both paths.',
      );
    }
  }

  async clean(path: string): Promise<void> {
    try {
      if (this.mode === 'delete') {
        await fs.rm(path);
        return;
      }
      const { root } = parsePath(path);
      const target = join(this.archiveDir!, path.slice(root.length));
      await fs.mkdir(dirname(target), { recursive: true });
      await fs.rename(path, target);
    } catch (e) {
      const verb = this.mode === 'delete' ? 'remove' : 'move';
      this.warn(
        `Fail to ${verb} ${path} / skip ${verb === 'move' ? 'moving' : 'removing'} file: ${(e as Error).message}`,
        path,
      );
    }
  }
}

/**
 * Spark's isBaseArchivePathMatchedAgainstSourcePattern: compare both paths down to the
 * smaller depth, each archive component against the source component taken as a glob. If
 * every level matches, archived files could be listed again as new input.
 */
function archiveMatchesSource(sourcePattern: string, archiveDir: string): boolean {
  const src = components(sourcePattern);
  const arc = components(archiveDir);
  const depth = Math.min(src.length, arc.length);
  for (let i = 0; i < depth; i++) if (!compileGlob(src[i]).test(arc[i])) return false;
  return true;
}

function components(abs: string): string[] {
  const { root } = parsePath(abs);
  return abs
    .slice(root.length)
    .split(sep)
    .filter((c) => c.length > 0);
}
