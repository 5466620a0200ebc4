/**
 * Workspace files (issue 5 §3): JSON, versioned (`format: 'tidemark-workspace'`), holding
 * sources, schemas, queries (draft and plan JSON), sinks and layout.
 *
 * - Open: parse (a JSON error names its line and column), migrate older versions
 *   (workspace-migrations.ts), check every field (workspace-shape.ts).
 * - Save: written atomically (atomic-write.ts), so a crash never leaves a torn file.
 * - Autosave is a backup beside the app, never the user's file: `<dataDir>/autosave/
 *   <sha256(path)>.json`, or `untitled.json` for a workspace not saved yet. Saving drops the
 *   backup; opening a file whose backup is newer returns the backup (`recovered: true`):
 *   that is the unsaved work a crash (or quitting without saving) left behind.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type { OpenedWorkspace, Workspace } from '../engine/service/protocol';
import { writeFileAtomic } from './atomic-write';
import { invalidWorkspace, pathNotFound } from './host-errors';
import { checkWorkspaceShape, WORKSPACE_FORMAT, WorkspaceShapeError } from './workspace-shape';
import {
  CURRENT_WORKSPACE_VERSION,
  migrateWorkspace,
  WorkspaceVersionError,
  type WorkspaceMigration,
} from './workspace-migrations';

/** The file name suffix the dialogs propose and filter on. */
export const WORKSPACE_SUFFIX = '.tidemark.json';

export function emptyWorkspace(): Workspace {
  return {
    format: WORKSPACE_FORMAT,
    version: CURRENT_WORKSPACE_VERSION,
    name: 'Untitled',
    sources: [],
    queries: [],
    layout: { theme: 'system', selectedQueryId: null, view: 'source', sidebarWidth: 260 },
  };
}

/**
 * A workspace file's text as a current-version Workspace, or InvalidWorkspaceException
 * naming `file` and the bad line/column or field. `migrations` is for tests of the harness.
 */
export function parseWorkspace(
  text: string,
  file: string,
  migrations?: Readonly<Record<number, WorkspaceMigration>>,
  current?: number,
): Workspace {
  let raw: unknown;
  try {
    // Some Windows editors start a UTF-8 file with a byte-order mark, which JSON.parse refuses.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw jsonError(text, file, (e as Error).message);
  }
  try {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new WorkspaceShapeError('the file', 'must hold a JSON object');
    const record = raw as Record<string, unknown>;
    if (record.format !== WORKSPACE_FORMAT)
      throw new WorkspaceShapeError(
        'format',
        `must be "${WORKSPACE_FORMAT}" (is this a Tidemark workspace?)`,
      );
    const migrated = migrateWorkspace(record, migrations, current);
    return checkWorkspaceShape(migrated);
  } catch (e) {
    if (e instanceof WorkspaceShapeError || e instanceof WorkspaceVersionError)
      throw invalidWorkspace(file, e.message);
    throw e;
  }
}

/** JSON.parse's "at position N" turned into the 1-based line and column the user can find. */
function jsonError(text: string, file: string, message: string): Error {
  const reason = message.replace(/\s*\(line \d+ column \d+\)$/, '');
  const match = /at position (\d+)/.exec(reason);
  const position =
    match !== null ? Number(match[1]) : /end of JSON input/.test(reason) ? text.length : null;
  if (position === null) return invalidWorkspace(file, `not valid JSON: ${reason}`);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return invalidWorkspace(
    file,
    `not valid JSON at line ${line}, column ${column}: ${reason.replace(/ in JSON at position \d+$/, '')}`,
    line,
  );
}

/** Reads and checks a workspace file; a missing file is Spark's PATH_NOT_FOUND. */
export async function readWorkspaceFile(path: string): Promise<Workspace> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw pathNotFound(
        path,
        'The workspace file was moved or deleted; open it from where it is now.',
      );
    throw e;
  }
  return parseWorkspace(text, path);
}

/** A workspace as written to disk: pretty (diffable, hand-editable), newline-terminated. */
export function workspaceText(workspace: Workspace): string {
  return `${JSON.stringify(workspace, null, 2)}\n`;
}

export class WorkspaceFiles {
  /**
   * Which workspace this host has open: set by open/new/save/autosave. It tells `save` when
   * an untitled workspace just got its file, so the untitled backup must go with it.
   */
  private current: string | null = null;

  constructor(private readonly dataDir: string) {}

  get autosaveDir(): string {
    return join(this.dataDir, 'autosave');
  }

  /** Where the backup of `path` (null: the untitled workspace) lives. */
  backupPathFor(path: string | null): string {
    const name =
      path === null ? 'untitled' : createHash('sha256').update(resolve(path)).digest('hex');
    return join(this.autosaveDir, `${name}.json`);
  }

  async open(path: string): Promise<OpenedWorkspace> {
    const workspace = await readWorkspaceFile(path);
    const fileStat = await fs.stat(path);
    const backup = await this.readBackup(path);
    this.current = path;
    if (backup !== null && backup.modifiedMs > fileStat.mtimeMs)
      return { path, workspace: backup.workspace, recovered: true };
    return { path, workspace, recovered: false };
  }

  async newWorkspace(): Promise<OpenedWorkspace> {
    this.current = null;
    const backup = await this.readBackup(null);
    return backup !== null
      ? { path: null, workspace: backup.workspace, recovered: true }
      : { path: null, workspace: emptyWorkspace(), recovered: false };
  }

  async save(path: string, workspace: Workspace): Promise<{ path: string; savedAt: string }> {
    checkBeforeWrite(workspace, path);
    await writeFileAtomic(path, workspaceText(workspace));
    await fs.rm(this.backupPathFor(path), { force: true });
    if (this.current === null) await fs.rm(this.backupPathFor(null), { force: true });
    this.current = path;
    return { path, savedAt: new Date().toISOString() };
  }

  /** Writes the backup of `path`'s workspace; the result's path is the backup file. */
  async autosave(
    path: string | null,
    workspace: Workspace,
  ): Promise<{ path: string; savedAt: string }> {
    checkBeforeWrite(workspace, `the autosave of ${path ?? 'the untitled workspace'}`);
    const backup = this.backupPathFor(path);
    await fs.mkdir(this.autosaveDir, { recursive: true });
    await writeFileAtomic(backup, workspaceText(workspace));
    this.current = path;
    return { path: backup, savedAt: new Date().toISOString() };
  }

  /** The backup of `path`, or null when there is none or it cannot be read (then the file wins). */
  private async readBackup(
    path: string | null,
  ): Promise<{ workspace: Workspace; modifiedMs: number } | null> {
    const backup = this.backupPathFor(path);
    try {
      const [text, stat] = await Promise.all([fs.readFile(backup, 'utf8'), fs.stat(backup)]);
      return { workspace: parseWorkspace(text, backup), modifiedMs: stat.mtimeMs };
    } catch {
      return null;
    }
  }
}

/** The UI's workspace must be a current, well-formed one before it reaches disk. */
export function checkBeforeWrite(workspace: Workspace, target: string): void {
  try {
    checkWorkspaceShape(workspace);
  } catch (e) {
    if (e instanceof WorkspaceShapeError)
      throw invalidWorkspace(target, `cannot be saved: ${e.message}`);
    throw e;
  }
  if (workspace.version !== CURRENT_WORKSPACE_VERSION)
    throw invalidWorkspace(target, `cannot be saved: version must be ${CURRENT_WORKSPACE_VERSION}`);
}
