/**
 * Exporting what is on screen (issue 5 §7): the result table after one trigger, or a SQL
 * result, written by the engine from memory — never by running the query again, the
 * complaint DBeaver users keep filing (ui-anchors.md §7, (c) 9). The user picks the file
 * through `Dialogs`; the engine writes it atomically and says what it recorded.
 */
import type {
  RequestBody,
  RequestResults,
  SnapshotExportResult,
  SnapshotFormat,
  SnapshotSource,
} from '../../../engine/service/protocol';
import { copyText } from './clipboard';
import type { Dialogs } from './dialogs';

/** What the export needs of HostApi: the two snapshot requests. */
export interface SnapshotHost {
  request(
    body: Extract<RequestBody, { type: 'exportSnapshot' }>,
  ): Promise<RequestResults['exportSnapshot']>;
  request(
    body: Extract<RequestBody, { type: 'snapshotText' }>,
  ): Promise<RequestResults['snapshotText']>;
}

export interface ExportFormat {
  readonly format: SnapshotFormat;
  readonly label: string;
  readonly extension: string;
  readonly description: string;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  { format: 'csv', label: 'CSV', extension: 'csv', description: 'Comma-separated, header line, as Spark’s CSV writer' },
  { format: 'jsonl', label: 'JSON lines', extension: 'jsonl', description: 'One JSON object per row, as Spark’s JSON writer' },
  { format: 'parquet', label: 'Parquet', extension: 'parquet', description: 'Columnar, typed; the metadata goes in the file’s key-value metadata' },
  { format: 'arrow', label: 'Arrow IPC', extension: 'arrow', description: 'Arrow IPC file, typed; the metadata goes in the schema metadata' },
];

/** `activity_count-batch-3`: the name proposed for the table after trigger 3. */
export function triggerSnapshotName(queryName: string | null, batchId: number): string {
  return `${safeFileName(queryName ?? 'query')}-batch-${batchId}`;
}

/** `<base>.<ext>`, dropping an extension `base` already has from another format. */
export function exportFileName(base: string, format: SnapshotFormat): string {
  const extension = EXPORT_FORMATS.find((f) => f.format === format)!.extension;
  const known = EXPORT_FORMATS.map((f) => `.${f.extension}`).find((e) => base.endsWith(e));
  return `${known === undefined ? base : base.slice(0, -known.length)}.${extension}`;
}

/** Characters no file system takes in a name become `_`. */
export function safeFileName(name: string): string {
  const safe = [...name]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .trim();
  return safe === '' ? 'export' : safe;
}

/** Asks where to save, then exports; null when the user cancelled the file dialog. */
export async function exportSnapshot(
  host: SnapshotHost,
  dialogs: Pick<Dialogs, 'pickSaveFile'>,
  source: SnapshotSource,
  format: SnapshotFormat,
  baseName: string,
): Promise<SnapshotExportResult | null> {
  const path = await dialogs.pickSaveFile('export', exportFileName(baseName, format));
  if (path === null) return null;
  return host.request({ type: 'exportSnapshot', source, format, path });
}

/** Copies the snapshot as tab-separated text (the engine's rendering of every row). */
export async function copySnapshot(
  host: SnapshotHost,
  source: SnapshotSource,
  copy: (text: string) => Promise<unknown> = copyText,
): Promise<{ numRows: number; bytes: number }> {
  const { text, numRows } = await host.request({ type: 'snapshotText', source });
  await copy(text);
  return { numRows, bytes: new TextEncoder().encode(text).length };
}
