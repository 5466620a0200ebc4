/**
 * Picking folders and files, whichever host runs the page: Electron shows native dialogs;
 * browser mode asks in the page for a path on the host machine (the host then grants it).
 * Components take a `Dialogs` and never know which (implementation: host-dialogs.svelte.ts).
 */
export interface Dialogs {
  /** The folder the user picked (now granted by the host), or null when cancelled. */
  pickFolder(purpose: 'source' | 'output' | 'checkpoint'): Promise<string | null>;
  /** Where to save; the file's folder is granted. Null when cancelled. */
  pickSaveFile(purpose: 'workspace' | 'export', defaultName: string): Promise<string | null>;
  pickOpenFile(purpose: 'workspace'): Promise<string | null>;
}
