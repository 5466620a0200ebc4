/**
 * The File ▸ Open Recent list: `<dataDir>/recent-workspaces.json`, newest first, at most
 * MAX_RECENT, one entry per file. Files that no longer exist are left out when the list is
 * read (and the next write forgets them). Written atomically; updates run one at a time so
 * two saves in quick succession cannot drop each other's entry.
 */
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RecentWorkspace } from '../engine/service/protocol';
import { writeFileAtomic } from './atomic-write';

export const MAX_RECENT = 10;

const CASE_INSENSITIVE = process.platform === 'win32' || process.platform === 'darwin';

export class RecentWorkspaces {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly max: number = MAX_RECENT,
  ) {}

  get file(): string {
    return join(this.dataDir, 'recent-workspaces.json');
  }

  /** The list, newest first, without entries whose file is gone. */
  async list(): Promise<RecentWorkspace[]> {
    await this.queue;
    return this.readExisting();
  }

  /** Whether `path` is on the list (the user opened or saved it in an earlier session). */
  async includes(path: string): Promise<boolean> {
    const key = keyOf(path);
    return (await this.list()).some((r) => keyOf(r.path) === key);
  }

  /** Puts `path` first (moving it if listed) and returns the new list. */
  add(path: string, name: string, openedAt: Date = new Date()): Promise<RecentWorkspace[]> {
    const run = this.queue.then(async () => {
      const entry: RecentWorkspace = {
        path: resolve(path),
        name,
        openedAt: openedAt.toISOString(),
      };
      const list = [
        entry,
        ...(await this.readExisting()).filter((r) => keyOf(r.path) !== keyOf(entry.path)),
      ].slice(0, this.max);
      await fs.mkdir(this.dataDir, { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify(list, null, 2)}\n`);
      return list;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The stored list, well-formed entries only, of files that still exist. */
  private async readExisting(): Promise<RecentWorkspace[]> {
    let stored: unknown;
    try {
      stored = JSON.parse(await fs.readFile(this.file, 'utf8'));
    } catch {
      // Missing, or damaged by hand: an empty list, rewritten on the next add.
      return [];
    }
    if (!Array.isArray(stored)) return [];
    // A hand-edited list may repeat a file: its first (newest) entry counts.
    const entries: RecentWorkspace[] = [];
    const seen = new Set<string>();
    for (const r of stored) {
      if (!isRecentWorkspace(r) || seen.has(keyOf(r.path))) continue;
      seen.add(keyOf(r.path));
      entries.push(r);
    }
    const exists = await Promise.all(entries.map((r) => isFile(r.path)));
    return entries.filter((_r, i) => exists[i]).slice(0, this.max);
  }
}

function isRecentWorkspace(x: unknown): x is RecentWorkspace {
  const r = x as Partial<RecentWorkspace> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.path === 'string' &&
    typeof r.name === 'string' &&
    typeof r.openedAt === 'string'
  );
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}

function keyOf(path: string): string {
  const p = resolve(path);
  return CASE_INSENSITIVE ? p.toLowerCase() : p;
}
