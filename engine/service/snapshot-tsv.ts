/**
 * A result table as tab-separated text for the clipboard: a header line of column names,
 * then one line per row, each cell as Spark's show() prints it (ToPrettyString through
 * show-string.ts: `{a, b}` structs, `[a, b]` arrays, timestamps in the session time zone,
 * doubles as Java prints them), untruncated and unpadded.
 *
 * Tabs and line breaks inside a value are written as `\t`, `\n`, `\r` (as show() escapes
 * them) so that a spreadsheet pastes exactly one row per line and one cell per column.
 */
import type { ColumnBatch } from '../batch/column-batch';
import { prettyValue } from '../batch/show-string';
import { valueAt } from '../batch/values';
import { defaultSessionTimeZone } from './session-time-zone';

export function snapshotTSV(
  batch: ColumnBatch,
  timeZone: string = defaultSessionTimeZone(),
): string {
  const fields = batch.schema.fields;
  const lines: string[] = [fields.map((f) => escapeCell(f.name)).join('\t')];
  for (let r = 0; r < batch.numRows; r++) {
    const cells: string[] = new Array(fields.length);
    for (let c = 0; c < fields.length; c++) {
      const v = valueAt(batch.columns[c], r);
      // A NULL cell is empty, the spreadsheet convention for "no value"; show()'s `NULL`
      // would paste as the text "NULL". NULLs nested inside a value keep show()'s `NULL`.
      cells[c] = v === null ? '' : escapeCell(prettyValue(v, fields[c].dataType, timeZone));
    }
    lines.push(cells.join('\t'));
  }
  return lines.join('\n');
}

function escapeCell(s: string): string {
  return /[\t\n\r]/.test(s)
    ? s.replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
}
