/**
 * Picking folders and files for the renderer. The host grants what is picked (see
 * host-router.ts), so a dialog is how the user says "Tidemark may use this".
 *
 * - Electron (electron-dialogs.ts): native open/save dialogs on the focused window; any
 *   `typedPath` from the page is only the dialog's starting point, never the answer.
 * - Browser mode (BrowserDialogs, here): a browser page cannot show the host machine's
 *   dialogs, so the page asks the user to type a path and sends it as `typedPath`, which
 *   IS the pick. That is safe for the same reason browser mode is: only the holder of the
 *   run's token (printed to the user's own terminal) can reach the API at all, so the typed
 *   path comes from the local user, who could read those files anyway.
 */
import { promises as fs } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { illegalArgument, pathNotFound } from './host-errors';
import { WORKSPACE_SUFFIX } from './workspace';

export type FolderPurpose = 'source' | 'output' | 'checkpoint';
export type SaveFilePurpose = 'workspace' | 'export';
export type OpenFilePurpose = 'workspace';

export interface HostDialogs {
  /** Whether these are the OS's own dialogs (HostInfo.nativeDialogs). */
  readonly native: boolean;
  /** The folder picked, or null when the user cancelled. */
  pickFolder(purpose: FolderPurpose, typedPath?: string): Promise<string | null>;
  /** Where to save (the file need not exist; its folder does), or null when cancelled. */
  pickSaveFile(
    purpose: SaveFilePurpose,
    defaultName: string,
    typedPath?: string,
  ): Promise<string | null>;
  /** An existing file, or null when cancelled. */
  pickOpenFile(purpose: OpenFilePurpose, typedPath?: string): Promise<string | null>;
}

/** A file-type filter as Electron's dialogs take it (extensions without the dot). */
export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

const EXPORT_FILTERS: Readonly<Record<string, FileFilter>> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  jsonl: { name: 'JSON Lines', extensions: ['jsonl'] },
  parquet: { name: 'Parquet', extensions: ['parquet'] },
  arrow: { name: 'Arrow IPC', extensions: ['arrow'] },
};

/**
 * The save/open dialog's filters. Workspaces filter on `json`: macOS and some Linux
 * dialogs treat an extension with a dot (`tidemark.json`) as no match at all, so the
 * double suffix is added to the chosen name instead (withSaveSuffix). Exports filter on
 * the format the default name carries (`counts-batch-3.parquet` → Parquet).
 */
export function fileFilters(purpose: SaveFilePurpose, defaultName = ''): FileFilter[] {
  const all: FileFilter = { name: 'All files', extensions: ['*'] };
  if (purpose === 'workspace')
    return [{ name: 'Tidemark workspace (*.tidemark.json)', extensions: ['json'] }, all];
  const format = EXPORT_FILTERS[extname(defaultName).slice(1).toLowerCase()];
  return format === undefined ? [all] : [format, all];
}

/** A workspace saved as `monitor` becomes `monitor.tidemark.json`; other names stay. */
export function withSaveSuffix(path: string, purpose: SaveFilePurpose): string {
  if (purpose !== 'workspace' || path.toLowerCase().endsWith('.json')) return path;
  return path + WORKSPACE_SUFFIX;
}

/** Browser mode: the typed path is the pick, after checking it is usable for `purpose`. */
export class BrowserDialogs implements HostDialogs {
  readonly native = false;

  async pickFolder(purpose: FolderPurpose, typedPath?: string): Promise<string | null> {
    const path = resolve(required(typedPath, 'pickFolder'));
    const stat = await statOrNull(path);
    if (stat === null) {
      // An output or checkpoint folder is where the query will write: make it, as
      // DataStreamWriter would on the first batch. A source folder must already hold data.
      if (purpose === 'source')
        throw pathNotFound(path, 'Type the path of an existing folder to read from.');
      await fs.mkdir(path, { recursive: true });
      return path;
    }
    if (!stat.isDirectory())
      throw illegalArgument(`${path} is a file, not a folder; type the path of a folder.`);
    return path;
  }

  async pickSaveFile(
    purpose: SaveFilePurpose,
    defaultName: string,
    typedPath?: string,
  ): Promise<string | null> {
    let path = resolve(required(typedPath, 'pickSaveFile'));
    const stat = await statOrNull(path);
    // A typed folder means "save it in there" under the proposed name.
    if (stat?.isDirectory() === true) {
      if (defaultName === '' || defaultName.includes('/') || defaultName.includes('\\'))
        throw illegalArgument(`${path} is a folder; type the full path of the file to save.`);
      path = join(path, defaultName);
    }
    path = withSaveSuffix(path, purpose);
    const folder = await statOrNull(dirname(path));
    if (folder === null || !folder.isDirectory())
      throw pathNotFound(dirname(path), 'Save into a folder that exists (create it first).');
    if ((await statOrNull(path))?.isDirectory() === true)
      throw illegalArgument(`${path} is a folder; type the path of a file.`);
    return path;
  }

  async pickOpenFile(_purpose: OpenFilePurpose, typedPath?: string): Promise<string | null> {
    const path = resolve(required(typedPath, 'pickOpenFile'));
    const stat = await statOrNull(path);
    if (stat === null) throw pathNotFound(path, 'Type the path of an existing workspace file.');
    if (!stat.isFile())
      throw illegalArgument(`${path} is not a file; type the path of a workspace file.`);
    return path;
  }
}

function required(typedPath: string | undefined, request: string): string {
  if (typedPath === undefined)
    throw illegalArgument(
      `${request}: browser mode needs typedPath (the path the user typed); it has no native dialogs.`,
    );
  return typedPath;
}

async function statOrNull(path: string): Promise<import('node:fs').Stats | null> {
  try {
    return await fs.stat(path);
  } catch {
    return null;
  }
}
