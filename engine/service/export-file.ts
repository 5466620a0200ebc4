/**
 * Saving what a chart or table view shows (issue 6 §4: PNG and CSV exports) to the file the
 * user picked. The page sends the bytes (it drew them); the engine writes them the way it
 * writes snapshots, atomically (atomic-file-write.ts), so a reader never sees half a PNG.
 * The host has already checked that `path` is under a folder the user granted
 * (main/request-paths.ts).
 */
import { writeFileAtomically } from './atomic-file-write';
import type { ExportFileContent, SavedExportFile } from './protocol';

/** Largest export accepted: well above a 4K chart PNG, far below anything a view shows. */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

export async function saveExportFile(
  path: string,
  content: ExportFileContent,
): Promise<SavedExportFile> {
  const bytes = exportBytes(content);
  if (bytes.length > MAX_EXPORT_BYTES)
    throw new Error(
      `Cannot save ${path}: the export is ${bytes.length} bytes, over the ${MAX_EXPORT_BYTES}-byte limit. Export fewer triggers or rows.`,
    );
  const written = await writeFileAtomically(path, (sink) => sink.write(bytes));
  return { path, bytes: written };
}

export function exportBytes(content: ExportFileContent): Uint8Array {
  if (content.encoding === 'utf8') return new TextEncoder().encode(content.text);
  if (!isBase64(content.base64))
    throw new Error(
      'saveExportFile: `content.base64` is not base64 (A–Z, a–z, 0–9, +, /, = padding).',
    );
  return new Uint8Array(Buffer.from(content.base64, 'base64'));
}

/** Buffer.from skips bad characters silently; a corrupt PNG must fail instead. */
function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}
