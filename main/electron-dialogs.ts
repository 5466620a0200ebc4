/**
 * The Electron host's dialogs: native folder, save and open dialogs, attached to the
 * focused Tidemark window (so they are sheets on macOS and modal elsewhere). Kept apart
 * from dialogs.ts because it imports Electron, which tests cannot load.
 */
import { BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { dirname, join } from 'node:path';
import {
  fileFilters,
  withSaveSuffix,
  type FolderPurpose,
  type HostDialogs,
  type OpenFilePurpose,
  type SaveFilePurpose,
} from './dialogs';

const FOLDER_TITLES: Readonly<Record<FolderPurpose, string>> = {
  source: 'Choose the folder to read',
  output: 'Choose the output folder',
  checkpoint: 'Choose the checkpoint folder',
};

export class ElectronDialogs implements HostDialogs {
  readonly native = true;

  /**
   * @param fallbackWindow the main window, for when no Tidemark window has focus
   * @param documentsDir where a save dialog starts when the page proposes no folder
   */
  constructor(
    private readonly fallbackWindow: () => BrowserWindow | null,
    private readonly documentsDir: string,
  ) {}

  async pickFolder(purpose: FolderPurpose, typedPath?: string): Promise<string | null> {
    const options: OpenDialogOptions = {
      title: FOLDER_TITLES[purpose],
      // Output and checkpoint folders are often new: let the user make one in the dialog.
      properties:
        purpose === 'source'
          ? ['openDirectory']
          : ['openDirectory', 'createDirectory', 'promptToCreate'],
      ...(typedPath === undefined ? {} : { defaultPath: typedPath }),
    };
    const window = this.window();
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  async pickSaveFile(
    purpose: SaveFilePurpose,
    defaultName: string,
    typedPath?: string,
  ): Promise<string | null> {
    const options: SaveDialogOptions = {
      title: purpose === 'workspace' ? 'Save workspace' : 'Export snapshot',
      defaultPath: typedPath ?? join(this.documentsDir, defaultName),
      filters: fileFilters(purpose, defaultName).map((f) => ({
        ...f,
        extensions: [...f.extensions],
      })),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = this.window();
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (result.canceled || result.filePath === undefined || result.filePath === '') return null;
    return withSaveSuffix(result.filePath, purpose);
  }

  async pickOpenFile(_purpose: OpenFilePurpose, typedPath?: string): Promise<string | null> {
    const options: OpenDialogOptions = {
      title: 'Open workspace',
      properties: ['openFile'],
      filters: fileFilters('workspace').map((f) => ({ ...f, extensions: [...f.extensions] })),
      ...(typedPath === undefined ? {} : { defaultPath: dirname(typedPath) }),
    };
    const window = this.window();
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  private window(): BrowserWindow | null {
    const focused = BrowserWindow.getFocusedWindow();
    return focused ?? this.fallbackWindow();
  }
}
