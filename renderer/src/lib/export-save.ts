/**
 * Saving an export the page made (a chart's PNG, a table's CSV): the user picks where through
 * the Dialogs (native dialog, or browser mode's path prompt; the host grants the folder), and
 * the engine writes the bytes atomically (saveExportFile). Requests travel as JSON, so binary
 * bytes go as base64.
 */
import type { ExportFileContent, SavedExportFile } from '../../../engine/service/protocol';
import type { Dialogs } from './dialogs';

/** The part of HostApi (host.ts) a save needs. */
export interface ExportHost {
  request(body: {
    readonly type: 'saveExportFile';
    readonly path: string;
    readonly content: ExportFileContent;
  }): Promise<SavedExportFile>;
}

/** Null when the user cancelled the dialog. */
export async function saveExport(
  host: ExportHost,
  dialogs: Dialogs,
  defaultName: string,
  content: ExportFileContent,
): Promise<SavedExportFile | null> {
  const path = await dialogs.pickSaveFile('export', defaultName);
  if (path === null) return null;
  return host.request({ type: 'saveExportFile', path, content });
}

export function textContent(text: string): ExportFileContent {
  return { encoding: 'utf8', text };
}

export function binaryContent(bytes: Uint8Array): ExportFileContent {
  return { encoding: 'base64', base64: bytesToBase64(bytes) };
}

export function bytesToBase64(bytes: Uint8Array): string {
  // String.fromCharCode takes arguments: chunks keep the argument list within engine limits.
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
